import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from './teams-zip.js';

// Draws the two icons a Teams app package needs, without any image tool:
//   color.png   192x192, full colour: a white shield with a check on the app colour
//   outline.png  32x32, white on transparent: the shield's outline and the check
// `npx tsx scripts/teams-icons.ts` writes them to manifest/teams/.

export const accent = [0x1f, 0x5f, 0x8b] as const; // #1F5F8B

type Shape = (x: number, y: number) => boolean;

/** The shield, in unit coordinates (0..1): flat shoulders, straight sides, a rounded point. */
const shield: Shape = (x, y) => {
  const dx = Math.abs(x - 0.5);
  if (y < 0.16 || y > 0.88) return false;
  // The top edge rises a little towards the middle.
  const top = 0.22 - 0.06 * (1 - dx / 0.32);
  if (y < top && dx < 0.32) return false;
  if (y <= 0.52) return dx <= 0.32;
  // Below the middle the sides curve in to the point at (0.5, 0.88).
  const t = (y - 0.52) / (0.88 - 0.52);
  return dx <= 0.32 * Math.sqrt(Math.max(0, 1 - t * t));
};

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

const check = (width: number): Shape => (x, y) =>
  segmentDistance(x, y, 0.36, 0.5, 0.46, 0.62) <= width || segmentDistance(x, y, 0.46, 0.62, 0.66, 0.38) <= width;

/** Renders with 4x4 supersampling; `paint` gives the colour (RGBA) of a sample point, or null for nothing. */
function render(size: number, paint: (x: number, y: number) => readonly [number, number, number, number] | null): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round(a / (n * n));
    }
  }
  return out;
}

const white = [255, 255, 255, 255] as const;
const colour = [...accent, 255] as const;

export function colorIcon(): Buffer {
  const mark = check(0.045);
  return encodePng(
    192,
    192,
    render(192, (x, y) => (mark(x, y) && shield(x, y) ? colour : shield(x, y) ? white : colour)),
  );
}

export function outlineIcon(): Buffer {
  // The outline: inside the shield but not inside a shrunken copy of it.
  const inner: Shape = (x, y) => shield(0.5 + (x - 0.5) / 0.78, 0.52 + (y - 0.52) / 0.8);
  const mark = check(0.06);
  return encodePng(32, 32, render(32, (x, y) => ((shield(x, y) && !inner(x, y)) || mark(x, y) ? white : null)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = new URL('../manifest/teams/', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  console.log('manifest/teams/color.png (192x192) en outline.png (32x32) geschreven');
}

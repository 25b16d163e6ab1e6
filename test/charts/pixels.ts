import { expect } from 'vitest';
import { PNG } from 'pngjs';

/** A decoded PNG with pixel look-ups in '#rrggbb'. */
export interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): string;
  /** True when a pixel of `colour` lies within `radius` of (x, y). */
  near(x: number, y: number, colour: string, radius?: number): boolean;
  /** How many pixels of `colour` lie in the rectangle. */
  count(colour: string, box?: { x0: number; y0: number; x1: number; y1: number }): number;
}

export function decode(png: Buffer | string): Pixels {
  const bytes = typeof png === 'string' ? Buffer.from(png, 'base64') : png;
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const image = PNG.sync.read(bytes);
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  const at = (x: number, y: number): string => {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= image.width || py >= image.height) return 'outside';
    const i = (py * image.width + px) * 4;
    return `#${hex(image.data[i]!)}${hex(image.data[i + 1]!)}${hex(image.data[i + 2]!)}`;
  };
  return {
    width: image.width,
    height: image.height,
    at,
    near(x, y, colour, radius = 1) {
      const want = colour.toLowerCase();
      for (let dy = -radius; dy <= radius; dy++) for (let dx = -radius; dx <= radius; dx++) if (at(x + dx, y + dy) === want) return true;
      return false;
    },
    count(colour, box = { x0: 0, y0: 0, x1: image.width - 1, y1: image.height - 1 }) {
      const want = colour.toLowerCase();
      let n = 0;
      for (let y = box.y0; y <= box.y1; y++) for (let x = box.x0; x <= box.x1; x++) if (at(x, y) === want) n++;
      return n;
    },
  };
}

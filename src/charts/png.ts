import { deflate, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';

// A chart has few colours: its palette plus the anti-aliased edges between
// them. Written as an indexed (palette) PNG it is a third of resvg's RGBA PNG,
// which matters where the image travels inside the message (a Teams card must
// stay under about 28 KB).

const deflateAsync = promisify(deflate);
// zlib's default level: on a chart it costs a tenth of level 9's CPU (0.8 against
// 9 ms) for 3 % more bytes (10.0 against 9.7 KB); the pixels are the same.
const DEFLATE = { level: 6 } as const;

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

interface Indexed {
  /** Filter byte and palette index per pixel, row by row: what IDAT deflates. */
  raw: Buffer;
  ihdr: Buffer;
  plte: Buffer;
}

/**
 * The palette and the index of every pixel. Up to 256 colours are kept
 * exactly; beyond that the most frequent 256 stay and every other pixel takes
 * the nearest of them (only faint anti-aliasing shades are affected).
 */
function toIndexed(rgba: Uint8Array, width: number, height: number): Indexed {
  const count = width * height;
  // One 24-bit key per pixel, computed once; a chart is long runs of one colour,
  // so the count and the lookup below remember the last key.
  const keys = new Uint32Array(count);
  const freq = new Map<number, number>();
  let runKey = -1;
  let run = 0;
  for (let i = 0, p = 0; i < count; i++, p += 4) {
    const key = (rgba[p]! << 16) | (rgba[p + 1]! << 8) | rgba[p + 2]!;
    keys[i] = key;
    if (key === runKey) {
      run++;
      continue;
    }
    if (run > 0) freq.set(runKey, (freq.get(runKey) ?? 0) + run);
    runKey = key;
    run = 1;
  }
  if (run > 0) freq.set(runKey, (freq.get(runKey) ?? 0) + run);
  const palette = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 256)
    .map(([key]) => key);
  const index = new Map<number, number>(palette.map((key, i) => [key, i]));
  const nearest = (key: number): number => {
    const r = key >> 16;
    const g = (key >> 8) & 0xff;
    const b = key & 0xff;
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach((p, i) => {
      const dr = (p >> 16) - r;
      const dg = ((p >> 8) & 0xff) - g;
      const db = (p & 0xff) - b;
      const distance = dr * dr * 3 + dg * dg * 4 + db * db * 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    });
    index.set(key, best);
    return best;
  };

  const raw = Buffer.alloc((width + 1) * height);
  let lastKey = -1;
  let lastIndex = 0;
  for (let y = 0; y < height; y++) {
    const row = y * (width + 1);
    raw[row] = 0; // filter: none (best for palette images)
    const offset = y * width;
    for (let x = 0; x < width; x++) {
      const key = keys[offset + x]!;
      if (key !== lastKey) {
        lastKey = key;
        lastIndex = index.get(key) ?? nearest(key);
      }
      raw[row + 1 + x] = lastIndex;
    }
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: palette
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((key, i) => {
    plte[i * 3] = key >> 16;
    plte[i * 3 + 1] = (key >> 8) & 0xff;
    plte[i * 3 + 2] = key & 0xff;
  });
  return { raw, ihdr, plte };
}

function assemble({ ihdr, plte }: Indexed, idat: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Encodes opaque RGBA pixels as an 8-bit palette PNG (see toIndexed for the palette). */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const indexed = toIndexed(rgba, width, height);
  return assemble(indexed, deflateSync(indexed.raw, DEFLATE));
}

/** The same bytes as encodeIndexedPng, with the compression on libuv's thread pool instead of this thread. */
export async function encodeIndexedPngAsync(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  const indexed = toIndexed(rgba, width, height);
  return assemble(indexed, await deflateAsync(indexed.raw, DEFLATE));
}

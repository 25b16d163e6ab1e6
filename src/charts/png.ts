import { deflateSync } from 'node:zlib';

// A chart has few colours: its palette plus the anti-aliased edges between
// them. Written as an indexed (palette) PNG it is a third of resvg's RGBA PNG,
// which matters where the image travels inside the message (a Teams card must
// stay under about 28 KB).

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

/**
 * Encodes opaque RGBA pixels as an 8-bit palette PNG. Up to 256 colours are
 * kept exactly; beyond that the most frequent 256 stay and every other pixel
 * takes the nearest of them (only faint anti-aliasing shades are affected).
 */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const count = width * height;
  const freq = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const key = (rgba[i * 4]! << 16) | (rgba[i * 4 + 1]! << 8) | rgba[i * 4 + 2]!;
    freq.set(key, (freq.get(key) ?? 0) + 1);
  }
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
  for (let y = 0; y < height; y++) {
    const row = y * (width + 1);
    raw[row] = 0; // filter: none (best for palette images)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const key = (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
      raw[row + 1 + x] = index.get(key) ?? nearest(key);
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
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { encodeIndexedPng, encodeIndexedPngAsync } from './png.js';

// Charts are drawn as SVG and rasterised with resvg (a Rust renderer shipped
// as a prebuilt binary inside npm packages: nothing is downloaded at install).
// Text uses the DejaVu Sans files in assets/fonts/ and nothing else: system
// fonts are not loaded, so a chart looks the same on a bare server, a laptop
// and in CI.

export const FONT_FAMILY = 'DejaVu Sans';

const fontDir = new URL('../../assets/fonts/', import.meta.url);
export const fontFiles: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => fileURLToPath(new URL(f, fontDir)));

let checked = false;
function checkFonts(): void {
  if (checked) return;
  const missing = fontFiles.filter((f) => !existsSync(f));
  // Without its font resvg would silently draw no text at all.
  if (missing.length) throw new Error(`grafiek: lettertype ontbreekt: ${missing.join(', ')}`);
  checked = true;
}

export interface Raster {
  png: Buffer;
  width: number;
  height: number;
}

const options: ResvgRenderOptions = {
  font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  background: '#ffffff',
};

/** Rasterises an SVG document to PNG with the shipped font only. */
export function rasterise(svg: string): Raster {
  checkFonts();
  const image = new Resvg(svg, options).render();
  return { png: encodeIndexedPng(image.pixels, image.width, image.height), width: image.width, height: image.height };
}

/**
 * The same PNG as `rasterise`, drawn on libuv's thread pool (resvg's
 * `renderAsync`, then zlib): this thread stays free for requests meanwhile,
 * and several charts are drawn at once on as many cores.
 */
export async function rasteriseAsync(svg: string): Promise<Raster> {
  checkFonts();
  const image = await renderAsync(svg, options);
  return { png: await encodeIndexedPngAsync(image.pixels, image.width, image.height), width: image.width, height: image.height };
}

/** Escapes text for an SVG text node or attribute. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds a coordinate to a tenth of a pixel: smaller SVG, same picture. */
export function r(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface TextOptions {
  size?: number;
  weight?: 'normal' | 'bold';
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${r(x)}"`,
    `y="${r(y)}"`,
    `font-family="${FONT_FAMILY}"`,
    `font-size="${o.size ?? 12}"`,
    o.weight === 'bold' ? 'font-weight="bold"' : '',
    `fill="${o.fill ?? '#222222'}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${esc(content)}</text>`;
}

/** A rough width of a line of DejaVu Sans, for laying out legends (it runs wide). */
export function textWidth(content: string, size = 12): number {
  return content.length * size * 0.57;
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

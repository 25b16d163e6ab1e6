import { addDays, isValidDay } from '../clock.js';
import type { Day } from './types.js';

// Dates as people type them in a chat: dd-mm-jjjj (also d-m-jjjj), jjjj-mm-dd,
// with '-', '/' or '.' as separator, and a few relative words. Two-digit years
// are refused on purpose: "03-04-26" is ambiguous and a wrong referral date
// silently shifts every deadline computed from it.

/** Years outside this window are typos in this domain (referrals, meetings). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

// A Map, not an object literal: typed words like 'constructor' must not hit
// Object.prototype.
const relative = new Map<string, number>([
  ['eergisteren', -2],
  ['gisteren', -1],
  ['vandaag', 0],
  ['morgen', 1],
  ['overmorgen', 2],
  ['yesterday', -1],
  ['today', 0],
  ['tomorrow', 1],
]);

const dayFirst = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const yearFirst = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

function toDay(y: number, m: number, d: number): Day | null {
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidDay(y, m, d)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** True for a real calendar day written 'yyyy-mm-dd' (the stored form). */
export function isDay(value: string): boolean {
  const m = isoDay.exec(value);
  return m !== null && toDay(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** A typed date, or null when it is not one (including 31-02-2026). */
export function parseDay(input: string, today: Day): Day | null {
  if (typeof input !== 'string' || input.length > 20) return null;
  const word = input.trim().toLowerCase();
  const offset = relative.get(word);
  if (offset !== undefined) return isDay(today) ? addDays(today, offset) : null;
  let m = dayFirst.exec(word);
  if (m) return toDay(Number(m[4]), Number(m[3]), Number(m[1]));
  m = yearFirst.exec(word);
  if (m) return toDay(Number(m[1]), Number(m[3]), Number(m[4]));
  return null;
}

/**
 * Shaped like a date (digits and separators, or a date word) whether or not it
 * is a valid one. Where a date is optional, such a token is reported as a bad
 * date instead of being swallowed into a name or free text.
 */
export function looksLikeDate(input: string): boolean {
  const word = input.trim().toLowerCase();
  return relative.has(word) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(word);
}

const time = /^(\d{1,2})[:.](\d{2})$/;

/** 'hh:mm', 'h:mm' or 'hh.mm' between 00:00 and 23:59, normalised to 'hh:mm'. */
export function parseTime(input: string): string | null {
  if (typeof input !== 'string' || input.length > 10) return null;
  const m = time.exec(input.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

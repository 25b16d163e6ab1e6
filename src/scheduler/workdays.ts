import { addDays, weekdayOf } from '../clock.js';
import type { Day } from '../commands/types.js';

// Working days for the acknowledgement deadlines of signals: Monday to Friday,
// without Dutch public holidays. The holidays are computed, not listed, so
// they hold for every year.
//
// Choices (documented in src/scheduler/README.md):
// - Counted: Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Bevrijdingsdag,
//   Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag. Pasen and
//   Pinksteren fall on a Sunday and are counted for completeness.
// - Bevrijdingsdag (5 May) counts every year by default: youth-protection
//   work does not stop, but offices of the GI's mostly close, and a deadline
//   that lands on a closed office day is not a fair deadline. Option.
// - Goede Vrijdag does not count by default: it is no general day off in the
//   Netherlands (most collective agreements, and the government, work).
//   Option.

export interface HolidayOptions {
  /** Bevrijdingsdag (5 May) every year. Default true. */
  liberationDay?: boolean;
  /** Goede Vrijdag (the Friday before Easter). Default false. */
  goodFriday?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayString = (y: number, m: number, d: number): Day => `${y}-${pad(m)}-${pad(d)}`;

/** Easter Sunday (Gregorian), by the anonymous computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayString(year, month, day);
}

/** Koningsdag: 27 April, or 26 April when the 27th is a Sunday (since 2014; Koninginnedag 30 April before). */
export function kingsDay(year: number): Day {
  if (year < 2014) {
    const queens = dayString(year, 4, 30);
    return weekdayOf(queens) === 7 ? dayString(year, 4, 29) : queens;
  }
  const kings = dayString(year, 4, 27);
  return weekdayOf(kings) === 7 ? dayString(year, 4, 26) : kings;
}

export interface Holiday {
  day: Day;
  name: string;
}

const cache = new Map<string, Holiday[]>();

/** The Dutch public holidays of a year, in date order. */
export function dutchHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const liberation = options.liberationDay ?? true;
  const goodFriday = options.goodFriday ?? false;
  const cacheKey = `${year}:${liberation}:${goodFriday}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { day: dayString(year, 1, 1), name: 'Nieuwjaarsdag' },
    { day: easter, name: 'Eerste Paasdag' },
    { day: addDays(easter, 1), name: 'Tweede Paasdag' },
    { day: kingsDay(year), name: 'Koningsdag' },
    { day: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { day: addDays(easter, 49), name: 'Eerste Pinksterdag' },
    { day: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { day: dayString(year, 12, 25), name: 'Eerste Kerstdag' },
    { day: dayString(year, 12, 26), name: 'Tweede Kerstdag' },
  ];
  if (goodFriday) list.push({ day: addDays(easter, -2), name: 'Goede Vrijdag' });
  if (liberation) list.push({ day: dayString(year, 5, 5), name: 'Bevrijdingsdag' });
  list.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
  cache.set(cacheKey, list);
  return list;
}

export function isHoliday(day: Day, options: HolidayOptions = {}): boolean {
  const year = Number(day.slice(0, 4));
  return dutchHolidays(year, options).some((h) => h.day === day);
}

/** Monday to Friday, and no public holiday. */
export function isWorkday(day: Day, options: HolidayOptions = {}): boolean {
  return weekdayOf(day) <= 5 && !isHoliday(day, options);
}

/**
 * The `n`th working day after `day` (n >= 1). `day` itself never counts, so a
 * signal filed on Friday with 2 working days is due on Tuesday, and one filed
 * on Saturday also on Tuesday.
 */
const workdayCache = new Map<string, Day>();

export function addWorkdays(day: Day, n: number, options: HolidayOptions = {}): Day {
  const key = `${day}|${n}|${options.liberationDay ?? true}|${options.goodFriday ?? false}`;
  const hit = workdayCache.get(key);
  if (hit) return hit;
  if (workdayCache.size >= 20_000) workdayCache.clear();
  const result = countWorkdays(day, n, options);
  workdayCache.set(key, result);
  return result;
}

function countWorkdays(day: Day, n: number, options: HolidayOptions): Day {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkday(current, options)) left--;
  }
  return current;
}

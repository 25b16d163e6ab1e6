import { addDays, dayOf, formatTime, localParts, timeZone, weekdayOf, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { Settings } from '../config.js';

/**
 * Reminders that fall due on a day (the 7-day overleg reminder, the weekly
 * overdue start, silence, SPIC 11) go out at this local time, at the start of
 * the working day, half an hour after the Monday digest.
 */
export const REMINDER_TIME = '09:00';

// Zone arithmetic goes through Intl and costs microseconds; a sweep over many
// cases asks for the same days over and over. These caches are bounded and
// keyed by the zone, so a change of zone never reuses an old answer.

const MAX_CACHE = 20_000;
const wallCache = new Map<string, number>();
const dayCache = new Map<number, Day>();
const clockCache = new Map<number, string>();
const offsetCache = new Map<number, number>();
let cachedZone = '';

/** The caches hold answers for one zone; a change of zone empties them. */
function zone(): string {
  const tz = timeZone();
  if (tz !== cachedZone) {
    wallCache.clear();
    dayCache.clear();
    clockCache.clear();
    offsetCache.clear();
    cachedZone = tz;
  }
  return tz;
}

function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, value);
  return value;
}

/** `zonedTime`, remembered: the moment of a local wall-clock time on a day. */
export function wallTime(day: Day, time = '00:00'): Date {
  const tz = zone();
  return new Date(remember(wallCache, `${day}|${time}`, () => zonedTime(day, time, tz).getTime()));
}

/** The moment a day-based reminder falls due, in the configured zone (DST-aware). */
export function morningOf(day: Day): Date {
  return wallTime(day, REMINDER_TIME);
}

/** Every real zone offset is a multiple of 15 minutes, so a moment's day is that of its quarter hour. */
const QUARTER = 15 * 60_000;

const DAY_MS = 86_400_000;

/** The zone's offset from UTC at a moment, in ms (Intl: microseconds a call). */
function offsetAt(ms: number, tz: string): number {
  const p = localParts(new Date(ms), tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The zone's offset for a whole UTC day, or NaN on a day the clocks change
 * (twice a year). At most a few hundred entries for a year of history, where a
 * cache per quarter hour would need 35,000.
 */
function dayOffset(utcDay: number, tz: string): number {
  return remember(offsetCache, utcDay, () => {
    const first = offsetAt(utcDay * DAY_MS, tz);
    return first === offsetAt((utcDay + 1) * DAY_MS - 1000, tz) ? first : Number.NaN;
  });
}

/** `dayOf`, by arithmetic on the day's offset; through Intl only on a day the clocks change. */
export function dayAt(at: Date): Day {
  const tz = zone();
  const ms = at.getTime();
  const offset = dayOffset(Math.floor(ms / DAY_MS), tz);
  if (Number.isNaN(offset)) {
    const bucket = Math.floor(ms / QUARTER);
    return remember(dayCache, bucket, () => dayOf(new Date(bucket * QUARTER), tz));
  }
  const local = new Date(ms + offset);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
}

/** The Monday of the ISO week `day` is in. */
export function mondayOf(day: Day): Day {
  return addDays(day, 1 - weekdayOf(day));
}

/** ISO 8601 week of a day: '2026-W14'. The week belongs to the year of its Thursday. */
export function isoWeek(day: Day): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const week1Monday = mondayOf(jan4);
  const [y1, m1, d1] = week1Monday.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = thursday.split('-').map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
  const week = Math.floor(days / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const digestDays: Record<Settings['DIGEST_DAY'], number> = {
  maandag: 1,
  dinsdag: 2,
  woensdag: 3,
  donderdag: 4,
  vrijdag: 5,
  zaterdag: 6,
  zondag: 7,
};

export interface DigestMoment {
  /** The digest day of the current ISO week. */
  day: Day;
  at: Date;
  week: string;
}

/** This week's digest moment (DIGEST_DAY at DIGEST_TIME, local time), whether past or not. */
export function digestMomentOf(now: Date, settings: Pick<Settings, 'DIGEST_DAY' | 'DIGEST_TIME'>): DigestMoment {
  const day = addDays(mondayOf(dayOf(now)), digestDays[settings.DIGEST_DAY] - 1);
  return { day, at: zonedTime(day, settings.DIGEST_TIME), week: isoWeek(day) };
}

/**
 * The same local wall-clock time as `at`, on `day`, to the millisecond:
 * 10:15:30 on a Friday becomes 10:15:30 on the Tuesday, whatever the clocks
 * did in between. Within a quarter hour no clock ever jumps, so the time of
 * day of the quarter's start is remembered and the rest added.
 */
export function sameTimeOn(day: Day, at: Date): Date {
  zone();
  const bucket = Math.floor(at.getTime() / QUARTER);
  const clock = remember(clockCache, bucket, () => formatTime(new Date(bucket * QUARTER)));
  return new Date(wallTime(day, clock).getTime() + (at.getTime() - bucket * QUARTER));
}

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of a calendar day, remembered (a digest asks this for every case). */
export function dayNumber(day: Day): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    n = Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
    if (dayNumbers.size >= MAX_CACHE) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
}

/** Whole days from `a` to `b` (b - a), as daysBetween in clock.ts, remembered. */
export function daysFrom(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

const plusCache = new Map<string, Day>();

/** `addDays`, remembered. */
export function plusDays(day: Day, n: number): Day {
  return remember(plusCache, `${day}|${n}`, () => addDays(day, n));
}

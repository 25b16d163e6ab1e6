/** A calendar day in the configured zone (Europe/Amsterdam), 'yyyy-mm-dd'. */
export type Day = string;

/** Injected everywhere time matters, so tests can step through weeks. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// The one time module: every date operation of regiebot goes through here,
// one name per operation. A calendar day is a 'yyyy-mm-dd' string; moments
// are Dates; local wall-clock times are those of the configured zone.
//
// Zone arithmetic through Intl costs microseconds and a sweep or digest asks
// for the same days over and over, so the hot operations are remembered in
// bounded caches. Those that depend on the zone are emptied when it changes.

const MAX_CACHE = 20_000;
const zoneCaches: Array<Map<unknown, unknown>> = [];

/** A bounded cache; `perZone` ones are emptied by setTimeZone. */
function cache<K, V>(perZone: boolean): (key: K, compute: () => V) => V {
  const map = new Map<K, V>();
  if (perZone) zoneCaches.push(map as Map<unknown, unknown>);
  return (key, compute) => {
    const hit = map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (map.size >= MAX_CACHE) map.clear();
    map.set(key, value);
    return value;
  };
}

let zone = 'Europe/Amsterdam';
export function setTimeZone(tz: string): void {
  if (tz !== zone) for (const c of zoneCaches) c.clear();
  zone = tz;
}
export function timeZone(): string {
  return zone;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formats.set(tz, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(at: Date, tz = zone): LocalParts {
  const out: Record<string, string> = {};
  for (const p of partsFormat(tz).formatToParts(at)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: weekdays[out.weekday ?? 'Mon'] ?? 1,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

// ---------------------------------------------------------------- calendar days

const dayNumbers = cache<Day, number>(false);

/** Days since 1970-01-01 of a calendar day (a digest asks this for every case). */
export function dayNumber(day: Day): number {
  return dayNumbers(day, () => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Math.round(Date.UTC(y, m - 1, d) / DAY);
  });
}

/** The calendar day of a day number (dayNumber's inverse; a fraction counts as its day). */
export function dayFromNumber(n: number): Day {
  const t = new Date(Math.floor(n) * DAY);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function addDays(day: Day, n: number): Day {
  return dayFromNumber(dayNumber(day) + n);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

/** 1 = Monday … 7 = Sunday (1970-01-01, day number 0, was a Thursday). */
export function weekdayOf(day: Day): number {
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the ISO week `day` is in. */
export function mondayOf(day: Day): Day {
  return addDays(day, 1 - weekdayOf(day));
}

/** The ISO 8601 week number of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekNumber(day: Day): number {
  const thursday = dayNumber(day) - weekdayOf(day) + 4;
  const year = dayFromNumber(thursday).slice(0, 4);
  return Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
}

/** ISO 8601 week of a day: '2026-W14'. The week belongs to the year of its Thursday. */
export function isoWeek(day: Day): string {
  const year = addDays(mondayOf(day), 3).slice(0, 4);
  return `${year}-W${pad(isoWeekNumber(day))}`;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

// ---------------------------------------------------------------- moments in the zone

/** Every real zone offset is a multiple of 15 minutes, so a moment's day is that of its quarter hour. */
const QUARTER = 15 * MINUTE;

/** The zone's offset from UTC at a moment, in ms. */
function offsetAt(ms: number, tz: string): number {
  const p = localParts(new Date(ms), tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The zone's offset for a whole UTC day, or NaN on a day the clocks change
 * (twice a year). At most a few hundred entries for a year of history, where a
 * cache per quarter hour would need 35,000.
 */
const dayOffsets = cache<number, number>(true);
const changeDays = cache<number, Day>(true);

function intlDayOf(at: Date, tz: string): Day {
  const p = localParts(at, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The calendar day of a moment in the zone: by arithmetic on the day's offset, through Intl only on a day the clocks change. */
export function dayOf(at: Date, tz = zone): Day {
  if (tz !== zone) return intlDayOf(at, tz);
  const ms = at.getTime();
  const utcDay = Math.floor(ms / DAY);
  const offset = dayOffsets(utcDay, () => {
    const first = offsetAt(utcDay * DAY, tz);
    return first === offsetAt((utcDay + 1) * DAY - 1000, tz) ? first : Number.NaN;
  });
  if (Number.isNaN(offset)) {
    const bucket = Math.floor(ms / QUARTER);
    return changeDays(bucket, () => intlDayOf(new Date(bucket * QUARTER), tz));
  }
  return dayFromNumber((ms + offset) / DAY);
}

function intlZonedTime(day: Day, time: string, tz: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset, also on the days the clocks change.
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(at), tz);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    at = at - (asUtc - guess);
  }
  return at;
}

const wallTimes = cache<string, number>(true);

/** The moment a local wall-clock time happens in the zone (DST-aware), remembered for the configured zone. */
export function zonedTime(day: Day, time = '00:00', tz = zone): Date {
  if (tz !== zone) return new Date(intlZonedTime(day, time, tz));
  return new Date(wallTimes(`${day}|${time}`, () => intlZonedTime(day, time, tz)));
}

const quarterClocks = cache<number, string>(true);

/**
 * The same local wall-clock time as `at`, on `day`, to the millisecond:
 * 10:15:30 on a Friday becomes 10:15:30 on the Tuesday, whatever the clocks
 * did in between. Within a quarter hour no clock ever jumps, so the time of
 * day of the quarter's start is remembered and the rest added.
 */
export function sameTimeOn(day: Day, at: Date): Date {
  const bucket = Math.floor(at.getTime() / QUARTER);
  const clock = quarterClocks(bucket, () => formatTime(new Date(bucket * QUARTER)));
  return new Date(zonedTime(day, clock).getTime() + (at.getTime() - bucket * QUARTER));
}

// ---------------------------------------------------------------- as users read them

/** 'dd-mm-jjjj' as users read a date. */
export function formatDay(day: Day): string {
  const [y, m, d] = day.split('-');
  return `${d}-${m}-${y}`;
}

/** 'dd-mm-jjjj hh:mm' in the configured zone. */
export function formatMoment(at: Date, tz = zone): string {
  const p = localParts(at, tz);
  return `${pad(p.day)}-${pad(p.month)}-${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

export function formatTime(at: Date, tz = zone): string {
  const p = localParts(at, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

import { dayFromNumber, dayNumber, dayOf, localParts } from '../clock.js';
import type { Day } from '../commands/types.js';
import { chartTexts } from './texts.js';

// Time on a chart's x axis is counted in calendar days of the configured zone
// (Europe/Amsterdam), so ticks fall on local midnights whatever the server's
// own zone is, and summer time never shifts a point.

/** A moment as a fractional day number: its local day plus the local time of day. */
export function momentNumber(at: Date): number {
  const p = localParts(at);
  return dayNumber(dayOf(at)) + (p.hour * 60 + p.minute) / 1440;
}

export interface Tick {
  /** A (whole) day number. */
  at: number;
  label: string;
}

/** '2 mrt', with the year when asked: '2 mrt 2026'. */
export function shortDate(day: Day, withYear = false): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${chartTexts().months[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/**
 * Date ticks for a span of day numbers, at most `max` of them: month starts
 * ('mrt', 'jan 2027') for spans over ten weeks, otherwise days or Mondays
 * ('2 mrt'). The first tick and each change of year carry the year.
 */
export function dateTicks(start: number, end: number, max = 8): Tick[] {
  const months = chartTexts().months;
  const first = Math.ceil(start);
  const last = Math.floor(end);
  const ticks: Tick[] = [];
  if (end - start > 70) {
    const starts: Array<{ at: number; y: number; m: number }> = [];
    for (let n = first; n <= last; n++) {
      const day = dayFromNumber(n);
      if (day.endsWith('-01')) starts.push({ at: n, y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)) });
    }
    const step = [1, 2, 3, 4, 6, 12].find((s) => starts.filter((t) => (t.m - 1) % s === 0).length <= max) ?? 12;
    const chosen = starts.filter((t) => (t.m - 1) % step === 0);
    chosen.forEach((t, i) => {
      const withYear = i === 0 || t.m === 1 || chosen[i - 1]?.y !== t.y;
      ticks.push({ at: t.at, label: `${months[t.m - 1]}${withYear ? ` ${t.y}` : ''}` });
    });
    return ticks;
  }
  const span = last - first + 1;
  const step = [1, 2, 3, 7, 14].find((s) => Math.ceil(span / s) <= max) ?? 14;
  let n = first;
  if (step >= 7) {
    // Mondays: 1970-01-01 was a Thursday, so day number 4 is a Monday.
    while ((((n - 4) % 7) + 7) % 7 !== 0) n++;
  }
  let previousYear: string | undefined;
  for (; n <= last; n += step) {
    const day = dayFromNumber(n);
    const year = day.slice(0, 4);
    ticks.push({ at: n, label: shortDate(day, year !== previousYear) });
    previousYear = year;
  }
  return ticks;
}

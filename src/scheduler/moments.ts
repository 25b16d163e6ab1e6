import { addDays, dayOf, weekdayOf, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { Settings } from '../config.js';

/**
 * Reminders that fall due on a day (the 7-day overleg reminder, the weekly
 * overdue start, silence, SPIC 11) go out at this local time, at the start of
 * the working day, half an hour after the Monday digest.
 */
export const REMINDER_TIME = '09:00';

/** The moment a day-based reminder falls due, in the configured zone (DST-aware). */
export function morningOf(day: Day): Date {
  return zonedTime(day, REMINDER_TIME);
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

import { zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';

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

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  dayOf,
  daysBetween,
  formatTime,
  localParts,
  sameTimeOn,
  setTimeZone,
  timeZone,
  zonedTime,
} from '../../src/clock.js';

// dayOf in the configured zone is fast: arithmetic on the zone's offset per
// UTC day, Intl only on the days the clocks change. It must agree with the
// plain Intl answer (dayOf for another zone, or localParts) everywhere, also
// in zones with odd offsets and DST rules; the other remembered helpers with
// plain Date.UTC arithmetic.

const pad = (n: number) => String(n).padStart(2, '0');
/** The day of a moment straight from Intl, without the offset arithmetic or caches. */
function intlDay(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);

const zones = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'];
const original = timeZone();

afterEach(() => setTimeZone(original));

describe('dayOf in the configured zone', () => {
  for (const tz of zones) {
    it(`agrees with dayOf on random moments, ${tz}`, () => {
      setTimeZone(tz);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }), (ms) => {
          expect(dayOf(new Date(ms))).toBe(intlDay(new Date(ms), tz));
        }),
        { numRuns: 5_000 },
      );
    });
  }

  it('agrees with dayOf on every minute of the 2026 DST days in Amsterdam and Lord Howe', () => {
    for (const [tz, days] of [
      ['Europe/Amsterdam', ['2026-03-29', '2026-10-25']],
      ['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']],
    ] as const) {
      setTimeZone(tz);
      for (const day of days) {
        const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
        for (let ms = start; ms < start + 3 * 86_400_000; ms += 60_000) expect(dayOf(new Date(ms)), new Date(ms).toISOString()).toBe(intlDay(new Date(ms), tz));
      }
    }
  });

  it('follows a change of zone', () => {
    const at = new Date('2026-06-30T23:30:00Z');
    setTimeZone('UTC');
    expect(dayOf(at)).toBe('2026-06-30');
    setTimeZone('Europe/Amsterdam');
    expect(dayOf(at)).toBe('2026-07-01');
  });
});

const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
const moment = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2032, 0, 1) }).map((ms) => new Date(ms));

describe('remembered time helpers', () => {
  it('agree with plain Date.UTC and Intl arithmetic', () => {
    fc.assert(
      fc.property(moment, day, day, fc.integer({ min: -400, max: 400 }), (at, a, b, n) => {
        expect(daysBetween(a, b)).toBe(Math.round((utc(b) - utc(a)) / 86_400_000));
        expect(addDays(a, n)).toBe(new Date(utc(a) + n * 86_400_000).toISOString().slice(0, 10));
        const nine = zonedTime(a, '09:00');
        expect(intlDay(nine, timeZone())).toBe(a);
        expect(formatTime(nine)).toBe('09:00');
        const same = sameTimeOn(b, at);
        expect(formatTime(same)).toBe(formatTime(zonedTime(b, formatTime(at))));
        expect(same.getTime() % 60_000).toBe(at.getTime() % 60_000);
      }),
      { numRuns: 500 },
    );
  });
});

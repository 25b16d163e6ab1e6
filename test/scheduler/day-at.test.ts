import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dayOf, setTimeZone, timeZone } from '../../src/clock.js';
import { dayAt } from '../../src/scheduler/moments.js';

// dayAt is the fast dayOf of the scheduler and the digest: arithmetic on the
// zone's offset per UTC day, Intl only on the days the clocks change. It must
// agree with dayOf everywhere, also in zones with odd offsets and DST rules.

const zones = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'];
const original = timeZone();

afterEach(() => setTimeZone(original));

describe('dayAt', () => {
  for (const tz of zones) {
    it(`agrees with dayOf on random moments, ${tz}`, () => {
      setTimeZone(tz);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }), (ms) => {
          expect(dayAt(new Date(ms))).toBe(dayOf(new Date(ms), tz));
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
        for (let ms = start; ms < start + 3 * 86_400_000; ms += 60_000) expect(dayAt(new Date(ms)), new Date(ms).toISOString()).toBe(dayOf(new Date(ms), tz));
      }
    }
  });

  it('follows a change of zone', () => {
    const at = new Date('2026-06-30T23:30:00Z');
    setTimeZone('UTC');
    expect(dayAt(at)).toBe('2026-06-30');
    setTimeZone('Europe/Amsterdam');
    expect(dayAt(at)).toBe('2026-07-01');
  });
});

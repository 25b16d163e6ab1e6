import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlegFrom } from '../../src/cases/attention.js';
import { addDays, dayOf, daysBetween, formatTime, zonedTime } from '../../src/clock.js';
import { nextOverleg } from '../../src/meetings/model.js';
import { dayAt, daysFrom, plusDays, sameTimeOn, wallTime } from '../../src/scheduler/moments.js';


// The set-based "what needs attention" must agree with the per-case rules
// the case card uses, and the remembered time helpers with the plain ones.

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
const moment = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2032, 0, 1) }).map((ms) => new Date(ms));

describe('overlegFrom', () => {
  it('equals nextOverleg of meetings/model.ts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('verbinden', 'ondersteunen', 'borgen'),
        fc.constantFrom('open', 'closed'),
        moment,
        fc.option(day, { nil: undefined }),
        fc.option(moment, { nil: undefined }),
        fc.array(fc.option(day, { nil: undefined }), { maxLength: 3 }),
        fc.integer({ min: 1, max: 90 }),
        (phase, status, phaseSince, heldOn, plannedAt, starts, interval) => {
          const kase = { phase, status, phaseSince } as const;
          const refs = starts.map((s) => ({ startedOn: s ?? null }));
          const expected = nextOverleg(kase, heldOn ? { heldOn } : undefined, plannedAt ? { plannedAt } : undefined, refs, interval);
          const firstStart = starts.filter((s): s is string => Boolean(s)).sort()[0];
          const got = overlegFrom(kase, heldOn, plannedAt, firstStart, interval);
          expect(got.next).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('remembered time helpers', () => {
  it('agree with the clock module', () => {
    fc.assert(
      fc.property(moment, day, day, fc.integer({ min: -400, max: 400 }), (at, a, b, n) => {
        expect(dayAt(at)).toBe(dayOf(at));
        expect(daysFrom(a, b)).toBe(daysBetween(a, b));
        expect(plusDays(a, n)).toBe(addDays(a, n));
        expect(wallTime(a, '09:00').getTime()).toBe(zonedTime(a, '09:00').getTime());
        const same = sameTimeOn(b, at);
        expect(formatTime(same)).toBe(formatTime(zonedTime(b, formatTime(at))));
        expect(same.getTime() % 60_000).toBe(at.getTime() % 60_000);
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { renderTeamChart, teamColours as c, teamWeeksChart, TEAM_HEIGHT, TEAM_WIDTH, type TeamWeek } from '../../src/charts/team.js';
import { addDays } from '../../src/clock.js';
import { isoWeekNumber } from '../../src/clock.js';
import { decode } from './pixels.js';

const open = [3, 4, 4, 6, 5, 5, 3, 2, 2, 4, 5, 5];
const late = [1, 1, 2, 2, 2, 1, 0, 0, 0, 1, 2, 3];
const weeks: TeamWeek[] = open.map((o, i) => ({ weekStart: addDays('2026-01-05', 7 * i), openSignals: o, overdueStarts: late[i]! }));

describe('the digest team chart', () => {
  const chart = renderTeamChart(weeks);
  const img = decode(chart.png);
  const g = chart.geometry;

  it('is a small PNG of the stated size', () => {
    expect([img.width, img.height]).toEqual([TEAM_WIDTH, TEAM_HEIGHT]);
    expect(chart.png.length).toBeLessThan(14_000);
  });

  it('draws both series week by week where the counts say', () => {
    expect(g.openSignals).toHaveLength(12);
    for (let i = 0; i < 12; i++) {
      expect(img.at(g.openSignals[i]!.x, g.openSignals[i]!.y), `open week ${i}`).toBe(c.openSignals.toLowerCase());
      // The square of the late starts peeks out under the circle even where both are equal.
      expect(img.near(g.overdueStarts[i]!.x + 4, g.overdueStarts[i]!.y + 4, c.overdueStarts, 1), `late week ${i}`).toBe(true);
      if (i > 0) {
        const a = g.openSignals[i - 1]!;
        const b = g.openSignals[i]!;
        expect(img.near((a.x + b.x) / 2, (a.y + b.y) / 2, c.openSignals, 1)).toBe(true);
      }
    }
    // 6 open signals in week 4 sit six counts above the zero line.
    expect(g.openSignals[3]!.y).toBeCloseTo(g.y(6), 0);
    expect(g.y(6)).toBeLessThan(g.y(0));
    expect(g.openSignals[1]!.x).toBeGreaterThan(g.openSignals[0]!.x);
  });

  it('labels the weeks', () => {
    expect(chart.svg).toContain('>wk 2<');
    expect(chart.svg).toContain('>wk 13<');
  });

  it('returns base64 and a Dutch text alternative for the digest', () => {
    const { png, alt } = teamWeeksChart(weeks);
    expect(decode(png).width).toBe(TEAM_WIDTH);
    expect(alt).toBe(
      'Grafiek: open signalen en te late starts per week over 12 weken, van week 2 (05-01-2026) tot en met week 13 (23-03-2026). ' +
        'Open signalen: van 3 naar 5, het hoogst in week 5 (6). Te late starts: van 1 naar 3, het hoogst in week 13 (3).',
    );
  });

  it('says so when a count never moved, and draws a quiet team at zero', () => {
    const quiet = weeks.map((w) => ({ ...w, openSignals: 0, overdueStarts: 0 }));
    const { png, alt } = teamWeeksChart(quiet);
    expect(alt).toContain('Open signalen: elke week 0.');
    expect(alt).toContain('Te late starts: elke week 0.');
    const chartQuiet = renderTeamChart(quiet);
    const p = chartQuiet.geometry.openSignals[5]!;
    expect(decode(png).at(p.x, p.y)).toBe(c.openSignals.toLowerCase());
    expect(p.y).toBeCloseTo(chartQuiet.geometry.plot.bottom, 0);
  });

  it('throws on no weeks at all', () => {
    expect(() => teamWeeksChart([])).toThrow(RangeError);
  });
});

describe('ISO week numbers', () => {
  it('follow ISO 8601 across year ends', () => {
    expect(isoWeekNumber('2026-01-05')).toBe(2);
    expect(isoWeekNumber('2026-01-01')).toBe(1);
    expect(isoWeekNumber('2025-12-29')).toBe(1);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(isoWeekNumber('2021-01-03')).toBe(53);
    expect(isoWeekNumber('2024-12-30')).toBe(1);
    expect(isoWeekNumber('2026-03-23')).toBe(13);
  });
});

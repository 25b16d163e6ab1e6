import { describe, expect, it } from 'vitest';
import { renderSafetyChart, safetyColours as c, SAFETY_HEIGHT, SAFETY_WIDTH, type SafetyChartInput } from '../../src/charts/safety.js';
import { readFileSync } from 'node:fs';
import { dayNumber } from '../../src/clock.js';
import { dateTicks } from '../../src/charts/days.js';
import { fontFiles } from '../../src/charts/render.js';
import { decode } from './pixels.js';

// Scores at 10:00 Amsterdam time, three weeks apart, with a dip under the 6.
const input: SafetyChartInput = {
  code: 'TST-100',
  scores: [
    { at: new Date('2026-01-12T09:00:00Z'), actueel: 4, blijvend: 2 },
    { at: new Date('2026-02-02T09:00:00Z'), actueel: 3, blijvend: 1 },
    { at: new Date('2026-02-23T09:00:00Z'), actueel: 6, blijvend: 4 },
    { at: new Date('2026-03-16T09:00:00Z'), actueel: 8, blijvend: 5 },
    { at: new Date('2026-04-06T09:00:00Z'), actueel: 9, blijvend: 7 },
  ],
  meetings: ['2026-02-16', '2026-03-30', '2025-12-01'],
  signals: [{ at: new Date('2026-01-28T15:00:00Z') }],
};

describe('the safety chart', () => {
  const chart = renderSafetyChart(input);
  const img = decode(chart.png);
  const g = chart.geometry;

  it('is a PNG of the stated size, small enough to travel inside a Teams card', () => {
    expect(img.width).toBe(SAFETY_WIDTH);
    expect(img.height).toBe(SAFETY_HEIGHT);
    expect(chart.width).toBe(800);
    expect(chart.png.length).toBeLessThan(18_000);
  });

  it('puts higher scores higher and later scores further right, inside the plot', () => {
    expect(g.y(10)).toBeLessThan(g.y(6));
    expect(g.y(6)).toBeLessThan(g.y(0));
    for (const series of [g.actueel, g.blijvend]) {
      for (let i = 1; i < series.length; i++) expect(series[i]!.x).toBeGreaterThan(series[i - 1]!.x);
      for (const p of series) {
        expect(p.x).toBeGreaterThan(g.plot.left);
        expect(p.x).toBeLessThan(g.plot.right);
        expect(p.y).toBeGreaterThanOrEqual(g.plot.top);
        expect(p.y).toBeLessThanOrEqual(g.plot.bottom);
      }
    }
    // Actueel 9 against blijvend 7 at the last score: 2 of 10 points apart on a 224 px axis.
    const last = g.actueel.length - 1;
    expect(g.blijvend[last]!.y - g.actueel[last]!.y).toBeCloseTo(((g.plot.bottom - g.plot.top) * 2) / 10, 0);
  });

  it('draws each score in its series colour where the data says', () => {
    input.scores.forEach((s, i) => {
      expect(img.at(g.actueel[i]!.x, g.actueel[i]!.y), `actueel ${s.actueel}`).toBe(c.actueel.toLowerCase());
      expect(img.at(g.blijvend[i]!.x, g.blijvend[i]!.y), `blijvend ${s.blijvend}`).toBe(c.blijvend.toLowerCase());
    });
  });

  it('draws the lines between the scores, and nothing of a series far from it', () => {
    for (const [series, colour] of [
      [g.actueel, c.actueel],
      [g.blijvend, c.blijvend],
    ] as const) {
      for (let i = 1; i < series.length; i++) {
        const a = series[i - 1]!;
        const b = series[i]!;
        // A quarter and three quarters along each segment: past the markers, on the line.
        for (const f of [0.3, 0.7]) expect(img.near(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f, colour, 1), `segment ${i} at ${f}`).toBe(true);
      }
      // In the column of each score the series colour stays near that score.
      for (const p of series) {
        for (let y = g.plot.top; y <= g.plot.bottom; y++) {
          if (img.at(p.x, y) === colour.toLowerCase()) expect(Math.abs(y - p.y), `column ${p.x}`).toBeLessThanOrEqual(7);
        }
      }
    }
  });

  it('draws the band at 6: the norm line, the zone under it shaded, white above', () => {
    const x = g.plot.left + 5; // left of the first score, right of the axis labels
    expect(Math.round(g.y(6))).toBe(g.normY);
    expect(img.at(x, g.normY)).toBe(c.norm.toLowerCase());
    expect(img.at(x, g.normY - 1)).toBe(c.norm.toLowerCase());
    expect(img.at(x, g.y(3))).toBe(c.band.toLowerCase());
    expect(img.at(x, g.y(9))).toBe('#ffffff');
    // The line runs the width of the plot.
    expect(img.count(c.norm, { x0: g.plot.left, y0: g.normY - 1, x1: g.plot.right, y1: g.normY })).toBeGreaterThan((g.plot.right - g.plot.left) * 1.5);
  });

  it('marks the overleggen held and the signals under the plot; earlier ones are left out', () => {
    expect(g.meetings).toHaveLength(2);
    expect(g.signals).toHaveLength(1);
    for (const m of g.meetings) expect(img.at(m.x, m.y + 2)).toBe(c.overleg.toLowerCase());
    expect(img.at(g.signals[0]!.x, g.signals[0]!.y)).toBe(c.signaal.toLowerCase());
    // The overleg of 16-02 lies between the scores of 02-02 and 23-02.
    expect(g.meetings[0]!.x).toBeGreaterThan(g.actueel[1]!.x);
    expect(g.meetings[0]!.x).toBeLessThan(g.actueel[2]!.x);
    expect(g.markerY).toBeGreaterThan(g.plot.bottom);
  });

  it('writes its text with the shipped font (dark title pixels), identically every time', () => {
    const dark = (() => {
      let n = 0;
      for (let y = 8; y < 34; y++)
        for (let x = 10; x < 260; x++) {
          const px = img.at(x, y);
          if (parseInt(px.slice(1, 3), 16) < 90 && parseInt(px.slice(3, 5), 16) < 90) n++;
        }
      return n;
    })();
    expect(dark).toBeGreaterThan(150);
    expect(chart.svg).toContain('Veiligheid TST-100');
    expect(chart.svg).toContain('12-01-2026 tot 06-04-2026');
    expect(renderSafetyChart(input).png.equals(chart.png)).toBe(true);
  });

  it('ships its own TrueType font files', () => {
    expect(fontFiles.map((f) => f.split('/').pop())).toEqual(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']);
    for (const f of fontFiles) expect(readFileSync(f).subarray(0, 4).toString('hex')).toBe('00010000');
  });

  it('labels the axis with Dutch months', () => {
    expect(chart.svg).toContain('>feb 2026<');
    expect(chart.svg).toContain('>mrt<');
    expect(chart.svg).toContain('>apr<');
  });

  it('refuses to draw fewer than two scores', () => {
    expect(() => renderSafetyChart({ ...input, scores: input.scores.slice(0, 1) })).toThrow(RangeError);
  });

  it('still draws two scores on the same day, apart', () => {
    const same = renderSafetyChart({
      code: 'TST-101',
      scores: [
        { at: new Date('2026-03-02T08:00:00Z'), actueel: 2, blijvend: 2 },
        { at: new Date('2026-03-02T14:00:00Z'), actueel: 7, blijvend: 5 },
      ],
      meetings: [],
      signals: [],
    });
    const [a, b] = same.geometry.actueel;
    expect(b!.x - a!.x).toBeGreaterThan(20);
    expect(decode(same.png).at(b!.x, b!.y)).toBe(c.actueel.toLowerCase());
  });
});

describe('date ticks', () => {
  const n = dayNumber;
  it('uses Dutch month abbreviations, with the year on the first and at January', () => {
    expect(dateTicks(n('2025-10-20'), n('2026-04-20')).map((t) => t.label)).toEqual(['nov 2025', 'dec', 'jan 2026', 'feb', 'mrt', 'apr']);
    expect(dateTicks(n('2026-01-01'), n('2026-12-31')).map((t) => t.label)).toEqual(['jan 2026', 'mrt', 'mei', 'jul', 'sep', 'nov']);
    expect(dateTicks(n('2026-01-01'), n('2026-12-31')).map((t) => t.label)).not.toContain('Mar');
  });
  it('uses days or Mondays for short spans', () => {
    expect(dateTicks(n('2026-03-02'), n('2026-03-05')).map((t) => t.label)).toEqual(['2 mrt 2026', '3 mrt', '4 mrt', '5 mrt']);
    const weeks = dateTicks(n('2026-03-04'), n('2026-04-20'));
    expect(weeks[0]!.label).toBe('9 mrt 2026');
    expect(weeks.map((t) => t.label)).toContain('6 apr');
  });
});

import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/charts/sparkline.js';
import { scoreSparklines } from '../../src/safety/chart.js';

describe('sparkline', () => {
  it('draws scores on the absolute 0-10 scale, one block per value', () => {
    expect(sparkline([0, 10])).toBe('▁█');
    expect(sparkline([3, 4, 6, 6, 8])).toBe('▃▄▅▅▇');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    // Under the norm and at it look different.
    expect(sparkline([5, 6])).toBe('▄▅');
    expect(sparkline([])).toBe('');
  });
  it('clamps values outside the scale and leaves a gap for a missing one', () => {
    expect(sparkline([-3, 14, Number.NaN, 2])).toBe('▁█ ▂');
  });
  it('takes another scale', () => {
    expect(sparkline([0, 50, 100], [0, 100])).toBe('▁▄█');
  });
  it('gives the card one line for both scores, none with fewer than two', () => {
    expect(
      scoreSparklines([
        { actueel: 3, blijvend: 2 },
        { actueel: 5, blijvend: 2 },
        { actueel: 7, blijvend: 4 },
      ]),
    ).toBe('actueel ▃▄▆ · blijvend ▂▂▄');
    expect(scoreSparklines([{ actueel: 3, blijvend: 2 }])).toBeUndefined();
  });
});

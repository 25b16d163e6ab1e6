import { afterAll, describe, expect, it } from 'vitest';
import { ChartPool } from '../../src/charts/pool.js';
import { teamWeeksChart, teamWeeksChartAsync, type TeamWeek } from '../../src/charts/team.js';
import { addDays } from '../../src/clock.js';

// Issue 19: the digest's charts are rasterised in a pool of worker threads.
// What is posted must not change: the pool's PNG is the main thread's PNG,
// byte for byte, whether a thread drew it or the pool fell back.

/** Twelve weeks of invented counts, different per seed. */
function weeksOf(seed: number): TeamWeek[] {
  return Array.from({ length: 12 }, (_, i) => ({
    weekStart: addDays('2026-09-07', 7 * i),
    openSignals: (seed * 7 + i * 3) % 23,
    overdueStarts: (seed + i * 5) % 9,
  }));
}

const pools: ChartPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('the chart pool', () => {
  it('draws in its threads, at most its size at once, the same bytes as the main thread', async () => {
    const pool = new ChartPool(2);
    pools.push(pool);
    const sets = Array.from({ length: 9 }, (_, i) => weeksOf(i));
    // All at once: more charts than threads, so some wait in the queue.
    const drawn = await Promise.all(sets.map((w) => teamWeeksChartAsync(w, pool)));
    drawn.forEach((chart, i) => expect(chart).toEqual(teamWeeksChart(sets[i]!)));
    expect(new Set(drawn.map((c) => c.png)).size).toBe(9);
    // None was drawn on this thread: the pool's threads did the work.
    expect(pool.fallbacks).toBe(0);
    expect(pool.threadCount).toBeLessThanOrEqual(2);
    expect(pool.threadCount).toBeGreaterThan(0);
  });

  it('draws on this thread, with the same bytes, when a thread cannot start', async () => {
    const pool = new ChartPool(2, { url: new URL('./no-such-worker.js', import.meta.url) });
    pools.push(pool);
    const sets = [weeksOf(11), weeksOf(12), weeksOf(13)];
    const drawn = await Promise.all(sets.map((w) => teamWeeksChartAsync(w, pool)));
    drawn.forEach((chart, i) => expect(chart).toEqual(teamWeeksChart(sets[i]!)));
    expect(pool.fallbacks).toBe(3);
    // And it stays there: no thread is tried again for every chart.
    expect(await teamWeeksChartAsync(weeksOf(14), pool)).toEqual(teamWeeksChart(weeksOf(14)));
    expect(pool.threadCount).toBe(0);
  });

  it('a pool of size 0 draws everything on this thread', async () => {
    const pool = new ChartPool(0);
    expect(await teamWeeksChartAsync(weeksOf(3), pool)).toEqual(teamWeeksChart(weeksOf(3)));
    expect(pool.fallbacks).toBe(1);
  });
});

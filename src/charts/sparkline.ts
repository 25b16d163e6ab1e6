// A one-line picture of a few numbers, for places that take text only (the
// case card). The scale is absolute, 0-10 for safety scores by default, so a
// flat line at 3 looks low and a flat line at 8 looks high.

const levels = '▁▂▃▄▅▆▇█';

export function sparkline(values: number[], domain: readonly [number, number] = [0, 10]): string {
  const [min, max] = domain;
  const span = max - min || 1;
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      const f = Math.min(1, Math.max(0, (v - min) / span));
      // Halves round down: on the 0-10 scale a 5 and a 6 (the norm) stay apart.
      return levels[Math.ceil(f * (levels.length - 1) - 0.5)];
    })
    .join('');
}

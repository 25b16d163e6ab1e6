import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatDay, isoWeekNumber } from '../clock.js';
import type { Day } from '../commands/types.js';
import { chartPool, type ChartPool } from './pool.js';
import { r, rasterise, svgDocument, text, textWidth } from './render.js';
import { chartTexts } from './texts.js';
import type { Point } from './safety.js';

// The digest's team chart: open signals and overdue starts, week by week.

export const teamColours = {
  openSignals: '#0072B2',
  overdueStarts: '#D55E00',
  grid: '#E3E3E3',
  axis: '#8A8A8A',
} as const;

export const TEAM_WIDTH = 640;
export const TEAM_HEIGHT = 260;

export interface TeamWeek {
  /** The Monday the week starts. */
  weekStart: Day;
  openSignals: number;
  overdueStarts: number;
}

export interface TeamGeometry {
  plot: { left: number; right: number; top: number; bottom: number };
  openSignals: Point[];
  overdueStarts: Point[];
  y(count: number): number;
}

export interface TeamChart {
  png: Buffer;
  width: number;
  height: number;
  svg: string;
  geometry: TeamGeometry;
}

export function weekNumber(day: Day): number {
  return isoWeekNumber(day);
}

export function renderTeamChart(weeks: TeamWeek[]): TeamChart {
  const drawn = drawTeamChart(weeks);
  return { ...rasterise(drawn.svg), ...drawn };
}

/** The SVG of the team chart and where its points are. */
function drawTeamChart(weeksIn: TeamWeek[]): { svg: string; geometry: TeamGeometry } {
  if (weeksIn.length === 0) throw new RangeError('a team chart needs at least one week');
  const weeks = [...weeksIn].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  const t = chartTexts();
  const W = TEAM_WIDTH;
  const H = TEAM_HEIGHT;
  const c = teamColours;
  const plot = { left: 40, right: W - 18, top: 68, bottom: H - 40 };
  const top = Math.max(1, ...weeks.map((w) => Math.max(w.openSignals, w.overdueStarts)));
  const y = scaleLinear().domain([0, top]).nice().range([plot.bottom, plot.top]);
  const inner = { left: plot.left + 18, right: plot.right - 18 };
  const x = (i: number) => (weeks.length === 1 ? (inner.left + inner.right) / 2 : inner.left + (i * (inner.right - inner.left)) / (weeks.length - 1));

  const out: string[] = [];
  out.push(text(14, 24, t.teamTitle, { size: 15, weight: 'bold', fill: '#111111' }));
  const range = `${formatDay(weeks[0]!.weekStart)} – ${formatDay(weeks.at(-1)!.weekStart)}`;
  out.push(text(W - 14, 24, range, { size: 11, fill: '#555555', anchor: 'end' }));

  // Legend.
  const legendY = 42;
  let lx = 14;
  out.push(`<line x1="${lx}" y1="${legendY}" x2="${lx + 22}" y2="${legendY}" stroke="${c.openSignals}" stroke-width="3"/>`);
  out.push(`<circle cx="${lx + 11}" cy="${legendY}" r="4" fill="${c.openSignals}"/>`);
  lx += 28;
  out.push(text(lx, legendY + 4, t.openSignals, { size: 11, fill: '#333333' }));
  lx += textWidth(t.openSignals, 11) + 20;
  out.push(`<line x1="${lx}" y1="${legendY}" x2="${lx + 22}" y2="${legendY}" stroke="${c.overdueStarts}" stroke-width="3"/>`);
  out.push(`<rect x="${lx + 7}" y="${legendY - 4}" width="8" height="8" fill="${c.overdueStarts}"/>`);
  lx += 28;
  out.push(text(lx, legendY + 4, t.overdueStarts, { size: 11, fill: '#333333' }));

  // Grid and counts on the y axis (whole numbers only).
  const yTicks = y.ticks(Math.min(5, y.domain()[1]!)).filter((v) => Number.isInteger(v));
  for (const v of yTicks) {
    const gy = Math.round(y(v)) + 0.5;
    out.push(`<line x1="${plot.left}" y1="${gy}" x2="${plot.right}" y2="${gy}" stroke="${v === 0 ? c.axis : c.grid}" stroke-width="1"/>`);
    out.push(text(plot.left - 8, y(v) + 4, String(v), { size: 11, anchor: 'end', fill: '#555555' }));
  }

  // Week labels: every week while they fit, else every other one.
  const every = weeks.length > 14 ? Math.ceil(weeks.length / 14) : 1;
  weeks.forEach((w, i) => {
    if (i % every !== 0 && i !== weeks.length - 1) return;
    const label = t.week(weekNumber(w.weekStart));
    const wx = Math.min(Math.max(x(i), textWidth(label, 10) / 2 + 2), W - textWidth(label, 10) / 2 - 2);
    out.push(text(wx, plot.bottom + 18, label, { size: 10, anchor: 'middle', fill: '#444444' }));
  });

  const pointsOf = (key: 'openSignals' | 'overdueStarts'): Point[] => weeks.map((w, i) => ({ x: r(x(i)), y: r(y(w[key])) }));
  const openSignals = pointsOf('openSignals');
  const overdueStarts = pointsOf('overdueStarts');
  const path = line<Point>()
    .x((p) => p.x)
    .y((p) => p.y);
  // Overdue starts under, wider, so a week where both counts are equal still
  // shows both colours.
  out.push(`<path d="${path(overdueStarts)}" fill="none" stroke="${c.overdueStarts}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const p of overdueStarts) out.push(`<rect x="${r(p.x - 5.5)}" y="${r(p.y - 5.5)}" width="11" height="11" fill="${c.overdueStarts}"/>`);
  out.push(`<path d="${path(openSignals)}" fill="none" stroke="${c.openSignals}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const p of openSignals) out.push(`<circle cx="${p.x}" cy="${p.y}" r="3.5" fill="${c.openSignals}"/>`);

  return { svg: svgDocument(W, H, out), geometry: { plot, openSignals, overdueStarts, y: (v) => y(v) } };
}

/** The text alternative of the team chart: what a screen reader or a notification reads. */
export function teamWeeksAlt(weeksIn: TeamWeek[]): string {
  const weeks = [...weeksIn].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  const t = chartTexts();
  const firstWeek = weeks[0]!;
  const lastWeek = weeks.at(-1)!;
  const series = (label: string, key: 'openSignals' | 'overdueStarts'): string => {
    const values = weeks.map((w) => w[key]);
    const peak = Math.max(...values);
    if (values.every((v) => v === values[0])) return t.seriesFlat(label, values[0]!);
    const peakWeek = weeks[values.indexOf(peak)]!;
    return t.seriesAlt(label, values[0]!, values.at(-1)!, peak, weekNumber(peakWeek.weekStart));
  };
  return [
    t.teamAlt(weeks.length, weekNumber(firstWeek.weekStart), formatDay(firstWeek.weekStart), weekNumber(lastWeek.weekStart), formatDay(lastWeek.weekStart)),
    series(t.openSignals, 'openSignals'),
    series(t.overdueStarts, 'overdueStarts'),
  ].join(' ');
}

/**
 * The digest's team chart, ready for a Message's `image`: the PNG as base64
 * and its text alternative. `weeks` oldest first or not, at least one (the
 * digest passes twelve); throws a RangeError on none.
 */
export function teamWeeksChart(weeks: TeamWeek[]): { png: string; alt: string } {
  const chart = renderTeamChart(weeks);
  return { png: chart.png.toString('base64'), alt: teamWeeksAlt(weeks) };
}

/** The same as `teamWeeksChart`, rasterised in the chart pool's threads (pool.ts): this thread draws only the SVG. */
export async function teamWeeksChartAsync(weeks: TeamWeek[], pool: ChartPool = chartPool()): Promise<{ png: string; alt: string }> {
  const png = await pool.rasterise(drawTeamChart(weeks).svg);
  return { png: png.toString('base64'), alt: teamWeeksAlt(weeks) };
}

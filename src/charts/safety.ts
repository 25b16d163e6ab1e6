import { scaleLinear } from 'd3-scale';
import { line, symbol, symbolDiamond, symbolTriangle } from 'd3-shape';
import { dayFromNumber, dayNumber, formatDay } from '../clock.js';
import type { Day } from '../commands/types.js';
import { dateTicks, momentNumber } from './days.js';
import { r, rasterise, svgDocument, text, textWidth } from './render.js';
import { chartTexts } from './texts.js';

// The safety chart: Actuele and Blijvende Veiligheid of one case over time,
// the zone under the 6 a safety plan must hold, and markers for the overleggen
// held and the signals of kind veiligheid or incident.

/** The colours, exported so tests can look for them (Okabe-Ito, colour-blind safe). */
export const safetyColours = {
  actueel: '#0072B2',
  blijvend: '#E69F00',
  /** The zone under the norm. */
  band: '#FBE4DE',
  /** The line at 6. */
  norm: '#D55E00',
  overleg: '#555555',
  signaal: '#A50F15',
  grid: '#E3E3E3',
  axis: '#8A8A8A',
} as const;

export const SAFETY_WIDTH = 800;
export const SAFETY_HEIGHT = 380;
const NORM = 6;

export interface SafetyChartInput {
  code: string;
  /** Oldest first; at least two. */
  scores: Array<{ at: Date; actueel: number; blijvend: number }>;
  /** Days an overleg was held. */
  meetings: Day[];
  /** Signals of kind veiligheid or incident. */
  signals: Array<{ at: Date }>;
}

export interface Point {
  x: number;
  y: number;
}

/** Where things were drawn, for tests and for anyone overlaying the image. */
export interface SafetyGeometry {
  plot: { left: number; right: number; top: number; bottom: number };
  /** The row of the overleg and signal markers, under the plot. */
  markerY: number;
  /** The pixel row of the line at 6. */
  normY: number;
  actueel: Point[];
  blijvend: Point[];
  meetings: Point[];
  signals: Point[];
  /** The x of a moment. */
  x(at: Date | Day): number;
  /** The y of a score. */
  y(score: number): number;
}

export interface SafetyChart {
  png: Buffer;
  width: number;
  height: number;
  svg: string;
  geometry: SafetyGeometry;
}

const position = (at: Date | Day): number => (typeof at === 'string' ? dayNumber(at) + 0.5 : momentNumber(at));

export function renderSafetyChart(input: SafetyChartInput): SafetyChart {
  if (input.scores.length < 2) throw new RangeError('a safety chart needs at least two scores');
  const t = chartTexts();
  const W = SAFETY_WIDTH;
  const H = SAFETY_HEIGHT;
  const c = safetyColours;
  const plot = { left: 48, right: W - 24, top: 92, bottom: 316 };
  const markerY = plot.bottom + 18;

  const scores = [...input.scores].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = position(scores[0]!.at);
  const lastScore = position(scores.at(-1)!.at);
  // Markers before the first score are left out; later ones stretch the axis.
  const meetings = input.meetings.map(position).filter((p) => p >= Math.floor(first));
  const signals = input.signals.map((s) => position(s.at)).filter((p) => p >= Math.floor(first));
  let start = first;
  let end = Math.max(lastScore, ...meetings, ...signals);
  if (end - start < 2) {
    const mid = (start + end) / 2;
    start = mid - 1;
    end = mid + 1;
  }
  const x = scaleLinear().domain([start, end]).range([plot.left + 16, plot.right - 16]);
  const y = scaleLinear().domain([0, 10]).range([plot.bottom, plot.top]);
  const normY = Math.round(y(NORM));

  const out: string[] = [];
  // Title, subtitle.
  out.push(text(16, 28, t.safetyTitle(input.code), { size: 17, weight: 'bold', fill: '#111111' }));
  out.push(text(16, 48, t.safetySubtitle(formatDay(dayFromNumber(first)), formatDay(dayFromNumber(lastScore))), { size: 12, fill: '#555555' }));

  // Legend.
  const legendY = 72;
  let lx = 16;
  const legendText = (label: string) => {
    out.push(text(lx, legendY + 4, label, { size: 11, fill: '#333333' }));
    lx += textWidth(label, 11) + 18;
  };
  out.push(`<line x1="${lx}" y1="${legendY}" x2="${lx + 22}" y2="${legendY}" stroke="${c.actueel}" stroke-width="3"/>`);
  out.push(`<circle cx="${lx + 11}" cy="${legendY}" r="4" fill="${c.actueel}"/>`);
  lx += 28;
  legendText(t.actueel);
  out.push(`<line x1="${lx}" y1="${legendY}" x2="${lx + 22}" y2="${legendY}" stroke="${c.blijvend}" stroke-width="3"/>`);
  out.push(`<rect x="${lx + 7}" y="${legendY - 4}" width="8" height="8" fill="${c.blijvend}"/>`);
  lx += 28;
  legendText(t.blijvend);
  out.push(`<rect x="${lx}" y="${legendY - 6}" width="22" height="12" fill="${c.band}"/>`);
  out.push(`<line x1="${lx}" y1="${legendY - 6}" x2="${lx + 22}" y2="${legendY - 6}" stroke="${c.norm}" stroke-width="2"/>`);
  lx += 28;
  legendText(t.norm);
  out.push(`<path transform="translate(${lx + 6},${legendY})" d="${symbol(symbolTriangle, 70)()}" fill="${c.overleg}"/>`);
  lx += 16;
  legendText(t.overleg);
  out.push(`<path transform="translate(${lx + 6},${legendY})" d="${symbol(symbolDiamond, 70)()}" fill="${c.signaal}"/>`);
  lx += 16;
  legendText(t.signaal);

  // The zone under the norm, the grid, the y axis labels.
  out.push(`<rect x="${plot.left}" y="${normY}" width="${plot.right - plot.left}" height="${plot.bottom - normY}" fill="${c.band}"/>`);
  for (let v = 0; v <= 10; v += 2) {
    const gy = Math.round(y(v)) + 0.5;
    if (v !== NORM && v !== 0) out.push(`<line x1="${plot.left}" y1="${gy}" x2="${plot.right}" y2="${gy}" stroke="${c.grid}" stroke-width="1"/>`);
    const isNorm = v === NORM;
    out.push(text(plot.left - 8, y(v) + 4, String(v), { size: 11, anchor: 'end', fill: isNorm ? c.norm : '#555555', weight: isNorm ? 'bold' : 'normal' }));
  }

  // Date ticks on the x axis.
  const ticks = dateTicks(start, end);
  for (const tick of ticks) {
    const tx = Math.round(x(tick.at)) + 0.5;
    if (tx < plot.left || tx > plot.right) continue;
    out.push(`<line x1="${tx}" y1="${plot.bottom}" x2="${tx}" y2="${plot.bottom + 5}" stroke="${c.axis}" stroke-width="1"/>`);
    const lxTick = Math.min(Math.max(tx, plot.left + textWidth(tick.label, 11) / 2), plot.right - textWidth(tick.label, 11) / 2);
    out.push(text(lxTick, plot.bottom + 48, tick.label, { size: 11, anchor: 'middle', fill: '#444444' }));
  }

  // Guides from the markers up through the plot.
  const meetingPoints = meetings.map((p) => ({ x: r(x(p)), y: markerY }));
  const signalPoints = signals.map((p) => ({ x: r(x(p)), y: markerY }));
  for (const p of meetingPoints) out.push(`<line x1="${p.x}" y1="${plot.top}" x2="${p.x}" y2="${plot.bottom}" stroke="#A8A8A8" stroke-width="1" stroke-dasharray="4 3"/>`);
  for (const p of signalPoints) out.push(`<line x1="${p.x}" y1="${plot.top}" x2="${p.x}" y2="${plot.bottom}" stroke="#E59A8F" stroke-width="1" stroke-dasharray="2 3"/>`);

  // The norm line and the axis.
  out.push(`<line x1="${plot.left}" y1="${normY}" x2="${plot.right}" y2="${normY}" stroke="${c.norm}" stroke-width="2"/>`);
  out.push(`<line x1="${plot.left}" y1="${plot.bottom + 0.5}" x2="${plot.right}" y2="${plot.bottom + 0.5}" stroke="${c.axis}" stroke-width="1"/>`);

  // The two series: blijvend under, actueel (what the plan must hold) on top.
  const pointsOf = (key: 'actueel' | 'blijvend'): Point[] => scores.map((s) => ({ x: r(x(position(s.at))), y: r(y(s[key])) }));
  const actueel = pointsOf('actueel');
  const blijvend = pointsOf('blijvend');
  const path = line<Point>()
    .x((p) => p.x)
    .y((p) => p.y);
  out.push(`<path d="${path(blijvend)}" fill="none" stroke="${c.blijvend}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const p of blijvend) out.push(`<rect x="${r(p.x - 4.5)}" y="${r(p.y - 4.5)}" width="9" height="9" fill="${c.blijvend}" stroke="#ffffff" stroke-width="1.5"/>`);
  out.push(`<path d="${path(actueel)}" fill="none" stroke="${c.actueel}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const p of actueel) out.push(`<circle cx="${p.x}" cy="${p.y}" r="5" fill="${c.actueel}" stroke="#ffffff" stroke-width="1.5"/>`);

  // Markers in their row under the plot.
  for (const p of meetingPoints) out.push(`<path transform="translate(${p.x},${p.y})" d="${symbol(symbolTriangle, 90)()}" fill="${c.overleg}"/>`);
  for (const p of signalPoints) out.push(`<path transform="translate(${p.x},${p.y})" d="${symbol(symbolDiamond, 90)()}" fill="${c.signaal}"/>`);

  const svg = svgDocument(W, H, out);
  const raster = rasterise(svg);
  return {
    ...raster,
    svg,
    geometry: {
      plot,
      markerY,
      normY,
      actueel,
      blijvend,
      meetings: meetingPoints,
      signals: signalPoints,
      x: (at) => x(position(at)),
      y: (score) => y(score),
    },
  };
}

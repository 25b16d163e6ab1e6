// Server-side charts: SVG built with d3-scale/d3-shape, rasterised by resvg
// with the font shipped in assets/fonts/. See render.ts.

export { rasterise, FONT_FAMILY, fontFiles } from './render.js';
export { encodeIndexedPng } from './png.js';
export { sparkline } from './sparkline.js';
export { renderSafetyChart, safetyColours, SAFETY_WIDTH, SAFETY_HEIGHT, type SafetyChart, type SafetyChartInput, type SafetyGeometry } from './safety.js';
export { renderTeamChart, teamWeeksChart, teamWeeksAlt, teamColours, TEAM_WIDTH, TEAM_HEIGHT, type TeamWeek, type TeamChart } from './team.js';
export { dateTicks, shortDate } from './days.js';

// A child process that builds the weekly digest of every team in a generated
// database, as the digest rule does on Monday morning. Prints one JSON line.
//
//   text:   buildDigest for all teams (the digest's text; what /digest and
//           the sweep compute), twice: the first pass includes preparing the
//           statements (what a fresh process pays), the second is warm
//   posted: digestWithChart (the text plus the twelve-week team chart, what
//           the sweep posts), team by team until --budget-ms is spent; when
//           not all teams fit, the total is extrapolated from those done
//
// CPU is given for the whole process and for its main thread alone (the one
// that answers requests; the chart pool's threads work beside it).
//
// Usage: tsx bench/children/digest.ts --db <file> --now <iso> [--budget-ms 60000] [--chart-threads n]

import { asc } from 'drizzle-orm';
import { openDatabase } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { setTimeZone } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { buildDigest } from '../../src/digests/build.js';
import { digestWithChart } from '../../src/digests/chart.js';
import { resizeChartPool } from '../../src/charts/pool.js';
import { arg, mainThreadCpuMs, peakRssMb, rssMb } from './util.js';

const file = arg('db');
const nowArg = arg('now');
const budgetMs = Number(arg('budget-ms') ?? '60000');
const chartThreads = arg('chart-threads');
// 0: the charts are drawn as before the pool (resvg on libuv's threads, the palette pass on this one).
if (chartThreads !== undefined) await resizeChartPool(Number(chartThreads));
if (!file || !nowArg) throw new Error('usage: digest.ts --db <file> --now <iso> [--budget-ms <n>]');
const now = new Date(nowArg);
const settings = loadSettings({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
setTimeZone(settings.TIMEZONE);
const db = await openDatabase(settings.DATABASE_URL);
const all = await db.q.select().from(teams).orderBy(asc(teams.id));
const baselineRssMb = rssMb();

async function pass() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let lines = 0;
  let slowestMs = 0;
  for (const team of all) {
    const t = performance.now();
    lines += (await buildDigest(db.q, team, now, settings)).lines?.length ?? 0;
    slowestMs = Math.max(slowestMs, performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    teams: all.length,
    lines,
    slowestTeamMs: Math.round(slowestMs * 10) / 10,
  };
}

async function posted() {
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const started = performance.now();
  let done = 0;
  let pngBytes = 0;
  for (const team of all) {
    const message = await digestWithChart(db.q, team, now, settings);
    pngBytes += message.image?.png.length ?? 0;
    done++;
    if (performance.now() - started > budgetMs) break;
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    teamsDone: done,
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    mainThreadCpuMs: mainThreadCpuMs() - mainCpu,
    msPerTeam: Math.round((ms / done) * 10) / 10,
    /** All teams: measured when all were done, else extrapolated from those done. */
    totalMs: Math.round((ms / done) * all.length),
    extrapolated: done < all.length,
    pngBytes,
  };
}

const first = await pass();
const second = await pass();
const withChart = await posted();
await db.close();
process.stdout.write(`${JSON.stringify({ baselineRssMb, first, second, posted: withChart, peakRssMb: peakRssMb() })}\n`);

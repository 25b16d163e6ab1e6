// A child process that opens a generated database and runs the scheduler's
// sweep, as the app's cron tick does, with a ManualClock. Prints one JSON
// line: times, deliveries by kind, and the process's resident memory.
//
//   --mode prime   fills the delivery ledger as a bot that ran until --now
//                  would have: every key due then is claimed (nothing is
//                  written to the outbox), and the due moments (the
//                  backfill of src/scheduler/due.ts). The history the generator wrote
//                  has no ledger; this gives it one.
//   --mode first   one sweep at --now: it delivers what fell due since the
//                  ledger was primed (bench/run.ts primes it two hours
//                  earlier: the first sweep after a restart or a deploy)
//   --mode steady  sweeps one, two, three minutes after --now: nothing new
//                  is due (a few signals may pass a deadline in between);
//                  stops early once --budget-ms is spent
//
// Usage: tsx bench/children/sweep.ts --db <file> --now <iso> --mode prime|first|steady [--budget-ms 20000]

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../db/connection.js';
import { ManualClock, setTimeZone } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { ensureFilled } from '../../src/scheduler/due.js';
import { claim } from '../../src/scheduler/ledger.js';
import type { SweepReport } from '../../src/scheduler/sweep.js';
import { rules, timedWork } from '../../src/scheduled.js';
import { createScheduler } from '../../src/scheduler/tick.js';
import { arg, peakRssMb, rssMb } from './util.js';

const file = arg('db');
const nowArg = arg('now');
const mode = arg('mode') ?? 'steady';
const budgetMs = Number(arg('budget-ms') ?? '20000');
if (!file || !nowArg) throw new Error('usage: sweep.ts --db <file> --now <iso> --mode prime|first|steady');
const now = new Date(nowArg);

const settings = loadSettings({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
setTimeZone(settings.TIMEZONE);
const log = createLogger('warn');
const clock = new ManualClock(now);
const t0 = performance.now();
const db = await openDatabase(settings.DATABASE_URL);
const openMs = performance.now() - t0;
const scheduler = createScheduler({ db, settings, clock, log }, timedWork);
const baselineRssMb = rssMb();

function byKind(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of keys) {
    const kind = key.slice(0, key.indexOf(':'));
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

async function timed(at: Date) {
  clock.set(at);
  // The longest the event loop waited during the sweep: what a request arriving then would wait for (Slack allows 3 s).
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report: SweepReport = await scheduler.sweep();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  lag.disable();
  return {
    maxStallMs: Math.round(lag.max / 1e6),
    looked: report.looked,
    deferred: report.deferred,
    ms: Math.round(ms * 10) / 10,
    cpuMs: Math.round((used.user + used.system) / 100) / 10,
    delivered: report.delivered.length,
    failed: report.failed,
    byKind: byKind(report.delivered),
    peakRssMb: peakRssMb(),
  };
}

const out: Record<string, unknown> = { mode, openMs: Math.round(openMs), baselineRssMb };
if (mode === 'prime') {
  const started = performance.now();
  const keys: string[] = [];
  const byRule: Record<string, number> = {};
  for (const rule of rules) {
    const items = await rule.due(db.q, now, settings, {});
    byRule[rule.name] = items.length;
    for (const item of items) keys.push(item.key, ...(item.supersedes ?? []));
  }
  await db.tx(async (tx) => {
    for (const key of keys) await claim(tx, key, now);
  });
  // A bot that ran until --now had its due moments kept all along: the backfill gives them.
  const filled = performance.now();
  await ensureFilled(db, rules, now, settings);
  out.fillMs = Math.round(performance.now() - filled);
  out.ms = Math.round(performance.now() - started);
  out.claimed = keys.length;
  out.byRule = byRule;
} else if (mode === 'first') {
  out.first = await timed(now);
  // A wave (the 09:00 reminders of a backlog) is spread over sweeps a minute apart, each within its budget.
  const wave = [out.first as Awaited<ReturnType<typeof timed>>];
  for (let i = 1; wave.at(-1)!.deferred && i <= 60; i++) wave.push(await timed(new Date(now.getTime() + i * 60_000)));
  if (wave.length > 1) {
    out.wave = {
      sweeps: wave.length,
      delivered: wave.reduce((n, r) => n + r.delivered, 0),
      ms: Math.round(wave.reduce((n, r) => n + r.ms, 0)),
      maxStallMs: Math.max(...wave.map((r) => r.maxStallMs)),
      peakRssMb: peakRssMb(),
    };
  }
} else {
  const runs = [];
  const started = performance.now();
  for (let i = 1; i <= 3; i++) {
    runs.push(await timed(new Date(now.getTime() + i * 60_000)));
    if (performance.now() - started > budgetMs) break;
  }
  out.steady = runs;
}
out.peakRssMb = peakRssMb();
await scheduler.stop();
await db.close();
process.stdout.write(`${JSON.stringify(out)}\n`);

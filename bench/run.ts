// `npm run bench`: regiebot's performance benchmark (issue 6). It generates
// invented data, measures, prints a table of every figure beside its goal and
// writes bench/results.json. See docs/performance.md for what each figure
// means and the numbers of the last run.
//
//   npm run bench                      the full run (a few minutes)
//   npm run bench -- --quick           a smoke run: small sizes, short loads
//   npm run bench -- --only ack,burst,throughput --work-thread off   the core on the acknowledging thread
//   npm run bench -- --only sweep,digest
//                                      sections: ack, burst, throughput, modal, sweep, digest, cold, stall, outbox
//   npm run bench -- --only throughput --postgres postgres://postgres@127.0.0.1:5432/test
//                                      ack, burst, throughput and modal run the app on
//                                      that server: the generated data is copied
//                                      into a fresh schema, dropped at the end
//   npm run bench -- --only throughput --drain-timeout-s 300
//                                      after the load, wait for the backlog as
//                                      long as it shrinks; give up when it has
//                                      not shrunk for that long (default 60
//                                      quick, 120 full; 30 min at most)
//   npm run bench -- --keep            keep the temporary databases and logs
//   npm run bench -- --now 2026-11-30T11:50:00Z --data-dir /tmp/bench-data
//                                      keep the generated databases in that
//                                      folder and reuse them on the next run
//                                      with the same --now (100,000 cases take
//                                      minutes to generate)
//   npm run bench -- --slack-latency-ms 100
//                                      the fake Slack answers after that long
//                                      (default 0: loopback speed)
//   npm run bench -- --now 2026-11-23T09:30:00Z
//                                      the moment the data is generated around
//                                      (default: now; cold start always runs on
//                                      the real clock, so keep the default there)
//
// The servers under test (the real app as `npm start` runs it, node on the
// build in dist/, which this run makes first; and a bare Bolt app) and the
// fake Slack Web API each run in a child process; the load generator runs in
// this one. Everything listens on 127.0.0.1 only.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { ACK_BUDGET_MS } from '../adapters/slack/index.js';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describeUrl, openDatabase } from '../db/connection.js';
import { copyDatabase } from '../db/copy.js';
import { parsePostgresUrl } from '../db/postgres.js';
import { caseChannel, haOf, TEAMS, type GenerateResult } from './generate.js';
import { signalForm } from '../src/signals/service.js';
import { renderForm } from '../adapters/slack/forms.js';
import { keepAliveAgent, runLoad, slashCommandBody, viewSubmissionBody, type LoadResult } from './load.js';
import { buildApp, countOf, outboxCounts, processCpuMs, repo, runScript, sleep, spawnApp, startApp, startBareBolt, startFakeSlack, stop, stopAll, tsxBin, waitDrained, type AppStart, type OneShot, type Store } from './procs.js';

// ---------------------------------------------------------------- settings

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const keep = flag('keep');
const only = new Set((option('only') ?? 'ack,burst,throughput,modal,sweep,digest,cold,stall,outbox').split(',').map((s) => s.trim()));
const now = new Date(option('now') ?? Math.floor(Date.now() / 1000) * 1000);
const slackLatencyMs = Number(option('slack-latency-ms') ?? '0');
/** `--postgres <url>`: the server the ack, burst, throughput and modal sections run the app on (SQLite otherwise). */
const postgres = option('postgres');
if (postgres !== undefined && !/^postgres(ql)?:\/\//.test(postgres)) throw new Error('--postgres postgres://user@host:5432/database');
const onDb = postgres ? 'PostgreSQL' : 'SQLite';
/** The figures of those sections name the server when it is not the default, so the two runs' tables are not confused. */
const onPg = postgres ? ' on PostgreSQL' : '';
/** `--work-thread on|off`: the app with its core on a worker thread (the default of npm start) or all on one thread. */
const workThread = option('work-thread');
if (workThread !== undefined) {
  if (!['on', 'off'].includes(workThread)) throw new Error('--work-thread on|off');
  // The apps the bench spawns inherit the environment.
  process.env.WORK_THREAD = workThread === 'on' ? '1' : '0';
}

const plan = quick
  ? {
      sizes: [1000, 5000],
      sweepSizes: [1000, 5000],
      digestSizes: [1000, 5000],
      digestGoalSize: 5000,
      digestBudgetMs: 8_000,
      ackSize: 1000,
      coldSize: 5000,
      stall: { size: 5000, concurrency: 5, durationMs: 15_000 },
      ack: { levels: [1, 10, 50], warmMs: 500, measureMs: 2000, rounds: 1, maxRequests: 100_000 },
      throughput: { concurrency: 50, durationMs: 5000, maxCommands: 2000, drainTimeoutMs: 60_000 },
      modal: { levels: [1, 10], busyConcurrency: 10, warmMs: 500, measureMs: 3000, leadMs: 1000, maxRequests: 100_000 },
      sweep: { childTimeoutMs: 120_000, steadyBudgetMs: 5000, catchUpHours: 2 },
      cold: { runs: 1, timeoutMs: 120_000 },
      outbox: { busy: 8, channels: 50, perChannel: 5 },
    }
  : {
      sizes: [1000, 10_000, 50_000, 100_000],
      sweepSizes: [1000, 10_000, 100_000],
      digestSizes: [1000, 10_000, 50_000, 100_000],
      digestGoalSize: 50_000,
      digestBudgetMs: 20_000,
      ackSize: 1000,
      coldSize: 100_000,
      stall: { size: 10_000, concurrency: 5, durationMs: 30_000 },
      ack: { levels: [1, 10, 50], warmMs: 1000, measureMs: 4000, rounds: 2, maxRequests: 200_000 },
      throughput: { concurrency: 50, durationMs: 30_000, maxCommands: 10_000, drainTimeoutMs: 120_000 },
      modal: { levels: [1, 10], busyConcurrency: 10, warmMs: 1000, measureMs: 10_000, leadMs: 2000, maxRequests: 200_000 },
      sweep: { childTimeoutMs: 240_000, steadyBudgetMs: 15_000, catchUpHours: 2 },
      cold: { runs: 3, timeoutMs: 120_000 },
      outbox: { busy: 20, channels: 50, perChannel: 10 },
    };

const drainTimeoutS = option('drain-timeout-s');
if (drainTimeoutS !== undefined) plan.throughput.drainTimeoutMs = Number(drainTimeoutS) * 1000;

const goals = {
  ackThroughputRatio: 0.8,
  ackP99Ratio: 1.3,
  sustainedPerSecond: 500,
  sweepMs: 1000,
  sweepRssMb: 300,
  digestMs: 3000,
  coldStartMs: 1500,
  /** Of what Slack's per-channel rule allows for that many posts (burst at once, then 1 a second). */
  outboxOfCeiling: 0.8,
  /** Posts Slack answered 429 (each is honoured: the post waits Retry-After, nothing overtakes it). */
  outbox429Share: 0.01,
};

const secret = 'bench-signing-secret-0123456789abcdef';
const tmp = mkdtempSync(join(tmpdir(), 'regiebot-bench-'));
const started = performance.now();
const say = (line: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

const results: Record<string, unknown> = {};
const verdicts: Array<{ figure: string; measured: string; goal: string; pass: boolean | null }> = [];
const verdict = (figure: string, measured: string, goal: string, pass: boolean | null) => verdicts.push({ figure, measured, goal, pass });

// ---------------------------------------------------------------- helpers

const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function gitState(): { commit: string; dirtyFiles: number } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return { commit, dirtyFiles: dirty ? dirty.split('\n').length : 0 };
  } catch {
    return { commit: 'unknown', dirtyFiles: 0 };
  }
}

function check<T>(label: string, shot: OneShot<T>): T {
  if (shot.result !== undefined && !shot.timedOut && shot.code === 0) return shot.result;
  throw new Error(`${label}: ${shot.timedOut ? `stopped after ${shot.ms} ms (time limit)` : `exit ${shot.code}`}\n${shot.stderr}`);
}

/** Where generated databases are kept between runs (`--data-dir`): the generator is deterministic in size and "now", so a file of the same name is the same data. */
const dataDir = option('data-dir');
const genFile = (size: number) => (dataDir ? join(dataDir, `gen-${size}-${now.toISOString().replace(/[:.]/g, '')}.db`) : join(tmp, `gen-${size}.db`));
const workFile = (size: number) => join(tmp, `work-${size}.db`);

/** Generates the sizes in two parallel chains (the largest alone, the rest in turn). */
async function generateAll(sizes: number[]): Promise<Record<number, GenerateResult>> {
  const sorted = [...sizes].sort((a, b) => b - a);
  const chains = [sorted.slice(0, 1), sorted.slice(1)];
  const out: Record<number, GenerateResult> = {};
  await Promise.all(
    chains.map(async (chain) => {
      for (const size of chain) {
        if (dataDir && existsSync(genFile(size))) {
          out[size] = { file: genFile(size), cases: size, now: now.toISOString(), ms: 0, bytes: statSync(genFile(size)).size, rows: {} };
          say(`reused ${genFile(size)}`);
          continue;
        }
        const shot = await runScript<GenerateResult>('bench/generate.ts', ['--cases', String(size), '--out', genFile(size), '--now', now.toISOString()], 900_000);
        out[size] = check(`generate ${size}`, shot);
        say(`generated ${fmt(size)} cases in ${fmt(out[size]!.ms / 1000, 1)} s (${fmt(out[size]!.bytes / 1048576)} MB)`);
      }
    }),
  );
  return out;
}

interface SweepRun {
  ms: number;
  cpuMs: number;
  /** The longest event-loop delay during the sweep (absent before issue 19). */
  maxStallMs?: number;
  looked?: number;
  deferred?: boolean;
  delivered: number;
  failed: number;
  byKind: Record<string, number>;
  peakRssMb: number;
}
interface SweepChild {
  mode: string;
  openMs: number;
  baselineRssMb: number;
  peakRssMb: number;
  ms?: number;
  claimed?: number;
  byRule?: Record<string, number>;
  first?: SweepRun;
  /** When the first sweep left due rows to the next tick: the sweeps until it caught up. */
  wave?: { sweeps: number; delivered: number; ms: number; maxStallMs: number; peakRssMb: number };
  steady?: SweepRun[];
}

const steadyReady = new Set<number>();

/** A copy of the size's database whose ledger and outbox are as a bot running until now leaves them. */
async function steadyDb(size: number): Promise<string> {
  const file = workFile(size);
  if (!steadyReady.has(size)) {
    // With --data-dir the primed copy is kept too (priming 100,000 cases takes minutes); it holds the code's due rows, so it is named after the commit.
    const primed = dataDir ? genFile(size).replace(/\.db$/, `-primed-${gitState().commit}.db`) : undefined;
    if (primed && existsSync(primed)) copyFileSync(primed, file);
    else {
      copyFileSync(genFile(size), file);
      check('prime', await runScript<SweepChild>('bench/children/sweep.ts', ['--db', file, '--now', now.toISOString(), '--mode', 'prime'], 900_000));
      if (primed) copyFileSync(file, primed);
    }
    steadyReady.add(size);
  }
  // What the sweeps wrote to the outbox was delivered long ago, as far as the servers are concerned.
  const db = new Database(file);
  db.prepare("update outbox set status = 'sent', sent_at = next_attempt_at, platform_message_id = 'bench' where status = 'pending'").run();
  db.close();
  return file;
}

/** Schemas made on --postgres and not yet dropped. */
const schemas = new Set<string>();

/**
 * Where a section runs the app: the steady SQLite file, or (`--postgres`) a
 * copy of it in a fresh schema of that server, made as `npm run db:copy` does.
 */
async function sectionDb(size: number): Promise<{ url: string; store: Store }> {
  const file = await steadyDb(size);
  if (!postgres) return { url: `file:${file}`, store: file };
  const schema = `bench_${process.pid}_${schemas.size + 1}`;
  const u = new URL(postgres);
  u.searchParams.set('schema', schema);
  const url = u.toString();
  schemas.add(schema);
  const source = await openDatabase(`file:${file}`);
  const target = await openDatabase(url);
  try {
    const started = performance.now();
    const copied = await copyDatabase(source, target);
    const differ = copied.filter((c) => c.source !== c.target);
    if (differ.length) throw new Error(`copy to PostgreSQL: counts differ in ${differ.map((c) => c.table).join(', ')}`);
    say(`  copied ${fmt(copied.reduce((n, c) => n + c.target, 0))} rows into schema ${schema} in ${fmt((performance.now() - started) / 1000, 1)} s`);
  } finally {
    await source.close();
    await target.close();
  }
  return { url, store: url };
}

/** Drops the schemas made on --postgres (at the end of each section, and on the way out after an error). */
async function dropSchemas(): Promise<void> {
  if (!postgres || !schemas.size) return;
  const client = new pg.Client({ connectionString: parsePostgresUrl(postgres).connectionString });
  await client.connect();
  try {
    for (const schema of schemas) {
      await client.query(`drop schema if exists ${schema} cascade`);
      schemas.delete(schema);
    }
  } finally {
    await client.end();
  }
}

const texts = [
  'zorg normaal moeder zegt afspraken af, niet bereikbaar',
  'stagnatie normaal oorzaak:hulp wachtlijst voor traumabehandeling loopt op',
  'positief laag goede week: vaste bedtijden gehaald',
  'veiligheid hoog vader weer in beeld, spanning thuis opgelopen',
  'zorg laag school meldt verzuim sinds twee weken',
  'stagnatie laag oorzaak:gezin gezin zegt de afspraak met de gezinscoach af',
  'positief normaal plan van aanpak besproken, moeder werkt mee',
  'incident hoog incident op straat, politie ingeschakeld',
];

/** The n-th /signaal: round robin over the cases, by each case's hoofdaannemer. */
function signalBody(cases: number, responseUrl: string) {
  return (n: number) => {
    const i = (n % cases) + 1;
    return slashCommandBody({
      teamId: 'T0TEST',
      channelId: caseChannel(i),
      userId: haOf(i),
      userName: 'trajectbegeleider',
      command: '/signaal',
      text: texts[n % texts.length]!,
      responseUrl: `${responseUrl}/respond/bench-${n}`,
      n,
    });
  };
}

/** A stored command is acked with an empty body (the answer follows through response_url); before the inbox the answer was the ack. */
const signalFiled = (status: number, text: string) => status === 200 && (text === '' || text.includes('is vastgelegd'));

// ---------------------------------------------------------------- sections

async function ackSection(): Promise<void> {
  say(`ack latency: /signaal vs bare Bolt at concurrency ${plan.ack.levels.join(', ')}, ${plan.ack.rounds} round(s) of ${plan.ack.measureMs / 1000} s per level, on ${onDb}`);
  const { url: dbUrl, store: db } = await sectionDb(plan.ackSize);
  const fake = await startFakeSlack(plan.ackSize, TEAMS, slackLatencyMs);
  const env = { DATABASE_URL: dbUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' };
  const body = signalBody(plan.ackSize, fake.url);
  interface Slot {
    lat: number[];
    requests: number;
    errors: number;
    elapsedMs: number;
    firstError?: string;
    drainMs: number[];
    cpuMs: number;
    cpuWithDeliveryMs: number;
    withDeliveryRequests: number;
  }
  const pooled: Record<'bare' | 'app', Record<number, Slot>> = { bare: {}, app: {} };
  let n = 0;
  try {
    for (let round = 0; round < plan.ack.rounds; round++) {
      const order = round % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
      for (const kind of order) {
        const server = kind === 'app' ? await startApp(env, join(tmp, 'app.log')) : await startBareBolt(secret, join(tmp, 'bare.log'));
        if (kind === 'app') await waitDrained(db, 60_000);
        const url = `${server.url}/slack/events`;
        for (const c of plan.ack.levels) {
          // The warm-up opens the connections; the measurement reuses them.
          const agent = keepAliveAgent(c);
          const base = { url, secret, concurrency: c, agent, maxRequests: plan.ack.maxRequests, ...(kind === 'app' ? { check: signalFiled } : {}) };
          if (kind === 'app') await waitDrained(db, 60_000);
          const cpuBefore = processCpuMs(server.pid);
          const warm = await runLoad({ ...base, body: (k: number) => body(n + k), durationMs: plan.ack.warmMs });
          n += warm.requests;
          const cpu0 = processCpuMs(server.pid);
          const res = await runLoad({ ...base, body: (k: number) => body(n + k), durationMs: plan.ack.measureMs, keepLatencies: true });
          const cpu1 = processCpuMs(server.pid);
          n += res.requests;
          agent.destroy();
          const drained = kind === 'app' ? await waitDrained(db, 120_000) : undefined;
          const cpu2 = processCpuMs(server.pid);
          const slot = (pooled[kind][c] ??= { lat: [], requests: 0, errors: 0, elapsedMs: 0, drainMs: [], cpuMs: 0, cpuWithDeliveryMs: 0, withDeliveryRequests: 0 });
          for (const v of res.latencies ?? []) slot.lat.push(v);
          slot.requests += res.requests;
          slot.errors += res.errors;
          slot.elapsedMs += res.elapsedMs;
          slot.cpuMs += (cpu1 ?? 0) - (cpu0 ?? 0);
          slot.cpuWithDeliveryMs += (cpu2 ?? 0) - (cpuBefore ?? 0);
          slot.withDeliveryRequests += warm.requests + res.requests;
          if (res.firstError) slot.firstError ??= res.firstError;
          if (drained) slot.drainMs.push(drained.ms);
          const perRequest = res.requests ? ((cpu1 ?? 0) - (cpu0 ?? 0)) / res.requests : Number.NaN;
          say(
            `  ${kind.padEnd(4)} c=${String(c).padEnd(2)} ${fmt(res.throughput)} req/s  p50 ${fmt(res.latencyMs.p50, 2)} ms  p99 ${fmt(res.latencyMs.p99, 2)} ms  server cpu ${fmt(perRequest, 2)} ms/req${res.errors ? `  ${res.errors} errors (${res.firstError})` : ''}${drained ? `  outbox drained ${drained.ms} ms later` : ''}`,
          );
        }
        await stop(server.child);
      }
    }
  } finally {
    await fake.close();
    await dropSchemas();
  }
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const summary = (s: Slot) => {
    const sorted = Float64Array.from(s.lat).sort();
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
    return {
      requests: s.requests,
      errors: s.errors,
      ...(s.firstError ? { firstError: s.firstError } : {}),
      throughput: Math.round((s.requests / (s.elapsedMs / 1000)) * 10) / 10,
      latencyMs: { p50: r2(pct(50)), p95: r2(pct(95)), p99: r2(pct(99)), max: r2(sorted[sorted.length - 1] ?? Number.NaN) },
      serverCpuMsPerRequest: r2(s.cpuMs / Math.max(1, s.requests)),
      ...(s.drainMs.length ? { serverCpuMsPerRequestWithDelivery: r2(s.cpuWithDeliveryMs / Math.max(1, s.withDeliveryRequests)), outboxDrainMs: s.drainMs } : {}),
    };
  };
  const table = plan.ack.levels.map((c) => {
    const bare = summary(pooled.bare[c]!);
    const app = summary(pooled.app[c]!);
    const ratio = {
      p50: r2(app.latencyMs.p50 / bare.latencyMs.p50),
      p95: r2(app.latencyMs.p95 / bare.latencyMs.p95),
      p99: r2(app.latencyMs.p99 / bare.latencyMs.p99),
      throughput: r2(app.throughput / bare.throughput),
      serverCpuPerRequest: r2(app.serverCpuMsPerRequest / bare.serverCpuMsPerRequest),
    };
    return { concurrency: c, bare, app, ratio };
  });
  results.ack = { database: onDb, cases: plan.ackSize, rounds: plan.ack.rounds, measureMs: plan.ack.measureMs, levels: table };
  for (const row of table) {
    verdict(`ack p99 ratio, c=${row.concurrency}${onPg}`, `${fmt(row.ratio.p99, 2)}× (${fmt(row.app.latencyMs.p99, 1)} vs ${fmt(row.bare.latencyMs.p99, 1)} ms)`, `≤ ${goals.ackP99Ratio}×`, row.ratio.p99 <= goals.ackP99Ratio);
    if (row.concurrency >= 10) {
      verdict(`ack throughput ratio, c=${row.concurrency}${onPg}`, `${fmt(row.ratio.throughput, 2)}× (${fmt(row.app.throughput)} vs ${fmt(row.bare.throughput)} /s)`, `≥ ${goals.ackThroughputRatio}×`, row.ratio.throughput >= goals.ackThroughputRatio);
    }
    if (row.app.errors) verdict(`ack errors, c=${row.concurrency}${onPg}`, `${row.app.errors} (${row.app.firstError ?? ''})`, '0', false);
  }
  // The core alone, in process: how much of a command is the core's own work.
  const coreDb = join(tmp, 'core.db');
  copyFileSync(genFile(plan.ackSize), coreDb);
  const core = await runScript<{ measured: { commands: number; cpuMsPerCommand: number; wallMsPerCommand: number } }>(
    'bench/children/core.ts',
    ['--db', coreDb, '--cases', String(plan.ackSize), '--commands', quick ? '1000' : '3000'],
    300_000,
  );
  (results.ack as Record<string, unknown>).coreInProcess = core.result?.measured ?? null;
  if (core.result) say(`  the core alone (in process, no HTTP${postgres ? ', on SQLite' : ''}): ${fmt(core.result.measured.cpuMsPerCommand, 2)} ms CPU per /signaal`);
  const c10 = table.find((r) => r.concurrency === 10) ?? table[0]!;
  verdict(
    `server CPU per /signaal vs bare ack, c=${c10.concurrency}${onPg}`,
    `${fmt(c10.app.serverCpuMsPerRequest, 2)} vs ${fmt(c10.bare.serverCpuMsPerRequest, 2)} ms (${fmt(c10.ratio.serverCpuPerRequest, 1)}×); with delivery ${fmt(c10.app.serverCpuMsPerRequestWithDelivery, 2)} ms; core alone ${fmt(core.result?.measured.cpuMsPerCommand, 2)} ms`,
    `≤ 1.25× (for 0.8× throughput)`,
    c10.ratio.serverCpuPerRequest <= 1.25,
  );
}

/**
 * 100 people filing at once into ONE case channel: every command lands in the
 * same conversation, so the core runs them one after another, and none may
 * wait for that before its ack.
 */
async function burstSection(): Promise<void> {
  const n = 100;
  say(`burst: ${n} concurrent /signaal into one case channel, on ${onDb}`);
  const { url: dbUrl, store: db } = await sectionDb(plan.ackSize);
  const fake = await startFakeSlack(plan.ackSize, TEAMS, slackLatencyMs);
  const env = { DATABASE_URL: dbUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' };
  try {
    const server = await startApp(env, join(tmp, 'burst.log'));
    await waitDrained(db, 60_000);
    const agent = keepAliveAgent(n);
    // Case 1 only: one channel, one hoofdaannemer.
    const one = signalBody(1, fake.url);
    const res = await runLoad({ url: `${server.url}/slack/events`, secret, concurrency: n, agent, durationMs: 60_000, maxRequests: n, body: (k) => one(1_000_000 + k), check: signalFiled });
    agent.destroy();
    const drained = await waitDrained(db, 120_000);
    await stop(server.child);
    results.burst = { database: onDb, commands: res.requests, errors: res.errors, latencyMs: res.latencyMs, over3s: res.over3s, processedAndDeliveredMs: drained?.ms ?? null };
    say(`  ${fmt(res.requests)} acks: p50 ${fmt(res.latencyMs.p50, 1)} ms, p99 ${fmt(res.latencyMs.p99, 1)} ms, max ${fmt(res.latencyMs.max, 1)} ms, ${res.over3s} over 3 s${res.errors ? `, ${res.errors} errors (${res.firstError})` : ''}; all processed and delivered ${drained ? `${fmt(drained.ms / 1000, 1)} s later` : 'not within 120 s'}`);
    verdict(`acks over 3 s, ${n} concurrent into one case channel${onPg}`, `${res.over3s} of ${res.requests} (max ${fmt(res.latencyMs.max)} ms)`, '0', res.over3s === 0 && res.errors === 0);
  } finally {
    await fake.close();
    await dropSchemas();
  }
}

async function throughputSection(): Promise<void> {
  const { concurrency, durationMs, drainTimeoutMs } = plan.throughput;
  say(`sustained throughput: /signaal at concurrency ${concurrency} for ${durationMs / 1000} s (at most ${fmt(plan.throughput.maxCommands)} commands), then until every message is delivered, on ${onDb}`);
  const { url: dbUrl, store: db } = await sectionDb(plan.ackSize);
  const fake = await startFakeSlack(plan.ackSize, TEAMS, slackLatencyMs);
  const env = { DATABASE_URL: dbUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' };
  const body = signalBody(plan.ackSize, fake.url);
  try {
    const server = await startApp(env, join(tmp, 'app.log'));
    const url = `${server.url}/slack/events`;
    await waitDrained(db, 60_000);
    const before = { slack: await fake.stats(), outbox: await outboxCounts(db) };
    const cpu0 = processCpuMs(server.pid);
    // A short warm-up opens the connections and is counted with the rest.
    const agent = keepAliveAgent(concurrency);
    const warm = await runLoad({ url, secret, concurrency, agent, durationMs: 2000, maxRequests: Math.floor(plan.throughput.maxCommands / 10), body, check: signalFiled });
    // At most this many commands: acks no longer wait for the work, so an
    // unbounded load leaves a backlog of tens of thousands that takes longer
    // to work off than the bench may run. The figure is then the rate of the
    // whole burst, acknowledged, processed and delivered.
    const main = await runLoad({ url, secret, concurrency, agent, durationMs, maxRequests: Math.max(1, plan.throughput.maxCommands - warm.requests), body: (k) => body(warm.requests + k), check: signalFiled });
    agent.destroy();
    const cpu1 = processCpuMs(server.pid);
    const res: LoadResult = { ...main, requests: warm.requests + main.requests, errors: warm.errors + main.errors, elapsedMs: warm.elapsedMs + main.elapsedMs };
    res.throughput = Math.round((res.requests / (res.elapsedMs / 1000)) * 10) / 10;
    say(`  acknowledged ${fmt(res.requests)} commands in ${fmt(res.elapsedMs / 1000, 1)} s (${fmt(res.throughput)} /s), p99 ${fmt(res.latencyMs.p99, 1)} ms; waiting for the outbox`);
    // The acks no longer wait for the work, so the backlog after the load can
    // be large: waited for while it shrinks, so that the figure exists.
    const drained = await waitDrained(db, drainTimeoutMs, 250, { stalledMs: drainTimeoutMs, maxMs: 30 * 60_000 });
    const cpu2 = processCpuMs(server.pid);
    const after = { slack: await fake.stats(), outbox: await outboxCounts(db) };
    await stop(server.child);
    const ok = res.requests - res.errors;
    const created = after.outbox.pending + after.outbox.sent + after.outbox.dead - (before.outbox.pending + before.outbox.sent + before.outbox.dead);
    const delivered = after.outbox.sent - before.outbox.sent;
    const calls: Record<string, number> = {};
    for (const [m, v] of Object.entries(after.slack.byMethod)) calls[m] = v - (before.slack.byMethod[m] ?? 0);
    const totalMs = res.elapsedMs + (drained?.ms ?? drainTimeoutMs);
    const sustained = drained ? Math.round((ok / (totalMs / 1000)) * 10) / 10 : undefined;
    results.throughput = {
      database: onDb,
      concurrency,
      slackLatencyMs,
      durationMs: res.elapsedMs,
      commands: ok,
      errors: res.errors,
      ...(res.firstError ? { firstError: res.firstError } : {}),
      ackedPerSecond: res.throughput,
      latencyMs: res.latencyMs,
      outboxMessages: created,
      delivered,
      dead: after.outbox.dead - before.outbox.dead,
      drainMsAfterLoad: drained?.ms ?? null,
      sustainedPerSecond: sustained ?? null,
      deliveredPerSecond: Math.round((delivered / (totalMs / 1000)) * 10) / 10,
      serverCpuMsDuringLoad: (cpu1 ?? 0) - (cpu0 ?? 0),
      serverCpuMsUntilDrained: (cpu2 ?? 0) - (cpu0 ?? 0),
      serverCpuMsPerCommand: Math.round((((cpu2 ?? 0) - (cpu0 ?? 0)) / Math.max(1, ok)) * 100) / 100,
      slackCalls: calls,
    };
    say(`  ${fmt(created)} messages, ${fmt(delivered)} delivered ${drained ? `${fmt(drained.ms / 1000, 1)} s after the load stopped` : `(the backlog stopped shrinking for ${drainTimeoutMs / 1000} s)`}: ${sustained ? `${fmt(sustained)} commands/s sustained` : 'not sustained'}`);
    verdict(`sustained commands/s (all delivered)${onPg}`, sustained ? `${fmt(sustained)} /s (acked ${fmt(res.throughput)} /s, drained ${fmt((drained?.ms ?? 0) / 1000, 1)} s after)` : `backlog stopped shrinking for ${drainTimeoutMs / 1000} s`, `≥ ${goals.sustainedPerSecond} /s`, sustained !== undefined && sustained >= goals.sustainedPerSecond);
  } finally {
    await fake.close();
    await dropSchemas();
  }
}

interface ModalRun {
  label: string;
  valid: boolean;
  concurrency: number;
  /** The /signaal load beside it (concurrency), if any. */
  busy?: number;
  requests: number;
  errors: number;
  firstError?: string;
  throughput: number;
  latencyMs: LoadResult['latencyMs'];
  overBudget: number;
  over3s: number;
  /** Submissions sent, warm-up included; of the valid ones, those acked with an empty body; and the signals they stored. */
  submitted: number;
  acked: number;
  stored: number;
  background?: {
    requests: number;
    errors: number;
    firstError?: string;
    throughput: number;
    latencyMs: LoadResult['latencyMs'];
    over3s: number;
    drainedMs: number | null;
    /** The same /signaal load without the submissions, just after. */
    /** Its backlog not worked off (null) when the submissions started: they then queued behind it too. */
    alone?: { requests: number; errors: number; firstError?: string; throughput: number; latencyMs: LoadResult['latencyMs']; over3s: number; drainedMs: number | null };
  };
}

/**
 * Issue 18: a modal submission is the one interaction still handled on the
 * HTTP thread, because Slack wants its field errors or next view in the ack;
 * the adapter waits for the core up to its ack budget, then acks empty and
 * answers later. This measures that ack on the /signaal form: valid
 * submissions (a stored signal, an empty ack), invalid ones (no kind chosen:
 * `response_action: errors` in the ack), and valid ones while a /signaal load
 * keeps the work thread and the database busy.
 */
async function modalSection(): Promise<void> {
  // What main.ts runs with: it passes no ackBudgetMs.
  const budgetMs = ACK_BUDGET_MS;
  const { levels, busyConcurrency, warmMs, measureMs, leadMs, maxRequests } = plan.modal;
  const busyLoad = plan.throughput.concurrency;
  say(
    `modal submissions (/signaal form): valid and invalid at concurrency ${levels.join(', ')}, valid at ${busyConcurrency} beside /signaal at ${busyLoad}; ${measureMs / 1000} s each; ack budget ${fmt(budgetMs)} ms; on ${onDb}`,
  );
  let { url: dbUrl, store: db } = await sectionDb(plan.ackSize);
  if (!postgres) {
    // A copy of its own on SQLite (on PostgreSQL the schema is already): the /signaal load may leave a backlog that the sections after this one must not inherit.
    const own = join(tmp, 'modal.db');
    copyFileSync(db, own);
    dbUrl = `file:${own}`;
    db = own;
  }
  const fake = await startFakeSlack(plan.ackSize, TEAMS, slackLatencyMs);
  const env = { DATABASE_URL: dbUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' };
  // Every submission's text ends in [tag-n]: the signals this section stored are counted by it, not those of the /signaal load beside it.
  const tag = `bm${Date.now().toString(36)}`;
  const storedQuery = `select count(*) as n from signals where text like '%[${tag}-%'`;
  // The modal as the app renders it for views.open; only private_metadata (the channel) differs per case.
  const view = renderForm(signalForm(), { channelId: '' });
  const submission = (valid: boolean) => (n: number) => {
    const i = (n % plan.ackSize) + 1;
    const words = texts[n % texts.length]!.split(' ');
    const [soort, urgentie] = words;
    const cause = words.find((w) => w.startsWith('oorzaak:'))?.slice('oorzaak:'.length);
    const tekst = `${words.slice(2).filter((w) => !w.startsWith('oorzaak:')).join(' ')} [${tag}-${n}]`;
    return viewSubmissionBody({
      teamId: 'T0TEST',
      userId: haOf(i),
      userName: 'trajectbegeleider',
      view: { ...view, private_metadata: JSON.stringify({ c: caseChannel(i) }) },
      // Invalid: no kind chosen, which the form requires; the text (with its tag) is there, so a refusal that stored it anyway would be counted.
      values: { ...(valid ? { soort: soort! } : {}), urgentie: urgentie!, ...(cause ? { oorzaak: cause } : {}), vertrouwelijk: 'nee', tekst },
      triggerId: `${n}.${haOf(i)}.${tag}`,
    });
  };
  // A stored signal closes the modal: an empty ack. (An ack after the budget is empty too: the count over the budget tells those apart.)
  const closed = (status: number, text: string) => status === 200 && text === '';
  // A refusal stays in the modal: the field errors are the ack.
  const refused = (status: number, text: string) => status === 200 && text.includes('"response_action":"errors"');
  const slash = signalBody(plan.ackSize, fake.url);
  const runs: ModalRun[] = [];
  let n = 0;
  try {
    const server = await startApp(env, join(tmp, 'modal.log'));
    const url = `${server.url}/slack/events`;
    await waitDrained(db, 60_000);

    const measure = async (label: string, valid: boolean, concurrency: number, busy?: number): Promise<ModalRun> => {
      const before = await countOf(db, storedQuery);
      let background: Promise<LoadResult> | undefined;
      let measured = false;
      const busyAgent = busy ? keepAliveAgent(busy) : undefined;
      if (busy) {
        // Trigger ids far above any other section's, so that none is taken for a replay on the same database.
        background = runLoad({
          url,
          secret,
          concurrency: busy,
          agent: busyAgent!,
          durationMs: leadMs + warmMs + measureMs + 120_000,
          maxRequests: 5_000_000,
          body: (k) => slash(50_000_000 + k),
          check: signalFiled,
          stop: () => measured,
        });
        await sleep(leadMs);
      }
      const agent = keepAliveAgent(concurrency);
      const base = { url, secret, concurrency, agent, maxRequests, check: valid ? closed : refused };
      const body = submission(valid);
      const warm = await runLoad({ ...base, body: (k) => body(n + k), durationMs: warmMs });
      n += warm.requests;
      const res = await runLoad({ ...base, body: (k) => body(n + k), durationMs: measureMs, keepLatencies: true });
      n += res.requests;
      measured = true;
      agent.destroy();
      const bg = background ? await background : undefined;
      busyAgent?.destroy();
      const drained = bg ? await waitDrained(db, plan.throughput.drainTimeoutMs) : undefined;
      // Then the /signaal load alone, as long as it ran beside the submissions: what they added to its acks. (After, so that its backlog does not add to the submissions' figures.)
      let alone: LoadResult | undefined;
      let aloneDrained: Awaited<ReturnType<typeof waitDrained>>;
      if (busy) {
        const aloneAgent = keepAliveAgent(busy);
        alone = await runLoad({ url, secret, concurrency: busy, agent: aloneAgent, durationMs: leadMs + warmMs + measureMs, maxRequests: 5_000_000, body: (k) => slash(40_000_000 + k), check: signalFiled });
        aloneAgent.destroy();
        aloneDrained = await waitDrained(db, plan.throughput.drainTimeoutMs);
      }
      const acked = valid ? warm.requests - warm.errors + (res.requests - res.errors) : 0;
      // An ack after the budget leaves the core running: wait (bounded) for the late ones.
      let stored = (await countOf(db, storedQuery)) - before;
      for (const until = performance.now() + 15_000; stored < acked && performance.now() < until; ) {
        await sleep(200);
        stored = (await countOf(db, storedQuery)) - before;
      }
      const latencies = res.latencies ?? [];
      const run: ModalRun = {
        label,
        valid,
        concurrency,
        ...(busy ? { busy } : {}),
        requests: res.requests,
        errors: res.errors + warm.errors,
        ...((res.firstError ?? warm.firstError) ? { firstError: res.firstError ?? warm.firstError } : {}),
        throughput: res.throughput,
        latencyMs: res.latencyMs,
        overBudget: latencies.filter((v) => v > budgetMs).length,
        over3s: res.over3s,
        submitted: warm.requests + res.requests,
        acked,
        stored,
        ...(bg
          ? {
              background: {
                requests: bg.requests,
                errors: bg.errors,
                ...(bg.firstError ? { firstError: bg.firstError } : {}),
                throughput: bg.throughput,
                latencyMs: bg.latencyMs,
                over3s: bg.over3s,
                drainedMs: drained?.ms ?? null,
                ...(alone ? { alone: { requests: alone.requests, errors: alone.errors, ...(alone.firstError ? { firstError: alone.firstError } : {}), throughput: alone.throughput, latencyMs: alone.latencyMs, over3s: alone.over3s, drainedMs: aloneDrained?.ms ?? null } } : {}),
              },
            }
          : {}),
      };
      say(
        `  ${label.padEnd(26)} ${fmt(run.throughput, 1)} /s  p50 ${fmt(run.latencyMs.p50, 1)} ms  p99 ${fmt(run.latencyMs.p99, 1)} ms  max ${fmt(run.latencyMs.max, 1)} ms  ${run.overBudget} over ${fmt(budgetMs)} ms, ${run.over3s} over 3 s; ${valid ? `${fmt(stored)} signals stored for ${fmt(acked)} acked` : `${fmt(stored)} signals stored (0 expected)`}${run.errors ? `  ${run.errors} errors (${run.firstError})` : ''}; load ${loadavg()[0]!.toFixed(1)}`,
      );
      if (run.background) {
        const b = run.background;
        say(
          `    beside it: /signaal at c=${busy} ${fmt(b.throughput)} /s, p99 ${fmt(b.latencyMs.p99, 1)} ms, ${b.over3s} over 3 s${b.errors ? `, ${b.errors} errors (${b.firstError})` : ''}; backlog worked off ${b.drainedMs === null ? 'not' : `${fmt(b.drainedMs / 1000, 1)} s`} after${b.alone ? `; alone just after: ${fmt(b.alone.throughput)} /s, p99 ${fmt(b.alone.latencyMs.p99, 1)} ms, max ${fmt(b.alone.latencyMs.max)} ms, ${b.alone.over3s} over 3 s${b.alone.errors ? `, ${b.alone.errors} errors (${b.alone.firstError})` : ''}, backlog worked off ${b.alone.drainedMs === null ? `not within ${plan.throughput.drainTimeoutMs / 1000} s` : `${fmt(b.alone.drainedMs / 1000, 1)} s after`}` : ''}`,
        );
      }
      return run;
    };

    for (const c of levels) runs.push(await measure(`valid, c=${c}`, true, c));
    for (const c of levels) runs.push(await measure(`invalid (field error), c=${c}`, false, c));
    runs.push(await measure(`valid, c=${busyConcurrency}, /signaal c=${busyLoad}`, true, busyConcurrency, busyLoad));
    await stop(server.child);
  } finally {
    await fake.close();
    await dropSchemas();
  }
  results.modal = { database: onDb, cases: plan.ackSize, ackBudgetMs: budgetMs, measureMs, runs };
  const total = runs.reduce((a, r) => a + r.requests, 0);
  const over3s = runs.reduce((a, r) => a + r.over3s, 0);
  const errors = runs.reduce((a, r) => a + r.errors, 0);
  const max = Math.max(...runs.map((r) => r.latencyMs.max));
  const storedRight = runs.every((r) => r.stored === r.acked);
  const broken = [errors ? `${errors} wrong answers` : '', storedRight ? '' : 'stored ≠ acked'].filter(Boolean).join(', ');
  verdict(`modal submission acks over Slack's 3 s${onPg}`, `${over3s} of ${fmt(total)} (max ${fmt(max)} ms)${broken ? `; ${broken}` : ''}`, "0 (Slack allows 3 s)", over3s === 0 && !errors && storedRight);
  for (const r of runs) {
    verdict(
      `  modal ack p99, ${r.label}${onPg}`,
      `${fmt(r.latencyMs.p99, 1)} ms (p50 ${fmt(r.latencyMs.p50, 1)}, max ${fmt(r.latencyMs.max)}; ${r.overBudget} over budget; ${fmt(r.throughput, 1)} /s)`,
      `≤ ${fmt(budgetMs)} ms budget`,
      r.latencyMs.p99 <= budgetMs && r.errors === 0,
    );
  }
  const valid = runs.filter((r) => r.valid);
  const invalid = runs.filter((r) => !r.valid);
  verdict(
    `  modal submissions stored${onPg}`,
    `${fmt(valid.reduce((a, r) => a + r.stored, 0))} signals for ${fmt(valid.reduce((a, r) => a + r.acked, 0))} acked; ${fmt(invalid.reduce((a, r) => a + r.stored, 0))} for ${fmt(invalid.reduce((a, r) => a + r.submitted, 0))} refused`,
    '1 per acked, 0 per refused',
    storedRight,
  );
}

function slopeOf(points: Array<{ cases: number; ms: number }>) {
  const sorted = [...points].sort((a, b) => a.cases - b.cases);
  const out = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    out.push({
      from: a.cases,
      to: b.cases,
      msPer1000Cases: Math.round(((b.ms - a.ms) / ((b.cases - a.cases) / 1000)) * 100) / 100,
      // 1.0: linear; above 1: grows faster than the number of cases.
      exponent: Math.round((Math.log(b.ms / a.ms) / Math.log(b.cases / a.cases)) * 100) / 100,
    });
  }
  return out;
}

async function sweepSection(): Promise<void> {
  say(`sweep: ${plan.sweepSizes.map((s) => fmt(s)).join(', ')} open cases; the first sweep catches up ${plan.sweep.catchUpHours} h, then steady sweeps`);
  interface SweepRow {
    cases: number;
    error?: string;
    primeMs?: number;
    primeClaimed?: number;
    first?: SweepRun | null;
    firstPeakRssMb?: number | null;
    firstTimedOut?: boolean;
    wave?: SweepChild['wave'] | null;
    firstError?: string;
    steadyError?: string;
    steady?: SweepRun[];
    steadyMedianMs?: number | null;
    steadyMedianCpuMs?: number | null;
    steadyBestMs?: number | null;
    steadyPeakRssMb?: number | null;
    steadyTimedOut?: boolean;
    baselineRssMb?: number | null;
  }
  const rows: SweepRow[] = [];
  const primedAt = new Date(now.getTime() - plan.sweep.catchUpHours * 3_600_000).toISOString();
  for (const size of plan.sweepSizes) {
    const file = workFile(size);
    copyFileSync(genFile(size), file);
    const prime = await runScript<SweepChild>('bench/children/sweep.ts', ['--db', file, '--now', primedAt, '--mode', 'prime'], 900_000);
    if (!prime.result) {
      rows.push({ cases: size, error: prime.timedOut ? `priming stopped after ${prime.ms} ms` : prime.stderr });
      say(`  ${fmt(size)}: could not prime the ledger (${prime.timedOut ? 'time limit' : 'error'})`);
      continue;
    }
    // A first sweep that meets a wave keeps sweeping a minute later until it caught up: more time.
    const first = await runScript<SweepChild>('bench/children/sweep.ts', ['--db', file, '--now', now.toISOString(), '--mode', 'first'], 2 * plan.sweep.childTimeoutMs);
    const steady = await runScript<SweepChild>(
      'bench/children/sweep.ts',
      ['--db', file, '--now', now.toISOString(), '--mode', 'steady', '--budget-ms', String(plan.sweep.steadyBudgetMs)],
      plan.sweep.childTimeoutMs,
    );
    steadyReady.add(size);
    const runs = steady.result?.steady ?? [];
    const best = runs.length ? runs.reduce((m, r) => (r.ms < m.ms ? r : m)) : undefined;
    const median = runs.length ? [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] : undefined;
    const row: SweepRow = {
      cases: size,
      primeMs: prime.result.ms,
      primeClaimed: prime.result.claimed,
      first: first.result?.first ?? null,
      firstPeakRssMb: first.result?.peakRssMb ?? null,
      firstTimedOut: first.timedOut,
      wave: first.result?.wave ?? null,
      ...(first.result ? {} : { firstError: first.timedOut ? `stopped at the ${plan.sweep.childTimeoutMs / 1000} s limit` : `exit ${first.code}: ${first.stderr.slice(-600)}` }),
      ...(steady.result ? {} : { steadyError: steady.timedOut ? `stopped at the ${plan.sweep.childTimeoutMs / 1000} s limit` : `exit ${steady.code}: ${steady.stderr.slice(-600)}` }),
      steady: runs,
      steadyMedianMs: median?.ms ?? null,
      steadyMedianCpuMs: median?.cpuMs ?? null,
      steadyBestMs: best?.ms ?? null,
      steadyPeakRssMb: steady.result?.peakRssMb ?? null,
      steadyTimedOut: steady.timedOut,
      baselineRssMb: steady.result?.baselineRssMb ?? null,
    };
    rows.push(row);
    say(
      `  ${fmt(size)} cases: first sweep ${first.result?.first ? `${fmt(first.result.first.ms)} ms, ${fmt(first.result.first.delivered)} deliveries` : first.timedOut ? 'stopped at the time limit' : `failed (exit ${first.code}: ${first.stderr.trim().split('\n').pop() ?? ''})`}, peak ${fmt(first.result?.peakRssMb)} MB, longest stall ${fmt(first.result?.first?.maxStallMs)} ms${first.result?.wave ? `; its wave: ${fmt(first.result.wave.delivered)} deliveries in ${first.result.wave.sweeps} sweeps, ${fmt(first.result.wave.ms)} ms, longest stall ${fmt(first.result.wave.maxStallMs)} ms` : ''}; steady ${fmt(median?.ms)} ms (cpu ${fmt(median?.cpuMs)} ms), peak ${fmt(steady.result?.peakRssMb)} MB`,
    );
  }
  const steadyPoints = rows.flatMap((r) => (typeof r.steadyMedianMs === 'number' ? [{ cases: r.cases, ms: r.steadyMedianMs }] : []));
  const steadyCpuPoints = rows.flatMap((r) => (typeof r.steadyMedianCpuMs === 'number' ? [{ cases: r.cases, ms: r.steadyMedianCpuMs }] : []));
  const firstPoints = rows.flatMap((r) => (r.first ? [{ cases: r.cases, ms: r.first.ms }] : []));
  results.sweep = { sizes: rows, slope: { steady: slopeOf(steadyPoints), steadyCpu: slopeOf(steadyCpuPoints), first: slopeOf(firstPoints) } };
  const largest = rows.find((r) => r.cases === Math.max(...plan.sweepSizes));
  if (largest) {
    verdict(`steady sweep, ${fmt(largest.cases)} cases`, largest.steadyMedianMs !== undefined && largest.steadyMedianMs !== null ? `${fmt(largest.steadyMedianMs)} ms` : 'did not finish', `≤ ${fmt(goals.sweepMs)} ms`, (largest.steadyMedianMs ?? Infinity) <= goals.sweepMs);
    verdict(`steady sweep peak RSS, ${fmt(largest.cases)} cases`, `${fmt(largest.steadyPeakRssMb ?? undefined)} MB`, `≤ ${goals.sweepRssMb} MB`, (largest.steadyPeakRssMb ?? Infinity) <= goals.sweepRssMb);
    verdict(
      `first sweep (${plan.sweep.catchUpHours} h catch-up), ${fmt(largest.cases)} cases`,
      largest.first ? `${fmt(largest.first.ms)} ms, ${fmt(largest.first.delivered)} deliveries` : 'did not finish',
      `≤ ${fmt(goals.sweepMs)} ms`,
      (largest.first?.ms ?? Infinity) <= goals.sweepMs,
    );
    const stall = Math.max(largest.first?.maxStallMs ?? 0, largest.wave?.maxStallMs ?? 0);
    if (largest.first?.maxStallMs !== undefined) {
      verdict(
        `longest event-loop stall in the first sweep${largest.wave ? ' and its wave' : ''}, ${fmt(largest.cases)} cases`,
        `${fmt(stall)} ms`,
        '< 3,000 ms (Slack acks)',
        stall < 3000,
      );
    }
    if (largest.wave) {
      verdict(
        `the wave after it (bounded batches, a sweep a minute)`,
        `${fmt(largest.wave.delivered)} deliveries in ${largest.wave.sweeps} sweeps, ${fmt(largest.wave.ms)} ms of sweeping, peak ${fmt(largest.wave.peakRssMb)} MB`,
        'every ack < 3 s',
        null,
      );
    }
    verdict(`first sweep peak RSS, ${fmt(largest.cases)} cases`, `${fmt(largest.firstPeakRssMb ?? undefined)} MB`, `≤ ${goals.sweepRssMb} MB`, (largest.firstPeakRssMb ?? Infinity) <= goals.sweepRssMb);
  }
  const steadySlope = slopeOf(steadyPoints).at(-1);
  const steadyCpuSlope = slopeOf(steadyCpuPoints).at(-1);
  // Judged on CPU time: on a shared machine the wall-clock exponent wanders.
  if (steadySlope && steadyCpuSlope) {
    verdict(
      `steady sweep growth ${fmt(steadySlope.from)}→${fmt(steadySlope.to)}`,
      `${fmt(steadySlope.msPer1000Cases, 1)} ms per 1,000 cases; exponent ${fmt(steadyCpuSlope.exponent, 2)} on CPU time (${fmt(steadySlope.exponent, 2)} on wall time)`,
      'linear (exponent ≤ ~1.1)',
      steadyCpuSlope.exponent <= 1.1,
    );
  }
}

interface DigestChild {
  baselineRssMb: number;
  peakRssMb: number;
  first: { ms: number; cpuMs: number; lines: number; slowestTeamMs: number };
  second: { ms: number; cpuMs: number };
  posted: { teamsDone: number; ms: number; cpuMs: number; msPerTeam: number; totalMs: number; extrapolated: boolean };
}

async function digestSection(): Promise<void> {
  say(`digest: ${TEAMS} teams, ${plan.digestSizes.map((s) => fmt(s)).join(', ')} cases (the text for all teams; the posted digest with its chart for as many teams as fit in ${plan.digestBudgetMs / 1000} s)`);
  const rows: Array<{ cases: number; teams: number; error?: string } & Partial<DigestChild>> = [];
  for (const size of plan.digestSizes) {
    const shot = await runScript<DigestChild>('bench/children/digest.ts', ['--db', genFile(size), '--now', now.toISOString(), '--budget-ms', String(plan.digestBudgetMs)], 600_000);
    const r = shot.result;
    rows.push({ cases: size, teams: TEAMS, ...(r ?? { error: shot.timedOut ? 'time limit' : shot.stderr }) });
    say(
      `  ${fmt(size)} cases: text ${r ? `${fmt(r.first.ms)} ms (warm ${fmt(r.second.ms)} ms), ${fmt(r.first.lines)} lines; posted with chart ${fmt(r.posted.msPerTeam)} ms per team = ${fmt(r.posted.totalMs)} ms for ${TEAMS} teams${r.posted.extrapolated ? ` (extrapolated from ${r.posted.teamsDone})` : ''}; peak ${fmt(r.peakRssMb)} MB` : 'failed'}`,
    );
  }
  const textPoints = rows.flatMap((r) => (r.first ? [{ cases: r.cases, ms: r.first.ms }] : []));
  const textCpuPoints = rows.flatMap((r) => (r.first ? [{ cases: r.cases, ms: r.first.cpuMs }] : []));
  const postedPoints = rows.flatMap((r) => (r.posted ? [{ cases: r.cases, ms: r.posted.totalMs }] : []));
  results.digest = { sizes: rows, slope: { text: slopeOf(textPoints), textCpu: slopeOf(textCpuPoints), posted: slopeOf(postedPoints) } };
  const goalRow = rows.find((r) => r.cases === plan.digestGoalSize);
  verdict(
    `weekly digest as posted (text + chart), ${TEAMS} teams / ${fmt(plan.digestGoalSize)} cases`,
    goalRow?.posted ? `${fmt(goalRow.posted.totalMs)} ms${goalRow.posted.extrapolated ? ` (extrapolated from ${goalRow.posted.teamsDone} teams)` : ''}` : 'failed',
    `≤ ${fmt(goals.digestMs)} ms`,
    (goalRow?.posted?.totalMs ?? Infinity) <= goals.digestMs,
  );
  verdict(`digest text only (buildDigest), ${TEAMS} teams / ${fmt(plan.digestGoalSize)} cases`, goalRow?.first ? `${fmt(goalRow.first.ms)} ms` : 'failed', `≤ ${fmt(goals.digestMs)} ms`, (goalRow?.first?.ms ?? Infinity) <= goals.digestMs);
  const slope = slopeOf(textPoints).at(-1);
  const cpuSlope = slopeOf(textCpuPoints).at(-1);
  if (slope && cpuSlope) {
    verdict(
      `digest text growth ${fmt(slope.from)}→${fmt(slope.to)}`,
      `${fmt(slope.msPer1000Cases, 1)} ms per 1,000 cases; exponent ${fmt(cpuSlope.exponent, 2)} on CPU time (${fmt(slope.exponent, 2)} on wall time)`,
      'linear (exponent ≤ ~1.1)',
      cpuSlope.exponent <= 1.1,
    );
  }
  const pslope = slopeOf(postedPoints).at(-1);
  if (pslope) verdict(`posted digest growth ${fmt(pslope.from)}→${fmt(pslope.to)}`, `${fmt(pslope.msPer1000Cases, 1)} ms per 1,000 cases, exponent ${fmt(pslope.exponent, 2)}`, 'linear (exponent ≤ ~1.1)', pslope.exponent <= 1.1);
}

/**
 * Not one of the issue's five figures, but the architecture's first promise:
 * every ack within Slack's 3 seconds, always. The app starts on a database
 * whose ledger stops 24 hours ago (a night offline), so its start-up sweep
 * catches up, while /signaal keeps coming from the moment the port opens.
 */
async function stallSection(): Promise<void> {
  const { size, concurrency, durationMs } = plan.stall;
  say(`acks during a catch-up sweep: ${fmt(size)} cases, ledger 24 h behind, /signaal at concurrency ${concurrency} for ${durationMs / 1000} s from the start`);
  const file = join(tmp, `stall-${size}.db`);
  copyFileSync(genFile(size), file);
  check('prime', await runScript<SweepChild>('bench/children/sweep.ts', ['--db', file, '--now', new Date(Date.now() - 24 * 3_600_000).toISOString(), '--mode', 'prime'], plan.sweep.childTimeoutMs));
  const fake = await startFakeSlack(size, TEAMS, slackLatencyMs);
  try {
    const env = { DATABASE_URL: `file:${file}`, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' };
    const before = new Database(file, { readonly: true });
    const ledgerBefore = (before.prepare('select count(*) as n from deliveries').get() as { n: number }).n;
    before.close();
    const app = await spawnApp(env, join(tmp, 'stall.log'));
    const res = await runLoad({
      url: `${app.url}/slack/events`,
      secret,
      concurrency,
      durationMs,
      maxRequests: 1_000_000,
      untilListening: true,
      body: signalBody(size, fake.url),
      check: signalFiled,
    });
    const drained = await waitDrained(file, 180_000, 250);
    await stop(app.child, 3000);
    const after = new Database(file, { readonly: true });
    const ledgerAfter = (after.prepare('select count(*) as n from deliveries').get() as { n: number }).n;
    after.close();
    results.stall = { cases: size, ...res, sweepDeliveries: ledgerAfter - ledgerBefore, outboxDrainedMs: drained?.ms ?? null };
    say(`  ${fmt(res.requests)} commands, p50 ${fmt(res.latencyMs.p50, 1)} ms, p99 ${fmt(res.latencyMs.p99)} ms, max ${fmt(res.latencyMs.max)} ms, ${res.over3s} over 3 s; the start-up sweep claimed ${fmt(ledgerAfter - ledgerBefore)} keys`);
    verdict(`acks over 3 s while a 24-h catch-up sweep runs (${fmt(size)} cases)`, `${res.over3s} of ${fmt(res.requests)} (max ${fmt(res.latencyMs.max)} ms)`, '0 (Slack allows 3 s)', res.over3s === 0);
  } finally {
    await fake.close();
  }
}

/** Spawn to exit of a command that runs no code of ours: what node (or tsx) costs before any of our code runs. */
async function spawnToExit(file: string, args: string[]): Promise<number> {
  const t = performance.now();
  await new Promise<void>((resolve) => {
    const child = spawn(file, args, { cwd: repo, stdio: 'ignore' });
    child.on('exit', () => resolve());
  });
  return Math.round(performance.now() - t);
}

const median = (values: number[]): number | undefined => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface ColdRun {
  healthyMs: number | null;
  listenMs?: number | null;
  /** CPU time of the server process from spawn until healthy. */
  cpuMs?: number | null;
  error?: string;
}

/** Starts the app `runs` times on `db` and stops it once /healthz answers 200. */
async function coldRuns(label: string, env: Record<string, string>, how: AppStart): Promise<{ runs: ColdRun[]; medianHealthyMs: number | null; medianCpuMs: number | null }> {
  const runs: ColdRun[] = [];
  for (let i = 0; i < plan.cold.runs; i++) {
    const logFile = join(tmp, `cold-${label}-${i}.log`);
    const spawnedAt = Date.now();
    try {
      const server = await startApp(env, logFile, plan.cold.timeoutMs, how);
      // CPU until healthy: on a shared machine steadier than the wall time.
      const cpuMs = processCpuMs(server.pid);
      await stop(server.child, 3000);
      const listening = readFileSync(logFile, 'utf8')
        .split('\n')
        .map((l) => {
          try {
            return JSON.parse(l) as { msg?: string; time?: string };
          } catch {
            return {};
          }
        })
        .find((l) => l.msg === 'regiebot luistert');
      const listenMs = listening?.time ? Date.parse(listening.time) - spawnedAt : undefined;
      runs.push({ healthyMs: server.startMs, listenMs: listenMs ?? null, cpuMs: cpuMs ?? null });
    } catch (err) {
      runs.push({ healthyMs: null, error: (err as Error).message });
    }
    await sleep(500);
  }
  const ok = runs.map((r) => r.healthyMs).filter((v): v is number => typeof v === 'number');
  const m = median(ok) ?? null;
  say(`  ${label}: healthy after ${ok.map((v) => fmt(v)).join(', ')} ms (median ${fmt(m ?? undefined)}); listening after ${runs.map((r) => fmt(r.listenMs ?? undefined)).join(', ')} ms; CPU until healthy ${runs.map((r) => fmt(r.cpuMs ?? undefined)).join(', ')} ms; load average ${loadavg()[0]!.toFixed(1)}`);
  return { runs, medianHealthyMs: m, medianCpuMs: median(runs.map((r) => r.cpuMs).filter((v): v is number => typeof v === 'number')) ?? null };
}

async function coldSection(): Promise<void> {
  say(`cold start: node dist/src/main.js (what npm start runs) to a healthy /healthz, ${fmt(plan.coldSize)} cases (and ${fmt(plan.ackSize)}); the same from the sources through tsx; the sandbox alone`);
  const nodeAlone: number[] = [];
  const tsxAlone: number[] = [];
  for (let i = 0; i < 3; i++) {
    nodeAlone.push(await spawnToExit(process.execPath, ['-e', '']));
    tsxAlone.push(await spawnToExit(tsxBin, ['-e', '']));
  }
  const nodeMs = median(nodeAlone)!;
  const tsxMs = median(tsxAlone)!;
  say(`  node -e "" ${fmt(nodeMs)} ms, tsx -e "" ${fmt(tsxMs)} ms (medians)`);
  const rows: Array<{ cases: number; start: string; runs: ColdRun[]; medianHealthyMs: number | null; medianCpuMs: number | null }> = [];
  for (const size of [plan.coldSize, plan.ackSize]) {
    const db = await steadyDb(size);
    const fake = await startFakeSlack(size, TEAMS, slackLatencyMs);
    const slack = { DATABASE_URL: `file:${db}`, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' };
    try {
      rows.push({ cases: size, start: 'compiled, Slack', ...(await coldRuns(`${size}-compiled-slack`, slack, 'compiled')) });
      if (size === plan.coldSize) {
        rows.push({ cases: size, start: 'tsx, Slack', ...(await coldRuns(`${size}-tsx-slack`, slack, 'tsx')) });
        // No platform configured: the sandbox only, so neither Bolt nor the Teams SDK is loaded.
        rows.push({ cases: size, start: 'compiled, sandbox', ...(await coldRuns(`${size}-compiled-sandbox`, { DATABASE_URL: `file:${db}`, LOG_LEVEL: 'info' }, 'compiled')) });
      }
    } finally {
      await fake.close();
    }
  }
  results.coldStart = { nodeAloneMs: nodeAlone, tsxAloneMs: tsxAlone, sizes: rows };
  const main = rows[0]!;
  const viaTsx = rows.find((r) => r.start === 'tsx, Slack');
  const sandbox = rows.find((r) => r.start === 'compiled, sandbox');
  verdict(
    `cold start to healthy /healthz, ${fmt(main.cases)} cases (npm start: compiled)`,
    main.medianHealthyMs ? `${fmt(main.medianHealthyMs)} ms, ${fmt(main.medianCpuMs ?? undefined)} ms CPU (node alone ${fmt(nodeMs)} ms; load ${loadavg()[0]!.toFixed(1)})` : 'did not become healthy',
    `≤ ${fmt(goals.coldStartMs)} ms`,
    (main.medianHealthyMs ?? Infinity) <= goals.coldStartMs,
  );
  if (viaTsx) verdict(`  the same through tsx (npm run dev, and npm start before)`, viaTsx.medianHealthyMs ? `${fmt(viaTsx.medianHealthyMs)} ms (tsx alone ${fmt(tsxMs)} ms)` : 'did not become healthy', '–', null);
  if (sandbox) verdict(`  compiled, sandbox only (no Slack: Bolt not loaded)`, sandbox.medianHealthyMs ? `${fmt(sandbox.medianHealthyMs)} ms` : 'did not become healthy', '–', null);
}

interface OutboxScenario {
  channels: number;
  messages: number;
  seconds: number;
  perSecond: number;
  ceilingPerSecond: number;
  refused429: number;
  inOrder: boolean;
}

async function outboxSection(): Promise<void> {
  const { busy, channels, perChannel } = plan.outbox;
  say(`outbox: ${busy} posts into one busy channel, then ${perChannel} into each of ${channels} channels, against the fake Slack with its per-channel rule (1/s, bursts of 3)`);
  const shot = await runScript<{ rule: { perSecond: number; burst: number }; concurrency: number; oneChannel: OutboxScenario; spread: OutboxScenario }>(
    'bench/children/outbox.ts',
    ['--db', join(tmp, 'outbox.db'), '--busy', String(busy), '--channels', String(channels), '--per-channel', String(perChannel)],
    300_000,
  );
  const r = check('outbox', shot);
  results.outbox = r;
  for (const [label, s] of [
    ['one busy channel', r.oneChannel],
    [`${r.spread.channels} channels`, r.spread],
  ] as const) {
    say(`  ${label}: ${s.messages} posts in ${fmt(s.seconds, 1)} s = ${fmt(s.perSecond, 2)} /s (the rule allows ${fmt(s.ceilingPerSecond, 2)} /s), ${s.refused429} × 429, ${s.inOrder ? 'in order' : 'OUT OF ORDER'}`);
    verdict(
      `outbox posts/s, ${label} (Slack rule)`,
      `${fmt(s.perSecond, 2)} /s = ${fmt((100 * s.perSecond) / s.ceilingPerSecond)}% of the ${fmt(s.ceilingPerSecond, 2)} /s allowed`,
      `≥ ${fmt(goals.outboxOfCeiling * 100)}% of allowed`,
      s.perSecond >= goals.outboxOfCeiling * s.ceilingPerSecond,
    );
    verdict(`outbox order and 429s, ${label}`, `${s.inOrder ? 'in order' : 'out of order'}, ${s.refused429} × 429 of ${s.messages}`, `in order, ≤ ${fmt(goals.outbox429Share * 100)}% 429`, s.inOrder && s.refused429 <= goals.outbox429Share * s.messages);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const git = gitState();
  results.meta = {
    startedAt: new Date().toISOString(),
    dataNow: now.toISOString(),
    slackLatencyMs,
    quick,
    database: { ackBurstThroughputModal: onDb },
    sections: [...only],
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` },
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
    git,
    goals,
  };
  say(`regiebot bench${quick ? ' (quick)' : ''}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${process.version}, load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}; data around ${now.toISOString()}; WORK_THREAD ${process.env.WORK_THREAD ?? "default (on)"}; ack, burst, throughput and modal on ${onDb}; temp ${tmp}`);

  const needed = new Set<number>();
  if (['ack', 'burst', 'throughput', 'modal'].some((s) => only.has(s))) needed.add(plan.ackSize);
  if (only.has('sweep')) plan.sweepSizes.forEach((s) => needed.add(s));
  if (only.has('digest')) plan.digestSizes.forEach((s) => needed.add(s));
  if (only.has('cold')) [plan.coldSize, plan.ackSize].forEach((s) => needed.add(s));
  if (only.has('stall')) needed.add(plan.stall.size);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  results.generate = await generateAll([...needed]);
  if (['ack', 'burst', 'throughput', 'modal', 'stall', 'cold'].some((s) => only.has(s))) {
    // The servers run what `npm start` runs: the build in dist/, made from the code as it is now.
    const built = await buildApp();
    if (built.code !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
    say(`built dist/ in ${fmt(built.ms)} ms`);
  }

  // The sweep section primes the databases the other sections reuse.
  const order = ['sweep', 'digest', 'ack', 'burst', 'throughput', 'modal', 'stall', 'cold', 'outbox'] as const;
  const sections = { ack: ackSection, burst: burstSection, throughput: throughputSection, modal: modalSection, sweep: sweepSection, digest: digestSection, stall: stallSection, cold: coldSection, outbox: outboxSection };
  for (const name of order) {
    if (!only.has(name)) continue;
    try {
      await sections[name]();
    } catch (err) {
      say(`${name} failed: ${(err as Error).message}`);
      results[`${name}Error`] = (err as Error).message;
      verdict(name, `failed: ${(err as Error).message.split('\n')[0]}`, '', false);
      await stopAll();
    }
  }

  (results.meta as Record<string, unknown>).loadAverageAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
  (results.meta as Record<string, unknown>).durationS = Math.round((performance.now() - started) / 1000);
  results.verdicts = verdicts;
  writeFileSync(join(repo, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const width = Math.max(...verdicts.map((v) => v.figure.length), 6);
  const mwidth = Math.max(...verdicts.map((v) => v.measured.length), 8);
  process.stdout.write(`\n${'figure'.padEnd(width)} | ${'measured'.padEnd(mwidth)} | goal${' '.repeat(22)} | verdict\n`);
  process.stdout.write(`${'-'.repeat(width)}-|-${'-'.repeat(mwidth)}-|-${'-'.repeat(26)}-|--------\n`);
  for (const v of verdicts) {
    process.stdout.write(`${v.figure.padEnd(width)} | ${v.measured.padEnd(mwidth)} | ${v.goal.padEnd(26)} | ${v.pass === null ? '' : v.pass ? 'met' : 'MISSED'}\n`);
  }
  process.stdout.write(`\nbench/results.json written; ${Math.round((performance.now() - started) / 1000)} s in all${quick ? ' (quick run: scaled-down sizes, the goals apply to the full run)' : ''}.\n`);
}

process.on('SIGINT', () => {
  void stopAll().then(() => process.exit(130));
});

try {
  await main();
} finally {
  await stopAll();
  await dropSchemas().catch((err: Error) => process.stdout.write(`could not drop the bench schemas on ${describeUrl(postgres ?? '')}: ${err.message}\n`));
  if (!keep && existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  else if (keep) process.stdout.write(`kept ${tmp}\n`);
}

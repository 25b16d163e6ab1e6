// Child processes for the benchmark: servers under test, the fake Slack API,
// and one-shot measurements. Every child runs in a process group of its own,
// so that stopping it also stops what it started (tsx runs the script in a
// second node process), and every wait is bounded in time.

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parsePostgresUrl } from '../db/postgres.js';
import { UNFINISHED } from '../db/inbox-state.js';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const tsxBin = join(repo, 'node_modules', '.bin', 'tsx');

const live = new Set<ChildProcess>();

/** Stops a child and its group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, s);
    } catch {
      child.kill(s);
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  live.delete(child);
}

/** Stops every child still running (on the way out, also after an error). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((c) => stop(c, 2000)));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface OneShot<T> {
  result?: T;
  timedOut: boolean;
  code: number | null;
  ms: number;
  stderr: string;
}

/** Runs a TypeScript file to completion (node --import tsx); its last stdout line is JSON. */
export function runScript<T>(script: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<OneShot<T>> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, script), ...args], {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stop(child, 1000);
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      live.delete(child);
      const last = stdout.trim().split('\n').pop() ?? '';
      let result: T | undefined;
      try {
        result = last ? (JSON.parse(last) as T) : undefined;
      } catch {
        result = undefined;
      }
      resolvePromise({ ...(result !== undefined ? { result } : {}), timedOut, code, ms: Math.round(performance.now() - started), stderr: stderr.slice(-2000) });
    });
  });
}

export interface FakeSlack {
  child: ChildProcess;
  apiUrl: string;
  url: string;
  stats(): Promise<{ total: number; byMethod: Record<string, number>; messages: number; rssMb: number }>;
  close(): Promise<void>;
}

/** The fake Slack Web API in its own process (bench/children/fake-slack.ts). */
export async function startFakeSlack(cases: number, teams: number, latencyMs = 0): Promise<FakeSlack> {
  const child = fork(join(repo, 'bench/children/fake-slack.ts'), ['--cases', String(cases), '--teams', String(teams), '--latency-ms', String(latencyMs)], {
    cwd: repo,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  live.add(child);
  const ready = await withTimeout(
    new Promise<{ url: string; apiUrl: string }>((resolvePromise, reject) => {
      child.once('message', (m) => resolvePromise(m as { url: string; apiUrl: string }));
      child.once('exit', (code) => reject(new Error(`fake Slack stopped (${code})`)));
    }),
    120_000,
    'fake Slack did not start',
  );
  return {
    child,
    apiUrl: ready.apiUrl,
    url: ready.url,
    stats: () =>
      withTimeout(
        new Promise((resolvePromise) => {
          const onMessage = (m: unknown) => {
            const msg = m as { type: string };
            if (msg.type !== 'stats') return;
            child.off('message', onMessage);
            resolvePromise(m as Awaited<ReturnType<FakeSlack['stats']>>);
          };
          child.on('message', onMessage);
          child.send({ type: 'stats' });
        }),
        30_000,
        'fake Slack did not answer',
      ),
    async close() {
      child.send({ type: 'stop' });
      await withTimeout(new Promise<void>((r) => child.once('exit', () => r())), 5000, '').catch(() => undefined);
      await stop(child, 1000);
    },
  };
}

export interface Server {
  child: ChildProcess;
  url: string;
  /** ms from spawn to ready. */
  startMs: number;
  /** The node process that runs the server (tsx's CLI runs the script in a child of its own). */
  pid: number | undefined;
}

/** CPU time (user + system) a process has used so far, in ms; undefined when it is gone. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The process that does the work: the descendant of `pid` (tsx CLI -> node) whose command line names `script`. */
export function workerPid(pid: number | undefined, script: string): number | undefined {
  if (!pid) return undefined;
  const children = new Map<number, number[]>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return pid;
  }
  const queue = [pid];
  let found: number | undefined;
  while (queue.length) {
    const current = queue.shift()!;
    try {
      const cmd = readFileSync(`/proc/${current}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.endsWith(script)) && /node$/.test(cmd[0] ?? '')) found = current;
    } catch {
      // gone
    }
    queue.push(...(children.get(current) ?? []));
  }
  return found ?? pid;
}

/**
 * How the app is started: `compiled` is what `npm start` runs (node on the
 * build in dist/, with source maps); `tsx` runs the sources as `npm run dev`
 * does (and as `npm start` did before the build step).
 */
export type AppStart = 'compiled' | 'tsx';

const appCommand: Record<AppStart, { file: string; args: string[] }> = {
  compiled: { file: process.execPath, args: ['--enable-source-maps', 'dist/src/main.js'] },
  tsx: { file: tsxBin, args: ['src/main.ts'] },
};

/** The app with the given environment, not waiting for it. Its log goes to `logFile`. */
export async function spawnApp(env: Record<string, string>, logFile: string, how: AppStart = 'compiled'): Promise<{ child: ChildProcess; url: string; spawnedAt: number }> {
  const port = await freePort();
  const spawnedAt = performance.now();
  // The log goes straight to a file: through a pipe to this (busy) process,
  // a full pipe would block the server's synchronous log writes.
  const fd = openSync(logFile, 'a');
  const child = spawn(appCommand[how].file, appCommand[how].args, {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  live.add(child);
  return { child, url: `http://127.0.0.1:${port}`, spawnedAt };
}

/** The app (see `spawnApp`), ready once GET /healthz answers 200. */
export async function startApp(env: Record<string, string>, logFile: string, timeoutMs = 120_000, how: AppStart = 'compiled'): Promise<Server> {
  const { child, url, spawnedAt } = await spawnApp(env, logFile, how);
  await waitHealthy(url, child, timeoutMs);
  // tsx runs the script in a second node process; compiled, the child is the server.
  return { child, url, startMs: Math.round(performance.now() - spawnedAt), pid: how === 'tsx' ? workerPid(child.pid, 'src/main.ts') : child.pid };
}

/** `npm run build`: what `npm install` did, so that dist/ holds the code as it is now. */
export function buildApp(): Promise<OneShot<never>> {
  return runScript<never>('scripts/build.ts', [], 300_000);
}

/** The bare Bolt app (bench/children/bare-bolt.ts), ready once it listens. */
export async function startBareBolt(secret: string, logFile: string): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const fd = openSync(logFile, 'a');
  const child = spawn(tsxBin, ['bench/children/bare-bolt.ts'], {
    cwd: repo,
    env: { ...process.env, PORT: String(port), SLACK_SIGNING_SECRET: secret },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  live.add(child);
  await withTimeout(
    (async () => {
      while (!readFileSync(logFile, 'utf8').includes(`ready ${port}`)) {
        if (child.exitCode !== null) throw new Error(`bare Bolt stopped (${child.exitCode})`);
        await sleep(20);
      }
    })(),
    60_000,
    'bare Bolt did not start',
  );
  return { child, url: `http://127.0.0.1:${port}`, startMs: Math.round(performance.now() - started), pid: workerPid(child.pid, 'bare-bolt.ts') };
}

export interface Health {
  status: number;
  body: { status?: string; outbox?: { pending: number; sent: number; dead: number } };
}

export function getJson(url: string, timeoutMs = 30_000): Promise<Health> {
  return new Promise((resolvePromise, reject) => {
    const req = get(url, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let body: Health['body'] = {};
        try {
          body = JSON.parse(text) as Health['body'];
        } catch {
          body = {};
        }
        resolvePromise({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Polls /healthz until it answers 200 (a refused connection means: not listening yet). */
export async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server stopped with code ${child.exitCode}`);
    if (performance.now() > until) throw new Error(`no healthy /healthz within ${timeoutMs} ms`);
    try {
      const res = await getJson(`${url}/healthz`, Math.max(1000, until - performance.now()));
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
}

export interface OutboxCounts {
  pending: number;
  sent: number;
  dead: number;
}

/** Where the app under test keeps its data: a SQLite file, or a `postgres://…?schema=name` URL (`--postgres`). */
export type Store = string;

const outboxQuery = 'select status, count(*) as n from outbox group by status';
const unfinishedQuery =
  `select (select count(*) from outbox where status = 'pending') as outbox, (select count(*) from inbox where kind <> 'seen' and (${UNFINISHED})) as inbox`;

/** A connection of the bench's own to the store, for counting. */
interface Counter {
  all<T>(query: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openCounter(store: Store): Promise<Counter> {
  if (store.startsWith('postgres://') || store.startsWith('postgresql://')) {
    const { connectionString, schema } = parsePostgresUrl(store);
    const client = new pg.Client({ connectionString, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    await client.connect();
    return {
      // db/postgres.ts has node-postgres read the bigint counts as numbers.
      all: async <T>(query: string) => (await client.query(query)).rows as T[],
      close: () => client.end(),
    };
  }
  // WAL lets this read while the server writes.
  const db = new Database(store, { readonly: true, fileMustExist: true });
  const statements = new Map<string, Database.Statement>();
  return {
    all: <T>(query: string) => {
      let statement = statements.get(query);
      if (!statement) statements.set(query, (statement = db.prepare(query)));
      return Promise.resolve(statement.all() as T[]);
    },
    close: () => Promise.resolve(void db.close()),
  };
}

async function countOutbox(counter: Counter): Promise<OutboxCounts> {
  const out: OutboxCounts = { pending: 0, sent: 0, dead: 0 };
  for (const row of await counter.all<{ status: keyof OutboxCounts; n: number }>(outboxQuery)) out[row.status] = row.n;
  return out;
}

/**
 * The outbox as the database says, read on a connection of our own: asking
 * the server's /healthz would cost the server CPU inside the measurement.
 */
export async function outboxCounts(store: Store): Promise<OutboxCounts> {
  const counter = await openCounter(store);
  try {
    return await countOutbox(counter);
  } finally {
    await counter.close();
  }
}

/** One number from the store (`select count(*) as n …`), read on a connection of our own, SQLite or PostgreSQL. */
export async function countOf(store: Store, query: string): Promise<number> {
  const counter = await openCounter(store);
  try {
    const [row] = await counter.all<{ n: number }>(query);
    return Number(row?.n ?? 0);
  } finally {
    await counter.close();
  }
}

/** Waits until the inbox is worked off and the outbox has nothing pending; returns how long that took (or undefined on timeout). */
/**
 * Waits until nothing is left to process or deliver. `timeoutMs` counts from
 * the start; with `stalledMs` it counts from the last time the backlog
 * shrank instead (a backlog still being worked off is waited for, up to `maxMs`).
 */
export async function waitDrained(store: Store, timeoutMs: number, pollMs = 100, progress?: { stalledMs: number; maxMs: number }): Promise<{ ms: number; outbox: OutboxCounts } | undefined> {
  const started = performance.now();
  const counter = await openCounter(store);
  // Progress is either backlog reaching a new low: processing the inbox grows the outbox.
  const least = { outbox: Infinity, inbox: Infinity };
  let moved = started;
  try {
    for (;;) {
      const [row] = await counter.all<{ outbox: number; inbox: number }>(unfinishedQuery);
      const left = { outbox: Number(row?.outbox ?? 0), inbox: Number(row?.inbox ?? 0) };
      if (left.outbox + left.inbox === 0) return { ms: Math.round(performance.now() - started), outbox: await countOutbox(counter) };
      for (const k of ['outbox', 'inbox'] as const) {
        if (left[k] < least[k]) [least[k], moved] = [left[k], performance.now()];
      }
      const waited = performance.now() - (progress ? moved : started);
      if (waited > (progress?.stalledMs ?? timeoutMs) || performance.now() - started > (progress?.maxMs ?? timeoutMs)) return undefined;
      await sleep(pollMs);
    }
  } finally {
    await counter.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

import { setPriority } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { shareWriteTurn, writeTurnBuffer } from '../db/write-turn.js';
import { buildApp, type App } from './app.js';
import type { Settings } from './config.js';
import type { Logger } from './log.js';
import { countedHere, type ThreadMetrics } from './metrics/registry.js';

// WORK_THREAD: the thread that serves HTTP only verifies, parses and stores a
// request in the inbox before its ack; this worker thread owns the work: the
// inbox processor (the core), the outbox senders and the scheduler, with its
// own database connection (SQLite in WAL with busy_timeout; PostgreSQL its
// own pool). The HTTP thread wakes it after an insert; it also polls, so
// nothing waits forever. The same file is the worker's entry and, on the
// HTTP thread, the code that starts it.

type ToWorker = { type: 'inbox' } | { type: 'outbox' } | { type: 'settle'; n: number } | { type: 'metrics'; n: number } | { type: 'stop' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'finished'; id: number; note: unknown }
  | { type: 'settled'; n: number }
  | { type: 'metrics'; n: number; metrics: ThreadMetrics }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

interface Data {
  regiebotWorker: true;
  sandbox?: boolean;
  /** Shared with the HTTP thread, so that its inbox writes go before the worker's transactions. */
  writeTurn: SharedArrayBuffer;
}

export interface WorkThread {
  /** For buildApp's `link`: wakes the worker, waits until it worked off everything. */
  link: { wake(what: 'inbox' | 'outbox'): void; settle(): Promise<void>; metrics(): Promise<ThreadMetrics> };
  /** Hands the worker's finished rows to the HTTP thread's app (its waiters). */
  attach(app: App): void;
  /** Stops the worker's loops and closes its database connection. */
  stop(): Promise<void>;
}

/** Starts the work thread (settings come from the same environment) and resolves once its app is built. */
export async function startWorkThread(log: Logger, options: { sandbox?: boolean } = {}): Promise<WorkThread> {
  const data: Data = { regiebotWorker: true, writeTurn: writeTurnBuffer(), ...(options.sandbox !== undefined ? { sandbox: options.sandbox } : {}) };
  // This very file. Compiled (npm start) it is plain JavaScript; run from source
  // (npm run dev, tests) the worker registers tsx first, since a loader given
  // with --import does not reach a worker thread.
  const self = import.meta.url;
  const worker = self.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); });`, { eval: true, workerData: data })
    : new Worker(new URL(self), { workerData: data });
  let app: App | undefined;
  let n = 0;
  /** Questions to the worker waiting for their answer, by number (settle, metrics). */
  const asked = new Map<number, (answer: unknown) => void>();
  const answered = (id: number, answer?: unknown) => {
    asked.get(id)?.(answer);
    asked.delete(id);
  };
  let stopped: (() => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'failed') reject(new Error(m.message));
      else if (m.type === 'finished') app?.inbox.finishedElsewhere(m.id, m.note);
      else if (m.type === 'settled') answered(m.n);
      else if (m.type === 'metrics') answered(m.n, m.metrics);
      else if (m.type === 'stopped') stopped?.();
    });
    worker.once('error', reject);
  });
  // A worker that dies takes the work with it: the process stops, so that its supervisor starts it again.
  worker.on('error', (err) => {
    log.fatal({ error: err.message }, 'werkthread gestopt met een fout');
    process.exit(1);
  });
  await ready;
  const post = (m: ToWorker) => worker.postMessage(m);
  const ask = <T>(type: 'settle' | 'metrics') =>
    new Promise<T>((resolve) => {
      const id = ++n;
      asked.set(id, resolve as (answer: unknown) => void);
      post({ type, n: id });
    });
  return {
    link: {
      wake: (what) => post({ type: what }),
      settle: () => ask<void>('settle'),
      metrics: () => ask<ThreadMetrics>('metrics'),
    },
    attach(a) {
      app = a;
    },
    async stop() {
      const done = new Promise<void>((resolve) => (stopped = resolve));
      post({ type: 'stop' });
      await done;
      await worker.terminate();
    },
  };
}

/**
 * The work yields the CPU to the acknowledging thread (WORK_THREAD_NICE). On
 * Linux a nice value belongs to a thread, and pid 0 means the calling one, so
 * only this worker is lowered; elsewhere it may lower the whole process,
 * which changes nothing between its threads.
 */
function lowerPriority(nice: number, app: App): void {
  if (!nice) return;
  try {
    setPriority(0, nice);
  } catch (err) {
    app.log.warn({ error: (err as Error).message }, 'werkthread: lagere prioriteit niet ingesteld');
  }
}

/** The worker's side: the app without HTTP, driven by the HTTP thread's messages. */
async function runWorker(data: Data): Promise<void> {
  const port = parentPort!;
  const send = (m: FromWorker) => port.postMessage(m);
  let app: App;
  let settings: Settings;
  shareWriteTurn(data.writeTurn);
  try {
    const { loadSettings } = await import('./config.js');
    settings = loadSettings();
    app = await buildApp({
      settings,
      role: 'worker',
      ...(data.sandbox !== undefined ? { sandbox: data.sandbox } : {}),
      onFinished: (id, note) => send({ type: 'finished', id, note }),
    });
  } catch (err) {
    send({ type: 'failed', message: (err as Error).message });
    return;
  }
  port.on('message', (m: ToWorker) => {
    if (m.type === 'inbox') app.inbox.wake();
    else if (m.type === 'outbox') for (const s of app.senders.values()) void s.flush();
    else if (m.type === 'settle') void app.flush().finally(() => send({ type: 'settled', n: m.n }));
    else if (m.type === 'metrics') void countedHere().then((metrics) => send({ type: 'metrics', n: m.n, metrics }), () => send({ type: 'metrics', n: m.n, metrics: [] }));
    else if (m.type === 'stop') void app.close().finally(() => send({ type: 'stopped' }));
  });
  lowerPriority(settings.WORK_THREAD_NICE, app);
  app.startWork();
  send({ type: 'ready' });
}

if (!isMainThread && (workerData as Partial<Data> | undefined)?.regiebotWorker) void runWorker(workerData as Data);

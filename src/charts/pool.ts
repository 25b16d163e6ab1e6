import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { READY, type ChartJob, type ChartReply } from './chart-messages.js';
import { rasteriseAsync } from './render.js';

// The digest's charts are rasterised in a pool of worker threads, one per
// core (issue 19): resvg, the palette pass and deflate all run there, so the
// thread that answers requests and builds the digest's text only draws the
// SVG (a string). At most `size` threads, started when the first chart is
// asked for, each with one chart at a time; more charts wait in a queue.
//
// A thread that cannot start (no worker support, a missing compiled file) or
// that fails takes its chart back to this thread, drawn as before on libuv's
// thread pool (`rasteriseAsync`): the same bytes, only not in parallel. After
// a thread failed to start, the pool draws everything here.

interface Pending {
  job: ChartJob;
  resolve: (png: Buffer) => void;
  reject: (err: unknown) => void;
}

interface Thread {
  worker: Worker;
  busy?: Pending;
  /** Its module loaded (it said so): a thread that ends before that could not start. */
  ready: boolean;
}

/** How a thread is started: a file of JavaScript, or code that loads one. */
export type WorkerStart = { url: URL } | { code: string };

/**
 * The worker's file beside this one: compiled JavaScript under `npm start`.
 * From the TypeScript sources (`npm run dev`, the tests) a thread does not
 * inherit tsx's loader (Node 20 registers it per thread), so it is started
 * with a line that loads the file through tsx's API.
 */
function workerStart(): WorkerStart {
  if (!import.meta.url.endsWith('.ts')) return { url: new URL('./chart-worker.js', import.meta.url) };
  const file = new URL('./chart-worker.ts', import.meta.url).href;
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { code: `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))` };
}

export class ChartPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** A thread could not start: every chart is drawn on this thread from then on. */
  private inThread = false;
  /** Charts drawn here instead of in a thread (for tests and the log). */
  fallbacks = 0;

  constructor(
    readonly size: number = availableParallelism(),
    private readonly how: WorkerStart = workerStart(),
  ) {}

  /** The chart's PNG, rasterised in a thread of the pool (or here, see above). */
  rasterise(svg: string): Promise<Buffer> {
    if (this.inThread || this.size < 1) return this.here(svg);
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, svg }, resolve, reject });
      this.pump();
    });
  }

  /** Threads running now (never more than `size`). */
  get threadCount(): number {
    return this.threads.length;
  }

  /** Stops the threads; charts asked for afterwards start new ones. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private async here(svg: string): Promise<Buffer> {
    this.fallbacks++;
    return (await rasteriseAsync(svg)).png;
  }

  private pump(): void {
    while (this.queue.length) {
      if (this.inThread) {
        for (const p of this.queue.splice(0)) this.here(p.job.svg).then(p.resolve, p.reject);
        return;
      }
      let thread = this.threads.find((t) => !t.busy);
      if (!thread && this.threads.length < this.size) {
        thread = this.start();
        if (!thread) continue;
      }
      if (!thread) return;
      const pending = this.queue.shift()!;
      thread.busy = pending;
      // A thread with a chart in hand keeps the process alive until the chart is back; an idle one does not.
      thread.worker.ref();
      thread.worker.postMessage(pending.job);
    }
  }

  private start(): Thread | undefined {
    let worker: Worker;
    try {
      worker = 'url' in this.how ? new Worker(this.how.url) : new Worker(this.how.code, { eval: true });
    } catch {
      this.inThread = true;
      return undefined;
    }
    const thread: Thread = { worker, ready: false };
    worker.unref();
    worker.on('message', (reply: ChartReply | typeof READY) => {
      if (reply === READY) {
        thread.ready = true;
        return;
      }
      const pending = thread.busy;
      if (!pending || pending.job.id !== reply.id) return;
      thread.busy = undefined;
      worker.unref();
      if ('png' in reply) pending.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
      else this.here(pending.job.svg).then(pending.resolve, pending.reject);
      this.pump();
    });
    const gone = () => {
      const i = this.threads.indexOf(thread);
      if (i < 0) return;
      this.threads.splice(i, 1);
      if (!thread.ready) this.inThread = true;
      const pending = thread.busy;
      thread.busy = undefined;
      if (pending) this.here(pending.job.svg).then(pending.resolve, pending.reject);
      this.pump();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    this.threads.push(thread);
    return thread;
  }
}

let shared: ChartPool | undefined;

/** The process's pool, sized to its cores. */
export function chartPool(): ChartPool {
  shared ??= new ChartPool();
  return shared;
}

/** Replaces the process's pool by one of `size` threads (0: every chart on this thread, as before the pool); the benchmark compares the two. */
export async function resizeChartPool(size: number): Promise<void> {
  await shared?.close();
  shared = new ChartPool(size);
}

import type { Db } from '../../db/connection.js';
import type { Platform } from '../actors.js';
import type { Clock } from '../clock.js';
import { HOUR } from '../clock.js';
import type { Logger } from '../log.js';
import type { Reply } from '../kernel/message.js';
import { databaseErrors } from '../metrics/registry.js';
import { every, Guard, type Loop } from '../resilience/guard.js';
import { claim, enqueue, type InboxRow, markAnswered, markDone, markFailed, type NewInboxRow, pruneInbox, whileProcessing } from './inbox.js';
import { inboundTexts } from './messages.js';

// Works off the inbox after the ack: rows in arrival order, each conversation
// strictly one row after another, different conversations side by side (at
// most `concurrency` rows at once). A platform registers how it runs the core
// for its rows and how it answers the person (response_url, a Teams reply,
// the sandbox's store).

export interface InboxHandler {
  /** Runs the core for the row and returns its answer; a core error is an answer too (Inbound.safely). */
  run(row: InboxRow): Promise<Reply>;
  /**
   * Tells the person who sent the request. What it returns (JSON-safe) is
   * handed to whoever waits for the row (`processed`), on this thread or the
   * one that stored the request.
   */
  answer(row: InboxRow, reply: Reply): Promise<unknown>;
}

/** What `processed` resolves with: whether the row was done in time, and what its answer handed on. */
export interface Processed {
  done: boolean;
  note?: unknown;
}

/** What an adapter sees of the inbox: store a request before its ack, and say how its rows are worked off. */
export interface InboxPort {
  /** Stores the request; its row id, or undefined when this key was stored before (a duplicate). Throws when the database is gone. */
  enqueue(row: NewInboxRow): Promise<number | undefined>;
  /** How this platform's rows are run and answered. */
  handle(platform: Platform, handler: InboxHandler): void;
  /** Resolves when everything stored so far is processed and answered (tests, shutdown). */
  settled(): Promise<void>;
  /** Resolves when the row was processed and answered, or after `ms`. */
  processed(id: number, ms: number): Promise<Processed>;
}

export interface ProcessorOptions {
  owner: string;
  concurrency?: number;
  /** How long a claim holds before another instance may take the row (a crashed instance's rows). */
  leaseMs?: number;
  /** Finished rows are kept this long for the duplicate check, then pruned. */
  keepMs: number;
  /**
   * The rows are worked off on another thread (WORK_THREAD): this one only
   * stores them and tells that thread (`wake`, `settle`); `finishedElsewhere`
   * hands its results to the waiters here.
   */
  elsewhere?: { wake(): void; settle(): Promise<void> };
  /** Called for every row this processor finished (the worker tells the HTTP thread). */
  onFinished?: (id: number, note: unknown) => void;
}

export class InboxProcessor implements InboxPort {
  private readonly handlers = new Map<Platform, InboxHandler>();
  private readonly queues = new Map<string, InboxRow[]>();
  private readonly inFlight = new Set<number>();
  private readonly waiters = new Map<number, Array<(note: unknown) => void>>();
  private readonly finished = new Map<number, unknown>();
  private running = 0;
  private readonly ready: Array<() => void> = [];
  private chain: Promise<boolean> = Promise.resolve(false);
  private wakePending = false;
  private loop: Loop | undefined;
  private lastPruned = 0;
  private readonly guard: Guard;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: ProcessorOptions,
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.guard = new Guard('inbox', log);
  }

  handle(platform: Platform, handler: InboxHandler): void {
    this.handlers.set(platform, handler);
  }

  async enqueue(row: NewInboxRow): Promise<number | undefined> {
    const id = await enqueue(this.db, row, this.clock.now());
    if (id !== undefined) this.wake();
    return id;
  }

  processed(id: number, ms: number): Promise<Processed> {
    if (this.finished.has(id)) return Promise.resolve({ done: true, note: this.finished.get(id) });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(id) ?? [];
        this.waiters.set(
          id,
          list.filter((w) => w !== done),
        );
        resolve({ done: false });
      }, ms);
      timer.unref();
      const done = (note: unknown) => {
        clearTimeout(timer);
        resolve({ done: true, note });
      };
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), done]);
    });
  }

  /** A row finished here or on the work thread: its waiters get the answer's note. */
  finishedElsewhere(id: number, note: unknown): void {
    // Remembered a while: a waiter may ask only after the row was done.
    this.finished.set(id, note);
    if (this.finished.size > 1000) this.finished.delete(this.finished.keys().next().value!);
    for (const w of this.waiters.get(id) ?? []) w(note);
    this.waiters.delete(id);
  }

  /**
   * Looks for work now (after an insert); a wake while one is waiting to run
   * is the same wake. While every slot is busy and this instance holds rows
   * enough for the next ones, a claim would only find what it holds: the lane
   * that frees a slot or brings the count down looks again (a claim takes up
   * to 200 rows), and the poll looks anyway.
   */
  wake(): void {
    if (this.options.elsewhere) {
      this.options.elsewhere.wake();
      return;
    }
    if (this.stopped || this.wakePending) return;
    if (this.queues.size >= this.concurrency && this.inFlight.size > 2 * this.concurrency) return;
    this.wakePending = true;
    void this.pass().catch(() => undefined);
  }

  /** Polls too, so that what a crash or another instance left behind is taken up. */
  start(intervalMs: number): void {
    this.stopped = false;
    this.wake();
    this.loop = every(intervalMs, this.guard, () => this.pass());
  }

  stop(): void {
    this.stopped = true;
    this.loop?.stop();
  }

  settled(): Promise<void> {
    return this.options.elsewhere ? this.options.elsewhere.settle() : this.drain();
  }

  /** Works off everything there is now (tests, shutdown). */
  async drain(): Promise<void> {
    for (let i = 0; i < 10_000; i++) {
      const found = await this.pass();
      await this.idle();
      if (!found) return;
    }
  }

  /** Resolves when nothing this instance took is still being worked on. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await new Promise((r) => setTimeout(r, 2));
  }

  /**
   * Claims what is there and hands each row to its conversation's lane. One
   * pass at a time in this process, so that two never take the same row.
   */
  private pass(): Promise<boolean> {
    const run = async () => {
      this.wakePending = false;
      const now = this.clock.now();
      await this.prune(now);
      const rows = await this.guard.run(() => claim(this.db, this.options.owner, now, this.leaseMs, 200, [...this.inFlight], [...this.handlers.keys()]));
      for (const row of rows ?? []) this.take(row);
      return (rows?.length ?? 0) > 0;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => false);
    return next;
  }

  private take(row: InboxRow): void {
    this.inFlight.add(row.id);
    const queue = this.queues.get(row.conversationId);
    if (queue) {
      queue.push(row);
      return;
    }
    this.queues.set(row.conversationId, [row]);
    void this.lane(row.conversationId);
  }

  /** One conversation: its rows one after another, in the order claimed (arrival order). */
  private async lane(conversationId: string): Promise<void> {
    const queue = this.queues.get(conversationId)!;
    let failed = false;
    while (queue.length) {
      const row = queue[0]!;
      await this.slot();
      try {
        await this.process(row);
      } catch (err) {
        // The database went away between the core and the bookkeeping: the row stays and is taken again.
        failed = true;
        databaseErrors.inc({ where: 'inbox' });
        this.log.error({ inboxId: row.id, error: (err as Error).message }, 'inbox: verzoek niet afgerond; wordt opnieuw geprobeerd');
      } finally {
        this.release();
        queue.shift();
        this.inFlight.delete(row.id);
      }
    }
    this.queues.delete(conversationId);
    // More may have come in for it (or beyond the last claim's limit); after
    // a failure the poll tries again, not a tight loop.
    if (!failed) this.wake();
  }

  private async slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.ready.push(resolve));
    this.running++;
  }

  private release(): void {
    this.running--;
    this.ready.shift()?.();
  }

  private async process(row: InboxRow): Promise<void> {
    const handler = this.handlers.get(row.platform);
    if (!handler) {
      this.log.warn({ inboxId: row.id, platform: row.platform }, 'inbox: geen verwerker voor dit platform; het verzoek blijft staan');
      return;
    }
    let note: unknown;
    if (row.state === 'pending') {
      const reply = await whileProcessing(row.id, () => handler.run(row));
      if (reply.unrecorded) {
        await markFailed(this.db, row.id, this.clock.now());
      } else {
        // Done and answered in one write, before the answer goes out: a crash
        // in between costs the person this answer (the case has what was
        // recorded), never a second one.
        await markDone(this.db, row.id, this.clock.now());
      }
      note = await this.tell(handler, row, reply);
    } else {
      // The core committed (its transaction marked the row done) but the
      // process died before the answer: the answer is gone with it; say that
      // it was handled.
      await markAnswered(this.db, row.id, this.clock.now());
      note = await this.tell(handler, row, { message: { title: inboundTexts().handledBefore, tone: 'success' } });
    }
    this.finishedElsewhere(row.id, note);
    this.options.onFinished?.(row.id, note);
  }

  /** An answer that cannot be delivered is logged; what was recorded stays recorded. */
  private async tell(handler: InboxHandler, row: InboxRow, reply: Reply): Promise<unknown> {
    try {
      return await handler.answer(row, reply);
    } catch (err) {
      this.log.warn({ inboxId: row.id, platform: row.platform, error: (err as Error).message }, 'inbox: antwoord aan de afzender niet afgeleverd');
    }
  }

  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPruned < HOUR && now.getTime() >= this.lastPruned) return;
    this.lastPruned = now.getTime();
    await pruneInbox(this.db, now, this.options.keepMs).catch(() => {
      // Housekeeping only: the next pass tries again.
      this.lastPruned = 0;
    });
  }
}

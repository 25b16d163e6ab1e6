import type { Platform } from '../actors.js';
import type { Clock } from '../clock.js';
import { HOUR } from '../clock.js';
import { deliveries, type DeliveryResult } from '../metrics/registry.js';
import { every, Guard, type Loop } from '../resilience/guard.js';
import type { Outbox, OutboxItem, Waiting } from '../kernel/outbox.js';
import { Buckets, conversationLane, type Pace } from './pace.js';

/** The platform said "slow down" (HTTP 429); try again after `retryAfterMs`. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited, retry after ${retryAfterMs} ms`);
  }
}

/**
 * The platform refused for good (e.g. Slack's `cant_delete_message`, or a
 * payload it will never take: `invalid_blocks`, `msg_too_long`, a Teams 400 or
 * 413): trying again cannot help, so the row is dead-lettered at once. The
 * message names ids and error codes only.
 */
export class Refused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refused';
  }
}

/** Delivers one item; returns the platform's id for the message it created or changed. */
export type Deliver = (item: OutboxItem) => Promise<string | null>;

export interface SenderLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface SenderOptions {
  /** Conversations delivered to at the same time (each strictly in order). */
  concurrency?: number;
  /** New messages per conversation; none: unpaced (the sandbox, tests on a manual clock). */
  pace?: Pace;
  /**
   * The pace's buckets, when calls outside the outbox go into the same
   * conversations (the adapter's answers to commands): shared, so that the
   * platform's count of each conversation is one count here too.
   */
  buckets?: Buckets;
  /** Sent rows are deleted this many days after sending (0: never). */
  keepDays?: number;
  /** Rows claimed per round. */
  batch?: number;
}

/** Where an item appears: its lane. One lane is delivered strictly in order. */
function laneOf(item: OutboxItem): string {
  if (item.kind === 'direct') return `u:${item.userId}`;
  const conversation = item.conversationId ?? item.related?.conversationId;
  if (conversation) return conversationLane(conversation);
  if (item.userId) return `u:${item.userId}`;
  return `r:${item.related?.id ?? item.id}`;
}


/** How often a sender deletes old sent rows. */
const PRUNE_EVERY_MS = HOUR;

/**
 * Delivers what is due for one platform: several conversations at once (at
 * most `concurrency`), each strictly in order, each paced to what the
 * platform allows per conversation, honouring Retry-After. One pass at a time
 * per platform, so a slow platform never sends the same row twice in parallel.
 */
export class OutboxSender {
  private running: Promise<number> | null = null;
  private stopping = false;
  private loop: Loop | null = null;
  private wake: NodeJS.Timeout | null = null;
  private lastPrune = Number.NEGATIVE_INFINITY;

  /** Delivered, but the database failed before that was recorded: recorded first on the next pass. */
  private readonly unrecorded = new Map<number, string | null>();
  private readonly buckets: Buckets | undefined;
  private readonly concurrency: number;
  private readonly batch: number;
  /** The outbox's own reads and writes failing (the database is down): back off, log once. */
  readonly guard: Guard;

  constructor(
    private readonly platform: Platform,
    private readonly outbox: Outbox,
    private readonly deliver: Deliver,
    private readonly clock: Clock,
    private readonly log?: SenderLog,
    private readonly options: SenderOptions = {},
  ) {
    this.guard = new Guard(`outbox sender ${platform}`, log);
    this.buckets = options.pace ? (options.buckets ?? new Buckets(options.pace)) : undefined;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.batch = options.batch ?? 200;
  }

  /**
   * Runs one pass now (or joins the pass under way); resolves with how many
   * were delivered. Never rejects: callers fire it and forget it, and a pass
   * that fails on the database is the guard's to log and retry.
   */
  flush(): Promise<number> {
    if (!this.running) {
      this.running = this.guard.run(() => this.pass()).then((n) => {
        this.running = null;
        return n ?? 0;
      });
    }
    return this.running;
  }

  /**
   * Flushes until nothing due is left (used by tests and on shutdown). A
   * conversation waiting for its pace is waited for.
   */
  async drain(maxPasses = 100): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      const sent = await this.flush();
      if ((await this.outbox.due(this.platform, this.clock.now(), 1)).length === 0) return;
      const wait = this.paceWaitMs();
      if (sent === 0 && wait === undefined) return;
      if (wait !== undefined && sent === 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Polls every `intervalMs`; while the database fails, after the guard's backoff instead. */
  start(intervalMs = 500): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = every(intervalMs, this.guard, () => this.flushOrThrow());
  }

  /** Stops the polling; a pass under way ends after the messages in flight (see idle()). */
  stop(): void {
    this.loop?.stop();
    this.loop = null;
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    this.stopping = true;
  }

  /** Resolves when no pass is under way (close waits for this before the database goes). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** A flush for the polling loop, whose guard must see the failure to back off. */
  private async flushOrThrow(): Promise<void> {
    await this.flush();
    if (this.guard.failing) throw new Error('outbox pass failed');
  }

  /** Conversations whose pace allows nothing now, for the claim to skip. */
  private waiting(): Waiting | undefined {
    if (!this.buckets) return undefined;
    const lanes = this.buckets.waiting();
    return {
      conversations: lanes.filter((l) => l.startsWith('c:')).map((l) => l.slice(2)),
      users: lanes.filter((l) => l.startsWith('u:')).map((l) => l.slice(2)),
    };
  }

  /** Milliseconds until the first waiting conversation may send again; undefined when none waits. */
  private paceWaitMs(): number | undefined {
    if (!this.buckets) return undefined;
    const lanes = this.buckets.waiting();
    if (!lanes.length) return undefined;
    return Math.max(1, Math.min(...lanes.map((l) => this.buckets!.waitMs(l))));
  }

  /** New messages count against a conversation's pace; with `everyCall`, updates and deletions too. */
  private paced(item: OutboxItem): boolean {
    if (!this.buckets) return false;
    return item.kind === 'post' || item.kind === 'direct' || (this.options.pace?.everyCall === true && item.kind !== 'archive');
  }

  private count(result: DeliveryResult, n = 1): void {
    if (n > 0) deliveries.inc({ platform: this.platform, result }, n);
  }

  private async pass(): Promise<number> {
    let delivered = 0;
    for (const [id, platformMessageId] of this.unrecorded) {
      await this.outbox.markSent(id, platformMessageId, this.clock.now());
      this.unrecorded.delete(id);
    }
    await this.prune();
    for (;;) {
      // Claimed, not just read: another instance on the same database delivers other rows.
      if (this.stopping) return delivered;
      const superseded = this.outbox.supersededCount;
      const items = await this.outbox.claim(this.platform, this.clock.now(), this.batch, {
        perConversation: this.options.pace?.burst ?? this.batch,
        ...(this.buckets ? { waiting: this.waiting()! } : {}),
      });
      this.count('superseded', this.outbox.supersededCount - superseded);
      if (items.length === 0) break;
      const lanes = new Map<string, OutboxItem[]>();
      for (const item of items) {
        const lane = laneOf(item);
        lanes.set(lane, [...(lanes.get(lane) ?? []), item]);
      }
      const queue = [...lanes.entries()];
      const done = { sent: 0, handled: 0 };
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await this.deliverLane(next[0], next[1], done);
      };
      // Every lane ends before the pass does, even when one fails on the
      // database: a lane still running after the pass would overlap the next.
      const outcomes = await Promise.allSettled(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
      delivered += done.sent;
      // Nothing sent or given up: what is left waits for a retry or a pace.
      if (done.handled === 0) break;
    }
    this.scheduleWake();
    return delivered;
  }

  /**
   * Delivers one conversation's items in order. Stops at the first that must
   * be tried again later (a failure, a 429, or no token left in its pace) and
   * hands the rest back, so nothing overtakes it. Counts into `done` what
   * was sent, and what was sent or given up.
   */
  private async deliverLane(lane: string, items: OutboxItem[], done: { sent: number; handled: number }): Promise<void> {
    for (const [index, item] of items.entries()) {
      if (this.stopping || (this.paced(item) && this.buckets!.waitMs(lane) > 0)) {
        // Shutting down, or the conversation's pace allows no more now: what
        // this pass claimed but did not send goes back at once.
        await this.outbox.release(items.slice(index).map((i) => i.id));
        return;
      }
      // The outbox's own writes are outside the try: when the database
      // fails, the pass stops and the guard retries it later. The row stays
      // claimed by this instance, and marked as attempted, so a message
      // delivered but not recorded as sent is looked up before it is sent again.
      await this.outbox.markAttempting(item.id, this.clock.now());
      // The token is taken at the last moment: the platform counts arrivals,
      // and the write above may have waited for the database.
      if (this.paced(item)) this.buckets!.take(lane);
      let platformMessageId: string | null;
      try {
        platformMessageId = await this.deliver(item).finally(() => {
          if (this.paced(item)) this.buckets!.settle(lane);
        });
      } catch (err) {
        const retryAfter = err instanceof RateLimited ? err.retryAfterMs : undefined;
        const error = String((err as Error).message ?? err).slice(0, 300);
        let state: 'retry' | 'dead' = 'dead';
        if (err instanceof Refused) await this.outbox.markDead(item.id, error);
        else state = await this.outbox.markFailed(item.id, error, this.clock.now(), retryAfter);
        const meta = { outboxId: item.id, platform: this.platform, kind: item.kind, attempts: item.attempts + 1, caseId: item.caseId };
        if (state === 'dead') this.log?.error(meta, 'outbox message gave up (dead letter)');
        else this.log?.warn(meta, 'outbox delivery failed, will retry');
        this.count(state === 'dead' ? 'dead' : retryAfter !== undefined ? 'rate_limited' : 'retry');
        // The row itself waits Retry-After (markFailed); a new message also
        // empties its conversation's pace, so nothing else goes there first.
        if (retryAfter !== undefined && this.paced(item)) this.buckets!.hold(lane, retryAfter);
        // A dead letter no longer holds its conversation up; a retry does:
        // the rest waits (the claim skips it until the retry is due).
        if (state === 'retry') {
          await this.outbox.release(items.slice(index + 1).map((i) => i.id));
          return;
        }
        done.handled++;
        continue;
      }
      this.unrecorded.set(item.id, platformMessageId);
      await this.outbox.markSent(item.id, platformMessageId, this.clock.now());
      this.unrecorded.delete(item.id);
      this.count('sent');
      done.sent++;
      done.handled++;
    }
  }

  /** While polling, wakes up when the first waiting conversation may send again, not at the next poll. */
  private scheduleWake(): void {
    if (!this.loop || this.stopping || this.wake) return;
    const wait = this.paceWaitMs();
    if (wait === undefined) return;
    this.wake = setTimeout(() => {
      this.wake = null;
      void this.flush();
    }, wait);
    this.wake.unref();
  }

  /** At most once an hour, by the app's clock: sent rows older than `keepDays`. */
  private async prune(): Promise<void> {
    const keepDays = this.options.keepDays ?? 0;
    const now = this.clock.now();
    if (keepDays <= 0 || now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const removed = await this.outbox.prune(this.platform, now, keepDays);
    if (removed) this.log?.info({ platform: this.platform, removed, keepDays }, 'outbox: old sent rows removed');
  }
}

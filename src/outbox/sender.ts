import type { Platform } from '../actors.js';
import type { Clock } from '../clock.js';
import { every, Guard, type Loop } from '../resilience/guard.js';
import type { Outbox, OutboxItem } from '../kernel/outbox.js';

/** The platform said "slow down" (HTTP 429); try again after `retryAfterMs`. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited, retry after ${retryAfterMs} ms`);
  }
}

/**
 * The platform refused for good (e.g. Slack's `cant_delete_message`): trying
 * again cannot help, so the row is dead-lettered at once. The message names
 * ids and error codes only.
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

/**
 * Delivers what is due for one platform. One pass at a time per platform, so a
 * slow platform never sends the same row twice in parallel.
 */
export class OutboxSender {
  private running: Promise<number> | null = null;
  private stopping = false;
  private loop: Loop | null = null;
  /** Delivered, but the database failed before that was recorded: recorded first on the next pass. */
  private readonly unrecorded = new Map<number, string | null>();
  /** The outbox's own reads and writes failing (the database is down): back off, log once. */
  readonly guard: Guard;

  constructor(
    private readonly platform: Platform,
    private readonly outbox: Outbox,
    private readonly deliver: Deliver,
    private readonly clock: Clock,
    private readonly log?: SenderLog,
  ) {
    this.guard = new Guard(`outbox sender ${platform}`, log);
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

  /** Flushes until nothing due is left (used by tests and on shutdown). */
  async drain(maxPasses = 100): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      await this.flush();
      if ((await this.outbox.due(this.platform, this.clock.now(), 1)).length === 0) return;
    }
  }

  /** Polls every `intervalMs`; while the database fails, after the guard's backoff instead. */
  start(intervalMs = 500): void {
    if (this.loop) return;
    this.loop = every(intervalMs, this.guard, () => this.flushOrThrow());
  }

  /** Stops the polling; a pass under way ends after the message in flight (see idle()). */
  stop(): void {
    this.loop?.stop();
    this.loop = null;
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

  private async pass(): Promise<number> {
    let delivered = 0;
    for (const [id, platformMessageId] of this.unrecorded) {
      await this.outbox.markSent(id, platformMessageId, this.clock.now());
      this.unrecorded.delete(id);
    }
    for (;;) {
      // Claimed, not just read: another instance on the same database delivers other rows.
      if (this.stopping) return delivered;
      const items = await this.outbox.claim(this.platform, this.clock.now(), 50);
      if (items.length === 0) return delivered;
      let progressed = false;
      for (const [index, item] of items.entries()) {
        if (this.stopping) {
          // Shutting down: what this pass claimed but did not send goes back at once.
          await this.outbox.release(items.slice(index).map((i) => i.id));
          return delivered;
        }
        // The outbox's own writes are outside the try: when the database
        // fails, the pass stops and the guard retries it later. The row stays
        // claimed by this instance, and marked as attempted, so a message
        // delivered but not recorded as sent is looked up before it is sent again.
        await this.outbox.markAttempting(item.id, this.clock.now());
        let platformMessageId: string | null;
        try {
          platformMessageId = await this.deliver(item);
        } catch (err) {
          const retryAfter = err instanceof RateLimited ? err.retryAfterMs : undefined;
          const error = String((err as Error).message ?? err).slice(0, 300);
          let state: 'retry' | 'dead' = 'dead';
          if (err instanceof Refused) await this.outbox.markDead(item.id, error);
          else state = await this.outbox.markFailed(item.id, error, this.clock.now(), retryAfter);
          const meta = { outboxId: item.id, platform: this.platform, kind: item.kind, attempts: item.attempts + 1, caseId: item.caseId };
          if (state === 'dead') this.log?.error(meta, 'outbox message gave up (dead letter)');
          else this.log?.warn(meta, 'outbox delivery failed, will retry');
          // A rate limit applies to the platform: stop this pass, honour the wait,
          // and hand back what this pass did not get to.
          if (err instanceof RateLimited) {
            await this.outbox.release(items.slice(index + 1).map((i) => i.id));
            return delivered;
          }
          continue;
        }
        this.unrecorded.set(item.id, platformMessageId);
        await this.outbox.markSent(item.id, platformMessageId, this.clock.now());
        this.unrecorded.delete(item.id);
        delivered++;
        progressed = true;
      }
      if (!progressed) return delivered;
    }
  }
}

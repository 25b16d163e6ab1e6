import type { Platform } from '../actors.js';
import type { Clock } from '../clock.js';
import type { Outbox, OutboxItem } from './outbox.js';

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
}

/**
 * Delivers what is due for one platform. One pass at a time per platform, so a
 * slow platform never sends the same row twice in parallel.
 */
export class OutboxSender {
  private running: Promise<number> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly outbox: Outbox,
    private readonly deliver: Deliver,
    private readonly clock: Clock,
    private readonly log?: SenderLog,
  ) {}

  /** Runs one pass now (or joins the pass under way); resolves with how many were delivered. */
  flush(): Promise<number> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
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

  start(intervalMs = 500): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Stops the interval; a pass under way ends after the message in flight (see idle()). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping = true;
  }

  /** Resolves when no pass is under way (close waits for this before the database goes). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async pass(): Promise<number> {
    let delivered = 0;
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
        try {
          await this.outbox.markAttempting(item.id, this.clock.now());
          const platformMessageId = await this.deliver(item);
          await this.outbox.markSent(item.id, platformMessageId, this.clock.now());
          delivered++;
          progressed = true;
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
        }
      }
      if (!progressed) return delivered;
    }
  }
}

import { faultInfo, isDatabaseFault } from '../../db/faults.js';
import { databaseErrors } from '../metrics/registry.js';

export interface GuardLog {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface BackoffOptions {
  /** First wait after a failure. */
  minMs?: number;
  /** The wait doubles per failure up to this. */
  maxMs?: number;
}

/**
 * The health of one background loop (an outbox sender, the scheduler): its
 * work is run through `run`, which never rejects. A failure is logged when
 * the loop goes from working to failing, and the recovery when it works
 * again; in between nothing is logged, however often it retries, and the
 * loop waits longer after each failure (exponential, capped), so an outage
 * of the database neither kills the process nor floods the log.
 */
export class Guard {
  private failures = 0;
  private since = 0;
  private retryAt = 0;
  private readonly minMs: number;
  private readonly maxMs: number;

  constructor(
    readonly name: string,
    private readonly log: GuardLog | undefined,
    options: BackoffOptions = {},
  ) {
    this.minMs = options.minMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
  }

  /** The last try failed. */
  get failing(): boolean {
    return this.failures > 0;
  }

  /** How long to wait after the last try before the next: 0 while it works. */
  get delayMs(): number {
    if (this.failures === 0) return 0;
    return Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.failures - 1, 30));
  }

  /** Whether a try is due now: the loop works, or its backoff has passed. */
  get ready(): boolean {
    return Date.now() >= this.retryAt;
  }

  /** Runs one try; resolves with its result, or with undefined when it failed. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work();
      this.succeeded();
      return result;
    } catch (err) {
      this.failed(err);
      return undefined;
    }
  }

  succeeded(): void {
    if (this.failures > 0) {
      this.log?.info({ loop: this.name, failures: this.failures, downMs: Date.now() - this.since }, `${this.name}: works again`);
    }
    this.failures = 0;
    this.retryAt = 0;
  }

  failed(err: unknown): void {
    if (isDatabaseFault(err)) databaseErrors.inc({ where: this.name });
    if (this.failures === 0) {
      this.since = Date.now();
      this.log?.error({ loop: this.name, err: faultInfo(err) }, `${this.name}: failed; retrying with backoff until it works again`);
    }
    this.failures++;
    this.retryAt = Date.now() + this.delayMs;
  }
}

export interface Loop {
  stop(): void;
}

/**
 * Runs `work` every `intervalMs` through `guard`; while it fails, after the
 * guard's backoff instead. A timer chain rather than setInterval: a slow or
 * failing try never overlaps the next.
 */
export function every(intervalMs: number, guard: Guard, work: () => Promise<unknown>): Loop {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    void guard.run(work).then(() => schedule(guard.failing ? guard.delayMs : intervalMs));
  };
  schedule(intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

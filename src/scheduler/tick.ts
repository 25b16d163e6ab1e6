import cron, { type ScheduledTask } from 'node-cron';
import type { Db } from '../../db/connection.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Logger } from '../log.js';
import { sweepSeconds } from '../metrics/registry.js';
import { Guard } from '../resilience/guard.js';
import { sweep, type Rule, type SweepReport } from './sweep.js';

/**
 * The timed work the composition root hands in (src/scheduled.ts), so the
 * scheduler knows the shape of a rule but no concept.
 */
export interface TimedWork {
  /** Every kind of timed work, most urgent first. */
  rules: readonly Rule[];
  /**
   * Runs at the start of every sweep, before the rules (retention). Returns
   * whether it wrote to the outbox.
   */
  beforeRules?(deps: Pick<SchedulerDeps, 'db' | 'settings' | 'log'>, now: Date): Promise<boolean>;
}

export interface SchedulerDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  log: Logger;
  /** Called after a sweep that wrote to the outbox (the app pokes its senders). */
  onDelivered?: () => void;
}

export interface SchedulerStats {
  sweeps: number;
  skippedTicks: number;
}

/**
 * The clock tick. node-cron calls `tick()` on SCHEDULER_CRON (every minute
 * by default; a sixth field gives seconds); each tick runs one sweep with
 * the injected clock's time. Within a process a tick that arrives while a
 * sweep runs is skipped (node-cron's noOverlap, and our own guard for
 * direct calls); across processes the ledger keys make delivery exactly-once.
 * `start()` also sweeps a second later, so what fell due while the bot was
 * down goes out on start.
 */
/** How long after start the catch-up sweep runs. */
const FIRST_SWEEP_DELAY_MS = 1000;
/** How soon a sweep that left due rows for later (a wave) is followed by the next, rather than at the next tick. */
const FOLLOW_UP_DELAY_MS = 1000;

export class Scheduler {
  private task: ScheduledTask | null = null;
  private firstTick: NodeJS.Timeout | null = null;
  private followUp: NodeJS.Timeout | null = null;
  private running: Promise<SweepReport> | null = null;
  /** Ledger keys known to be claimed; see `sweep`. */
  private readonly known = new Set<string>();
  readonly stats: SchedulerStats = { sweeps: 0, skippedTicks: 0 };
  /** Sweeps failing as a whole (the database is down): logged once, ticks skipped during the backoff. */
  readonly guard: Guard;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly work: TimedWork,
  ) {
    this.guard = new Guard('scheduler sweep', deps.log);
  }

  /** One sweep now; if one is under way, waits for it and returns its report. */
  sweep(): Promise<SweepReport> {
    if (this.running) return this.running;
    const run = async () => {
      this.stats.sweeps++;
      const timer = sweepSeconds.startTimer();
      const now = this.deps.clock.now();
      const wrote = (await this.work.beforeRules?.(this.deps, now)) ?? false;
      const report = await sweep(this.deps, [...this.work.rules], now, this.known);
      if (report.delivered.length > 0) {
        // Ledger keys hold kinds and record ids only.
        this.deps.log.info({ delivered: report.delivered.length, keys: report.delivered.slice(0, 20), failed: report.failed }, 'scheduler delivered');
      }
      if (report.delivered.length > 0 || wrote) this.deps.onDelivered?.();
      // Only a sweep that ran to its end: a failed one is counted as a database error.
      timer();
      // A wave spent the sweep's budget: the next sweep comes soon (most urgent rules first again), not at the next tick.
      if (report.deferred && this.task && !this.followUp) {
        this.followUp = setTimeout(() => {
          this.followUp = null;
          void this.tick();
        }, FOLLOW_UP_DELAY_MS);
        this.followUp.unref();
      }
      return report;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * What the cron task calls: a sweep, unless one is running or the last
   * failed less than its backoff ago (then the tick is skipped). Never rejects.
   */
  async tick(): Promise<void> {
    if (this.running || !this.guard.ready) {
      this.stats.skippedTicks++;
      return;
    }
    await this.guard.run(() => this.sweep());
  }

  get started(): boolean {
    return this.task !== null;
  }

  start(): void {
    if (this.task) return;
    const { settings, log } = this.deps;
    const logger = {
      info: (m: string) => log.debug({ component: 'node-cron' }, m),
      warn: (m: string) => log.debug({ component: 'node-cron' }, m),
      error: (m: string | Error) => log.warn({ component: 'node-cron' }, typeof m === 'string' ? m : m.name),
      debug: (m: string | Error) => log.debug({ component: 'node-cron' }, typeof m === 'string' ? m : m.name),
    };
    this.task = cron.schedule(settings.SCHEDULER_CRON, () => this.tick(), {
      name: 'regiebot-sweep',
      noOverlap: true,
      timezone: settings.TIMEZONE,
      logger,
      suppressMissedWarning: true,
    });
    // The catch-up sweep waits a moment: a sweep's rule computes without
    // yielding for a while on a large database, and a starting instance should
    // first answer its health check and the requests already waiting.
    this.firstTick = setTimeout(() => void this.tick(), FIRST_SWEEP_DELAY_MS);
    this.firstTick.unref();
  }

  /** Stops the tick and waits for a sweep under way. */
  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    if (this.firstTick) clearTimeout(this.firstTick);
    this.firstTick = null;
    if (this.followUp) clearTimeout(this.followUp);
    this.followUp = null;
    if (task) await task.destroy();
    if (this.running) await this.running.catch(() => undefined);
  }
}

export function createScheduler(deps: SchedulerDeps, work: TimedWork): Scheduler {
  if (!cron.validate(deps.settings.SCHEDULER_CRON)) {
    throw new Error(`Instelling SCHEDULER_CRON is ongeldig: verwacht een cron-uitdrukking, bijvoorbeeld "* * * * *".`);
  }
  return new Scheduler(deps, work);
}

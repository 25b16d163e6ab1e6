import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { PlatformAdapter } from '../adapters/types.js';
import { openDatabase, type Db } from '../db/connection.js';
import type { Platform } from './actors.js';
import { setTimeZone, systemClock, type Clock } from './clock.js';
import { slackConfigured, teamsConfigured, type Settings } from './config.js';
import type { Core } from './core/api.js';
import { createCore } from './core/index.js';
import type { Provisioner } from './core/api.js';
import { createHttpServer, hostChecked, sendJson, type HttpLimits, type Route } from './http/server.js';
import { setLocale } from './i18n/index.js';
import { createLogger, type Logger } from './log.js';
import { Outbox } from './kernel/outbox.js';
import { OutboxSender } from './outbox/sender.js';
import { Buckets, conversationLane, platformPace, type Pace } from './outbox/pace.js';
import { metricsRoute, timed } from './metrics/http.js';
import { registerInboxStats, registerOutboxStats, type ThreadMetrics } from './metrics/registry.js';
import { inboxStats, markDoneInTransaction } from './inbound/inbox.js';
import { InboxProcessor } from './inbound/processor.js';
import { timedWork } from './scheduled.js';
import { keepDue } from './scheduler/due.js';
import { createScheduler, type Scheduler } from './scheduler/tick.js';
import { databaseFailure } from './startup.js';

export interface AppOptions {
  settings: Settings;
  clock?: Clock;
  log?: Logger;
  /** Force the sandbox on or off; by default it runs when no platform is configured. */
  sandbox?: boolean;
  /** Outbox poll interval; tests drive `flush()` themselves and pass 0. */
  senderIntervalMs?: number;
  /**
   * Start the scheduler's cron tick in `listen()`. By default only on the system
   * clock: with an injected clock, tests run `app.scheduler.sweep()` themselves.
   */
  scheduler?: boolean;
  /** Request and header timeouts of the shared server (tests shorten them). */
  http?: HttpLimits;
  /**
   * Pace each conversation's new messages to its platform's published rate
   * (src/outbox/pace.ts). By default as OUTBOX_PACE says, and only on the
   * system clock: tests on a manual clock deliver at once unless they ask for it.
   */
  outboxPace?: boolean | Pace;
  /**
   * Where the work runs (WORK_THREAD, src/worker.ts). `all` (the default):
   * the inbox processor, the outbox senders and the scheduler run beside the
   * HTTP server. `http`: this thread serves HTTP and stores requests in the
   * inbox; `link` tells the work thread. `worker`: no HTTP; `startWork()`
   * runs the processor, the senders and the scheduler.
   */
  role?: 'all' | 'http' | 'worker';
  /** For `http`: wakes the work thread, waits until it worked off everything (tests, shutdown), and asks for its counters (/metrics). */
  link?: { wake(what: 'inbox' | 'outbox'): void; settle(): Promise<void>; metrics?(): Promise<ThreadMetrics> };
  /** For `worker`: each inbox row finished, with what its answer hands on (the HTTP thread's waiters). */
  onFinished?: (id: number, note: unknown) => void;
}

export interface App {
  settings: Settings;
  db: Db;
  core: Core;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  server: Server;
  adapters: Map<Platform, PlatformAdapter>;
  senders: Map<Platform, OutboxSender>;
  /** The durable inbox: requests stored before their ack, worked off after it (src/inbound/processor.ts). */
  inbox: InboxProcessor;
  /** Timed work: reminders, alerts, escalations, digests. `listen()` starts its tick; `scheduler.sweep()` runs one pass. */
  scheduler: Scheduler;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Starts the processor, the senders and the scheduler (what `listen` starts unless the work runs elsewhere). */
  startWork(): void;
  /** Delivers everything due on every platform. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { settings } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(settings.LOG_LEVEL);
  setLocale(settings.LOCALE);
  setTimeZone(settings.TIMEZONE);

  const role = options.role ?? 'all';
  const db = await openDatabase(settings.DATABASE_URL, { acknowledging: role === 'http' }).catch((err: unknown) => {
    throw databaseFailure(settings.DATABASE_URL, err);
  });
  const outbox = new Outbox(db, { maxAttempts: settings.OUTBOX_MAX_ATTEMPTS, owner: settings.INSTANCE_ID ?? `${hostname()}:${settings.PORT}` });
  const provisioners = new Map<Platform, Provisioner>();
  const core = createCore({
    db,
    settings,
    clock,
    log,
    provisioner: (p) => provisioners.get(p),
    // Every change to a case moves its due moments in the same transaction,
    // and marks the inbox row it runs for done in it (exactly once across a crash).
    afterWrite: async (tx, caseIds, now) => {
      await keepDue(tx, timedWork.rules, caseIds, now, settings);
      await markDoneInTransaction(tx, now);
    },
  });
  const link = role === 'http' ? options.link : undefined;
  if (role === 'http' && !link) throw new Error('buildApp: role http needs a link to the work thread');
  const inbox = new InboxProcessor(db, clock, log.child({ component: 'inbox' }), {
    owner: outbox.owner,
    concurrency: settings.INBOX_CONCURRENCY,
    keepMs: settings.OUTBOX_KEEP_DAYS * 24 * 60 * 60 * 1000,
    ...(link ? { elsewhere: { wake: () => link.wake('inbox'), settle: () => link.settle() } } : {}),
    ...(options.onFinished ? { onFinished: options.onFinished } : {}),
  });
  registerInboxStats(() => inboxStats(db, clock.now()));

  // One pace per platform, shared by its outbox sender and its adapter's own
  // calls (a command's answer): the platform counts both in a conversation.
  const buckets = new Map<Platform, Buckets | undefined>();
  const paceOf = (platform: Platform): Pace | undefined => {
    const wanted = options.outboxPace ?? (settings.OUTBOX_PACE === 'platform' && clock === systemClock);
    return typeof wanted === 'object' ? wanted : wanted ? platformPace(platform) : undefined;
  };
  const bucketsOf = (platform: Platform): Buckets | undefined => {
    if (!buckets.has(platform)) {
      const pace = paceOf(platform);
      buckets.set(platform, pace ? new Buckets(pace) : undefined);
    }
    return buckets.get(platform);
  };
  const paced = <T>(platform: Platform, conversationId: string, call: () => Promise<T>): Promise<T> => {
    const b = bucketsOf(platform);
    return b ? b.through(conversationLane(conversationId), call) : call();
  };
  const deps = { core, settings, clock, log, db, outbox, paced, inbox };
  const adapters = new Map<Platform, PlatformAdapter>();
  // Each adapter, with its SDK (Bolt, the Teams SDK), is loaded only when its
  // platform is on: the start reads no code it does not run.
  if (slackConfigured(settings)) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    adapters.set('slack', await createSlackAdapter(deps));
  }
  if (teamsConfigured(settings)) {
    const { createTeamsAdapter } = await import('../adapters/teams/index.js');
    adapters.set('teams', await createTeamsAdapter(deps));
  }
  // Teams without token checks (local testing) must never be reachable from outside.
  const loopbackOnly = settings.TEAMS_INSECURE_LOCAL;
  const wantSandbox = options.sandbox ?? (!slackConfigured(settings) && !teamsConfigured(settings));
  if (wantSandbox) {
    const { createSandboxAdapter } = await import('../adapters/sandbox/index.js');
    adapters.set('sandbox', await createSandboxAdapter(deps));
  }

  const senders = new Map<Platform, OutboxSender>();
  for (const adapter of adapters.values()) {
    provisioners.set(adapter.platform, adapter.provisioner);
    const pace = paceOf(adapter.platform);
    const shared = bucketsOf(adapter.platform);
    senders.set(
      adapter.platform,
      new OutboxSender(adapter.platform, outbox, adapter.deliver, clock, log, {
        concurrency: settings.OUTBOX_CONCURRENCY,
        keepDays: settings.OUTBOX_KEEP_DAYS,
        ...(pace && shared ? { pace, buckets: shared } : {}),
      }),
    );
  }
  registerOutboxStats(() => outbox.gauges(clock.now()));
  // Whatever the core writes to the outbox goes out at once; the interval
  // picks up retries and what a crash left behind.
  core.onOutbox(() => {
    if (link) link.wake('outbox');
    else for (const s of senders.values()) void s.flush();
  });
  const scheduler = createScheduler({
    db,
    settings,
    clock,
    log,
    onDelivered: () => {
      for (const s of senders.values()) void s.flush();
    },
  }, timedWork);

  const health: Route = {
    method: 'GET',
    path: '/healthz',
    handler: async (_req, res) => {
      // A write, not a read: a full disk or a read-only server still reads.
      const database = await db.probe(outbox.owner);
      // During an outage the counts are unknown; the answer is still this JSON, never a 500.
      const counts = database.ok ? await outbox.counts().catch(() => null) : null;
      const retention = database.ok ? await outbox.retentionCounts().catch(() => null) : null;
      sendJson(res, database.ok ? 200 : 503, {
        status: database.ok ? 'ok' : 'fout',
        database,
        platforms: [...adapters.keys()],
        outbox: counts,
        retention,
      });
    },
  };
  // The sandbox and token-less Teams trust whoever reaches them: loopback and
  // the configured names only. Slack and real Teams come in under the public
  // name and prove themselves by signature or token instead.
  const allowedHosts = [...settings.ALLOWED_HOSTS, ...(['0.0.0.0', '::'].includes(settings.HOST) ? [] : [settings.HOST.toLowerCase()])];
  const trustsCaller = (a: PlatformAdapter) => a.platform === 'sandbox' || (a.platform === 'teams' && settings.TEAMS_INSECURE_LOCAL);
  const platformRoutes = [...adapters.values()].flatMap((a) => (trustsCaller(a) ? a.routes.map((r) => hostChecked(r, allowedHosts)) : a.routes).map((r) => timed(r, a.platform)));
  const routes: Route[] = [health, ...(settings.METRICS ? [metricsRoute(settings.METRICS_TOKEN, link?.metrics?.bind(link))] : []), ...platformRoutes];
  const server = createHttpServer(routes, (err) => log.error({ err: { message: (err as Error).message } }, 'request failed'), options.http);

  const interval = options.senderIntervalMs ?? 500;
  const startWork = () => {
    // What was acknowledged before a crash is worked off now.
    if (interval > 0) inbox.start(interval);
    else inbox.wake();
    if (interval > 0) for (const s of senders.values()) s.start(interval);
    if (options.scheduler ?? clock === systemClock) scheduler.start();
  };
  return {
    settings,
    db,
    core,
    outbox,
    clock,
    log,
    server,
    adapters,
    senders,
    inbox,
    scheduler,
    async listen(port = settings.PORT, host = settings.HOST) {
      if (loopbackOnly && !['127.0.0.1', '::1', 'localhost'].includes(host)) {
        log.warn({ host }, '!!! TEAMS_INSECURE_LOCAL=1: de server luistert alleen op 127.0.0.1, niet op HOST. !!!');
        host = '127.0.0.1';
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      for (const adapter of adapters.values()) await adapter.start?.();
      if (role === 'all') startWork();
      const addr = server.address() as AddressInfo;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
    },
    startWork,
    async flush() {
      if (link) return link.settle();
      for (let i = 0; i < 5; i++) {
        await inbox.drain();
        for (const s of senders.values()) await s.drain();
      }
    },
    async close() {
      await scheduler.stop();
      for (const s of senders.values()) s.stop();
      inbox.stop();
      for (const adapter of adapters.values()) await adapter.stop?.();
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
      // A pass started by the last writes must not find the database closed under it.
      await inbox.idle();
      for (const s of senders.values()) await s.idle();
      await db.close();
    },
  };
}

import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// What a hosting team reads from GET /metrics (Prometheus text format), with
// prom-client: the exposition format, its escaping and histogram buckets are
// its job. One registry per process, as Prometheus scrapes one process; the
// gauges read their numbers from the app when scraped.
//
// With WORK_THREAD the work thread keeps its own registry (deliveries, sweeps,
// its database faults); /metrics on the HTTP thread adds its counters and
// histograms to this one's (`metricsRoute`). Gauges read the shared database,
// so the HTTP thread's own reading stands (`aggregator: 'first'`).
//
// Names follow Prometheus' conventions: the `regiebot_` prefix, base units
// (`_seconds`), `_total` for counters. Labels hold bounded sets only
// (platform, result, state, where): never a case, person or channel.

export const registry = new Registry();

/** Slack retries after 3 s: the buckets sit around that limit. */
const ackBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

/** Request arrival to response end on a platform route (Slack, Teams, sandbox). */
export const ackSeconds = new Histogram({
  name: 'regiebot_ack_seconds',
  help: 'Time from a platform request arriving to its response being sent, by platform.',
  labelNames: ['platform'] as const,
  buckets: ackBuckets,
  registers: [registry],
});

/**
 * One outbox row's outcome: `sent`, `retry` (failed, tried again later),
 * `rate_limited` (429, after Retry-After), `dead` (given up or refused for
 * good), `superseded` (a newer card update replaced it before it was sent).
 */
export type DeliveryResult = 'sent' | 'retry' | 'rate_limited' | 'dead' | 'superseded';

export const deliveries = new Counter({
  name: 'regiebot_outbox_deliveries_total',
  help: 'Outbox deliveries by platform and result (sent, retry, rate_limited, dead, superseded).',
  labelNames: ['platform', 'result'] as const,
  registers: [registry],
});

export const sweepSeconds = new Histogram({
  name: 'regiebot_sweep_duration_seconds',
  help: "Duration of one scheduler sweep (retention and every timed rule).",
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

/** Where a database fault was seen: `command` (the core answered "niet vastgelegd") or a background loop's name. */
export const databaseErrors = new Counter({
  name: 'regiebot_database_errors_total',
  help: 'Database faults (unreachable, full, read-only, busy) seen by commands and background loops.',
  labelNames: ['where'] as const,
  registers: [registry],
});

type OutboxGauges = () => Promise<{ pending: number; inFlight: number; dead: number }>;
let outboxSource: OutboxGauges | undefined;

/** The app hands in how to count its outbox; read at each scrape. */
export function registerOutboxStats(read: OutboxGauges): void {
  outboxSource = read;
}

new Gauge({
  name: 'regiebot_outbox_messages',
  help: 'Outbox rows by state: pending (waiting), in_flight (claimed by a sender now), dead (given up).',
  labelNames: ['state'] as const,
  registers: [registry],
  aggregator: 'first',
  async collect() {
    this.reset();
    if (!outboxSource) return;
    // During a database outage the scrape still answers, without these numbers.
    const counts = await outboxSource().catch(() => undefined);
    if (!counts) return;
    this.set({ state: 'pending' }, counts.pending);
    this.set({ state: 'in_flight' }, counts.inFlight);
    this.set({ state: 'dead' }, counts.dead);
  },
});

type InboxStats = () => Promise<{ depth: number; oldestAgeSeconds: number }>;
let inboxSource: InboxStats | undefined;

/**
 * The inbox (requests stored, not yet processed) registers how to read its
 * depth and the age of its oldest row; until it does, these gauges are absent.
 */
export function registerInboxStats(read: InboxStats): void {
  const first = !inboxSource;
  inboxSource = read;
  if (!first) return;
  const value = async (pick: (s: { depth: number; oldestAgeSeconds: number }) => number): Promise<number | undefined> => {
    const s = await inboxSource?.().catch(() => undefined);
    return s ? pick(s) : undefined;
  };
  new Gauge({
    name: 'regiebot_inbox_depth',
    help: 'Requests stored in the inbox and not yet processed.',
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const v = await value((s) => s.depth);
      if (v !== undefined) this.set(v);
    },
  });
  new Gauge({
    name: 'regiebot_inbox_oldest_age_seconds',
    help: 'Age of the oldest unprocessed inbox row, in seconds (0 when empty).',
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const v = await value((s) => s.oldestAgeSeconds);
      if (v !== undefined) this.set(v);
    },
  });
}

/** What another thread measured: its counters and histograms, as plain data a thread can post. */
export type ThreadMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** This registry's counters and histograms, for the thread that serves /metrics (gauges are read there). */
export async function countedHere(): Promise<ThreadMetrics> {
  return (await registry.getMetricsAsJSON()).filter((m) => String(m.type) !== 'gauge');
}

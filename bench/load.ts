// The load generator: signed Slack slash commands over keep-alive HTTP on
// loopback, from a fixed number of concurrent workers (closed loop: each
// worker sends its next request when the previous one was answered). Every
// loop is bounded in both time and count.

import { Agent, request } from 'node:http';
import type { types } from '@slack/bolt';
import { signedHeaders, viewSubmissionPayload } from '../test/fakes/slack-sign.js';

export interface LoadOptions {
  /** http://127.0.0.1:<port>/slack/events */
  url: string;
  secret: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** The n-th request's form body (n counts from 0 across all workers). */
  body: (n: number) => string;
  /** Whether an answer is what the server should have said; otherwise it counts as an error. */
  check?: (status: number, text: string) => boolean;
  /** Return every latency (ms), to pool runs. */
  keepLatencies?: boolean;
  /** A refused connection means "not listening yet": wait 20 ms and send again (not counted). */
  untilListening?: boolean;
  /**
   * Keep-alive connections to reuse (say, from a warm-up), so that a
   * measurement does not start with opening `concurrency` new connections to
   * a server that is already saturated. Not destroyed at the end when given.
   */
  agent?: Agent;
  /** Checked before each request: true ends the load early (a background load that lasts as long as another measurement). */
  stop?: () => boolean;
  /** Called with each answered request (for diagnostics). */
  onResponse?: (n: number, ms: number, startedMs: number, text: string) => void;
}

export interface LoadResult {
  concurrency: number;
  requests: number;
  errors: number;
  /** First error seen, for the report. */
  firstError?: string;
  elapsedMs: number;
  /** Completed requests per second. */
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Requests that took longer than Slack's 3 seconds. */
  over3s: number;
  latencies?: number[];
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout after 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

export function keepAliveAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies = new Float64Array(options.maxRequests);
  let issued = 0;
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.durationMs;

  async function worker(): Promise<void> {
    while (performance.now() < deadline && issued < options.maxRequests && !options.stop?.()) {
      const n = issued++;
      const body = options.body(n);
      const headers = signedHeaders(options.secret, body, 'application/x-www-form-urlencoded');
      const t = performance.now();
      try {
        const res = await post(agent, url, headers, body);
        latencies[done++] = performance.now() - t;
        options.onResponse?.(n, performance.now() - t, t - started, res.text);
        if (res.status !== 200 || (options.check && !options.check(res.status, res.text))) {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
        }
      } catch (err) {
        if (options.untilListening && (err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
          issued--;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        latencies[done++] = performance.now() - t;
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const elapsedMs = performance.now() - started;
  if (!options.agent) agent.destroy();
  const sorted = latencies.slice(0, done).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    concurrency: options.concurrency,
    requests: done,
    errors,
    ...(firstError ? { firstError } : {}),
    elapsedMs: Math.round(elapsedMs),
    throughput: round(done / (elapsedMs / 1000), 1),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? Number.NaN),
      mean: round(sum / Math.max(1, done)),
    },
    over3s: sorted.filter((v) => v > 3000).length,
    ...(options.keepLatencies ? { latencies: Array.from(latencies.subarray(0, done)) } : {}),
  };
}

/** A slash command as Slack sends it (the fields Bolt and our adapter read). */
export function slashCommandBody(input: {
  teamId: string;
  channelId: string;
  userId: string;
  userName: string;
  command: string;
  text: string;
  responseUrl: string;
  n: number;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: input.teamId,
    team_domain: 'regiebot-bench',
    channel_id: input.channelId,
    channel_name: `bench-${input.channelId}`,
    user_id: input.userId,
    user_name: input.userName,
    command: input.command,
    text: input.text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${input.n}.${input.userId}.bench`,
  }).toString();
}

/** The modal the app rendered (renderForm) for views.open: Slack sends it back, with the state, on submission. */
export type SubmittedView = types.ModalView;

/**
 * A modal submission as Slack sends it to the request URL: interactivity is
 * form-encoded, `payload=<json>`, signed like a slash command; the payload
 * is the tests' (test/fakes/slack-sign.ts).
 */
export function viewSubmissionBody(input: { teamId: string; userId: string; userName: string; view: SubmittedView; values: Record<string, string>; triggerId: string }): string {
  const payload = viewSubmissionPayload({
    teamId: input.teamId,
    teamDomain: 'regiebot-bench',
    user: { id: input.userId, name: input.userName },
    view: input.view,
    values: input.values,
    // New for every submission: the app refuses a trigger_id it has seen (a replay).
    triggerId: input.triggerId,
    viewId: `V${input.triggerId.replace(/\W/g, '').slice(-20).toUpperCase()}`,
    hash: `bench-${input.triggerId}`,
  });
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

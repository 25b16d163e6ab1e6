import { timingSafeEqual, createHash } from 'node:crypto';
import type { Route } from '../http/server.js';
import { AggregatorRegistry } from 'prom-client';
import { ackSeconds, registry, type ThreadMetrics } from './registry.js';

/**
 * The platform's route, timed: from the request's arrival to the end of its
 * response, which is what Slack's 3-second limit counts (the part on our side).
 */
export function timed(route: Route, platform: string): Route {
  return {
    ...route,
    handler: (req, res) => {
      const stop = ackSeconds.startTimer({ platform });
      res.once('finish', () => stop());
      return route.handler(req, res);
    },
  };
}

/** Same length for any input, so the comparison takes as long whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * GET /metrics in the Prometheus text format. With a token, only
 * `Authorization: Bearer <token>` is answered (401 otherwise, compared in
 * constant time); the token is never logged.
 */
export function metricsRoute(token: string | undefined, elsewhere?: () => Promise<ThreadMetrics>): Route {
  const expected = token === undefined ? undefined : digest(token);
  return {
    method: 'GET',
    path: '/metrics',
    handler: async (req, res) => {
      if (expected) {
        const header = req.headers.authorization ?? '';
        const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
        if (!timingSafeEqual(digest(given), expected)) {
          res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }).end('Unauthorized');
          return;
        }
      }
      const body = elsewhere ? await withElsewhere(elsewhere) : await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(body);
    },
  };
}

/** How long a scrape waits for the work thread before it answers with this thread's figures alone. */
const elsewhereWaitMs = 2000;

/**
 * This thread's metrics with the work thread's counters and histograms added
 * (prom-client's aggregation, made for cluster workers, sums them). A work
 * thread that does not answer in time leaves them out rather than failing the scrape.
 */
async function withElsewhere(elsewhere: () => Promise<ThreadMetrics>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ThreadMetrics>((resolve) => (timer = setTimeout(() => resolve([]), elsewhereWaitMs)));
  const theirs = await Promise.race([elsewhere().catch((): ThreadMetrics => []), late]).finally(() => clearTimeout(timer));
  const ours = await registry.getMetricsAsJSON();
  return AggregatorRegistry.aggregate([ours, theirs]).metrics();
}

import { webApi } from '@slack/bolt';
import { RateLimited } from '../../src/public.js';

// Web API failures, reduced to what may be logged (a method and Slack's error
// code, never tokens or message content), and 429s turned into RateLimited so
// that the outbox decides when to try again.

/** Slack's error code of a failed Web API call (`name_taken`, `channel_not_found`, …), if any. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object') {
    const data = (err as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
  }
  return undefined;
}

export function isRateLimited(err: unknown): boolean {
  if (err instanceof RateLimited) return true;
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; statusCode?: unknown };
  return e.code === webApi.ErrorCode.RateLimitedError || (e.code === webApi.ErrorCode.HTTPError && e.statusCode === 429);
}

/** Retry-After in ms from a rate-limit error (Slack sends seconds). */
export function retryAfterMs(err: unknown): number {
  if (err instanceof RateLimited) return err.retryAfterMs;
  const e = err as { retryAfter?: unknown; headers?: Record<string, string> };
  const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : Number(e.headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 60_000;
}

export class SlackCallError extends Error {
  constructor(
    readonly method: string,
    readonly slackError: string,
  ) {
    super(`Slack ${method} mislukt: ${slackError}`);
    this.name = 'SlackCallError';
  }
}

/**
 * Runs one Web API call. A 429 becomes RateLimited; any other failure becomes
 * a SlackCallError that names only the method and Slack's error code.
 */
export async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isRateLimited(err)) throw new RateLimited(retryAfterMs(err));
    const code = slackErrorCode(err) ?? (err as { code?: string }).code ?? 'onbekende fout';
    throw new SlackCallError(method, code);
  }
}

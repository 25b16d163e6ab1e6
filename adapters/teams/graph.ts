import type { Clock } from '../../src/public.js';
import { retryAfterMs } from './deliver.js';

// The one thing regiebot asks of Microsoft Graph: take a person out of a
// private or shared channel. The bot's own app registration signs in with the
// OAuth 2.0 client-credentials grant (application permission
// ChannelMember.ReadWrite.All, admin consent); the token is kept until shortly
// before it expires. Plain fetch: two endpoints do not warrant the Graph SDK
// and MSAL.
//
// Pages this follows (checked 2026-11):
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
// https://learn.microsoft.com/graph/api/channel-list-members
// https://learn.microsoft.com/graph/api/channel-delete-members
// https://learn.microsoft.com/graph/throttling
// https://learn.microsoft.com/graph/errors

export interface GraphOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com */
  loginUrl: string;
  /** https://graph.microsoft.com/v1.0 */
  graphUrl: string;
  clock: Clock;
  /** Waits before a retry; tests keep the real one, Graph's Retry-After is short. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Why Graph did not do it: `permission` (403: the permission is not granted),
 * `throttled` (429 after the retries), `unavailable` (5xx, timeout, network),
 * `signin` (the token endpoint refused the app, or Graph refused a fresh
 * token), `not-supported` (400: a standard channel has no members of its own),
 * `refused` (anything else).
 */
export type GraphFailure = 'permission' | 'throttled' | 'unavailable' | 'signin' | 'not-supported' | 'refused';

export class GraphError extends Error {
  constructor(
    readonly failure: GraphFailure,
    readonly status?: number,
    readonly code?: string,
  ) {
    // Status and code only: never a token, a secret or a response body.
    super(`graph: ${failure}${status ? ` (HTTP ${status}${code ? ` ${code}` : ''})` : ''}`);
    this.name = 'GraphError';
  }
}

/** The scope of an app-only token for Graph: every application permission the app was granted. */
const graphScope = 'https://graph.microsoft.com/.default';
/** Renew this long before the token expires (MSAL does the same), so a call never carries one that lapses in flight. */
const renewMarginMs = 5 * 60_000;
const requestTimeoutMs = 10_000;
/** Throttling is retried within the person's wait for an answer: at most this many tries and this much waiting. */
const maxAttempts = 3;
const maxWaitMs = 10_000;
const maxPages = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The `error.code` of a Graph error body, or the OAuth `error` of the token endpoint's. */
async function errorCode(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown } | string };
    const code = typeof body.error === 'string' ? body.error : body.error?.code;
    return typeof code === 'string' ? code.slice(0, 80) : undefined;
  } catch {
    return undefined;
  }
}

export class Graph {
  private token: { value: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly graphUrl: string;

  constructor(private readonly options: GraphOptions) {
    this.wait = options.wait ?? sleep;
    this.graphUrl = options.graphUrl.replace(/\/+$/, '');
  }

  /**
   * Takes the user (Entra object id) out of the channel. `absent` when they
   * were not in it (any more): the goal holds either way.
   */
  async removeChannelMember(teamGroupId: string, channelId: string, userId: string): Promise<'removed' | 'absent'> {
    const channel = `${this.graphUrl}/teams/${encodeURIComponent(teamGroupId)}/channels/${encodeURIComponent(channelId)}/members`;
    const membership = await this.findMembership(channel, userId);
    if (!membership) return 'absent';
    const res = await this.call('DELETE', `${channel}/${encodeURIComponent(membership)}`);
    if (res.status === 204 || res.status === 200) return 'removed';
    // Gone between the list and the delete (someone took them out by hand).
    if (res.status === 404) return 'absent';
    throw await this.failure(res);
  }

  /** The membership id (opaque) of the user in the channel, reading every page. */
  private async findMembership(firstPage: string, userId: string): Promise<string | undefined> {
    const wanted = userId.toLowerCase();
    let url: string | undefined = firstPage;
    for (let page = 0; url && page < maxPages; page++) {
      const res = await this.call('GET', url);
      if (res.status !== 200) throw await this.failure(res);
      const body = (await res.json()) as { value?: Array<{ id?: unknown; userId?: unknown }>; '@odata.nextLink'?: unknown };
      const found = (body.value ?? []).find((m) => typeof m.userId === 'string' && m.userId.toLowerCase() === wanted);
      if (found && typeof found.id === 'string') return found.id;
      const next = body['@odata.nextLink'];
      // The token goes to Graph only: a next link elsewhere is not followed.
      url = typeof next === 'string' && next.startsWith(`${this.graphUrl}/`) ? next : undefined;
    }
    return undefined;
  }

  private async failure(res: Response): Promise<GraphError> {
    const code = await errorCode(res);
    if (res.status === 401) return new GraphError('signin', 401, code);
    if (res.status === 403) return new GraphError('permission', 403, code);
    if (res.status === 400) return new GraphError('not-supported', 400, code);
    if (res.status >= 500) return new GraphError('unavailable', res.status, code);
    return new GraphError('refused', res.status, code);
  }

  /**
   * One Graph request with the app's token. A 401 renews the token once (it
   * may have been revoked or expired early); a 429, 503 or 504 is retried
   * after Graph's Retry-After (else 1, 2 s), within the limits above.
   */
  private async call(method: 'GET' | 'DELETE', url: string): Promise<Response> {
    let renewed = false;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken();
      let res: Response;
      try {
        res = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(requestTimeoutMs) });
      } catch {
        throw new GraphError('unavailable');
      }
      if (res.status === 401 && !renewed) {
        renewed = true;
        this.token = undefined;
        attempt--;
        continue;
      }
      if (res.status === 429 || res.status === 503 || res.status === 504) {
        const header = res.headers.get('retry-after');
        const ms = header ? retryAfterMs(header) : 1000 * 2 ** (attempt - 1);
        if (attempt < maxAttempts && waited + ms <= maxWaitMs) {
          waited += ms;
          await res.body?.cancel();
          await this.wait(ms);
          continue;
        }
        throw new GraphError(res.status === 429 ? 'throttled' : 'unavailable', res.status, await errorCode(res));
      }
      return res;
    }
  }

  private async accessToken(): Promise<string> {
    const now = this.options.clock.now().getTime();
    if (this.token && now < this.token.renewAt) return this.token.value;
    // Several removals at once share one sign-in.
    this.pending ??= this.signIn().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async signIn(): Promise<string> {
    const { loginUrl, tenantId, clientId, clientSecret, clock } = this.options;
    const url = `${loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, scope: graphScope, grant_type: 'client_credentials' });
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(requestTimeoutMs) });
    } catch {
      throw new GraphError('unavailable');
    }
    if (res.status >= 500) throw new GraphError('unavailable', res.status);
    if (res.status !== 200) throw new GraphError('signin', res.status, await errorCode(res));
    const json = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    const expiresIn = Number(json.expires_in);
    if (typeof json.access_token !== 'string' || !Number.isFinite(expiresIn)) throw new GraphError('signin', res.status, 'no_token');
    const issued = clock.now().getTime();
    this.token = { value: json.access_token, renewAt: issued + Math.max(0, expiresIn * 1000 - renewMarginMs) };
    return json.access_token;
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads loose JSON */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The Microsoft identity platform's token endpoint and the part of Microsoft
// Graph regiebot uses (a channel's members), on loopback for tests. Strict:
// it refuses what the real services refuse by their published rules, each
// rule naming its page.
//
//   POST   /login/{tenant}/oauth2/v2.0/token                                client credentials → app-only token
//   GET    /graph/v1.0/teams/{team-id}/channels/{channel-id}/members         list (paged)
//   DELETE /graph/v1.0/teams/{team-id}/channels/{channel-id}/members/{id}    remove
//
// Tokens are signed by the fake (HMAC) and carry the application permissions
// the "administrator" granted as their `roles` claim, as Entra's do; Graph
// checks signature, audience, tenant, lifetime and roles on every call.

export interface GraphCall {
  method: string;
  /** The path under /graph/v1.0 or /login, without the query. */
  path: string;
  query: string;
  status: number;
}

export interface ChannelMember {
  userId: string;
  displayName: string;
}

interface Channel {
  membershipType: 'standard' | 'private' | 'shared';
  /** membership id -> member */
  members: Map<string, ChannelMember>;
}

/**
 * The scope a client-credentials request must ask for: the resource with
 * `/.default`. "The value passed for the scope parameter in this request
 * should be the resource identifier (application ID URI) of the resource you
 * want, affixed with the .default suffix."
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
export const graphDefaultScope = 'https://graph.microsoft.com/.default';

/**
 * Application permissions per operation (the "Application" row of each page's
 * permission table; RSC `.Group` permissions are not modelled).
 * https://learn.microsoft.com/graph/api/channel-list-members — ChannelMember.Read.All, ChannelMember.ReadWrite.All
 * https://learn.microsoft.com/graph/api/channel-delete-members — ChannelMember.ReadWrite.All
 */
export const listRoles = ['ChannelMember.Read.All', 'ChannelMember.ReadWrite.All'];
export const deleteRoles = ['ChannelMember.ReadWrite.All'];

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export class FakeGraph {
  readonly calls: GraphCall[] = [];
  /** Application permissions the administrator consented to: what the next token's `roles` claim holds. */
  roles: string[];
  /** "The default and maximum page sizes are 100 and 999 objects" (channel-list-members); tests make it small to see paging. */
  pageSize = 100;
  url = '';
  private readonly server: Server;
  private readonly key = randomBytes(32);
  private readonly teams = new Map<string, Map<string, Channel>>();
  private serial = 0;
  /** Tokens up to this serial count as expired. */
  private expiredUpTo = 0;
  private readonly throttles: Array<{ retryAfter: string | undefined; method?: string }> = [];
  private readonly failures: Array<{ status: number; method?: string }> = [];

  constructor(
    readonly tenantId: string,
    readonly clientId: string,
    private readonly clientSecret: string,
    roles: string[],
  ) {
    this.roles = roles;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: { tenantId: string; clientId: string; clientSecret: string; roles?: string[] }): Promise<FakeGraph> {
    const fake = new FakeGraph(options.tenantId, options.clientId, options.clientSecret, options.roles ?? [...deleteRoles]);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** TEAMS_LOGIN_URL */
  get loginUrl(): string {
    return `${this.url}/login`;
  }

  /** TEAMS_GRAPH_URL */
  get graphUrl(): string {
    return `${this.url}/graph/v1.0`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addChannel(teamGroupId: string, channelId: string, membershipType: Channel['membershipType'], members: ChannelMember[]): void {
    const team = this.teams.get(teamGroupId) ?? new Map<string, Channel>();
    this.teams.set(teamGroupId, team);
    // Membership ids are opaque to clients ("must be treated as opaque strings"); Graph's are base64.
    team.set(channelId, { membershipType, members: new Map(members.map((m) => [b64url(`${channelId}##${m.userId}`), { ...m }])) });
  }

  /** The user ids in a channel now. */
  membersOf(teamGroupId: string, channelId: string): string[] {
    return [...(this.teams.get(teamGroupId)?.get(channelId)?.members.values() ?? [])].map((m) => m.userId);
  }

  /** The next Graph call (of this method) answers 429 with this Retry-After (seconds; undefined: none). */
  throttleNext(retryAfter: string | undefined, times = 1, method?: string): void {
    for (let i = 0; i < times; i++) this.throttles.push({ retryAfter, ...(method ? { method } : {}) });
  }

  /** The next Graph call (of this method) answers with this 5xx status. */
  failNext(status: number, times = 1, method?: string): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, ...(method ? { method } : {}) });
  }

  /** Every token issued so far has expired (its lifetime passed, or it was revoked). */
  expireTokens(): void {
    this.expiredUpTo = this.serial;
  }

  callsOf(prefix: 'login' | 'graph', method?: string): GraphCall[] {
    return this.calls.filter((c) => c.path.startsWith(`/${prefix}`) && (!method || c.method === method));
  }

  private issue(): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const payload = b64url(
      JSON.stringify({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${this.tenantId}/`,
        tid: this.tenantId,
        appid: this.clientId,
        roles: [...this.roles],
        iat: now,
        exp: now + 3599,
        serial: ++this.serial,
      }),
    );
    const signature = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** The token's claims, or the 401 Graph answers. */
  private verify(authorization: string | undefined): { claims: any } | { error: string } {
    // https://learn.microsoft.com/graph/resolve-auth-errors — "401 Unauthorized error: Is your token valid? …
    // the access token may be missing in the HTTP authenticate request header or … is invalid or is expired."
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!match) return { error: 'Access token is empty.' };
    const parts = match[1]!.split('.');
    if (parts.length !== 3) return { error: 'IDX14100: JWT is not well formed.' };
    const expected = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest('base64url');
    if (expected !== parts[2]) return { error: 'Access token validation failure. Invalid signature.' };
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (claims.aud !== 'https://graph.microsoft.com') return { error: 'Access token validation failure. Invalid audience.' };
    if (claims.tid !== this.tenantId) return { error: 'Access token validation failure. Invalid issuer.' };
    if (claims.serial <= this.expiredUpTo || claims.exp * 1000 <= Date.now()) return { error: 'Lifetime validation failed, the token is expired.' };
    return { claims };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const [rawPath = '/', query = ''] = (req.url ?? '/').split('?');
    const path = decodeURIComponent(rawPath);
    const method = req.method ?? 'GET';
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, path, query, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(json === undefined ? '' : JSON.stringify(json));
    };
    if (path.startsWith('/login/')) return this.token(path, method, req.headers['content-type'], raw, send);
    if (path.startsWith('/graph/v1.0/')) return this.graph(path.slice('/graph/v1.0'.length), method, query, req.headers.authorization, raw, send);
    send(404, { error: { code: 'NotFound', message: `no route ${path}` } });
  }

  /**
   * The token endpoint, client-credentials grant with a shared secret:
   * `POST /{tenant}/oauth2/v2.0/token`, `application/x-www-form-urlencoded`,
   * `client_id`, `scope` (…/.default), `client_secret`, `grant_type=client_credentials`;
   * success: `token_type`, `expires_in`, `access_token`; errors: `error`, `error_description`, `error_codes`.
   * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
   */
  private token(path: string, method: string, contentType: string | undefined, raw: string, send: (s: number, j?: unknown) => void): void {
    const oauthError = (status: number, error: string, code: number, description: string) =>
      send(status, { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code], timestamp: new Date().toISOString() });
    const m = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (!m || method !== 'POST') return oauthError(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    if (m[1] !== this.tenantId) return oauthError(400, 'invalid_request', 90002, `Tenant '${m[1]}' not found.`);
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) return oauthError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    const form = new URLSearchParams(raw);
    for (const name of ['grant_type', 'client_id', 'scope']) {
      if (!form.get(name)) return oauthError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
    }
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== this.clientId) return oauthError(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    if (form.get('scope') !== graphDefaultScope) {
      return oauthError(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).');
    }
    if (form.get('client_secret') !== this.clientSecret) return oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: this.issue() });
  }

  /**
   * Graph: authentication first (401 InvalidAuthenticationToken), then
   * throttling (429 with Retry-After, https://learn.microsoft.com/graph/throttling),
   * then the permission (403; "Missing role permissions on the request. API
   * requires one of …", the message Teams' Graph APIs give), then the resource.
   * Error bodies as https://learn.microsoft.com/graph/errors: `{ error: { code, message, innerError } }`.
   */
  private graph(path: string, method: string, query: string, authorization: string | undefined, raw: string, send: (s: number, j?: unknown, h?: Record<string, string>) => void): void {
    const error = (status: number, code: string, message: string, headers?: Record<string, string>) =>
      send(status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomBytes(8).toString('hex') } } }, headers);
    const verified = this.verify(authorization);
    if ('error' in verified) return error(401, 'InvalidAuthenticationToken', verified.error);
    const throttle = this.take(this.throttles, method);
    if (throttle) return error(429, 'TooManyRequests', 'Too many requests.', throttle.retryAfter !== undefined ? { 'retry-after': throttle.retryAfter } : {});
    const failure = this.take(this.failures, method);
    if (failure) return error(failure.status, failure.status === 503 ? 'ServiceUnavailable' : 'InternalServerError', 'The service is unavailable.');

    const m = /^\/teams\/([^/]+)\/channels\/([^/]+)\/members(?:\/([^/]+))?$/.exec(path);
    if (!m) return error(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
    const [, teamId, channelId, membershipId] = m as unknown as [string, string, string, string | undefined];
    const needed = method === 'GET' ? listRoles : method === 'DELETE' ? deleteRoles : undefined;
    if (!needed || (method === 'GET' && membershipId)) return error(405, 'MethodNotAllowed', `${method} is not supported here.`);
    const roles: string[] = verified.claims.roles ?? [];
    if (!needed.some((r) => roles.includes(r))) {
      return error(403, 'Forbidden', `Missing role permissions on the request. API requires one of '${needed.join(', ')}'. Roles on the request '${roles.join(', ')}'.`);
    }
    const channel = this.teams.get(teamId)?.get(channelId);
    if (!this.teams.has(teamId)) return error(404, 'NotFound', `No team found with Group Id ${teamId}`);
    if (!channel) return error(404, 'NotFound', 'Channel not found.');

    if (method === 'GET') return this.list(channel, query, path, send, error);

    // "Don't supply a request body for this method." (channel-delete-members)
    if (raw.length > 0) return error(400, 'BadRequest', 'A request body is not allowed for this method.');
    // "This operation is allowed only for channels with a membershipType value of private or shared." (channel-delete-members)
    if (channel.membershipType === 'standard') return error(400, 'BadRequest', 'Operation not supported for this Channel.');
    if (!channel.members.delete(membershipId!)) return error(404, 'NotFound', 'Member not found.');
    send(204);
  }

  /**
   * "This method supports the $filter, $select, and $top OData query
   * parameters … The default and maximum page sizes are 100 and 999 objects";
   * further pages through `@odata.nextLink` (https://learn.microsoft.com/graph/paging).
   */
  private list(channel: Channel, query: string, path: string, send: (s: number, j?: unknown) => void, error: (s: number, c: string, m: string) => void): void {
    const params = new URLSearchParams(query);
    for (const key of params.keys()) {
      if (!['$filter', '$select', '$top', '$skiptoken'].includes(key)) return error(400, 'BadRequest', `Query option '${key}' is not allowed.`);
    }
    // $filter and $select are accepted but not modelled: regiebot sends neither.
    if (params.has('$filter') || params.has('$select')) return error(400, 'BadRequest', 'The fake does not model $filter or $select.');
    const top = params.has('$top') ? Number(params.get('$top')) : this.pageSize;
    if (!Number.isInteger(top) || top < 1 || top > 999) return error(400, 'BadRequest', `Invalid page size ${params.get('$top')}.`);
    const start = params.has('$skiptoken') ? Number(Buffer.from(params.get('$skiptoken')!, 'base64url').toString('utf8')) : 0;
    const all = [...channel.members.entries()];
    const page = all.slice(start, start + Math.min(top, this.pageSize));
    const next = start + page.length < all.length ? `${this.graphUrl}${path}?$skiptoken=${b64url(String(start + page.length))}` : undefined;
    send(200, {
      '@odata.context': `${this.graphUrl}/$metadata#teams/channels/members`,
      '@odata.count': page.length,
      ...(next ? { '@odata.nextLink': next } : {}),
      value: page.map(([id, m]) => ({
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        id,
        roles: [],
        displayName: m.displayName,
        userId: m.userId,
        tenantId: this.tenantId,
      })),
    });
  }

  private take<T extends { method?: string }>(queue: T[], method: string): T | undefined {
    const index = queue.findIndex((q) => !q.method || q.method === method);
    return index === -1 ? undefined : queue.splice(index, 1)[0];
  }
}

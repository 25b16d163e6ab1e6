/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCompleteUpload, checkMessage, checkUploadUrl, checkView, type Violation } from './slack-rules.js';
import { acceptSocket, type FakeSocketConnection } from './slack-socket.js';

// A Slack Web API on loopback for tests. It takes calls as the WebClient sends
// them (form-encoded, or JSON, with a Bearer token), records every one, keeps
// just enough state to answer as Slack does (channels and members, messages,
// pins, views) and can be told to fail a method or to answer 429.
// Response URLs (slash commands, buttons) are served here too: /respond/<id>.

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  token: string | undefined;
  /** Index in the order of all calls. */
  seq: number;
}

export interface Responded {
  id: string;
  body: Record<string, any>;
  seq: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: any[];
  updates: number;
  metadata?: { event_type: string; event_payload: Record<string, any> };
}

export interface ChannelState {
  id: string;
  name: string;
  is_private: boolean;
  members: Set<string>;
  /** conversations.archive was called. */
  is_archived?: boolean;
}

type Injection = { kind: 'error'; error: string; times: number } | { kind: 'ratelimit'; retryAfter: number; times: number };

/**
 * Slack's published rule for posting: "1 message per second per channel,
 * short bursts allowed" (docs.slack.dev/apis/web-api/rate-limits, chat.postMessage
 * "Special" tier), as a token bucket per channel. Slack names no burst size.
 */
export interface ChannelRate {
  perSecond: number;
  burst: number;
}

/** The published rule with a burst of three. */
export const slackChannelRate: ChannelRate = { perSecond: 1, burst: 3 };

export interface FakeSlackOptions {
  /**
   * Enforce the per-channel posting rate on chat.postMessage (HTTP 429 with
   * Retry-After in whole seconds, as Slack answers). Off unless given, so
   * tests that post quickly on a manual clock are not slowed down.
   */
  channelRate?: ChannelRate;
  token?: string;
  /** The app-level token Socket Mode must use (apps.connections.open). */
  appToken?: string;
  botUserId?: string;
  teamId?: string;
}

export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  readonly responded: Responded[] = [];
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, StoredMessage>();
  readonly pins = new Set<string>();
  /** Files uploaded (files.uploadV2: URL, bytes, completion). */
  readonly files = new Map<string, { id: string; filename: string; length: number; bytes: string; channel?: string; comment?: string; title?: string; alt?: string; ts?: string }>();
  readonly views: Array<{ id: string; kind: 'open' | 'publish' | 'update'; userId?: string; view: any }> = [];
  /** Payloads refused under Slack's rules (slack-rules.ts), newest last: what a real workspace would have refused. */
  readonly refusals: Array<{ method: string; violation: Violation }> = [];
  url = '';
  readonly token: string;
  readonly appToken: string;
  readonly botUserId: string;
  /** Socket Mode connections the app opened, newest last. */
  readonly sockets: FakeSocketConnection[] = [];
  readonly teamId: string;
  private server: Server;
  private seq = 0;
  private counter = 0;
  private lastMicros = 0;
  private readonly injections = new Map<string, Injection[]>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** The per-channel posting rate enforced, if any (see FakeSlackOptions). */
  channelRate: ChannelRate | undefined;
  /** chat.postMessage calls refused with 429 under `channelRate`, per channel. */
  readonly rateLimited = new Map<string, number>();

  constructor(options: FakeSlackOptions = {}) {
    this.channelRate = options.channelRate;
    this.token = options.token ?? 'xoxb-test';
    this.appToken = options.appToken ?? 'xapp-1-test';
    this.botUserId = options.botUserId ?? 'UBOT';
    this.teamId = options.teamId ?? 'T0TEST';
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket) => {
      if ((req.url ?? '').startsWith('/socket')) this.sockets.push(acceptSocket(req, socket, 'A0TEST'));
      else socket.destroy();
    });
  }

  static async start(options?: FakeSlackOptions): Promise<FakeSlackApi> {
    const fake = new FakeSlackApi(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /**
   * Stops the server. A payload refused under Slack's rules fails here, in the
   * test that caused it, even when the bot swallowed the error (the outbox
   * retries, a chart upload only logs); a test that breaks a rule on purpose
   * empties `refusals` first.
   */
  async close(): Promise<void> {
    for (const s of this.sockets) s.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.refusals.length) {
      const list = this.refusals.map((r) => `${r.method}: ${r.violation.error} ${r.violation.message}`).join('\n');
      throw new Error(`Slack would have refused ${this.refusals.length} payload(s):\n${list}`);
    }
  }

  /** Calls of one method (or all), in order. */
  callsOf(method?: string): SlackCall[] {
    return method ? this.calls.filter((c) => c.method === method) : [...this.calls];
  }

  /** Forgets the recorded calls and responses (state stays). */
  reset(): void {
    this.calls.length = 0;
    this.responded.length = 0;
  }

  /** The next `times` calls of `method` fail with Slack error `error`. */
  failNext(method: string, error: string, times = 1): void {
    this.push(method, { kind: 'error', error, times });
  }

  /** The next `times` calls of `method` get HTTP 429 with Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number, times = 1): void {
    this.push(method, { kind: 'ratelimit', retryAfter: retryAfterSeconds, times });
  }

  /** Adds a user to a channel without an API call (someone joined by hand). */
  addMember(channel: string, userId: string): void {
    this.channels.get(channel)?.members.add(userId);
  }

  /** An existing channel, e.g. one a team already uses. */
  createChannel(name: string, isPrivate = false, members: string[] = []): string {
    const id = this.nextChannelId();
    this.channels.set(id, { id, name, is_private: isPrivate, members: new Set([this.botUserId, ...members]) });
    return id;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  /** All messages in a channel, oldest first. */
  messagesIn(channel: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel === channel);
  }

  private push(method: string, injection: Injection): void {
    const list = this.injections.get(method) ?? [];
    list.push(injection);
    this.injections.set(method, list);
  }

  private takeInjection(method: string): Injection | undefined {
    const list = this.injections.get(method);
    const first = list?.[0];
    if (!first) return undefined;
    first.times -= 1;
    if (first.times <= 0) list.shift();
    return first;
  }

  private nextChannelId(): string {
    this.counter += 1;
    return `C${String(this.counter).padStart(8, '0')}`;
  }

  /** Like Slack's: seconds of wall-clock time with microseconds, unique and rising. */
  private nextTs(): string {
    this.counter += 1;
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';

    if (path.startsWith('/respond/')) {
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw) as Record<string, any>;
      } catch {
        body = { raw };
      }
      // Slack answers a refused response_url post with HTTP 400 and the error code.
      const refused = checkMessage(body);
      if (refused) {
        this.refusals.push({ method: 'response_url', violation: refused });
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: refused.error, response_metadata: { messages: [refused.message] } }));
        return;
      }
      this.responded.push({ id: decodeURIComponent(path.slice('/respond/'.length)), body, seq: this.seq++ });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (path.startsWith('/upload/')) {
      const file = this.files.get(decodeURIComponent(path.slice('/upload/'.length)));
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      // The WebClient sends the file as multipart form data; keep the file's own bytes
      // (text as text, a picture as a binary string).
      const content = filePart(bytes, String(req.headers['content-type'] ?? ''));
      file.bytes = file.filename.endsWith('.png') ? content.toString('binary') : content.toString('utf8');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    if (!path.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : undefined;
    delete args.token;
    this.calls.push({ method, args, token, seq: this.seq++ });

    const send = (status: number, body: object, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));

    const overRate = method === 'chat.postMessage' ? this.overRate(String(args.channel ?? '')) : undefined;
    if (overRate !== undefined) {
      send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(overRate) });
      return;
    }
    const injected = this.takeInjection(method);
    if (injected?.kind === 'ratelimit') {
      send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(injected.retryAfter) });
      return;
    }
    if (injected?.kind === 'error') {
      send(200, { ok: false, error: injected.error });
      return;
    }
    if (!token) {
      send(200, { ok: false, error: 'not_authed' });
      return;
    }
    if (method === 'apps.connections.open') {
      // Only an app-level token opens a socket.
      send(200, token === this.appToken ? { ok: true, url: `${this.url.replace('http', 'ws')}/socket?ticket=${this.seq}` } : { ok: false, error: token.startsWith('xapp-') ? 'invalid_auth' : 'not_allowed_token_type' });
      return;
    }
    if (token !== this.token) {
      send(200, { ok: false, error: 'invalid_auth' });
      return;
    }
    const refused = this.refusal(method, args);
    if (refused) {
      this.refusals.push({ method, violation: refused });
      send(200, { ok: false, error: refused.error, response_metadata: { messages: [refused.message] } });
      return;
    }
    send(200, this.answer(method, args));
  }

  /**
   * Under `channelRate`: takes a token of the channel's bucket, or answers
   * how many whole seconds to wait (Slack's Retry-After) when there is none.
   */
  private overRate(channel: string): number | undefined {
    const rate = this.channelRate;
    if (!rate || !channel) return undefined;
    const now = performance.now();
    const b = this.buckets.get(channel) ?? { tokens: rate.burst, at: now };
    b.tokens = Math.min(rate.burst, b.tokens + ((now - b.at) / 1000) * rate.perSecond);
    b.at = now;
    this.buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    this.rateLimited.set(channel, (this.rateLimited.get(channel) ?? 0) + 1);
    return Math.max(1, Math.ceil((1 - b.tokens) / rate.perSecond));
  }

  /** What Slack would refuse in this call's payload (slack-rules.ts). */
  private refusal(method: string, a: Record<string, any>): Violation | undefined {
    switch (method) {
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update':
        return checkMessage(a);
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return a.view === undefined ? undefined : checkView(a.view);
      case 'files.getUploadURLExternal':
        return checkUploadUrl(a);
      case 'files.completeUploadExternal':
        return checkCompleteUpload(a);
      default:
        return undefined;
    }
  }

  private answer(method: string, a: Record<string, any>): object {
    const fail = (error: string) => ({ ok: false, error });
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://regiebot-test.slack.com/', team: 'Regiebot Test', user: 'regiebot', team_id: this.teamId, user_id: this.botUserId, bot_id: 'B0TEST', is_enterprise_install: false };
      case 'conversations.create': {
        const name = String(a.name ?? '');
        if (!/^[a-z0-9_-]{1,80}$/.test(name)) return fail('invalid_name_specials');
        if ([...this.channels.values()].some((c) => c.name === name)) return fail('name_taken');
        const id = this.nextChannelId();
        const isPrivate = a.is_private === true || a.is_private === 'true';
        this.channels.set(id, { id, name, is_private: isPrivate, members: new Set([this.botUserId]) });
        return { ok: true, channel: { id, name, is_channel: true, is_group: false, is_private: isPrivate, created: Math.floor(Date.now() / 1000), creator: this.botUserId, is_archived: false, is_member: true } };
      }
      case 'conversations.invite': {
        const channel = this.channels.get(String(a.channel));
        if (!channel) return fail('channel_not_found');
        if (!channel.members.has(this.botUserId)) return fail('not_in_channel');
        const users = String(a.users ?? '').split(',').filter(Boolean);
        if (!users.length) return fail('no_user');
        if (users.includes(this.botUserId)) return fail('cant_invite_self');
        if (users.every((u) => channel.members.has(u))) return fail('already_in_channel');
        for (const u of users) channel.members.add(u);
        return { ok: true, channel: { id: channel.id, name: channel.name, is_private: channel.is_private } };
      }
      case 'conversations.info': {
        // As Slack: a private channel is hidden from an app that is not in it.
        const channel = this.channels.get(String(a.channel));
        if (!channel || (channel.is_private && !channel.members.has(this.botUserId))) return fail('channel_not_found');
        const mpim = channel.name.startsWith('mpdm-');
        return {
          ok: true,
          channel: { id: channel.id, name: channel.name, is_channel: !channel.is_private, is_group: channel.is_private && !mpim, is_im: false, is_mpim: mpim, is_private: channel.is_private, is_archived: false, is_member: channel.members.has(this.botUserId) },
        };
      }
      case 'conversations.kick': {
        const channel = this.channels.get(String(a.channel));
        if (!channel) return fail('channel_not_found');
        const user = String(a.user ?? '');
        if (user === this.botUserId) return fail('cant_kick_self');
        if (!channel.members.has(user)) return fail('not_in_channel');
        channel.members.delete(user);
        return { ok: true };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${String(++this.counter).padStart(8, '0')}`;
        this.files.set(id, { id, filename: String(a.filename ?? ''), length: Number(a.length ?? 0), bytes: '', ...(a.alt_txt ? { alt: String(a.alt_txt) } : {}) });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = (typeof a.files === 'string' ? JSON.parse(a.files) : a.files) as Array<{ id: string; title?: string }>;
        const channel = a.channel_id ? String(a.channel_id) : undefined;
        if (channel && !channel.startsWith('D') && !this.channels.get(channel)?.members.has(this.botUserId)) return fail('not_in_channel');
        const done = [];
        for (const f of list) {
          const file = this.files.get(f.id);
          if (!file || !file.bytes) return fail('file_not_found');
          Object.assign(file, { channel, comment: a.initial_comment, title: f.title });
          if (channel) {
            const ts = this.nextTs();
            this.messages.set(`${channel}/${ts}`, { channel, ts, text: String(a.initial_comment ?? ''), blocks: [], updates: 0 });
            file.ts = ts;
          }
          done.push({ id: file.id, name: file.filename, title: f.title ?? file.filename });
        }
        return { ok: true, files: done };
      }
      case 'conversations.join': {
        const channel = this.channels.get(String(a.channel));
        if (!channel) return fail('channel_not_found');
        if (channel.is_private) return fail('method_not_supported_for_channel_type');
        channel.members.add(this.botUserId);
        return { ok: true, channel: { id: channel.id, name: channel.name } };
      }
      case 'conversations.open': {
        const users = String(a.users ?? '');
        if (!users) return fail('users_list_not_supplied');
        return { ok: true, channel: { id: `D${users.split(',')[0]}` } };
      }
      case 'chat.postMessage': {
        let channel = String(a.channel ?? '');
        if (channel.startsWith('U') || channel.startsWith('W')) channel = `D${channel}`;
        const known = this.channels.get(channel);
        if (!channel.startsWith('D')) {
          if (!known) return fail('channel_not_found');
          if (!known.members.has(this.botUserId)) return fail('not_in_channel');
          if (known.is_archived) return fail('is_archived');
        }
        if (!a.text && !a.blocks) return fail('no_text');
        const ts = this.nextTs();
        const blocks = Array.isArray(a.blocks) ? a.blocks : [];
        const metadata = a.metadata && typeof a.metadata === 'object' ? a.metadata : undefined;
        this.messages.set(`${channel}/${ts}`, { channel, ts, text: String(a.text ?? ''), blocks, updates: 0, ...(metadata ? { metadata } : {}) });
        return { ok: true, channel, ts, message: { type: 'message', user: this.botUserId, bot_id: 'B0TEST', text: a.text, blocks, ts } };
      }
      case 'conversations.history': {
        const channel = String(a.channel ?? '');
        if (!channel.startsWith('D') && !this.channels.has(channel)) return fail('channel_not_found');
        const oldest = Number(a.oldest ?? 0);
        const withMeta = a.include_all_metadata === true || a.include_all_metadata === 'true';
        const messages = [...this.messages.values()]
          .filter((m) => m.channel === channel && Number(m.ts) >= oldest)
          .sort((x, y) => Number(y.ts) - Number(x.ts))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'chat.update': {
        const stored = this.messages.get(`${String(a.channel)}/${String(a.ts)}`);
        if (!stored) return fail('message_not_found');
        stored.text = String(a.text ?? stored.text);
        if (Array.isArray(a.blocks)) stored.blocks = a.blocks;
        stored.updates += 1;
        return { ok: true, channel: stored.channel, ts: stored.ts, text: stored.text, message: { text: stored.text, blocks: stored.blocks } };
      }
      case 'chat.delete': {
        // A bot token deletes only the bot's own messages; every message stored here is the bot's.
        const channel = String(a.channel ?? '');
        if (!channel.startsWith('D') && !this.channels.has(channel)) return fail('channel_not_found');
        const key = `${channel}/${String(a.ts)}`;
        if (!this.messages.has(key)) return fail('message_not_found');
        this.messages.delete(key);
        this.pins.delete(key);
        return { ok: true, channel, ts: String(a.ts) };
      }
      case 'files.delete': {
        // Deleting a file removes the message that shared it.
        const file = this.files.get(String(a.file ?? ''));
        if (!file) return fail('file_not_found');
        this.files.delete(file.id);
        if (file.channel && file.ts) this.messages.delete(`${file.channel}/${file.ts}`);
        return { ok: true };
      }
      case 'conversations.archive': {
        const channel = this.channels.get(String(a.channel ?? ''));
        if (!channel) return fail('channel_not_found');
        if (channel.is_archived) return fail('already_archived');
        channel.is_archived = true;
        return { ok: true };
      }
      case 'chat.postEphemeral': {
        const channel = this.channels.get(String(a.channel));
        if (!channel && !String(a.channel).startsWith('D')) return fail('channel_not_found');
        if (channel && !channel.members.has(String(a.user))) return fail('user_not_in_channel');
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'chat.getPermalink': {
        const stored = this.messages.get(`${String(a.channel)}/${String(a.message_ts)}`);
        if (!stored) return fail('message_not_found');
        return { ok: true, channel: stored.channel, permalink: `https://regiebot-test.slack.com/archives/${stored.channel}/p${stored.ts.replace('.', '')}` };
      }
      case 'pins.add': {
        const key = `${String(a.channel)}/${String(a.timestamp)}`;
        if (!this.messages.has(key)) return fail('message_not_found');
        if (this.pins.has(key)) return fail('already_pinned');
        this.pins.add(key);
        return { ok: true };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update': {
        const view = typeof a.view === 'object' && a.view ? a.view : undefined;
        if (!view) return fail('invalid_arguments');
        if (method === 'views.open' && !a.trigger_id) return fail('invalid_trigger_id');
        if (method === 'views.open' && String(a.trigger_id).startsWith('expired')) return fail('expired_trigger_id');
        const id = `V${String(++this.counter).padStart(8, '0')}`;
        const kind = method === 'views.open' ? 'open' : method === 'views.publish' ? 'publish' : 'update';
        this.views.push({ id, kind, ...(a.user_id ? { userId: String(a.user_id) } : {}), view });
        return { ok: true, view: { id, team_id: this.teamId, hash: `h${this.counter}`, state: { values: {} }, ...view } };
      }
      case 'users.info':
        return { ok: true, user: { id: a.user, name: String(a.user).toLowerCase(), real_name: `Gebruiker ${String(a.user)}`, tz: 'Europe/Amsterdam' } };
      default:
        return fail('unknown_method');
    }
  }
}

const booleanArgs = new Set(['is_private', 'unfurl_links', 'unfurl_media', 'replace_original', 'delete_original', 'mrkdwn', 'include_all_metadata']);

/** The WebClient form-encodes, JSON-encoding nested values (blocks, view); accept both. */
function parseArgs(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, any>;
    } catch {
      return {};
    }
  }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if ((v.startsWith('{') || v.startsWith('[')) && v.length > 1) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // plain text that happens to start with a bracket
      }
    }
    out[k] = booleanArgs.has(k) && (v === 'true' || v === 'false') ? v === 'true' : v;
  }
  return out;
}

/** The first part's body of a multipart/form-data request, or the whole body when it is not multipart. */
function filePart(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/') || !boundary) return body;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(marker);
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(marker, headersEnd);
  if (start < 0 || headersEnd < 0 || end < 0) return body;
  return body.subarray(headersEnd + 4, end - 2);
}

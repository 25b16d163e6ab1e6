/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { teamsRefusal } from './teams-rules.js';

// A Bot Framework Connector (the v3 conversations API Teams serves at its
// serviceUrl) on loopback for tests. It takes the calls the Teams SDK makes,
// records every one, keeps the activities per conversation (with updates
// applied) and a roster of members, and can be told to answer 429. Like the
// real service it refuses what Teams refuses (test/fakes/teams-rules.ts): a
// message over the size limit (413 MessageSizeTooBig) or an invalid card (400).
//
//   POST /v3/conversations                                  open a (1:1) conversation
//   POST /v3/conversations/:id/activities                   send (a `replyToId` in the body = a reply)
//   POST /v3/conversations/:id/activities/:activityId       reply to an activity
//   PUT  /v3/conversations/:id/activities/:activityId       update an activity
//   DELETE /v3/conversations/:id/activities/:activityId     delete an activity (404 when unknown)
//   GET  /v3/conversations/:id/members/:memberId            one member (with aadObjectId)
//   GET  /v3/teams/:teamId                                   team details (with aadGroupId, the id Graph uses)

export interface ConnectorCall {
  seq: number;
  method: string;
  /** `create-conversation`, `send`, `reply`, `update`, `member`. */
  kind: 'create-conversation' | 'send' | 'reply' | 'update' | 'delete' | 'member' | 'team' | 'other';
  conversationId?: string;
  activityId?: string;
  body: any;
  authorization: string | undefined;
  status: number;
}

export interface StoredActivity {
  id: string;
  conversationId: string;
  activity: any;
  /** How often it was updated in place. */
  updates: number;
  replyToId?: string;
}

export interface RosterMember {
  id: string;
  name: string;
  aadObjectId?: string;
}

export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  readonly activities = new Map<string, StoredActivity>();
  readonly roster = new Map<string, RosterMember>();
  /** Teams by their Teams id (`19:…`). */
  readonly teams = new Map<string, { id: string; name: string; aadGroupId: string }>();
  /** 1:1 conversations opened: member id -> conversation id. */
  readonly personal = new Map<string, string>();
  url = '';
  private readonly server: Server;
  private seq = 0;
  private nextId = 1_772_000_000_000;
  private rateLimits: Array<{ retryAfter: string; times: number; conversationId?: string }> = [];
  /** HTTP statuses the next deletes answer with (e.g. 403), one each. */
  private readonly deleteRefusals: number[] = [];

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeBotConnector> {
    const fake = new FakeBotConnector();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The serviceUrl activities carry, so that the bot answers here. */
  get serviceUrl(): string {
    return `${this.url}/teams/`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addMember(member: RosterMember): void {
    this.roster.set(member.id, member);
  }

  addTeam(team: { id: string; name: string; aadGroupId: string }): void {
    this.teams.set(team.id, team);
  }

  /**
   * The next `times` sends/replies/updates answer 429 with this Retry-After
   * (seconds, or a date); with `conversationId`, only those to that conversation.
   */
  rateLimitNext(retryAfter: string, times = 1, conversationId?: string): void {
    this.rateLimits.push({ retryAfter, times, ...(conversationId ? { conversationId } : {}) });
  }

  /** The next delete answers with this HTTP status (e.g. 403) and deletes nothing. */
  refuseNextDelete(status: number): void {
    this.deleteRefusals.push(status);
  }

  reset(): void {
    this.calls.length = 0;
  }

  callsOf(kind?: ConnectorCall['kind']): ConnectorCall[] {
    return kind ? this.calls.filter((c) => c.kind === kind) : [...this.calls];
  }

  /** Calls refused for breaking a Teams rule (413, 400): a test that expects none asserts this is empty. */
  refusals(): ConnectorCall[] {
    return this.calls.filter((c) => c.status === 413 || c.status === 400);
  }

  /** Activities now in a conversation (a channel's threads included), oldest first. */
  messagesIn(conversationId: string): StoredActivity[] {
    const base = conversationId.split(';')[0];
    return [...this.activities.values()].filter((a) => a.conversationId.split(';')[0] === base);
  }

  /** The Adaptive Card an activity carries now. */
  cardOf(activityId: string): any {
    return this.activities.get(activityId)?.activity?.attachments?.[0]?.content;
  }

  private record(call: Omit<ConnectorCall, 'seq'>): ConnectorCall {
    const c = { ...call, seq: ++this.seq };
    this.calls.push(c);
    return c;
  }

  /** The next rate limit, if it applies to a call to this conversation (exactly this id: not its threads). */
  private takeRateLimit(conversationId: string): string | undefined {
    const first = this.rateLimits[0];
    if (!first) return undefined;
    if (first.conversationId !== undefined && first.conversationId !== conversationId) return undefined;
    first.times--;
    if (first.times <= 0) this.rateLimits.shift();
    return first.retryAfter;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const authorization = req.headers.authorization;
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/teams/, ''));
    const method = req.method ?? 'GET';
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(json === undefined ? '' : JSON.stringify(json));
    };

    if (method === 'POST' && path === '/v3/conversations') {
      const member = body?.members?.[0]?.id;
      let id = member ? this.personal.get(member) : undefined;
      if (!id) {
        id = `a:personal-${this.personal.size + 1}`;
        if (member) this.personal.set(member, id);
      }
      this.record({ method, kind: 'create-conversation', conversationId: id, body, authorization, status: 201 });
      send(201, { id });
      return;
    }

    // TeamDetails: id, name, aadGroupId (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-team-details).
    const teamPath = /^\/v3\/teams\/([^/]+)$/.exec(path);
    if (teamPath && method === 'GET') {
      const team = this.teams.get(teamPath[1]!);
      this.record({ method, kind: 'team', conversationId: teamPath[1]!, body, authorization, status: team ? 200 : 404 });
      if (!team) send(404, { error: { code: 'NotFound', message: 'team not found' } });
      else send(200, team);
      return;
    }

    const m = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
    if (!m) {
      this.record({ method, kind: 'other', body, authorization, status: 404 });
      send(404, { error: { code: 'NotFound', message: `no route ${method} ${path}` } });
      return;
    }
    const [, conversationId, what, itemId] = m as unknown as [string, string, string | undefined, string | undefined];

    if (what === 'members' && method === 'GET' && itemId) {
      const member = this.roster.get(itemId);
      this.record({ method, kind: 'member', conversationId, activityId: itemId, body, authorization, status: member ? 200 : 404 });
      if (!member) send(404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
      else send(200, { id: member.id, name: member.name, ...(member.aadObjectId ? { objectId: member.aadObjectId } : {}) });
      return;
    }

    if (what === 'activities') {
      if (method === 'DELETE' && itemId) {
        const existing = this.activities.get(itemId);
        const found = existing !== undefined && existing.conversationId.split(';')[0] === conversationId.split(';')[0];
        const refused = this.deleteRefusals.shift();
        if (refused !== undefined) {
          this.record({ method, kind: 'delete', conversationId, activityId: itemId, body, authorization, status: refused });
          send(refused, { error: { code: 'Forbidden', message: 'refused' } });
          return;
        }
        this.record({ method, kind: 'delete', conversationId, activityId: itemId, body, authorization, status: found ? 200 : 404 });
        if (!found) {
          send(404, { error: { code: 'ActivityNotFoundInConversation', message: 'unknown activity' } });
          return;
        }
        this.activities.delete(itemId);
        send(200);
        return;
      }
      const kind: ConnectorCall['kind'] = method === 'PUT' ? 'update' : itemId || body?.replyToId ? 'reply' : 'send';
      const limited = method === 'PUT' || method === 'POST' ? this.takeRateLimit(conversationId) : undefined;
      if (limited !== undefined) {
        this.record({ method, kind, conversationId, ...(itemId ? { activityId: itemId } : {}), body, authorization, status: 429 });
        send(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': limited });
        return;
      }
      const refused = method === 'PUT' || method === 'POST' ? teamsRefusal(body) : undefined;
      if (refused) {
        this.record({ method, kind, conversationId, ...(itemId ? { activityId: itemId } : {}), body, authorization, status: refused.status });
        send(refused.status, { error: { code: refused.code, message: refused.message } });
        return;
      }
      if (method === 'PUT' && itemId) {
        const existing = this.activities.get(itemId);
        this.record({ method, kind, conversationId, activityId: itemId, body, authorization, status: existing ? 200 : 404 });
        if (!existing) {
          send(404, { error: { code: 'ActivityNotFoundInConversation', message: 'unknown activity' } });
          return;
        }
        existing.activity = body;
        existing.updates++;
        send(200, { id: itemId });
        return;
      }
      if (method === 'POST') {
        const id = String(this.nextId++);
        const replyToId = itemId ?? body?.replyToId;
        this.record({ method, kind, conversationId, activityId: id, body, authorization, status: 201 });
        this.activities.set(id, { id, conversationId, activity: body, updates: 0, ...(replyToId ? { replyToId } : {}) });
        send(201, { id });
        return;
      }
    }
    this.record({ method, kind: 'other', conversationId, body, authorization, status: 405 });
    send(405, { error: { code: 'MethodNotAllowed', message: `${method} ${path}` } });
  }
}

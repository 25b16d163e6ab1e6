import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxAdapter, toCoreMentions } from '../../adapters/sandbox/index.js';
import type { PlatformAdapter } from '../../adapters/types.js';
import { openDatabase, type Db } from '../../db/connection.js';
import type { Context } from '../../src/actors.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { InboxProcessor } from '../../src/inbound/processor.js';
import type { CoreApi } from '../../src/core/api.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import type { Message, Reply } from '../../src/kernel/message.js';
import { Outbox, type OutboxItem } from '../../src/kernel/outbox.js';
import { testDatabaseUrl } from '../helpers/database.js';

// The adapter on its own, against a core that records what it is asked.

describe('sandbox mentions', () => {
  it('turns @Voornaam, @full name and @id into the core mention form', () => {
    expect(toCoreMentions('/casus lid @Joris hoofdaannemer')).toBe('/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
    expect(toCoreMentions('/casus lid @fatima oa')).toBe('/casus lid <@U-OA|Fatima El Amrani> oa');
    expect(toCoreMentions('/casus lid @Marloes Visser teamleider')).toBe('/casus lid <@U-TL|Marloes Visser> teamleider');
    expect(toCoreMentions('/casus lid @U-GM gezinsmanager')).toBe('/casus lid <@U-GM|Sanne de Wit> gezinsmanager');
    expect(toCoreMentions('cc @Sanne, @Joris.')).toBe('cc <@U-GM|Sanne de Wit>, <@U-HA|Joris Bakker>.');
  });

  it('leaves unknown names, e-mail addresses and core mentions alone', () => {
    expect(toCoreMentions('/casus lid @Onbekend oa')).toBe('/casus lid @Onbekend oa');
    expect(toCoreMentions('mail joris@example.org')).toBe('mail joris@example.org');
    expect(toCoreMentions('<@U-HA|Joris Bakker>')).toBe('<@U-HA|Joris Bakker>');
    expect(toCoreMentions('@Jorissen')).toBe('@Jorissen');
  });
});

interface Call {
  kind: 'text' | 'action' | 'form';
  ctx: Context;
  args: unknown[];
}

function fakeCore(calls: Call[], reply: () => Reply = () => ({ message: { title: 'Oké' } })): CoreApi {
  return {
    async handleText(ctx, text) {
      calls.push({ kind: 'text', ctx, args: [text] });
      return reply();
    },
    async handleCommand() {
      return reply();
    },
    async handleAction(ctx, actionId, value) {
      calls.push({ kind: 'action', ctx, args: [actionId, value] });
      return reply();
    },
    async submitForm(ctx, formId, values) {
      calls.push({ kind: 'form', ctx, args: [formId, values] });
      return reply();
    },
    async memberLeft() {},
    async homeFor() {
      return [];
    },
  };
}

describe('sandbox adapter', () => {
  let dir: string;
  let db: Db;
  let server: Server;
  let base: string;
  let adapter: PlatformAdapter;
  let calls: Call[];
  let nextReply: Reply;
  const clock = new ManualClock(new Date('2025-03-03T09:00:00Z'));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-adapter-'));
    const settings = loadSettings({ DATABASE_URL: testDatabaseUrl(dir), LOG_LEVEL: 'silent' });
    db = await openDatabase(settings.DATABASE_URL);
    const outbox = new Outbox(db, { maxAttempts: 3 });
    calls = [];
    nextReply = { message: { title: 'Oké' } };
    adapter = await createSandboxAdapter({ core: fakeCore(calls, () => nextReply), settings, clock, log: createLogger('silent'), db, outbox, inbox: new InboxProcessor(db, clock, createLogger('silent'), { owner: 'sandbox-test', keepMs: 24 * 3600_000 }) });
    server = createHttpServer(adapter.routes, () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${base}/sandbox/api/${path}`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = async (path: string) => (await fetch(`${base}/sandbox/api/${path}`)).json() as Promise<Record<string, unknown>>;
  const item = (over: Partial<OutboxItem>): OutboxItem => ({
    id: 1,
    platform: 'sandbox',
    kind: 'post',
    conversationId: null,
    userId: null,
    caseId: null,
    message: { title: 'x' },
    attempts: 0,
    ...over,
  });
  type View = { id: number; kind: string; pinned: boolean; message: Message | null; typed: string | null; error: boolean; about: { name: string } | null };
  const messages = async (userId: string, channelId: string) => (await get(`messages?userId=${userId}&channelId=${channelId}`)).messages as View[];

  it('serves the page, its script and its style', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('/sandbox/sandbox.js');
    expect((await fetch(`${base}/sandbox/sandbox.js`)).status).toBe(200);
    expect((await fetch(`${base}/sandbox/sandbox.css`)).status).toBe(200);
  });

  it('lists the demo users and seeds #algemeen once', async () => {
    const { users } = (await get('users')) as { users: { id: string; role: string }[] };
    expect(users.map((u) => u.role)).toEqual(['gezinsmanager', 'hoofdaannemer', 'hulpverlener', 'onderaannemer', 'teamleider']);
    const { channels } = (await get('channels?userId=U-GM')) as { channels: { id: string; name: string }[] };
    expect(channels).toEqual([expect.objectContaining({ id: 'C-algemeen', name: 'algemeen' })]);
    // A second adapter on the same database seeds nothing new.
    await createSandboxAdapter({ core: fakeCore([]), settings: loadSettings({ LOG_LEVEL: 'silent' }), clock, log: createLogger('silent'), db, outbox: new Outbox(db, { maxAttempts: 3 }), inbox: new InboxProcessor(db, clock, createLogger('silent'), { owner: 'sandbox-test-2', keepMs: 24 * 3600_000 }) });
    expect(((await get('channels?userId=U-GM')) as { channels: unknown[] }).channels).toHaveLength(1);
  });

  it('creates channels with a slug name, and returns an existing one', async () => {
    const res = await post('channels', { name: '#Overleg Noord' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { channel: unknown }).channel).toEqual({ id: 'C-overleg-noord', name: 'overleg-noord' });
    expect((await post('channels', { name: 'overleg-noord' })).status).toBe(200);
    const bad = await post('channels', { name: '!!!' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Ongeldige kanaalnaam/);
  });

  it('hands a typed command to the core as the demo user, with core mentions, and keeps the reply for that user only', async () => {
    nextReply = { message: { title: 'Lid toegevoegd', tone: 'success' } };
    const res = await post('command', { userId: 'U-GM', channelId: 'C-algemeen', text: '/casus lid @Joris ha' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply: Reply; channels: unknown[] };
    expect(body.reply.message?.title).toBe('Lid toegevoegd');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toEqual(['/casus lid <@U-HA|Joris Bakker> ha']);
    expect(calls[0]?.ctx).toEqual({ actor: { platform: 'sandbox', userId: 'U-GM', displayName: 'Sanne de Wit' }, conversationId: 'C-algemeen', now: clock.now() });

    const mine = await messages('U-GM', 'C-algemeen');
    expect(mine).toEqual([expect.objectContaining({ kind: 'ephemeral', typed: '/casus lid @Joris ha', error: false })]);
    expect(mine[0]?.message?.title).toBe('Lid toegevoegd');
    expect(await messages('U-HA', 'C-algemeen')).toEqual([]);
  });

  it('marks error replies and does not store a form', async () => {
    nextReply = { message: { title: 'Onbekend commando' }, error: true };
    await post('command', { userId: 'U-HA', channelId: 'C-algemeen', text: '/onzin' });
    expect((await messages('U-HA', 'C-algemeen'))[0]).toEqual(expect.objectContaining({ error: true }));

    nextReply = { form: { id: 'signaal', title: 'Signaal', submitLabel: 'Melden', fields: [] } };
    const res = await post('command', { userId: 'U-HA', channelId: 'C-algemeen', text: '/signaal' });
    expect(((await res.json()) as { reply: Reply }).reply.form?.id).toBe('signaal');
    expect(await messages('U-HA', 'C-algemeen')).toHaveLength(1);
  });

  it('passes button presses and form submissions on', async () => {
    await post('action', { userId: 'U-GM', channelId: 'C-algemeen', actionId: 'signal.ack', value: '7' });
    await post('form', { userId: 'U-HA', channelId: 'C-algemeen', formId: 'signaal', values: { soort: 'zorg', tekst: 'x' } });
    expect(calls.map((c) => [c.kind, c.ctx.actor.userId, c.ctx.conversationId, ...c.args])).toEqual([
      ['action', 'U-GM', 'C-algemeen', 'signal.ack', '7'],
      ['form', 'U-HA', 'C-algemeen', 'signaal', { soort: 'zorg', tekst: 'x' }],
    ]);
  });

  it('a button on a direct message acts in the channel that message is about', async () => {
    const postId = await adapter.deliver(item({ kind: 'post', conversationId: 'C-algemeen', message: { title: 'Signaal S-1' } }));
    const dmId = await adapter.deliver(
      item({ kind: 'direct', userId: 'U-GM', message: { title: 'Herinnering' }, related: { id: 1, conversationId: 'C-algemeen', platformMessageId: postId } }),
    );
    await post('action', { userId: 'U-GM', channelId: 'direct', actionId: 'silence.ok', value: 'v', messageId: Number(dmId) });
    expect(calls[0]?.ctx.conversationId).toBe('C-algemeen');
    const direct = await messages('U-GM', 'direct');
    expect(direct.map((m) => m.kind)).toEqual(['direct', 'direct']);
    expect(direct[0]?.about?.name).toBe('algemeen');
  });

  it('answers bad requests with 400 and a Dutch reason, and never calls the core', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['command', { userId: 'U-GM', channelId: 'C-algemeen' }, /text ontbreekt/],
      ['command', { userId: 'U-GM', channelId: 'C-algemeen', text: '   ' }, /typ een commando/],
      ['command', { userId: 'U-XX', channelId: 'C-algemeen', text: '/help' }, /Onbekende gebruiker/],
      ['command', { userId: 'U-GM', channelId: 'C-nergens', text: '/help' }, /Onbekend kanaal/],
      ['command', { userId: 'U-GM', channelId: 'C-algemeen', text: 'x'.repeat(4001) }, /te lang/],
      ['command', [1, 2], /verwacht een JSON-object/],
      ['command', '{kapot', /geen geldige JSON/],
      ['action', { userId: 'U-GM', channelId: 'C-algemeen', actionId: 'DROP TABLE', value: '1' }, /actionId is ongeldig/],
      ['action', { userId: 'U-GM', channelId: 'C-algemeen', actionId: 'signal.ack' }, /value ontbreekt/],
      ['form', { userId: 'U-GM', channelId: 'C-algemeen', formId: 'signaal', values: { a: 1 } }, /tekst/],
      ['channels', {}, /name ontbreekt/],
    ];
    for (const [path, body, reason] of cases) {
      const res = await post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
    const notJson = await post('command', 'userId=U-GM', 'application/x-www-form-urlencoded');
    expect(notJson.status).toBe(415);
    expect((await fetch(`${base}/sandbox/api/messages?userId=U-GM`)).status).toBe(400);
    expect((await fetch(`${base}/sandbox/api/nergens`)).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('delivers posts, updates them in place, and sends direct messages', async () => {
    const id = await adapter.deliver(item({ kind: 'post', conversationId: 'C-algemeen', message: { title: 'Casuskaart', pin: true } }));
    expect(id).toMatch(/^\d+$/);
    clock.advance(60_000);
    const same = await adapter.deliver(
      item({ id: 2, kind: 'update', message: { title: 'Casuskaart v2' }, related: { id: 1, conversationId: 'C-algemeen', platformMessageId: id } }),
    );
    expect(same).toBe(id);
    const seen = await messages('U-OA', 'C-algemeen');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.message?.title).toBe('Casuskaart v2');
    // An update without `pin` does not unpin: pinning belongs to the message, as in Slack.
    expect(seen[0]).toEqual(expect.objectContaining({ kind: 'post', pinned: true, edited: expect.any(String) }));

    await expect(
      adapter.deliver(item({ kind: 'update', message: { title: 'weg' }, related: { id: 9, conversationId: 'C-algemeen', platformMessageId: '999' } })),
    ).rejects.toThrow(/does not exist/);

    await adapter.deliver(item({ kind: 'direct', userId: 'U-TL', message: { title: 'Weekoverzicht' } }));
    await adapter.deliver(item({ kind: 'post', conversationId: 'D-U-TL', message: { title: 'Antwoord in Direct' } }));
    expect((await messages('U-TL', 'direct')).map((m) => m.message?.title)).toEqual(['Weekoverzicht', 'Antwoord in Direct']);
    expect(await messages('U-GM', 'direct')).toEqual([]);
    expect(((await get('channels?userId=U-TL')) as { direct: { latestId: number } }).direct.latestId).toBeGreaterThan(0);
  });

  it('provisions one channel per case code and tells the page to switch to it', async () => {
    const first = await adapter.provisioner.createCaseConversation({ code: 'TST-7', requestedIn: 'C-algemeen', creatorId: 'U-GM' });
    expect(first).toBe('C-casus-tst-7');
    expect(await adapter.provisioner.createCaseConversation({ code: 'tst-7', requestedIn: 'C-algemeen', creatorId: 'U-GM' })).toBe(first);
    await adapter.provisioner.invite(first, 'U-HA');
    const res = await post('command', { userId: 'U-GM', channelId: 'C-algemeen', text: '/help' });
    // The channel was made before this command: no switch.
    expect(((await res.json()) as { switchTo?: string }).switchTo).toBeUndefined();
  });
});

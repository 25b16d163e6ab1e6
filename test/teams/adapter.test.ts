/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import { first } from '../../db/connection.js';
import { cases, members, outbox, safetyScores, signals, teamsConversations, teamsUsers } from '../../db/schema.js';
import { buildApp } from '../../src/app.js';
import { caseByCode } from '../../src/cases/model.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { activityText, bot, cardText, channel, groupChat, personalChat, startTeams, users, type TeamsRig } from './harness.js';
import { lineSink } from '../helpers/logs.js';

// The Teams adapter against the real Teams SDK app on loopback: activities
// posted to /api/messages, replies and proactive messages arriving at the fake
// Bot Connector. One rig for the whole file; each test uses its own case code.

let rig: TeamsRig;

beforeAll(async () => {
  rig = await startTeams();
});
afterAll(async () => {
  await rig?.close();
});
afterEach(() => {
  rig.connector.reset();
});

const q = () => rig.app.db.q;
const sends = () => rig.connector.callsOf('send');

describe('typed commands', () => {
  it('in a personal chat: no mention needed, the slash is optional, the answer is a plain card', async () => {
    const dm = personalChat(users.ha);
    const res = await rig.sim.message(users.ha, dm, '/help signaal');
    expect(res.status).toBe(200);
    await rig.app.flush();
    const [reply] = sends();
    expect(reply!.conversationId).toBe(dm.id);
    expect(reply!.body.text).toBeUndefined();
    const text = cardText(reply!.body.attachments[0].content);
    expect(text).not.toMatch(/^Voor /);
    expect(text).toContain('/signaal');
  });

  it('in a group chat: @regiebot with or without the slash; casus koppel links the chat', async () => {
    await rig.sim.message(users.gm, groupChat, 'casus koppel GRP-0001');
    await rig.app.flush();
    expect(await caseByCode(q(), 'GRP-0001')).toMatchObject({ platform: 'teams', conversationId: groupChat.id });
    const card = sends().find((c) => c.conversationId === groupChat.id && cardText(c.body.attachments[0].content).includes('Casus GRP-0001'));
    expect(card).toBeDefined();
    rig.connector.reset();
    await rig.sim.message(users.gm, groupChat, '/casus info');
    const [info] = sends();
    expect(cardText(info!.body.attachments[0].content)).toMatch(/^Voor Sanne de Wit\n.*Casus GRP-0001/s);
  });

  it('the bot mention is stripped anywhere and HTML left in the text is ignored', async () => {
    const activity = rig.sim.messageActivity(users.gm, personalChat(users.gm), '');
    activity.text = '<p>help&nbsp;<at>regiebot</at> casus</p>';
    activity.entities = [{ type: 'mention', text: '<at>regiebot</at>', mentioned: { id: bot.id, name: bot.name } }];
    await rig.sim.post(activity);
    expect(cardText(sends()[0]!.body.attachments[0].content)).toContain('/casus nieuw');
  });

  it('casus nieuw in a personal chat is refused: a case lives in a channel or group chat', async () => {
    await rig.sim.message(users.gm, personalChat(users.gm), 'casus nieuw PRS-0001');
    expect(await caseByCode(q(), 'PRS-0001')).toBeUndefined();
    expect(cardText(sends()[0]!.body.attachments[0].content)).toMatch(/casus koppel/);
  });

  it('a mention of a tag, or of someone not in the conversation, is not taken for a person', async () => {
    await rig.sim.message(users.gm, channel, 'casus nieuw MEN-0001');
    await rig.app.flush();
    rig.connector.reset();
    const activity = rig.sim.messageActivity(users.gm, channel, 'casus lid <at>Jeugdteam</at> hoofdaannemer');
    activity.entities.push({ type: 'mention', text: '<at>Jeugdteam</at>', mentioned: { id: '29:tag-jeugdteam', name: 'Jeugdteam', type: 'tag' } });
    await rig.sim.post(activity);
    const stranger = rig.sim.messageActivity(users.gm, channel, 'casus lid <at>Onbekend Persoon</at> hoofdaannemer');
    stranger.entities.push({ type: 'mention', text: '<at>Onbekend Persoon</at>', mentioned: { id: '29:not-in-roster', name: 'Onbekend Persoon' } });
    await rig.sim.post(stranger);
    await rig.app.flush();
    const kase = (await caseByCode(q(), 'MEN-0001'))!;
    expect((await q().select().from(members).where(eq(members.caseId, kase.id))).map((m) => m.role)).toEqual(['gezinsmanager']);
    const replies = sends().map((c) => cardText(c.body.attachments[0].content));
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r).toMatch(/Alleen voor Sanne de Wit/);
  });

  it('a typed "<@id>" can never pose as a mention', async () => {
    const ch = { ...channel, id: '19:vervalsing@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw FRG-0001');
    const activity = rig.sim.messageActivity(users.gm, ch, '');
    activity.text = `<at>regiebot</at> casus lid &lt;@${users.ha.aadObjectId}&gt; hoofdaannemer`;
    // Teams sent this as text: no mention entity for it.
    await rig.sim.post(activity);
    await rig.app.flush();
    const kase = (await caseByCode(q(), 'FRG-0001'))!;
    expect(await q().select().from(members).where(eq(members.caseId, kase.id))).toHaveLength(1);
  });

  it('an activity Teams delivers twice (same id) is handled once', async () => {
    const ch = { ...channel, id: '19:dubbel@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw DUP-0001');
    const activity = rig.sim.messageActivity(users.gm, ch, 'signaal zorg laag Twee keer bezorgd');
    const first = await rig.sim.post(activity);
    const second = await rig.sim.post(activity);
    await rig.app.flush();
    expect([first.status, second.status]).toEqual([200, 200]);
    const kase = (await caseByCode(q(), 'DUP-0001'))!;
    expect(await q().select().from(signals).where(eq(signals.caseId, kase.id))).toHaveLength(1);
    // Handled once: one signal post in the channel. The typed message and that post speak for themselves, so no answer in the thread.
    expect(sends().filter((c) => c.conversationId === ch.id && cardText(c.body.attachments[0].content).includes('Twee keer bezorgd'))).toHaveLength(1);
    expect(sends().filter((c) => c.conversationId === `${ch.id};messageid=${activity.id}`)).toEqual([]);
    const press = rig.sim.messageActivity(users.gm, ch, '');
    const invoke = { ...press, type: 'invoke', name: 'adaptiveCard/action', replyToId: '1', value: { action: { type: 'Action.Execute', verb: 'x', data: { regiebot: 'form', formId: 'signaal', f_soort: 'zorg', f_urgentie: 'laag', f_tekst: 'Via formulier' } } } };
    await rig.sim.post(invoke);
    const again = await rig.sim.post(invoke);
    expect(again.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'Dit is al verwerkt.' });
    expect(await q().select().from(signals).where(eq(signals.caseId, kase.id))).toHaveLength(2);
  });

  it('a second case cannot take a conversation that already has one (Teams returns the conversation it was typed in)', async () => {
    await rig.sim.message(users.gm, groupChat, 'casus nieuw GRP-0002');
    expect(await caseByCode(q(), 'GRP-0002')).toBeUndefined();
  });
});

describe('cards for the team', () => {
  it('team koppel and digest: the digest is a legible card, counts beside their labels, lines as a list', async () => {
    const teamChannel = { ...channel, id: '19:team-noord@thread.tacv2' };
    const caseChannel = { ...channel, id: '19:casus-dig@thread.tacv2' };
    await rig.sim.message(users.tl, teamChannel, 'team koppel Noord Test');
    await rig.sim.message(users.gm, caseChannel, 'casus nieuw DIG-0001');
    await rig.sim.message(users.gm, caseChannel, 'casus team Noord Test');
    await rig.sim.message(users.gm, caseChannel, 'signaal zorg hoog Zorgen over school');
    await rig.app.flush();
    rig.connector.reset();
    await rig.sim.message(users.tl, teamChannel, 'digest');
    const [reply] = sends();
    const card = reply!.body.attachments[0].content;
    const text = cardText(card);
    expect(text.split('\n')[0]).toBe('Voor Marloes Visser');
    expect(text).toContain('Weekoverzicht team Noord Test');
    expect(text).toMatch(/Onbevestigde signalen\n\d+/);
    expect(card.body.some((e: any) => e.type === 'RichTextBlock' && e.inlines[0].text.startsWith('• '))).toBe(true);
    expect(JSON.stringify(card)).not.toMatch(/<@/);
  });
});

describe('Adaptive Card forms', () => {
  const formChannel = { ...channel, id: '19:formulieren@thread.tacv2' };

  it('a bare "signaal" answers with a card form; submitting it stores the signal and replaces the form for everyone', async () => {
    await rig.sim.message(users.gm, formChannel, 'casus nieuw FRM-0001');
    await rig.app.flush();
    rig.connector.reset();
    await rig.sim.message(users.gm, formChannel, 'signaal');
    const [formReply] = sends();
    const form = formReply!.body.attachments[0].content;
    expect(form.body.filter((e: any) => e.type.startsWith('Input.')).map((e: any) => e.id)).toEqual(['f_soort', 'f_urgentie', 'f_oorzaak', 'f_vertrouwelijk', 'f_tekst']);
    expect(form.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Melden', data: { regiebot: 'form', formId: 'signaal' } })]);

    // Refused (no text): the card is refreshed for the presser with what was typed and the error under the text field; nothing stored or sent.
    rig.connector.reset();
    const refused = await rig.sim.submit(users.gm, formChannel, formReply!.activityId!, { soort: 'zorg', urgentie: 'normaal' });
    expect(refused.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const inputs = refused.body.value.body.filter((e: any) => e.type.startsWith('Input.'));
    expect(inputs.find((e: any) => e.id === 'f_soort')?.value).toBe('zorg');
    const afterText = refused.body.value.body[refused.body.value.body.findIndex((e: any) => e.id === 'f_tekst') + 1];
    expect(cardText(afterText)).toContain('Beschrijf in een paar zinnen wat er aan de hand is.');
    expect(rig.connector.callsOf()).toEqual([]);
    const kase = (await caseByCode(q(), 'FRM-0001'))!;
    expect(await q().select().from(signals).where(eq(signals.caseId, kase.id))).toEqual([]);

    const ok = await rig.sim.submit(users.gm, formChannel, formReply!.activityId!, { soort: 'zorg', urgentie: 'laag', tekst: 'Schoolverzuim neemt toe' });
    await rig.app.flush();
    expect(await first(q().select().from(signals).where(eq(signals.caseId, kase.id)))).toMatchObject({ kind: 'zorg', urgency: 'laag', text: 'Schoolverzuim neemt toe' });
    expect(ok.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    // The form becomes its one confirmation, for everyone; the signal's words are in its post.
    expect(cardText(ok.body.value)).toMatch(/^Ingevuld door Sanne de Wit\n✅ Geplaatst/);
    const update = rig.connector.callsOf('update').find((c) => c.activityId === formReply!.activityId);
    expect(update).toBeDefined();
    expect(activityText(rig.connector.activities.get(formReply!.activityId!))).toContain('Ingevuld door Sanne de Wit');
    // And the signal itself is posted in the channel.
    expect(sends().some((c) => c.conversationId === formChannel.id && cardText(c.body.attachments[0].content).includes('Schoolverzuim'))).toBe(true);
  });

  it('"veiligheid" and "inzet" forms carry number and date inputs', async () => {
    await rig.sim.message(users.gm, formChannel, 'veiligheid');
    await rig.sim.message(users.gm, formChannel, 'inzet');
    const [score, referral] = sends().map((c) => c.body.attachments[0].content);
    expect(score.body.some((e: any) => e.type === 'Input.Number')).toBe(true);
    expect(referral.body.some((e: any) => e.type === 'Input.Date')).toBe(true);
  });

  it('an Action.Submit (older clients: a message with a value) is handled like the invoke', async () => {
    const activity = rig.sim.messageActivity(users.gm, formChannel, '', { mentionBot: false });
    delete activity.text;
    activity.value = { regiebot: 'form', formId: 'veiligheid', f_actueel: '6', f_blijvend: '5' };
    await rig.sim.post(activity);
    await rig.app.flush();
    const kase = (await caseByCode(q(), 'FRM-0001'))!;
    // The submitted values are recorded as the case's safety score, not just accepted.
    expect(await q().select().from(safetyScores).where(eq(safetyScores.caseId, kase.id))).toEqual([expect.objectContaining({ actueel: 6, blijvend: 5 })]);
    // The score is posted in the channel; a bare "Geplaatst" is not sent to Teams, where the post follows in view.
    expect(sends().some((c) => c.conversationId === formChannel.id && cardText(c.body.attachments[0].content).includes('Veiligheid gescoord'))).toBe(true);
    expect(sends().find((c) => c.conversationId?.startsWith(formChannel.id + ';'))).toBeUndefined();
  });

  it('a button the adapter does not know answers with a notice and changes nothing', async () => {
    const res = await rig.sim.invoke(users.gm, formChannel, { something: 'else' }, '1771999999999');
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('werkt niet') });
    expect(rig.connector.callsOf()).toEqual([]);
  });
});

describe('conversation updates and references', () => {
  const newChannel = { ...channel, id: '19:nieuw-kanaal@thread.tacv2' };

  it('the bot added to a channel stores the reference and says hello there', async () => {
    const res = await rig.sim.conversationUpdate(newChannel, users.gm, { added: [bot] });
    expect(res.status).toBe(200);
    const ref = await first(q().select().from(teamsConversations).where(eq(teamsConversations.id, newChannel.id)));
    expect(ref).toMatchObject({ serviceUrl: rig.connector.serviceUrl, tenantId: 'tenant-test-0001', type: 'channel', botId: bot.id, teamGroupId: 'group-0000-jb' });
    const [hello] = sends();
    expect(hello!.conversationId).toBe(newChannel.id);
    expect(cardText(hello!.body.attachments[0].content)).toContain('regiebot');
  });

  it('people are stored by Entra id with their Teams id, for personal messages later', async () => {
    const row = await first(q().select().from(teamsUsers).where(eq(teamsUsers.userId, users.gm.aadObjectId)));
    expect(row).toMatchObject({ teamsId: users.gm.id, name: users.gm.name, tenantId: 'tenant-test-0001' });
  });

  it('someone leaving the case channel loses access to the case', async () => {
    await rig.sim.message(users.gm, newChannel, 'casus nieuw UPD-0001');
    await rig.sim.message(users.gm, newChannel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] });
    await rig.sim.conversationUpdate(newChannel, users.gm, { removed: [users.ha] });
    await rig.app.flush();
    const kase = (await caseByCode(q(), 'UPD-0001'))!;
    const ha = (await q().select().from(members).where(eq(members.caseId, kase.id))).find((m) => m.userId === users.ha.aadObjectId);
    expect(ha?.active).toBe(false);
  });
});

describe('proactive delivery', () => {
  it('a 429 from the Bot Connector waits as long as Retry-After says, then delivers once', async () => {
    const ch = { ...channel, id: '19:drukte@thread.tacv2' };
    // Only the channel itself: the reply to the sender (in their thread) is not an outbox message
    // and may reach the connector before or after the case card does.
    rig.connector.rateLimitNext('7', 1, ch.id);
    await rig.sim.message(users.gm, ch, 'casus nieuw RTL-0001');
    await rig.app.flush();
    const row = (await first(q().select().from(outbox).where(eq(outbox.conversationId, ch.id))))!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime() - rig.clock.now().getTime()).toBe(7000);
    expect(rig.connector.calls.filter((c) => c.status === 429)).toHaveLength(1);
    rig.clock.set(new Date(rig.clock.now().getTime() + 7000));
    await rig.app.flush();
    expect(await first(q().select().from(outbox).where(eq(outbox.id, row.id)))).toMatchObject({ status: 'sent' });
    expect(rig.connector.messagesIn(ch.id).filter((a) => a.conversationId === ch.id)).toHaveLength(1);
  });

  it('a post to a conversation the bot never heard from is not lost: it stays pending', async () => {
    await rig.app.db.q
      .insert(outbox)
      .values({ createdAt: rig.clock.now(), platform: 'teams', kind: 'post', conversationId: '19:onbekend@thread.tacv2', payload: { title: 'x' }, nextAttemptAt: rig.clock.now() });
    await rig.app.flush();
    const row = (await first(q().select().from(outbox).where(eq(outbox.conversationId, '19:onbekend@thread.tacv2'))))!;
    expect(row.status).toBe('pending');
    expect(row.lastError).toMatch(/onbekend/);
    expect(rig.connector.callsOf()).toEqual([]);
    await rig.app.db.q.update(outbox).set({ status: 'dead' }).where(eq(outbox.id, row.id));
  });

  it('the personal chat is opened once and reused', async () => {
    const ch = { ...channel, id: '19:persoonlijk@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw DM-0001');
    await rig.sim.message(users.gm, ch, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] });
    await rig.sim.message(users.ha, ch, 'signaal incident normaal Ruzie op straat');
    await rig.sim.message(users.ha, ch, 'signaal veiligheid acuut Politie ingeschakeld');
    await rig.app.flush();
    const opened = rig.connector.callsOf('create-conversation');
    // The hoofdaannemer's welcome to the case opens her own personal chat; the gezinsmanager's two notices share one.
    const all = sends().filter((c) => c.conversationId?.startsWith('a:'));
    const dms = all.filter((c) => !JSON.stringify(c.body).includes('Welkom in casus'));
    expect(all.length - dms.length).toBe(1);
    expect(dms).toHaveLength(2);
    expect(new Set(dms.map((d) => d.conversationId)).size).toBe(1);
    expect(opened.length).toBeLessThanOrEqual(2);
    for (const d of dms) expect(JSON.stringify(d.body)).not.toMatch(/Ruzie|Politie/);
  });
});

describe('hosting', () => {
  it('rejects what is not a JSON activity', async () => {
    const url = `${rig.base}/api/messages`;
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
    expect((await fetch(url, { method: 'GET' })).status).toBe(404);
  });

  it('local mode binds to loopback only, whatever HOST says, and says so loudly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiebot-teams-bind-'));
    const lines: string[] = [];
    const sink = lineSink(lines);
    const app = await buildApp({
      settings: loadSettings({ DATABASE_URL: testDatabaseUrl(dir), TEAMS_INSECURE_LOCAL: '1', HOST: '0.0.0.0' }),
      log: createLogger('info', sink),
      clock: new ManualClock(new Date('2026-03-02T09:00:00Z')),
      senderIntervalMs: 0,
    });
    try {
      await app.listen(0, '0.0.0.0');
      expect((app.server.address() as AddressInfo).address).toBe('127.0.0.1');
      const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40).map((l) => l.msg);
      expect(warnings.some((m) => /TEAMS_INSECURE_LOCAL=1.*GEEN tokens/.test(m))).toBe(true);
      expect(warnings.some((m) => /alleen op 127\.0\.0\.1/.test(m))).toBe(true);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('with Entra credentials', () => {
  it('a request without a valid bearer token gets 401, changes nothing and reaches nobody', async () => {
    const outbound = [vi.spyOn(https, 'request'), vi.spyOn(https, 'get'), vi.spyOn(http, 'get')];
    const entra = await startTeams({
      env: { TEAMS_INSECURE_LOCAL: '0', TEAMS_CLIENT_ID: '00000000-0000-0000-0000-00000000b07', TEAMS_CLIENT_SECRET: 'test-secret', TEAMS_TENANT_ID: 'tenant-test-0001' },
    });
    try {
      expect((entra.teams as TeamsAdapter).mode).toBe('entra');
      const none = await entra.sim.message(users.gm, channel, 'casus nieuw AUT-0001');
      const bad = await entra.sim.message(users.gm, channel, 'casus nieuw AUT-0002', { headers: { authorization: 'Bearer not-a-real-token' } });
      const invoke = await entra.sim.invoke(users.gm, channel, { regiebot: 'action', actionId: 'signal.ack', value: '1' }, '1771000000000');
      await entra.app.flush();
      expect([none.status, bad.status, invoke.status]).toEqual([401, 401, 401]);
      expect(await entra.app.db.q.select().from(cases)).toEqual([]);
      expect(await entra.app.db.q.select().from(teamsConversations)).toEqual([]);
      expect(await entra.app.db.q.select().from(outbox)).toEqual([]);
      expect(entra.connector.callsOf()).toEqual([]);
      // No token check or token fetch went out (this machine has no internet).
      for (const spy of outbound) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of outbound) spy.mockRestore();
      await entra.close();
    }
  });
});

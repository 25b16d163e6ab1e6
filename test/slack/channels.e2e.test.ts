import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { cases, members } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { caseByCode } from '../../src/cases/model.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimResponse, type SimUser } from '../fakes/slack-sign.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { signingSecret, visibleText } from './harness.js';

// Where a case may live in Slack: only in a private channel. The real app on
// loopback, signed requests, the fake Web API; each refusal is checked for
// what the sender reads, and for leaving nothing behind: no case, no post.
// Codes and names are invented.

const gm: SimUser = { id: 'U0GM00001', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00001', name: 'trajectbegeleider.test' };

let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let dir: string;

async function run(user: SimUser, channel: string, command: string, text: string): Promise<{ res: SimResponse; seen: string }> {
  fake.reset();
  const res = await sim.command(user, channel, command, text);
  await slack.settled();
  await app.flush();
  const later = fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
  return { res, seen: [visibleText(res.json), ...later].join('\n') };
}

const caseCount = async () => (await app.db.q.select().from(cases)).length;
const posts = () => fake.callsOf('chat.postMessage');

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-channels-'));
  app = await buildApp({
    settings: loadSettings({
      DATABASE_URL: testDatabaseUrl(dir),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'silent',
    }),
    clock: new ManualClock(new Date('2026-03-02T09:00:00Z')),
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  slack = app.adapters.get('slack') as SlackAdapter;
  sim = new SlackSim(`${base}/slack/events`, signingSecret, fake, () => slack.settled());
});

afterAll(async () => {
  await app?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a case channel must be private (Slack)', () => {
  it('/casus koppel in a public channel is refused, says how to do it, and stores and posts nothing', async () => {
    const open = fake.createChannel('iedereen', false, [gm.id, ha.id]);
    const before = await caseCount();
    const { res, seen } = await run(gm, open, '/casus', 'koppel TST-301');
    expect(res.json.response_type).toBe('ephemeral');
    expect(seen).toContain('Dit kanaal is niet privé: er is niets vastgelegd');
    expect(seen).toContain('iedereen in de werkruimte');
    expect(seen).toContain('/casus koppel TST-301');
    expect(seen).toContain('/casus nieuw TST-301');
    expect(fake.callsOf('conversations.info').map((c) => c.args)).toEqual([{ channel: open }]);
    expect(await caseCount()).toBe(before);
    expect(await caseByCode(app.db.q, 'TST-301')).toBeUndefined();
    expect(posts()).toEqual([]);
    expect(fake.callsOf('pins.add')).toEqual([]);
  });

  it('/casus koppel in a private channel regiebot was not added to is refused with the step to take', async () => {
    const hidden = fake.createChannel('verborgen', true, [gm.id]);
    fake.channels.get(hidden)!.members.delete(fake.botUserId);
    const { seen } = await run(gm, hidden, '/casus', 'koppel TST-302');
    expect(seen).toContain('Regiebot kan dit kanaal niet zien');
    expect(seen).toContain('Apps toevoegen');
    expect(await caseByCode(app.db.q, 'TST-302')).toBeUndefined();
    expect(posts()).toEqual([]);
  });

  it('/casus koppel in a direct message or a group DM is refused: nobody can be taken out of those', async () => {
    const dm = await run(gm, `D${gm.id}`, '/casus', 'koppel TST-303');
    expect(dm.seen).toContain('niet in een direct bericht of groepsgesprek');
    expect(fake.callsOf('conversations.info')).toEqual([]);
    const group = fake.createChannel('mpdm-gezinsmanager.test--trajectbegeleider.test-1', true, [gm.id, ha.id]);
    const mpim = await run(gm, group, '/casus', 'koppel TST-303');
    expect(mpim.seen).toContain('niet in een direct bericht of groepsgesprek');
    expect(await caseByCode(app.db.q, 'TST-303')).toBeUndefined();
    expect(posts()).toEqual([]);
  });

  it('when Slack cannot say whether the channel is private, nothing is linked and the answer says so', async () => {
    const own = fake.createChannel('eigen-kanaal', true, [gm.id]);
    fake.failNext('conversations.info', 'internal_error');
    const { seen } = await run(gm, own, '/casus', 'koppel TST-305');
    expect(seen).toContain('Ik kon niet nagaan of dit een privékanaal is. Er is niets vastgelegd.');
    expect(await caseByCode(app.db.q, 'TST-305')).toBeUndefined();
    expect(posts()).toEqual([]);
    // The same line again, once Slack answers: linked.
    const again = await run(gm, own, '/casus', 'koppel TST-305');
    expect(again.seen).toContain('TST-305');
    expect((await caseByCode(app.db.q, 'TST-305'))?.conversationId).toBe(own);
  });

  it('/casus nieuw typed in a public channel makes a private channel; the public one sees nothing', async () => {
    const open = fake.createChannel('algemeen', false, [gm.id, ha.id]);
    const { seen } = await run(gm, open, '/casus', 'nieuw TST-304');
    expect(seen).toContain('TST-304');
    expect(fake.callsOf('conversations.create').map((c) => c.args)).toEqual([{ name: 'casus-tst-304', is_private: true }]);
    const kase = (await caseByCode(app.db.q, 'TST-304'))!;
    expect(fake.channels.get(kase.conversationId!)?.is_private).toBe(true);
    expect(posts().every((p) => p.args.channel === kase.conversationId)).toBe(true);
  });

  it('/casus nieuw with a name instead of a code is refused with an example, and creates nothing', async () => {
    const open = fake.createChannel('algemeen-2', false, [gm.id]);
    const before = await caseCount();
    const { res, seen } = await run(gm, open, '/casus', 'nieuw Jan Jansen');
    expect(res.json.response_type).toBe('ephemeral');
    expect(seen).toContain('Een casuscode moet minstens één cijfer bevatten');
    expect(seen).toContain('/casus nieuw AMS-2041');
    expect(seen).not.toContain('Jan');
    expect(fake.callsOf()).toEqual([]);
    expect(await caseCount()).toBe(before);
  });
});

describe('moving a case to another private channel (Slack)', () => {
  let first: string;
  let second: string;
  const code = 'TST-310';
  const active = async (userId: string) =>
    (await app.db.q.select().from(members).where(and(eq(members.userId, userId), eq(members.caseId, (await caseByCode(app.db.q, code))!.id)))).filter((m) => m.active).length > 0;

  it('/casus koppel in a new private channel moves the case there', async () => {
    await run(gm, fake.createChannel('start', false, [gm.id]), '/casus', `nieuw ${code}`);
    first = (await caseByCode(app.db.q, code))!.conversationId!;
    await run(gm, first, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);
    second = fake.createChannel('gezin-nieuw-kanaal', true, [gm.id, ha.id]);
    const { seen } = await run(gm, second, '/casus', `koppel ${code}`);
    expect(seen).toContain(`gekoppeld aan casus ${code}`);
    expect(seen).toContain('Wat al in het vorige casuskanaal stond, blijft daar staan');
    expect((await caseByCode(app.db.q, code))!.conversationId).toBe(second);
    expect(visibleText(posts().find((p) => p.args.channel === second)?.args)).toContain(`Casus ${code}`);
  });

  it('leaving the old channel no longer counts', async () => {
    fake.reset();
    await sim.memberLeft(ha, first);
    await slack.settled();
    await app.flush();
    expect(await active(ha.id)).toBe(true);
  });

  it('leaving the new channel ends access, and the card there says so', async () => {
    const card = fake.messagesIn(second)[0]!;
    expect(visibleText(card)).toContain(`<@${ha.id}>`);
    fake.reset();
    await sim.memberLeft(ha, second);
    await slack.settled();
    await app.flush();
    expect(await active(ha.id)).toBe(false);
    expect(visibleText(fake.message(second, card.ts))).not.toContain(`<@${ha.id}>`);
    const { seen } = await run(ha, second, '/signaal', 'zorg nog een melding');
    expect(seen).toContain('geen lid van casus');
  });

  it('moving it to a public channel is refused and the case stays where it was', async () => {
    const open = fake.createChannel('openbaar-team', false, [gm.id]);
    const { seen } = await run(gm, open, '/casus', `koppel ${code}`);
    expect(seen).toContain('Dit kanaal is niet privé');
    // The case exists: no suggestion to create it anew under this code.
    expect(seen).not.toContain('/casus nieuw');
    expect((await caseByCode(app.db.q, code))!.conversationId).toBe(second);
    expect(posts()).toEqual([]);
  });
});

describe('removal in Slack says only what happened', () => {
  const tl: SimUser = { id: 'U0TL00001', name: 'teamleider.test' };
  const code = 'TST-340';
  let where: string;

  it('/casus verwijder takes the person out of the case and out of the channel, and says both', async () => {
    await run(gm, fake.createChannel('start-340', false, [gm.id]), '/casus', `nieuw ${code}`);
    where = (await caseByCode(app.db.q, code))!.conversationId!;
    await run(gm, where, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);
    expect(fake.channels.get(where)!.members.has(ha.id)).toBe(true);
    const { seen } = await run(gm, where, '/casus', `verwijder <@${ha.id}|${ha.name}>`);
    // The channel reads the removal; the answer confirms it and adds what only the platform's step tells.
    expect(fake.messagesIn(where).map((m) => m.text).join('\n')).toContain(`<@${ha.id}> (hoofdaannemer) is uit de casus gehaald`);
    expect(seen).toContain('Geplaatst');
    expect(seen).toContain(`<@${ha.id}> is ook uit het kanaal gehaald en kan het niet meer lezen`);
    expect(fake.channels.get(where)!.members.has(ha.id)).toBe(false);
  });

  it('when Slack refuses the kick, the answer and the channel say the person can still read it', async () => {
    await run(gm, where, '/casus', `lid <@${tl.id}|${tl.name}> teamleider`);
    fake.failNext('conversations.kick', 'restricted_action');
    const { seen } = await run(gm, where, '/casus', `verwijder <@${tl.id}|${tl.name}>`);
    expect(fake.messagesIn(where).map((m) => m.text).join('\n')).toContain(`<@${tl.id}> (teamleider) is uit de casus gehaald`);
    expect(seen).toContain(`<@${tl.id}> kan dit kanaal nog lezen: regiebot kon deze persoon er niet uit halen`);
    expect(seen).not.toContain('ook uit het kanaal gehaald');
    expect(fake.channels.get(where)!.members.has(tl.id)).toBe(true);
    const told = posts().filter((p) => p.args.channel === where).map((p) => visibleText(p.args));
    expect(told.some((t) => t.includes('kan dit kanaal nog lezen'))).toBe(true);
    expect(told.join('\n')).not.toContain('geen toegang meer');
  });
});

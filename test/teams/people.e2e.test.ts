import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { local } from '../helpers/app.js';
import { cardText, channel, startTeams, users, type SimConversation, type SimUser, type TeamsRig } from './harness.js';

// People and roles as the field has them (issue 21) through the real Teams
// app: the basisteam's own teamleider, set in the team's channel, receives the
// escalations of a case nobody added a teamleider to, in the 1:1 chat with the
// bot. Codes and names are invented.

const code = 'TMS-2101';
const teamChannel: SimConversation = { id: '19:basisteam-noord@thread.tacv2', type: 'channel', teamId: '19:team-jb@thread.tacv2', teamGroupId: 'group-0000-jb' };

let rig: TeamsRig;

/** Sends a message and returns the Bot Connector calls it caused, and what the sender was answered in the thread. */
async function say(user: SimUser, conv: SimConversation, text: string, mentions: SimUser[] = []) {
  const from = rig.connector.calls.length;
  const res = await rig.sim.message(user, conv, text, mentions.length ? { mentions } : {});
  expect(res.status).toBe(200);
  await rig.app.flush();
  const calls = rig.connector.calls.slice(from);
  const answer = calls
    .filter((c) => c.kind === 'send' && c.conversationId?.startsWith(`${conv.id};messageid=`))
    .map(textOf)
    .join('\n');
  return { calls, answer };
}

const textOf = (c: ConnectorCall) => (c.body?.attachments?.[0]?.content ? cardText(c.body.attachments[0].content) : String(c.body?.text ?? ''));
const personalOf = (user: { id: string }) => rig.connector.personal.get(user.id);
const sentTo = (calls: ConnectorCall[], conversationId: string | undefined) => calls.filter((c) => c.kind === 'send' && conversationId && c.conversationId === conversationId);

beforeAll(async () => {
  rig = await startTeams({ clock: new ManualClock(local('2026-03-02 10:00')) });
  await say(users.gm, channel, `casus nieuw ${code}`);
  await say(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe("the team's teamleider in Teams", () => {
  it('is set in the team channel; a second person cannot take it over', async () => {
    await say(users.tl, teamChannel, 'team koppel Basisteam Noord');
    const set = await say(users.tl, teamChannel, `team teamleider @${users.tl.name}`, [users.tl]);
    expect(set.answer).toContain('is nu de teamleider van Basisteam Noord');
    const refused = await say(users.gm, teamChannel, `team teamleider @${users.gm.name}`, [users.gm]);
    expect(refused.answer).toContain('Basisteam Noord heeft al een teamleider');
  });

  it('receives the escalation of a case without its own teamleider in the personal chat, and decides it', async () => {
    await say(users.gm, channel, 'casus team Basisteam Noord');
    const filed = await say(users.ha, channel, 'escalatie hulp De aanbieder kan pas over acht weken starten');
    expect(filed.answer).toContain('De teamleider is op de hoogte gebracht.');
    expect(filed.answer).not.toContain('Escalatie E-1');
    const personal = sentTo(filed.calls, personalOf(users.tl));
    expect(personal.map(textOf).join('\n')).toContain(`Escalatie E-1 in casus ${code}`);
    const decided = await say(users.tl, channel, 'escalatie besluit E-1 Het basisteam overbrugt tot de start');
    expect(decided.answer).toBe('');
    expect(decided.calls.filter((c) => c.kind === 'send' && c.conversationId === channel.id).map(textOf).join('\n')).toContain('Het basisteam overbrugt tot de start');
  });
});

describe('handovers in Teams', () => {
  it('a gezinsmanager removed from the channel is reported to the teamleider personally; the digest lists the case', async () => {
    const from = rig.connector.calls.length;
    const res = await rig.sim.conversationUpdate(channel, users.tl, { removed: [users.gm] });
    expect(res.status).toBe(200);
    await rig.app.flush();
    const calls = rig.connector.calls.slice(from);
    expect(sentTo(calls, personalOf(users.tl)).map(textOf).join('\n')).toContain(`Casus ${code} heeft geen gezinsmanager`);
    const digest = await say(users.tl, teamChannel, 'digest');
    expect(digest.calls.map(textOf).join('\n')).toContain(`${code}: zonder gezinsmanager`);
  });

  it('the teamleider hands the case over and the channel is told', async () => {
    const handed = await say(users.tl, channel, `casus overdragen @${users.gm.name}`, [users.gm]);
    expect(handed.calls.map(textOf).join('\n')).toContain('is nu de gezinsmanager en houdt de regie op veiligheid');
  });
});

describe('provider teams in Teams', () => {
  const hv: SimUser = { id: '29:hv-noor', aadObjectId: 'aad-0000-hv', name: 'Noor Smit' };
  const oa: SimUser = { id: '29:oa-fatima', aadObjectId: 'aad-0000-oa', name: 'Fatima El Amrani' };
  const channel2: SimConversation = { ...channel, id: '19:casus-twee@thread.tacv2' };

  it('two workers of the hoofdaannemer and a worker of the onderaannemer, grouped by provider on the card', async () => {
    for (const u of [hv, oa]) rig.connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId! });
    await say(users.gm, channel2, 'casus nieuw TMS-2102');
    await say(users.gm, channel2, `casus lid @${users.ha.name} trajectbegeleider Horizon`, [users.ha]);
    await say(users.gm, channel2, `casus lid @${hv.name} hulpverlener Horizon`, [hv]);
    await say(users.gm, channel2, `casus lid @${oa.name} oa Kompas`, [oa]);
    const card = await say(users.gm, channel2, 'casus info');
    expect(card.answer).toContain(`Aanbieder Horizon\n${users.ha.name} (hoofdaannemer), ${hv.name} (hulpverlener)`);
    expect(card.answer).toContain(`Aanbieder Kompas\n${oa.name} (onderaannemer)`);
  });

  it("each worker records only their own provider's start", async () => {
    await say(users.gm, channel2, 'inzet Horizon ha spic 7 verwezen gisteren');
    await say(users.gm, channel2, 'inzet Kompas oa spic 3 verwezen gisteren');
    expect((await say(hv, channel2, 'inzet gestart Kompas')).answer).toContain('Alleen de gezinsmanager of een medewerker van Kompas');
    // Recorded: the channel reads the start below the typed line, and no separate answer is sent.
    const started = await say(hv, channel2, 'inzet gestart Horizon');
    expect(started.answer).toBe('');
    expect(started.calls.filter((c) => c.kind === 'send' && c.conversationId === channel2.id).map(textOf).join('\n')).toContain('Horizon');
    expect((await say(oa, channel2, 'inzet gestart Kompas')).answer).not.toContain('Alleen');
  });

  it('the hoofdaannemer registers an onderaannemer without a SPIC', async () => {
    const r = await say(users.ha, channel2, 'inzet "De Brug" oa verwezen gisteren');
    expect(r.answer).not.toContain('Dit mag alleen');
    expect(r.calls.map(textOf).join('\n')).toContain('geen eigen SPIC (onder het arrangement van de hoofdaannemer)');
    expect((await say(users.gm, channel2, 'casus info')).answer).toContain('De Brug (OA)');
  });
});

describe('escalation beyond the team in Teams', () => {
  it('taken to the escalatietafel, reminded to the teamleider after five working days, and decided by the gezinsmanager', async () => {
    await say(users.ha, channel, 'escalatie spic Het profiel is te licht voor dit gezin');
    const forwarded = await say(users.gm, channel, 'escalatie doorzetten E-2 escalatietafel Geen overeenstemming');
    expect(forwarded.answer).toContain('Leg hun besluit vast met /escalatie besluit E-2');
    const from = rig.connector.calls.length;
    rig.clock.set(local('2026-03-09 09:05'));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const calls = rig.connector.calls.slice(from);
    expect(sentTo(calls, personalOf(users.tl)).map(textOf).join('\n')).toContain(`Escalatie E-2 in casus ${code} wacht al 7 dagen op een besluit`);
    const decided = await say(users.gm, channel, 'escalatie besluit E-2 SPIC wordt opgehoogd naar 8');
    expect(decided.calls.map(textOf).join('\n')).toContain('Besluit van de escalatietafel van de gemeente over E-2');
  });
});

describe('help beyond youth care in Teams', () => {
  it('a referral to schuldhulp, with its waiting days on the card under its own heading', async () => {
    await say(users.gm, channel, 'inzet Kredietbank schuldhulp verwezen 02-03-2026');
    const card = await say(users.gm, channel, 'casus info');
    expect(card.answer).toContain('Hulp buiten de jeugdhulp\nKredietbank (schuldhulp): wacht 7 dagen');
  });
});

describe('consent in Teams', () => {
  it('recorded by the gezinsmanager and shown on the card', async () => {
    await say(users.gm, channel, 'casus toestemming ja');
    expect((await say(users.gm, channel, 'casus info')).answer).toContain('Toestemming informatie delen\nja (vastgelegd 09-03-2026)');
  });
});

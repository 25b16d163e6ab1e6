/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { first } from '../../db/connection.js';
import { meetings, members, referrals, safetyScores, signals } from '../../db/schema.js';
import { caseByCode } from '../../src/cases/model.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { activityText, cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// A whole short case, run as Teams would run it: the real app (buildApp, the
// real core, the Teams SDK app on the shared server), activities posted to
// /api/messages on loopback, the fake Bot Connector recording every reply,
// post and update. Codes and names are invented.

const code = 'TST-2026-001';
let rig: TeamsRig;
let cardId: string;
let signalActivityId: string;

async function step(run: () => Promise<{ status: number; body: any; activityId: string }>) {
  rig.connector.reset();
  const res = await run();
  await rig.app.flush();
  const calls = rig.connector.callsOf();
  return { res, calls, replies: calls.filter((c) => c.kind === 'send' && c.conversationId?.includes(';messageid=')) };
}

const caseId = async () => (await caseByCode(rig.app.db.q, code))!.id;
const postsToChannel = (calls: ConnectorCall[]) => calls.filter((c) => c.kind === 'send' && c.conversationId === channel.id);

beforeAll(async () => {
  rig = await startTeams();
});

afterAll(async () => {
  await rig?.close();
});

describe('a whole case in Teams', () => {
  it('runs in local mode on the shared server, with only Teams as platform', () => {
    expect(rig.teams.mode).toBe('local');
    expect([...rig.app.adapters.keys()]).toEqual(['teams']);
  });

  it('casus nieuw links the channel it was typed in and posts the case card there', async () => {
    const s = await step(() => rig.sim.message(users.gm, channel, `casus nieuw ${code} Testgezin`));
    expect(s.res.status).toBe(200);
    const kase = (await caseByCode(rig.app.db.q, code))!;
    expect(kase).toMatchObject({ platform: 'teams', conversationId: channel.id });
    const posts = postsToChannel(s.calls);
    expect(posts).toHaveLength(1);
    cardId = rig.connector.messagesIn(channel.id).find((a) => a.conversationId === channel.id)!.id;
    expect(cardText(posts[0]!.body.attachments[0].content)).toContain(`Casus ${code}`);
    expect(cardText(posts[0]!.body.attachments[0].content)).toContain('Sanne de Wit');
    // The answer to the sender: a reply in their thread that names and mentions them.
    expect(s.replies).toHaveLength(1);
    expect(s.replies[0]!.body.text).toBe('<at>Sanne de Wit</at>');
    expect(s.replies[0]!.body.entities[0]).toMatchObject({ type: 'mention', mentioned: { id: users.gm.id } });
    expect(cardText(s.replies[0]!.body.attachments[0].content)).toMatch(/^Voor Sanne de Wit\n.*aangemaakt/s);
  });

  it('casus lid with an @-mention adds the hoofdaannemer by Entra id, and the card is updated in place', async () => {
    const s = await step(() => rig.sim.message(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] }));
    expect(s.res.status).toBe(200);
    const ha = await first(rig.app.db.q.select().from(members).where(and(eq(members.caseId, await caseId()), eq(members.role, 'hoofdaannemer'))));
    expect(ha).toMatchObject({ userId: users.ha.aadObjectId, displayName: users.ha.name, platform: 'teams' });
    // The mention carried only the Teams id; the roster told the Entra id.
    expect(s.calls.some((c) => c.kind === 'member' && c.activityId === users.ha.id)).toBe(true);
    const updates = s.calls.filter((c) => c.kind === 'update');
    expect(updates.map((u) => u.activityId)).toContain(cardId);
    expect(activityText(rig.connector.activities.get(cardId))).toContain('Joris Bakker');
    // One confirmation: the channel reads who was added, below the typed line; the thread answer keeps only
    // what that post does not say (the family's consent), never the same sentence again.
    expect(postsToChannel(s.calls).map((c) => cardText(c.body.attachments[0].content)).join('\n')).toContain('Joris Bakker is toegevoegd als hoofdaannemer.');
    expect(s.replies.map((c) => cardText(c.body.attachments[0].content)).join('\n')).not.toContain('toegevoegd');
  });

  it('the teamleider joins too; a mention of someone known needs no roster lookup', async () => {
    await step(() => rig.sim.message(users.tl, channel, 'help'));
    const s = await step(() => rig.sim.message(users.gm, channel, `/casus lid @${users.tl.name} teamleider`, { mentions: [users.tl] }));
    expect(s.calls.some((c) => c.kind === 'member')).toBe(false);
    expect((await first(rig.app.db.q.select().from(members).where(eq(members.userId, users.tl.aadObjectId))))?.role).toBe('teamleider');
  });

  it('a signal from the hoofdaannemer is posted with a Bevestigen button; the gezinsmanager gets a personal message with code and urgency only', async () => {
    const text = 'Vader dreigde de kinderen mee te nemen';
    const s = await step(() => rig.sim.message(users.ha, channel, `signaal veiligheid hoog ${text}`));
    const signal = (await first(rig.app.db.q.select().from(signals).where(eq(signals.caseId, await caseId()))))!;
    expect(signal).toMatchObject({ kind: 'veiligheid', urgency: 'hoog', reporterId: users.ha.aadObjectId, text });
    const posted = postsToChannel(s.calls).find((c) => cardText(c.body.attachments[0].content).includes('S-1'))!;
    signalActivityId = posted.activityId!;
    // One confirmation: the typed line and this post are what the reporter sees; nothing is answered in the thread.
    expect(s.replies).toEqual([]);
    const card = posted.body.attachments[0].content;
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Bevestigen', verb: 'signal.ack', data: { regiebot: 'action', actionId: 'signal.ack', value: String(signal.id) } })]);
    // Personal message: a 1:1 conversation with the gezinsmanager's Teams id.
    const open = s.calls.find((c) => c.kind === 'create-conversation')!;
    expect(open.body).toMatchObject({ members: [{ id: users.gm.id }], tenantId: 'tenant-test-0001', isGroup: false });
    const dm = s.calls.find((c) => c.kind === 'send' && c.conversationId === open.conversationId)!;
    const dmText = cardText(dm.body.attachments[0].content);
    expect(dmText).toContain(code);
    expect(dmText).toContain('hoog');
    expect(dmText).not.toContain('Vader');
    expect(JSON.stringify(dm.body)).not.toContain('Vader');
    // A link to the signal in the channel.
    expect(dm.body.attachments[0].content.actions.at(-1)).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringContaining(signalActivityId) });
  });

  it('Bevestigen by someone else is refused to that person only, and changes nothing', async () => {
    const s = await step(() => rig.sim.press(users.ha, channel, signalActivityId, 'Bevestigen'));
    expect(s.res.status).toBe(200);
    expect(s.res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(s.res.body.value).toMatch(/gezinsmanager/);
    expect(s.calls).toEqual([]);
    expect((await first(rig.app.db.q.select().from(signals)))?.ackAt).toBeNull();
  });

  it('Bevestigen by the gezinsmanager updates the signal card in place: who acknowledged it and when', async () => {
    const s = await step(() => rig.sim.press(users.gm, channel, signalActivityId, 'Bevestigen'));
    expect(s.res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('S-1 is bevestigd') });
    const update = s.calls.find((c) => c.kind === 'update' && c.activityId === signalActivityId)!;
    expect(update).toBeDefined();
    const shown = activityText(rig.connector.activities.get(signalActivityId));
    expect(shown).toContain('Bevestigd door Sanne de Wit op 02-03-2026 10:00');
    expect(rig.connector.cardOf(signalActivityId).actions ?? []).toEqual([]);
    expect(await first(rig.app.db.q.select().from(signals))).toMatchObject({ ackById: users.gm.aadObjectId, ackByName: 'Sanne de Wit' });
  });

  it('veiligheid (score), inzet (refer and start) and overleg are stored, the card follows', async () => {
    await step(() => rig.sim.message(users.gm, channel, 'veiligheid actueel 5 blijvend 4 Afspraken worden deels nagekomen'));
    const referred = await step(() => rig.sim.message(users.gm, channel, 'inzet "Jeugdhulp Test" ha spic 11 verwezen 02-03-2026'));
    expect(postsToChannel(referred.calls).some((c) => cardText(c.body.attachments[0].content).includes('Inzet: verwezen naar Jeugdhulp Test'))).toBe(true);
    await step(() => rig.sim.message(users.ha, channel, 'inzet gestart "Jeugdhulp Test" vandaag'));
    const last = await step(() => rig.sim.message(users.gm, channel, 'overleg gehouden vandaag Startgesprek gevoerd, evaluatie over zes weken'));
    expect(await first(rig.app.db.q.select().from(safetyScores))).toMatchObject({ actueel: 5, blijvend: 4, byId: users.gm.aadObjectId });
    expect(await first(rig.app.db.q.select().from(referrals))).toMatchObject({ provider: 'Jeugdhulp Test', role: 'ha', spic: '11', referredOn: '2026-03-02', startedOn: '2026-03-02' });
    expect(await first(rig.app.db.q.select().from(meetings))).toMatchObject({ heldOn: '2026-03-02', byId: users.gm.aadObjectId });
    // Each was posted in the channel below the typed line: no separate answer (one confirmation).
    expect(last.replies).toEqual([]);
    expect(postsToChannel(last.calls).some((c) => cardText(c.body.attachments[0].content).includes('Uitvoerdersoverleg gehouden op 02-03-2026'))).toBe(true);
    const shown = activityText(rig.connector.activities.get(cardId));
    expect(shown).toContain('Jeugdhulp Test');
    expect(shown).toMatch(/5/);
  });

  it('a refused command answers the sender only, in their thread, and says nothing changed', async () => {
    const s = await step(() => rig.sim.message(users.outsider, channel, 'veiligheid actueel 2 blijvend 2'));
    expect(postsToChannel(s.calls)).toEqual([]);
    expect(s.replies).toHaveLength(1);
    expect(cardText(s.replies[0]!.body.attachments[0].content)).toMatch(/^Alleen voor Piet Buiten: er is niets veranderd/);
    expect(await rig.app.db.q.select().from(safetyScores)).toHaveLength(1);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cases, members } from '../../db/schema.js';
import { caseByCode } from '../../src/cases/model.js';
import { cardText, channel, groupChat, personalChat, startTeams, users, type SimConversation, type SimUser, type TeamsRig } from './harness.js';

// Where a case may live in Teams, and what removal really does there. The
// real app on loopback, activities as Teams sends them, the fake Bot
// Connector; each answer is read as the person reads it. Codes and names are
// invented.

let rig: TeamsRig;

const q = () => rig.app.db.q;
const conv = (id: string, channelType?: SimConversation['channelType']): SimConversation => ({ ...channel, id, ...(channelType ? { channelType } : {}) });

/**
 * Sends a line; returns the answer to the sender (in a channel or group chat
 * the card headed "Voor …" or "Alleen voor …"; in a personal chat every card)
 * and the posts the conversation got through the outbox.
 */
async function say(user: SimUser, where: SimConversation, text: string, mentions: SimUser[] = []) {
  rig.connector.reset();
  await rig.sim.message(user, where, text, { mentions });
  await rig.app.flush();
  const cards = rig.connector
    .callsOf()
    .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId?.startsWith(where.id))
    .map((c) => cardText(c.body.attachments?.[0]?.content));
  const isAnswer = (t: string) => where.type === 'personal' || /^(Alleen )?[Vv]oor /.test(t);
  return { reply: cards.filter(isAnswer).join('\n'), posts: cards.filter((t) => !isAnswer(t)) };
}

beforeAll(async () => {
  rig = await startTeams();
});

afterAll(async () => {
  await rig?.close();
});

beforeEach(() => rig.connector.reset());

describe('a case channel must be private (Teams)', () => {
  it('casus nieuw in a standard channel is refused, says why and how, and stores and posts nothing', async () => {
    const standard = conv('19:standaard-1@thread.tacv2', 'standard');
    const before = (await q().select().from(cases)).length;
    const { reply, posts } = await say(users.gm, standard, 'casus nieuw TST-321');
    expect(reply).toContain('Dit kanaal is niet privé: er is niets vastgelegd');
    expect(reply).toContain('het hele team');
    expect(reply).toContain('/casus koppel TST-321');
    // Teams creates no channel for a case: no suggestion of /casus nieuw.
    expect(reply).not.toContain('/casus nieuw');
    expect(posts).toEqual([]);
    expect(await caseByCode(q(), 'TST-321')).toBeUndefined();
    expect((await q().select().from(cases)).length).toBe(before);
  });

  it('casus koppel in a standard channel is refused too', async () => {
    const standard = conv('19:standaard-2@thread.tacv2', 'standard');
    const { reply, posts } = await say(users.gm, standard, 'casus koppel TST-322');
    expect(reply).toContain('Dit kanaal is niet privé');
    expect(posts).toEqual([]);
    expect(await caseByCode(q(), 'TST-322')).toBeUndefined();
  });

  it('a private or shared channel takes the case without a warning', async () => {
    for (const [id, type, code] of [
      ['19:prive-1@thread.tacv2', 'private', 'TST-323'],
      ['19:gedeeld-1@thread.tacv2', 'shared', 'TST-324'],
    ] as const) {
      const where = conv(id, type);
      const { reply, posts } = await say(users.gm, where, `casus nieuw ${code}`);
      expect(reply).toContain(`Casus ${code} is aangemaakt`);
      expect(reply).not.toContain('Let op');
      expect(posts.join('\n')).toContain(`Casus ${code}`);
      expect((await caseByCode(q(), code))?.conversationId).toBe(id);
    }
  });

  it('a channel whose type Teams does not send takes the case, with a warning in the answer', async () => {
    const unknown = conv('19:onbekend-1@thread.tacv2');
    const { reply } = await say(users.gm, unknown, 'casus koppel TST-325');
    expect(reply).toContain('Casus TST-325 is aangemaakt');
    expect(reply).toContain('Let op: het platform zegt niet of dit een privékanaal is');
    expect((await caseByCode(q(), 'TST-325'))?.conversationId).toBe(unknown.id);
  });

  it('casus koppel in a personal chat is refused', async () => {
    const { reply } = await say(users.gm, personalChat(users.gm), 'casus koppel TST-326');
    expect(reply).toContain('niet in een direct bericht of groepsgesprek');
    expect(await caseByCode(q(), 'TST-326')).toBeUndefined();
  });

  it('a code without a digit is refused with an example, in the channel too, without echoing it', async () => {
    const where = conv('19:prive-2@thread.tacv2', 'private');
    const { reply, posts } = await say(users.gm, where, 'casus nieuw Jan Jansen');
    expect(reply).toContain('Een casuscode moet minstens één cijfer bevatten');
    expect(reply).toContain('/casus nieuw AMS-2041');
    expect(reply).not.toContain('Jan');
    expect(posts).toEqual([]);
    expect((await q().select().from(cases).where(eq(cases.conversationId, where.id))).length).toBe(0);
  });
});

describe('removal in Teams is honest', () => {
  const active = async (code: string, userId: string) => {
    const kase = (await caseByCode(q(), code))!;
    return (await q().select().from(members).where(and(eq(members.caseId, kase.id), eq(members.userId, userId), eq(members.active, true)))).length > 0;
  };

  it('casus verwijder in a channel: regiebot stops, says the person can still read, and names the step in Teams', async () => {
    const where = conv('19:prive-verwijder@thread.tacv2', 'private');
    await say(users.gm, where, 'casus nieuw TST-331');
    await say(users.gm, where, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha]);
    const { reply, posts } = await say(users.gm, where, `casus verwijder @${users.ha.name}`, [users.ha]);
    expect(reply).toContain('Joris Bakker (hoofdaannemer) is uit de casus gehaald: regiebot neemt geen opdrachten meer van deze persoon aan');
    expect(reply).toContain('Joris Bakker kan dit kanaal nog lezen');
    expect(reply).toContain('••• (Meer opties) naast de kanaalnaam → Kanaal beheren → Leden');
    expect(reply).not.toContain('geen toegang meer');
    // The channel is told the same, without the claim.
    const post = posts.find((p) => p.includes('uit de casus gehaald'))!;
    expect(post).toContain('kan dit kanaal nog lezen');
    expect(post).not.toContain('geen toegang meer');
    expect(await active('TST-331', users.ha.aadObjectId)).toBe(false);
    const after = await say(users.ha, where, 'signaal zorg Nog een melding');
    expect(after.reply).toContain('geen lid van casus TST-331');
  });

  it('in a standard channel the step is leaving the team: nobody leaves such a channel alone', async () => {
    // Linked while Teams sent no type; the removal's own activity says it is standard.
    const where = conv('19:standaard-verwijder@thread.tacv2');
    await say(users.gm, where, 'casus koppel TST-333');
    await say(users.gm, where, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha]);
    const { reply } = await say(users.gm, { ...where, channelType: 'standard' }, `casus verwijder @${users.ha.name}`, [users.ha]);
    expect(reply).toContain('Joris Bakker kan dit kanaal nog lezen');
    expect(reply).toContain('Dit is een standaardkanaal: het hele team leest het, en niemand kan alleen uit dit kanaal worden gehaald');
    expect(reply).toContain('••• (Meer opties) naast de teamnaam → Team beheren → Leden');
    expect(reply).not.toContain('Kanaal beheren');
    expect(await active('TST-333', users.ha.aadObjectId)).toBe(false);
  });

  it('in a group chat the step is the one for a chat', async () => {
    const chat: SimConversation = { ...groupChat, id: '19:groepschat-verwijder@thread.v2' };
    await say(users.gm, chat, 'casus nieuw TST-332');
    await say(users.gm, chat, `casus lid @${users.tl.name} teamleider`, [users.tl]);
    const { reply } = await say(users.gm, chat, `casus verwijder @${users.tl.name}`, [users.tl]);
    expect(reply).toContain('Marloes Visser nu zelf uit de groepschat');
    expect(reply).toContain('Uit chat verwijderen');
    expect(reply).not.toContain('Kanaal beheren');
  });
});

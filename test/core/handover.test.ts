import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { members, outbox } from '../../db/schema.js';
import type { Message } from '../../src/kernel/message.js';
import { coreHarness, type CoreHarness } from './harness.js';
import { mentionOf } from '../helpers/people.js';

// Handovers (issue 21, item 4): a case is handed over by its gezinsmanager or
// a teamleider; a case whose gezinsmanager leaves is reported to the
// teamleider at once and stands in the digest until someone takes it over;
// a hoofdaannemer leaving tells the gezinsmanager that regie op zorg is vacant.

let h: CoreHarness;
const directsTo = async (userId: string) =>
  (await h.app.db.q.select().from(outbox).where(and(eq(outbox.kind, 'direct'), eq(outbox.userId, userId))).orderBy(asc(outbox.id))).map(
    (r) => r.payload as Message,
  );
const postsIn = async (conversationId: string) =>
  (await h.app.db.q.select().from(outbox).where(and(eq(outbox.kind, 'post'), eq(outbox.conversationId, conversationId))).orderBy(asc(outbox.id))).map(
    (r) => r.payload as Message,
  );
const must = async (user: string, line: string, conversation = 'C-CASE') => {
  const r = await h.say(user, line, conversation);
  expect(r.error, `${line}: ${r.message?.text ?? r.message?.title}`).toBeFalsy();
  return r;
};
const gmOf = async (caseId: number) =>
  (await h.app.db.q.select().from(members).where(and(eq(members.caseId, caseId), eq(members.role, 'gezinsmanager'), eq(members.active, true)))).map((m) => m.userId);

beforeAll(async () => {
  h = await coreHarness();
  await must('U-GM', '/team koppel Basisteam Noord', 'C-TEAM');
  await must('U-GM', `/team teamleider ${mentionOf('U-TL')}`, 'C-TEAM');
});
afterAll(async () => {
  await h.close();
});

describe('/casus overdragen', () => {
  it('bad input is answered with the right form and changes nothing; a provider may not hand over', async () => {
    await must('U-GM', '/casus nieuw TST-601 overdracht');
    await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`);
    await must('U-GM', '/casus team Basisteam Noord');
    const missing = await h.say('U-GM', '/casus overdragen');
    expect(missing.message?.text).toBe('Noem de nieuwe gezinsmanager met een @-vermelding.');
    expect(missing.message?.lines).toContain('/casus overdragen <@gebruiker>');
    const bad = await h.say('U-GM', '/casus overdragen Ilse');
    expect(bad.message?.text).toBe('"Ilse" is geen @-vermelding. Typ @ en kies de persoon uit de lijst.');
    const refused = await h.say('U-HA', `/casus overdragen ${mentionOf('U-HA')}`);
    expect(refused.message?.text).toBe('Dit mag alleen de gezinsmanager of de teamleider van casus TST-601.');
    expect(await gmOf(1)).toEqual(['U-GM']);
  });

  it('by the gezinsmanager: the new one holds regie op veiligheid, the former one stays in the timeline, the channel is told', async () => {
    const r = await must('U-GM', `/casus overdragen ${mentionOf('U-GM2')}`);
    expect(r.message?.title).toBe('Geplaatst');
    expect((await h.postOf(r)).title).toBe('<@U-GM2> is nu de gezinsmanager en houdt de regie op veiligheid; overgenomen van <@U-GM>.');
    expect(await gmOf(1)).toEqual(['U-GM2']);
    const timeline = await must('U-GM2', '/casus tijdlijn');
    // The timeline speaks in sentences (issue 20): who handed over to whom, no action names or ids.
    const handover = timeline.message?.lines?.find((l) => l.includes('droeg de casus over van'));
    expect(handover).toMatch(/droeg de casus over van .+ aan .+ als gezinsmanager/);
    expect(handover).not.toMatch(/casus\.overgedragen|U-GM/);
    // The former gezinsmanager is no member any more.
    const former = await h.say('U-GM', '/casus info');
    expect(former.message?.text).toBe('Je bent geen lid van casus TST-601. Vraag de gezinsmanager om je toe te voegen met /casus lid.');
  });

  it("by the team's teamleider, who was never added to the case", async () => {
    const r = await must('U-TL', `/casus overdragen ${mentionOf('U-GM')}`);
    expect((await h.postOf(r)).title).toBe('<@U-GM> is nu de gezinsmanager en houdt de regie op veiligheid; overgenomen van <@U-GM2>.');
    expect(await gmOf(1)).toEqual(['U-GM']);
  });
});

describe('a case left without a gezinsmanager', () => {
  it('is reported to the teamleider at once, in the channel and personally', async () => {
    const before = (await directsTo('U-TL')).length;
    await h.app.core.memberLeft(h.ctx('U-GM'));
    const told = (await directsTo('U-TL')).slice(before);
    expect(told.map((m) => m.title)).toEqual(['Casus TST-601 heeft geen gezinsmanager']);
    const post = (await postsIn('C-CASE')).find((m) => m.title === 'Casus TST-601 heeft geen gezinsmanager');
    expect(post?.text).toContain('Niemand houdt nu de regie op veiligheid');
    expect(post?.lines).toEqual(['<@U-TL> (teamleider) is ingelicht.']);
  });

  it('a command that needs the gezinsmanager tells members the case has none and that the teamleider was told', async () => {
    const r = await h.say('U-HA', '/veiligheid actueel 6 blijvend 5');
    expect(r.error).toBe(true);
    expect(r.message?.text).toBe(
      'Casus TST-601 heeft geen gezinsmanager, en dit mag alleen de gezinsmanager. De teamleider is ingelicht; een teamleider draagt de casus over met /casus overdragen <@gebruiker>.',
    );
  });

  it('stands in the digest under "zonder gezinsmanager" until someone takes it over', async () => {
    const digest = await must('U-TL', '/digest', 'C-TEAM');
    expect(digest.message?.fields).toContainEqual({ label: 'Zonder gezinsmanager', value: '1' });
    expect(digest.message?.lines?.[0]).toBe('TST-601: zonder gezinsmanager: niemand houdt de regie op veiligheid');
    await must('U-TL', `/casus overdragen ${mentionOf('U-GM2')}`);
    const after = await must('U-TL', '/digest', 'C-TEAM');
    expect(after.message?.fields).toContainEqual({ label: 'Zonder gezinsmanager', value: '0' });
    expect(after.message?.lines?.join('\n') ?? '').not.toContain('zonder gezinsmanager');
  });
});

describe('regie op zorg vacant', () => {
  it('when the hoofdaannemer leaves the channel, the gezinsmanager is told', async () => {
    const before = (await directsTo('U-GM2')).length;
    await h.app.core.memberLeft(h.ctx('U-HA'));
    expect((await directsTo('U-GM2')).slice(before).map((m) => m.title)).toEqual(['Regie op zorg in casus TST-601 is vacant']);
    const post = (await postsIn('C-CASE')).find((m) => m.title === 'Regie op zorg in casus TST-601 is vacant');
    expect(post?.text).toContain('/casus lid <@gebruiker> hoofdaannemer');
  });

  it('when the gezinsmanager takes the hoofdaannemer out, the answer says so', async () => {
    await must('U-GM2', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`);
    const r = await must('U-GM2', `/casus verwijder ${mentionOf('U-HA')}`);
    expect(r.message?.lines).toContain('<@U-HA> was de hoofdaannemer en is niet meer in de casus. Niemand houdt nu de regie op zorg. Voeg een nieuwe toe met /casus lid <@gebruiker> hoofdaannemer.');
  });
});

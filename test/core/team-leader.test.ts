import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { outbox, teams } from '../../db/schema.js';
import type { Message } from '../../src/kernel/message.js';
import { coreHarness, type CoreHarness } from './harness.js';
import { mentionOf } from '../helpers/people.js';

// The team's teamleider (issue 21, item 5): one per basisteam, set in the team
// channel; alerts and escalations of a case without a teamleider of its own
// reach them; with neither, the gezinsmanager is told once how to fix it.

let h: CoreHarness;
const directsTo = async (userId: string) =>
  (await h.app.db.q.select().from(outbox).where(and(eq(outbox.kind, 'direct'), eq(outbox.userId, userId))).orderBy(asc(outbox.id))).map(
    (r) => r.payload as Message,
  );
const must = async (user: string, line: string, conversation = 'C-CASE') => {
  const r = await h.say(user, line, conversation);
  expect(r.error, `${line}: ${r.message?.text ?? r.message?.title}`).toBeFalsy();
  return r;
};

beforeAll(async () => {
  h = await coreHarness();
});
afterAll(async () => {
  await h.close();
});

describe('/team teamleider', () => {
  it('is refused outside a team channel, and in a team channel bad input changes nothing', async () => {
    const r = await h.say('U-XX', `/team teamleider ${mentionOf('U-TL')}`, 'C-NOWHERE');
    expect(r.error).toBe(true);
    expect(r.message?.title).toBe('Dit kanaal is nog geen teamkanaal.');
    await must('U-GM', '/team koppel Basisteam Noord', 'C-TEAM');
    const missing = await h.say('U-GM', '/team teamleider', 'C-TEAM');
    expect(missing.message?.text).toBe('Noem de teamleider met een @-vermelding.');
    expect(missing.message?.lines).toContain('/team teamleider <@gebruiker>');
    const bad = await h.say('U-GM', '/team teamleider Marloes', 'C-TEAM');
    expect(bad.message?.text).toBe('"Marloes" is geen @-vermelding. Typ @ en kies de persoon uit de lijst.');
    const [team] = await h.app.db.q.select().from(teams);
    expect(team?.leaderId).toBeNull();
  });

  it('anyone sets it while none is set; then only the teamleider, who hands it on', async () => {
    const set = await must('U-XX', `/team teamleider ${mentionOf('U-TL')}`, 'C-TEAM');
    expect(set.message?.title).toBe('<@U-TL> is nu de teamleider van Basisteam Noord. Meldingen en escalaties van casussen van dit team zonder eigen teamleider gaan naar deze persoon.');
    const again = await h.say('U-XX', `/team teamleider ${mentionOf('U-GM2')}`, 'C-TEAM');
    expect(again.error).toBe(true);
    expect(again.message?.text).toBe('Basisteam Noord heeft al een teamleider: <@U-TL>. Alleen die kan de rol doorgeven, met /team teamleider <@gebruiker>.');
    const same = await must('U-TL', `/team teamleider ${mentionOf('U-TL')}`, 'C-TEAM');
    expect(same.message?.title).toBe('<@U-TL> is al de teamleider van Basisteam Noord. Er is niets veranderd.');
    const on = await must('U-TL', `/team teamleider ${mentionOf('U-GM2')}`, 'C-TEAM');
    expect(on.message?.title).toBe('Teamleider van Basisteam Noord: overgedragen van <@U-TL> aan <@U-GM2>.');
    await must('U-GM2', `/team teamleider ${mentionOf('U-TL')}`, 'C-TEAM');
    const [team] = await h.app.db.q.select().from(teams);
    expect(team).toMatchObject({ leaderId: 'U-TL', leaderName: 'Marloes Visser', leaderPlatform: 'sandbox' });
  });

  it("a case's escalation reaches the team's teamleider when nobody was added to the case as teamleider, who may decide it", async () => {
    await must('U-GM', '/casus nieuw TST-501 proefcasus');
    await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`);
    await must('U-GM', '/casus team Basisteam Noord');
    const before = (await directsTo('U-TL')).length;
    const filed = await must('U-HA', '/escalatie hulp De start laat te lang op zich wachten');
    expect(filed.message).toMatchObject({ title: 'Geplaatst', text: 'De teamleider is op de hoogte gebracht.' });
    const direct = (await directsTo('U-TL')).slice(before);
    expect(direct.map((m) => m.title)).toEqual(['Escalatie E-1 in casus TST-501']);
    // The team's teamleider is no member of the case, yet decides as its teamleider.
    const decided = await must('U-TL', '/escalatie besluit E-1 Het basisteam overbrugt tot de start');
    expect(decided.message?.title).toBe('Geplaatst');
    // Nothing else follows from being the team's teamleider: a member's command stays refused to an outsider.
    const other = await h.say('U-GM2', '/escalatie besluit E-1 iets anders');
    expect(other.message?.text).toBe('Je bent geen lid van casus TST-501. Vraag de gezinsmanager om je toe te voegen met /casus lid.');
  });

  it("the case's own teamleider goes first", async () => {
    await must('U-GM', `/casus lid ${mentionOf('U-GM2')} teamleider`);
    const before = { own: (await directsTo('U-GM2')).length, team: (await directsTo('U-TL')).length };
    await must('U-HA', '/escalatie spic De SPIC past niet bij wat het gezin nodig heeft');
    expect((await directsTo('U-GM2')).slice(before.own).map((m) => m.title)).toEqual(['Escalatie E-2 in casus TST-501']);
    expect((await directsTo('U-TL')).length).toBe(before.team);
  });

  it('with neither, the gezinsmanager is told once, with the command that fixes it', async () => {
    await must('U-GM', '/casus nieuw TST-502 zonder team', 'C-CASE-2');
    await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`, 'C-CASE-2');
    const before = (await directsTo('U-GM')).length;
    const first = await must('U-HA', '/escalatie hulp Geen plek bij de aanbieder', 'C-CASE-2');
    expect(first.message?.title).toContain('Er is geen teamleider voor deze casus: stel de teamleider van het team in met /team teamleider <@gebruiker>');
    await must('U-HA', '/escalatie spic Nog een meningsverschil', 'C-CASE-2');
    const told = (await directsTo('U-GM')).slice(before);
    expect(told.map((m) => m.title)).toEqual(['Casus TST-502 heeft geen teamleider']);
    expect(told[0]?.text).toContain('/team teamleider <@gebruiker>');
  });

  it("a timed alert (an acute signal nobody acknowledged) reaches the team's teamleider", async () => {
    await must('U-GM', '/casus nieuw TST-503 signaal', 'C-CASE-3');
    await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`, 'C-CASE-3');
    await must('U-GM', '/casus team Basisteam Noord', 'C-CASE-3');
    await must('U-HA', '/signaal veiligheid acuut vader dreigt weer', 'C-CASE-3');
    const before = (await directsTo('U-TL')).length;
    h.clock.set(new Date(h.clock.now().getTime() + 3 * 3600_000));
    await h.app.scheduler.sweep();
    const got = (await directsTo('U-TL')).slice(before);
    expect(got.map((m) => m.title)).toEqual([expect.stringContaining('TST-503')]);
  });
});

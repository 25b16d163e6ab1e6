import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { escalations, outbox } from '../../db/schema.js';
import type { Message } from '../../src/kernel/message.js';
import { local } from '../helpers/app.js';
import { coreHarness, type CoreHarness } from './harness.js';
import { mentionOf } from '../helpers/people.js';

// Escalation beyond the team (issue 21, item 6): taken to the escalatietafel,
// reminded while it waits (after ESCALATIE_HERINNER_WERKDAGEN working days,
// then weekly), and decided by the outside body, recorded by the gezinsmanager.

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
/** Moves the clock to a local moment and sweeps there. */
async function at(when: string): Promise<string[]> {
  h.clock.set(local(when));
  return (await h.app.scheduler.sweep()).delivered;
}

beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in Amsterdam.
  h = await coreHarness({ start: local('2026-03-02 10:00') });
  await must('U-GM', '/team koppel Basisteam Noord', 'C-TEAM');
  await must('U-GM', `/team teamleider ${mentionOf('U-TL')}`, 'C-TEAM');
  await must('U-GM', '/casus nieuw TST-801 escalatie');
  await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer Horizon`);
  await must('U-GM', '/casus team Basisteam Noord');
  await must('U-HA', '/escalatie spic Het profiel is te licht voor dit gezin');
});
afterAll(async () => {
  await h.close();
});

describe('/escalatie doorzetten and besluit', () => {
  it('bad input is answered with the right form; a provider may not take it further', async () => {
    const missing = await h.say('U-GM', '/escalatie doorzetten E-1');
    expect(missing.message?.text).toBe('Er ontbreekt waarheen de escalatie gaat: escalatietafel, zorgbemiddeling, deskundige of anders.');
    expect(missing.message?.lines).toContain('/escalatie doorzetten <E-n> <escalatietafel|zorgbemiddeling|deskundige|anders> [toelichting…]');
    const bad = await h.say('U-GM', '/escalatie doorzetten E-1 rechter');
    expect(bad.message?.text).toBe('"rechter" ken ik niet als plek voor een escalatie. Kies uit: escalatietafel, zorgbemiddeling, deskundige, anders.');
    const ha = await h.say('U-HA', '/escalatie doorzetten E-1 escalatietafel');
    expect(ha.message?.text).toBe('Dit mag alleen de gezinsmanager of de teamleider van casus TST-801.');
    const unknown = await h.say('U-GM', '/escalatie doorzetten E-9 escalatietafel');
    expect(unknown.error).toBe(true);
  });

  it('before it went further, only the teamleider decides', async () => {
    const r = await h.say('U-GM', '/escalatie besluit E-1 Wij besluiten zelf');
    expect(r.error).toBe(true);
    expect(r.message?.text).toContain('Over E-1 besluit de teamleider.');
    const [row] = await h.app.db.q.select().from(escalations);
    expect(row?.decidedAt).toBeNull();
  });

  it('the gezinsmanager takes it to the escalatietafel; the card and the digest say where it lies', async () => {
    const r = await must('U-GM', '/escalatie doorzetten E-1 escalatietafel Geen overeenstemming over de SPIC');
    // The channel reads where it went; the gezinsmanager's answer keeps only how to go on.
    expect((await h.postOf(r)).title).toBe('Escalatie E-1 is doorgezet naar de escalatietafel van de gemeente');
    expect(r.message).toMatchObject({ title: 'Geplaatst', text: 'Leg hun besluit vast met /escalatie besluit E-1 <besluit…>; tot dan herinnert regiebot de teamleider.' });
    const card = (await must('U-GM', '/casus info')).message!;
    expect(card.fields?.find((f) => f.label === 'Escalaties')?.value).toBe('E-1 de SPIC: open sinds vandaag, ligt bij de escalatietafel van de gemeente');
    const digest = await must('U-TL', '/digest', 'C-TEAM');
    expect(digest.message?.lines).toContain('TST-801: escalatie E-1 open sinds vandaag, ligt bij de escalatietafel van de gemeente');
  });

  it('reminds the teamleider after five working days without a decision, then weekly, each once', async () => {
    const before = (await directsTo('U-TL')).length;
    // Five working days after Monday 2 March: Monday 9 March, from 09:00.
    expect(await at('2026-03-09 08:30')).not.toContain(`escalation-reminder:escalation:1:step:0`);
    expect(await at('2026-03-09 09:05')).toContain(`escalation-reminder:escalation:1:step:0`);
    expect(await at('2026-03-09 15:00')).not.toContain(`escalation-reminder:escalation:1:step:0`);
    expect(await at('2026-03-16 09:05')).toContain(`escalation-reminder:escalation:1:step:1`);
    const told = (await directsTo('U-TL')).slice(before);
    expect(told.map((m) => m.title)).toEqual([
      'Escalatie E-1 in casus TST-801 wacht al 7 dagen op een besluit',
      'Escalatie E-1 in casus TST-801 wacht al 14 dagen op een besluit',
    ]);
  });

  it("the gezinsmanager records the escalatietafel's decision; the card says who decided; reminders stop", async () => {
    const r = await must('U-GM', '/escalatie besluit E-1 SPIC wordt opgehoogd naar 8');
    expect(r.message?.title).toBe('Geplaatst');
    expect((await h.postOf(r)).title).toMatch(/E-1/);
    const card = (await must('U-GM', '/casus info')).message!;
    expect(card.fields?.find((f) => f.label === 'Escalaties')?.value).toBe('E-1 de SPIC: besloten door de escalatietafel van de gemeente: SPIC wordt opgehoogd naar 8');
    expect(await at('2026-03-23 09:05')).not.toContain(`escalation-reminder:escalation:1:step:2`);
    const again = await h.say('U-GM', '/escalatie doorzetten E-1 deskundige');
    expect(again.error).toBe(true);
    expect(again.message?.text).toBe('Over E-1 is al besloten; doorzetten kan niet meer. Er is niets veranderd.');
  });
});

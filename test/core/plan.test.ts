import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import { cases, outbox, resultLinks } from '../../db/schema.js';
import type { Message } from '../../src/kernel/message.js';
import { coreHarness, type CoreHarness } from './harness.js';

function text(m: Message | undefined): string {
  if (!m) return '';
  return [m.title, m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(m.lines ?? []), m.context].join('\n');
}

describe('one family, one plan', () => {
  let h: CoreHarness;
  const posts = async () => (await h.app.db.q.select().from(outbox).orderBy(asc(outbox.id))).map((r) => ({ ...r, message: r.payload as Message }));
  beforeAll(async () => {
    h = await coreHarness({ start: new Date('2026-02-02T09:00:00Z') });
    await h.say('U-GM', '/casus nieuw TST-310 plan');
    await h.say('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
    await h.say('U-GM', '/casus lid <@U-OA|Fatima El Amrani> onderaannemer');
    await h.say('U-GM', '/casus lid <@U-TL|Marloes Visser> teamleider');
  });
  afterAll(async () => {
    await h.close();
  });

  it('numbers the results of the family plan; only the gezinsmanager adds them', async () => {
    expect((await h.postOf(await h.say('U-GM', '/resultaat nieuw kinderen gaan elke dag naar school'))).title).toContain('R-1');
    expect((await h.postOf(await h.say('U-GM', '/resultaat nieuw ouders houden zich aan de veiligheidsafspraken'))).title).toContain('R-2');
    const refused = await h.say('U-HA', '/resultaat nieuw iets anders');
    expect(refused.error).toBe(true);
  });

  it('records progress by the gezinsmanager or the hoofdaannemer, not an onderaannemer', async () => {
    const ok = await h.say('U-HA', '/resultaat voortgang R-1 op-koers schoolgang 4 van 5 dagen');
    expect(ok.error).toBeFalsy();
    const refused = await h.say('U-OA', '/resultaat voortgang R-1 achter');
    expect(refused.error).toBe(true);
    expect(text((await posts()).at(-2)?.message)).toContain('Resultaat R-1: op koers');
  });

  it('links a signal that names R-n to that result, and the result shows it', async () => {
    await h.say('U-HA', '/signaal stagnatie normaal oorzaak:gezin R-2 vader weigert afspraken te maken');
    const list = await h.say('U-OA', '/resultaat lijst');
    expect(text(list.message)).toContain('R-2 ouders houden zich aan de veiligheidsafspraken: nog geen voortgang (gekoppeld aan: signalen S-1)');
  });

  it('opens the overleg review form with every open result', async () => {
    const form = await h.say('U-GM', '/overleg gehouden');
    expect(form.form?.id).toBe('overleg');
    const names = form.form!.fields.map((f) => f.name);
    // Up to three agreements made at the table: who (a member), by when, what.
    const agreed = [1, 2, 3].flatMap((i) => [`a${i}-wie`, `a${i}-datum`, `a${i}-tekst`]);
    expect(names).toEqual(['datum', 'r1', 'r1-toelichting', 'r2', 'r2-toelichting', ...agreed, 'besluiten']);
    expect(form.form!.fields.find((f) => f.name === 'a1-wie')!.options!.map((o) => o.value)).toContain('U-OA');
  });

  it('records the review: per result a status, and decisions linked to the results they name', async () => {
    const reply = await h.app.core.submitForm(h.ctx('U-GM'), 'overleg', {
      datum: 'vandaag',
      r1: 'op-koers',
      'r1-toelichting': 'school tevreden',
      r2: 'achter',
      besluiten: 'R-2: trajectbegeleider plant gesprek met vader. Gezin blijft bij huisarts.',
    });
    expect(reply.error, text(reply.message)).toBeFalsy();
    const held = (await posts()).find((p) => p.message.title.startsWith('Uitvoerdersoverleg gehouden'))!;
    const shown = text(held.message);
    expect(shown).toContain('Resultaten besproken: R-1: op koers, school tevreden\nR-2: achter');
    expect(shown).toContain('Besluiten: R-2: trajectbegeleider plant gesprek met vader.');
    const links = await h.app.db.q.select().from(resultLinks);
    expect(links.filter((l) => l.meetingId !== null).length).toBe(2);
    const list = await h.say('U-GM', '/resultaat lijst');
    expect(text(list.message)).toContain('R-2 ouders houden zich aan de veiligheidsafspraken: achter (gekoppeld aan: signalen S-1; overleg 02-02-2026)');
  });

  it('refuses a bad status in the review form and changes nothing', async () => {
    const before = (await posts()).length;
    const reply = await h.app.core.submitForm(h.ctx('U-GM'), 'overleg', { datum: 'vandaag', r1: 'prima', besluiten: 'x' });
    expect(reply.error).toBe(true);
    expect(text(reply.message)).toContain('"prima" is geen status voor R-1');
    expect((await posts()).length).toBe(before);
  });

  it('the agenda walks through the plan first: every open result with its last status, date, note and links', async () => {
    await h.say('U-GM', '/resultaat nieuw gezin heeft een vaste dagstructuur');
    const agenda = await h.say('U-OA', '/overleg agenda');
    expect(agenda.error, text(agenda.message)).toBeFalsy();
    const fields = agenda.message!.fields!;
    expect(fields[0]!.label).toBe('Het plan: open resultaten');
    expect(fields[0]!.value.split('\n')).toEqual([
      'R-1 kinderen gaan elke dag naar school: op koers sinds 02-02-2026 (school tevreden) (gekoppeld aan: overleg 02-02-2026)',
      'R-2 ouders houden zich aan de veiligheidsafspraken: achter sinds 02-02-2026 (gekoppeld aan: signalen S-1; overleg 02-02-2026)',
      'R-3 gezin heeft een vaste dagstructuur: nog geen voortgang',
    ]);
    expect(fields[0]!.more).toBe('/resultaat lijst');
    // Then the open agreements, before the signals and the scores.
    expect(fields.map((f) => f.label).slice(1, 4)).toEqual(['Open afspraken', 'Open signalen', 'Signalen sinds het vorige overleg']);
    // A settled result leaves the agenda.
    expect((await h.say('U-GM', '/resultaat voortgang R-3 vervallen valt samen met R-1')).error).toBeFalsy();
    expect((await h.say('U-GM', '/overleg agenda')).message!.fields![0]!.value).not.toContain('R-3');
  });

  it('escalates a disagreement to the teamleider, privately without its text, and the decision stands on the card', async () => {
    const filed = await h.say('U-HA', '/escalatie spic de SPIC is te licht voor dit gezin');
    expect((await h.postOf(filed)).title).toContain('E-1');
    const dm = (await posts()).find((p) => p.kind === 'direct' && p.userId === 'U-TL' && !p.message.title.startsWith('Welkom'))!;
    expect(text(dm.message)).toContain('Escalatie E-1 in casus TST-310');
    expect(text(dm.message)).not.toContain('te licht');
    expect((await h.say('U-GM', '/escalatie besluit E-1 SPIC blijft')).error).toBe(true);
    const decided = await h.say('U-TL', '/escalatie besluit E-1 SPIC wordt opgehoogd naar 8');
    expect(decided.error).toBeFalsy();
    const card = await h.say('U-GM', '/casus info');
    expect(text(card.message)).toContain('E-1 de SPIC: besloten door de teamleider: SPIC wordt opgehoogd naar 8');
    expect(text(card.message)).toContain('R-1 kinderen gaan elke dag naar school: op koers');
  });

  it('tells the gezinsmanager at once when a provider plans its end', async () => {
    await h.say('U-GM', '/inzet Kompas oa spic 3 verwezen 01-02-2026');
    await h.say('U-OA', '/inzet gestart Kompas 02-02-2026');
    const reply = await h.say('U-OA', '/inzet afronden Kompas 02-03-2026 doelen van de module bereikt');
    expect(reply.error, text(reply.message)).toBeFalsy();
    const dm = (await posts()).filter((p) => p.kind === 'direct' && p.userId === 'U-GM').at(-1)!;
    expect(text(dm.message)).toContain('Kompas kondigt het einde van de hulp aan op 02-03-2026');
    const card = await h.say('U-GM', '/casus info');
    expect(text(card.message)).toContain('stopt op 02-03-2026');
  });

  it('shows the borging check and refuses a silent closure', async () => {
    const before = (await posts()).length;
    const check = await h.say('U-GM', '/casus afsluiten doelen behaald');
    const shown = text(check.message);
    expect(shown).toContain('Borgingscheck');
    expect(shown).toContain('Resultaten zonder eindstatus: R-1 (op koers)\nR-2 (achter)');
    expect(shown).toContain('Signalen niet bevestigd of niet gesloten: S-1 stagnatie (niet bevestigd)');
    expect(shown).toContain('Inzet die nog loopt: Kompas (OA, SPIC 3)');
    expect(check.message?.actions?.[0]).toMatchObject({ id: 'case.close', label: 'Afsluiten bevestigen' });
    expect((await posts()).length).toBe(before);
    expect((await first(h.app.db.q.select().from(cases).limit(1)))?.status).toBe('open');
  });

  it('closes on confirmation and records what was open', async () => {
    const check = await h.say('U-GM', '/casus afsluiten doelen behaald');
    const button = check.message!.actions![0]!;
    expect((await h.app.core.handleAction(h.ctx('U-HA'), button.id, button.value)).error).toBe(true);
    const closed = await h.app.core.handleAction(h.ctx('U-GM'), button.id, button.value);
    expect(closed.error).toBeFalsy();
    const kase = (await first(h.app.db.q.select().from(cases).where(eq(cases.code, 'TST-310')).limit(1)))!;
    expect(kase.status).toBe('closed');
    expect(kase.closeReason).toBe('doelen behaald');
    expect(kase.closureOpen).toMatchObject({ results: ['R-1 (op koers)', 'R-2 (achter)'], referrals: ['Kompas (OA, SPIC 3)'] });
    expect((await h.say('U-HA', '/signaal zorg normaal nog iets')).error).toBe(true);
  });

  it('lets the gezinsmanager export the dossier of a closed case as a file in the channel', async () => {
    const reply = await h.say('U-GM', '/casus export');
    expect(reply.error).toBeFalsy();
    const file = (await posts()).at(-1)!.message.attachment!;
    expect(file.filename).toMatch(/^casus-tst-310-\d{4}-\d{2}-\d{2}\.md$/);
    expect(file.content).toContain('# Dossierexport casus TST-310');
    expect(file.content).toContain('vader weigert afspraken te maken');
    expect(file.content).toContain('E-1 (spic)');
    expect((await h.say('U-HA', '/casus export')).error).toBe(true);
  });
});

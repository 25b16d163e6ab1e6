import { afterEach, describe, expect, it } from 'vitest';
import { agreements } from '../../db/schema.js';
import { HOUR, MINUTE } from '../../src/clock.js';
import { amsterdam, local, startRig, textOf, type Delivered, type Rig } from '../helpers/app.js';
import { mentionOf } from '../helpers/people.js';

// Agreements, the plan check, a case's own overleg rhythm and the SPIC 11
// start on the clock (the sandbox as platform), each message once, across a
// restart. Codes and texts are invented.

const GM = 'U-GM';
const HA = 'U-HA';
const OA = 'U-OA';
const TL = 'U-TL';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function newCase(r: Rig, code: string): Promise<string> {
  await r.must(GM, `/casus nieuw ${code}`);
  const c = await r.channelOf(code);
  await r.must(GM, `/casus lid ${mentionOf(HA)} hoofdaannemer`, c);
  await r.must(GM, `/casus lid ${mentionOf(OA)} onderaannemer`, c);
  await r.must(GM, `/casus lid ${mentionOf(TL)} teamleider`, c);
  return c;
}

const seen = (list: Delivered[]) => list.map((d) => `${amsterdam(d.at)} ${d.channel ? 'channel' : `dm:${d.userId}`} ${d.message.title}`);
const about = (word: string) => (list: Delivered[]) => list.filter((d) => d.message.title.includes(word));
const card = async (r: Rig, c: string) => textOf((await r.must(GM, '/casus info', c)).message);

// Weeks of sweeps: on PostgreSQL each sweep is a dozen round trips, so these take longer than the default 30 s.
const LONG = 120_000;

describe('an agreement from creation to klaar', () => {
  it('records A-1 for a member, reminds the owner on the morning of its day, tells the channel two working days later, and stops at klaar; once each across restarts', async () => {
    // Monday 2 March 2026.
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'AFS-301');
    await rig.must(GM, '/resultaat nieuw de kinderen gaan elke dag naar school', c);
    const made = await rig.must(GM, `/afspraak ${mentionOf(HA)} 06-03-2026 belt de school over het verzuim (R-1)`, c);
    expect(made.message).toMatchObject({ title: 'Geplaatst', text: "De eigenaar krijgt op 06-03-2026 's ochtends een herinnering." });
    const post = (await rig.delivered()).find((d) => d.message.title.startsWith('Afspraak A-1'))!;
    expect(textOf(post.message)).toBe(
      'Afspraak A-1: @Joris Bakker, uiterlijk 06-03-2026\nbelt de school over het verzuim (R-1)\nHoort bij: R-1\nGemaakt door: @Sanne de Wit\n',
    );
    expect(await card(rig, c)).toContain('Afspraken: 1 open');
    const stored = await rig.app.db.q.select().from(agreements);
    expect(stored).toMatchObject([{ number: 1, ownerId: HA, ownerName: 'Joris Bakker', dueOn: '2026-03-06', resultId: 1, doneAt: null }]);

    // Nothing before Friday 09:00; then one personal reminder: the case code and A-1, not what was agreed.
    expect(about('fspraak')(await rig.runUntil(local('2026-03-06 08:45'), HOUR))).toEqual([]);
    const reminded = about('fspraak')(await rig.runUntil(local('2026-03-06 12:00'), 15 * MINUTE));
    expect(seen(reminded)).toEqual(['2026-03-06 09:00 dm:U-HA Herinnering: afspraak A-1 in casus AFS-301 staat voor vandaag']);
    expect(textOf(reminded[0]!.message)).not.toMatch(/school|verzuim|R-1/);
    await rig.restart();
    expect((await rig.sweep()).delivered).toEqual([]);

    // Late from Saturday on; the channel is told on Tuesday 10 March (two working days after Friday), mentioning owner and gezinsmanager.
    const pinned = async () => textOf((await rig!.delivered()).find((d) => d.message.title === 'Casus AFS-301')!.message);
    expect(await pinned()).toContain('Afspraken: 1 open\n');
    // The morning after its date the pinned card counts it late, without a command.
    await rig.runUntil(local('2026-03-07 10:00'), HOUR);
    expect(await pinned()).toContain('Afspraken: 1 open, waarvan 1 te laat');
    expect(await card(rig, c)).toContain('Afspraken: 1 open, waarvan 1 te laat');
    const late = about('fspraak')(await rig.runUntil(local('2026-03-10 12:00'), HOUR));
    expect(seen(late)).toEqual(['2026-03-10 09:00 channel Afspraak A-1 is 2 werkdagen over de datum']);
    expect(late[0]!.channel).toBe(c);
    expect(textOf(late[0]!.message)).toContain('@Joris Bakker @Sanne de Wit afspraak A-1 had op 06-03-2026 klaar moeten zijn en staat nog open.');
    await rig.restart();
    expect(about('fspraak')(await rig.runUntil(local('2026-03-13 12:00'), 6 * HOUR))).toEqual([]);
    expect((await rig.ledger()).filter((k) => k.startsWith('afspraak'))).toEqual([
      'afspraak-herinnering:agreement:1:due:2026-03-06',
      'afspraak-kaart:agreement:1:due:2026-03-06',
      'afspraak-te-laat:agreement:1:due:2026-03-06:late:2026-03-10',
    ]);

    // The agenda lists it with owner and date.
    const agenda = textOf((await rig.must(GM, '/overleg agenda', c)).message);
    expect(agenda).toContain('Open afspraken: A-1 @Joris Bakker, uiterlijk 06-03-2026: belt de school over het verzuim (R-1) (7 dagen over de datum)');

    // Only the owner, the gezinsmanager or the hoofdaannemer ticks it off.
    const refused = await rig.say(TL, '/afspraak klaar A-1', c);
    expect(refused.error).toBe(true);
    expect(refused.message?.text).toBe('Afspraak A-1 kan alleen de eigenaar, de gezinsmanager of de hoofdaannemer afvinken.');
    expect((await rig.must(HA, '/afspraak klaar A-1 school is gebeld, gesprek staat', c)).message?.title).toBe('Geplaatst');
    const done = (await rig.delivered()).find((d) => d.message.title === 'Afspraak A-1 is nagekomen')!;
    expect(textOf(done.message)).toBe('Afspraak A-1 is nagekomen\n\nAfspraak: belt de school over het verzuim (R-1)\nToelichting: school is gebeld, gesprek staat\n@Joris Bakker');
    expect((await rig.say(GM, '/afspraak klaar A-1', c)).message?.title).toBe('Afspraak A-1 is al op 13-03-2026 afgevinkt. Er is niets veranderd.');
    expect(await card(rig, c)).toContain('Afspraken: geen open afspraken');
    expect(textOf((await rig.must(OA, '/afspraak lijst', c)).message)).toContain('A-1 @Joris Bakker, uiterlijk 06-03-2026: belt de school over het verzuim (R-1) (afgevinkt op 13-03-2026)');
  }, LONG);

  it('after an outage across the due day and the late moment, only the late notice goes out', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'AFS-302');
    await rig.must(HA, `/afspraak ${mentionOf(OA)} morgen plant de huisbezoeken`, c);
    // Down from Monday until Friday noon: the reminder of Tuesday and the late notice of Thursday both fell due.
    rig.clock.set(local('2026-03-06 12:00'));
    await rig.restart();
    await rig.sweep();
    const after = (await rig.delivered()).filter((d) => d.message.title.includes('werkdagen') || d.message.title.startsWith('Herinnering'));
    expect(seen(after)).toEqual(['2026-03-06 12:00 channel Afspraak A-1 is 2 werkdagen over de datum']);
    expect(await rig.ledger()).toContain('afspraak-herinnering:agreement:1:due:2026-03-03');
  }, LONG);

  it('refuses an owner who is not a member, a date in the past and an R-n that does not exist, and changes nothing', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'AFS-303');
    const outsider = await rig.say(GM, '/afspraak <@U-XX|Piet Buiten> morgen komt langs', c);
    expect(outsider.message?.text).toBe(
      'Piet Buiten is geen lid van deze casus. Een afspraak is voor een lid: voeg die eerst toe met /casus lid <@gebruiker> <rol>, of kies een ander lid.',
    );
    expect((await rig.say(GM, `/afspraak ${mentionOf(HA)} gisteren belt de school`, c)).message?.text).toBe(
      '01-03-2026 ligt in het verleden. Een afspraak krijgt een datum vanaf vandaag (02-03-2026).',
    );
    expect((await rig.say(GM, `/afspraak ${mentionOf(HA)} morgen werkt aan R-4`, c)).message?.text).toContain('Resultaat R-4 bestaat niet in deze casus.');
    expect((await rig.say(OA, `/afspraak ${mentionOf(HA)} morgen belt de school`, c)).error).toBe(true);
    const typo = await rig.say(GM, '/afspraak morgen belt de school', c);
    expect(typo.message?.text).toBe('"morgen" is geen @-vermelding van een persoon. Begin met wie de afspraak nakomt, bijvoorbeeld @Joris.');
    expect(await rig.app.db.q.select().from(agreements)).toEqual([]);
  }, LONG);

  it('the overleg review form adds agreements, checked before anything is stored', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'AFS-304');
    await rig.must(GM, '/resultaat nieuw vader zoekt werk', c);
    const form = (await rig.must(GM, '/overleg gehouden vandaag', c)).form!;
    expect(form.fields.find((f) => f.name === 'a1-wie')!.options!.map((o) => o.label)).toEqual(['Sanne de Wit', 'Joris Bakker', 'Fatima El Amrani', 'Marloes Visser']);
    const submit = (values: Record<string, string>) => rig!.app.core.submitForm(rig!.ctx(GM, c), 'overleg', { datum: '2026-03-02', besluiten: 'Plan besproken', ...values });
    const half = await submit({ 'a1-wie': OA, 'a1-tekst': 'zoekt een cursus' });
    expect(half.message?.text).toBe('Afspraak 1 is niet compleet: vul wie, uiterlijk wanneer en wat in, of laat alle drie leeg.');
    const past = await submit({ 'a1-wie': OA, 'a1-datum': '2026-03-01', 'a1-tekst': 'zoekt een cursus' });
    expect(past.message?.text).toContain('ligt in het verleden');
    expect(await rig.app.db.q.select().from(agreements)).toEqual([]);
    const ok = await submit({ 'a1-wie': OA, 'a1-datum': '2026-03-20', 'a1-tekst': 'zoekt een cursus voor R-1', 'a2-wie': HA, 'a2-datum': '2026-03-09', 'a2-tekst': 'belt de werkcoach' });
    expect(ok.error).toBeFalsy();
    await rig.app.flush();
    const held = (await rig.delivered()).find((d) => d.message.title.startsWith('Uitvoerdersoverleg gehouden'))!;
    expect(textOf(held.message)).toContain(
      'Afspraken gemaakt: A-1 @Fatima El Amrani, uiterlijk 20-03-2026: zoekt een cursus voor R-1 (open)\nA-2 @Joris Bakker, uiterlijk 09-03-2026: belt de werkcoach (open)',
    );
    expect((await rig.app.db.q.select().from(agreements)).map((a) => [a.number, a.meetingId, a.resultId])).toEqual([
      [1, 1, 1],
      [2, 1, null],
    ]);
  }, LONG);
});

describe('the plan sets the rhythm', () => {
  it('asks for the plan PLAN_DUE_DAYS after the case was created, in any phase, once across a restart; /inzet says the plan is empty', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'PLN-311');
    const inzet = await rig.must(GM, '/inzet Horizon ha spic 7 verwezen vandaag', c);
    expect(inzet.message?.title).toBe('Geplaatst');
    expect(inzet.message?.text).toBe('Let op: het gezinsplan heeft nog geen resultaten. Leg vast wat de inzet moet bereiken met /resultaat nieuw <tekst…>.');
    // Still in Verbinden: the month counts from the case's creation all the same.
    const plan = about('gezinsplan');
    expect(plan(await rig.runUntil(local('2026-04-01 08:00'), 6 * HOUR))).toEqual([]);
    const asked = plan(await rig.runUntil(local('2026-04-01 10:00'), 30 * MINUTE));
    expect(seen(asked)).toEqual(['2026-04-01 09:00 channel Controle gezinsplan']);
    expect(textOf(asked[0]!.message)).toContain('@Sanne de Wit het gezinsplan heeft nog geen resultaten, 30 dagen nadat de casus op 02-03-2026 begon.');
    await rig.restart();
    expect(plan(await rig.runUntil(local('2026-04-03 10:00'), 6 * HOUR))).toEqual([]);
    // With a result the next referral says nothing about the plan.
    await rig.must(GM, '/resultaat nieuw moeder heeft een dagritme', c);
    expect((await rig.must(GM, '/inzet Kompas oa spic 3 verwezen vandaag', c)).message?.text).toBeUndefined();
  }, LONG);

  it('/overleg ritme sets this case\'s interval: the card, the agenda and the reminders follow it, once across a restart', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'RIT-321');
    await rig.must(GM, '/casus fase ondersteunen', c);
    expect(await card(rig, c)).toContain('Volgend overleg: 13-04-2026');
    expect((await rig.say(HA, '/overleg ritme 3', c)).error).toBe(true);
    expect((await rig.say(GM, '/overleg ritme 1', c)).message?.text).toBe('"1" is geen aantal weken van 2 tot 12. Schrijf een heel getal, bijvoorbeeld: /overleg ritme 4.');
    expect((await rig.say(GM, '/overleg ritme 13', c)).error).toBe(true);
    expect((await rig.must(GM, '/overleg ritme 3', c)).message?.title).toBe('Geplaatst');
    const announced = (await rig.delivered()).find((d) => d.message.title.startsWith('Het uitvoerdersoverleg van deze casus'))!;
    expect(announced.message.text).toBe('Het volgende overleg is uiterlijk 23-03-2026.');
    expect(await card(rig, c)).toContain('Volgend overleg: 23-03-2026 (elke 3 weken)');
    expect(textOf((await rig.must(OA, '/overleg agenda', c)).message)).toContain('Gepland of verwacht op 23-03-2026.');
    const overleg = about('overleg');
    const first = overleg([...(await rig.runUntil(local('2026-03-16 08:00'), 6 * HOUR)), ...(await rig.runUntil(local('2026-03-16 12:00'), HOUR))]);
    expect(seen(first)).toEqual(['2026-03-16 09:00 channel Over 7 dagen: uitvoerdersoverleg (23-03-2026)']);
    await rig.restart();
    const second = overleg([...(await rig.runUntil(local('2026-03-22 08:00'), 6 * HOUR)), ...(await rig.runUntil(local('2026-03-23 12:00'), HOUR))]);
    expect(seen(second)).toEqual(['2026-03-22 09:00 channel Morgen: uitvoerdersoverleg (23-03-2026)']);
    // Held: the next one is three weeks on.
    const held = await rig.must(GM, '/overleg gehouden vandaag afspraken doorgenomen', c);
    expect(held.error).toBeFalsy();
    expect(await card(rig, c)).toContain('Volgend overleg: 13-04-2026 (elke 3 weken)');
    expect((await rig.delivered()).find((d) => d.message.title.startsWith('Uitvoerdersoverleg gehouden'))!.message.context).toBe('Volgend overleg uiterlijk 13-04-2026.');
  }, LONG);
});

describe('SPIC 11 is urgent', () => {
  it('alerts the gezinsmanager and the hoofdaannemer when the start is 24 hours due, and the teamleider at 48, once each across a restart', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'SPC-331');
    const referred = await rig.must(GM, '/inzet Crisisteam ha spic 11 verwezen vandaag', c);
    expect(referred.message?.text).toContain('SPIC 11: de spoedhulp start binnen 24 uur, uiterlijk 03-03-2026 10:00.');
    const post = (await rig.delivered()).find((d) => d.message.title === 'Inzet: verwezen naar Crisisteam')!;
    expect(textOf(post.message)).toContain('Start uiterlijk: 03-03-2026 10:00');

    const spic = about('SPIC 11');
    expect(spic(await rig.runUntil(local('2026-03-03 09:45'), 15 * MINUTE))).toEqual([]);
    const due = spic(await rig.runUntil(local('2026-03-03 12:00'), 15 * MINUTE));
    expect(seen(due).sort()).toEqual([
      '2026-03-03 10:00 channel SPIC 11: Crisisteam is na 24 uur niet gestart',
      '2026-03-03 10:00 dm:U-GM Casus SPC-331: SPIC 11 na 24 uur niet gestart',
      '2026-03-03 10:00 dm:U-HA Casus SPC-331: SPIC 11 na 24 uur niet gestart',
    ].sort());
    expect(textOf(due[0]!.message)).toContain('@Sanne de Wit @Joris Bakker de spoedhulp (SPIC 11) van Crisisteam had uiterlijk 03-03-2026 10:00 moeten starten');
    expect(textOf(due[1]!.message)).not.toContain('Crisisteam');
    await rig.restart();
    expect(spic(await rig.runUntil(local('2026-03-04 09:45'), 15 * MINUTE))).toEqual([]);
    const escalated = spic(await rig.runUntil(local('2026-03-04 12:00'), 15 * MINUTE));
    expect(seen(escalated).sort()).toEqual([
      '2026-03-04 10:00 channel Escalatie SPIC 11: Crisisteam is na 48 uur niet gestart',
      '2026-03-04 10:00 dm:U-TL Casus SPC-331: SPIC 11 na 48 uur niet gestart',
    ].sort());
    expect(textOf(escalated[0]!.message)).toContain('@Sanne de Wit @Joris Bakker @Marloes Visser de spoedhulp');
    await rig.restart();
    // Nothing more, and never the 28-day norm of the other profiles.
    const later = await rig.runUntil(local('2026-04-20 12:00'), 12 * HOUR);
    expect(later.filter((d) => /SPIC 11|Start te laat|Crisisteam/.test(d.message.title))).toEqual([]);
    expect((await rig.ledger()).filter((k) => k.startsWith('spic11-start') || k.startsWith('start-'))).toEqual([
      `spic11-start-due:referral:1:at:${local('2026-03-03 10:00').getTime()}`,
      `spic11-start-tl:referral:1:at:${local('2026-03-04 10:00').getTime()}`,
    ]);
  }, LONG);

  it('sends nothing when the start is recorded in time; the 28-day norm stays for other profiles', async () => {
    rig = await startRig({ start: local('2026-03-02 10:00') });
    const c = await newCase(rig, 'SPC-332');
    await rig.must(GM, '/inzet Crisisteam ha spic 11 verwezen vandaag', c);
    await rig.must(GM, '/inzet Kompas oa spic 3 verwezen vandaag', c);
    rig.clock.set(local('2026-03-02 22:00'));
    await rig.must(GM, '/inzet gestart Crisisteam', c);
    rig.clock.set(local('2026-03-03 00:00'));
    const all = [...(await rig.runUntil(local('2026-03-31 08:00'), 6 * HOUR)), ...(await rig.runUntil(local('2026-04-01 12:00'), HOUR))];
    expect(seen(all.filter((d) => /niet gestart|Start te laat/.test(d.message.title)))).toEqual(['2026-03-31 09:00 channel Start te laat: Kompas (29 dagen wachten)']);
  }, LONG);
});

import { expect } from 'vitest';
import type { ManualClock } from '../../src/clock.js';
import { local } from './app.js';

// Issue 20, deliver 1, 2 and 6, as one case every platform runs the same way
// (test/slack, test/teams, test/sandbox each give it a driver): every
// correction and what it does to the card, the deadlines and the timeline;
// the refusal of future facts; the held-versus-planned overleg. The case
// starts on Monday 02-03-2026 10:00 (Amsterdam). Names and codes are invented.

export type Who = 'gm' | 'ha' | 'tl';

export interface CorrectionsDriver {
  clock: ManualClock;
  /** The display names the platform gave the three people. */
  names: Record<Who, string>;
  /** Opens the case with the gezinsmanager, the hoofdaannemer and the teamleider as members. */
  open(): Promise<void>;
  /** Types a line as that person; resolves, once all it caused is delivered, with what that person was answered. */
  say(who: Who, line: string): Promise<string>;
  /** The pinned case card as it reads now. */
  card(): Promise<string>;
  /** Every post in the case channel so far (the card too), oldest first. */
  channel(): Promise<string[]>;
  /** Every personal message that person received so far, oldest first. */
  directs(who: Who): Promise<string[]>;
  /** One scheduler sweep at the clock's time, delivered. */
  sweep(): Promise<void>;
}

/** The moment the scenario starts: Monday 02-03-2026 10:00 in Amsterdam. */
export const scenarioStart = local('2026-03-02 10:00');

/** Runs the scenario; each step asserts what a person would see. */
export async function correctionsScenario(d: CorrectionsDriver): Promise<void> {
  // What the person reads after acting: their answer and what it posted in the channel (a "Geplaatst" confirms that post).
  const ok = async (who: Who, line: string, expected: RegExp | string) => {
    const before = (await d.channel()).length;
    const answer = await d.say(who, line);
    const said = [answer, ...(await d.channel()).slice(before)].join('\n');
    if (typeof expected === 'string') expect(said, line).toContain(expected);
    else expect(said, line).toMatch(expected);
    return said;
  };
  const cardSays = async (...parts: Array<string | RegExp>) => {
    const card = await d.card();
    for (const p of parts) {
      if (typeof p === 'string') expect(card).toContain(p);
      else expect(card).toMatch(p);
    }
    return card;
  };
  const newIn = async <T>(list: () => Promise<T[]>, act: () => Promise<unknown>): Promise<T[]> => {
    const before = (await list()).length;
    await act();
    return (await list()).slice(before);
  };

  await d.open();

  // ---- signals: wijzig and intrekken, by the reporter or the gezinsmanager only
  await ok('ha', '/signaal zorg hoog moeder mist afspraken', 'S-1');
  await ok('ha', '/signaal stagnatie hoog wachtlijst bij de aanbieder', 'S-2');
  await ok('ha', '/signaal zorg hoog school belt over verzuim', 'S-3');
  await ok('tl', '/signaal wijzig S-1 urgentie laag', 'Alleen wie signaal S-1 meldde, of de gezinsmanager');
  await ok('ha', '/signaal wijzig S-1 urgentie laag', `Signaal S-1 gecorrigeerd door ${d.names.ha}: urgentie hoog → laag`);
  await ok('gm', '/signaal wijzig S-1 soort veiligheid', `Signaal S-1 gecorrigeerd door ${d.names.gm}: soort zorg → veiligheid`);
  await ok('ha', '/signaal wijzig S-9 urgentie laag', 'Signaal S-9 bestaat niet in deze casus');
  await ok('ha', '/signaal wijzig S-1 kleur rood', /"kleur".*soort, urgentie of oorzaak/);
  await ok('ha', '/signaal intrekken S-2', /reden/i);
  await ok('ha', '/signaal intrekken S-2 Dubbel gemeld', `Signaal S-2 is ingetrokken door ${d.names.ha}`);
  const card = await cardSays(/S-1 veiligheid \(laag\)/, /S-3 zorg \(hoog\)/);
  expect(card).not.toMatch(/S-2/);
  expect(await d.say('gm', '/signaal lijst')).toMatch(/S-2 · stagnatie · hoog · ingetrokken/);
  // The deadlines follow: five hours on, only S-3 (still hoog) is overdue; S-1 is laag now, S-2 withdrawn.
  d.clock.set(local('2026-03-02 15:00'));
  const reminders = await newIn(() => d.directs('gm'), () => d.sweep());
  expect(reminders.join('\n')).toMatch(/signaal S-3 .*nog niet bevestigd/);
  expect(reminders.join('\n')).not.toMatch(/S-1|S-2/);

  // ---- safety: the latest score withdrawn, the one before stands again
  await ok('gm', '/veiligheid actueel 6 blijvend 5', 'Veiligheid gescoord');
  await ok('gm', '/veiligheid actueel 2 blijvend 5', /Actuele veiligheid\W+2 ↓/);
  await cardSays(/actueel 2\S* · blijvend 5/);
  await ok('ha', '/veiligheid intrekken Tikfout', /gezinsmanager/);
  await ok('gm', '/veiligheid intrekken Tikfout, moest 7 zijn', 'Veiligheidsscore ingetrokken: actueel 2, blijvend 5');
  const scored = await d.card();
  expect(scored).toMatch(/actueel 6 · blijvend 5/);
  expect(scored).not.toMatch(/actueel 2/);

  // ---- referrals: no fact in the future; dates corrected by whoever may record them
  await ok('gm', '/inzet "De Brug" ha spic 7 verwezen morgen', 'De verwijsdatum 03-03-2026 ligt in de toekomst. Een verwijzing leg je vast als die gedaan is: kies vandaag (02-03-2026) of eerder.');
  await ok('gm', '/inzet "De Brug" ha spic 7 verwezen 02-02-2026', 'Inzet: verwezen naar De Brug');
  await ok('gm', '/inzet Kompas oa spic 3 verwezen 01-02-2026', 'Inzet: verwezen naar Kompas');
  await ok('gm', '/inzet Horizon oa spic 4 verwezen 01-02-2026', 'Inzet: verwezen naar Horizon');
  await ok('ha', '/inzet gestart "De Brug" 01-01-2030', 'De startdatum 01-01-2030 ligt in de toekomst. Leg de start vast als die er is: kies vandaag (02-03-2026) of eerder.');
  await ok('ha', '/inzet gestart "De Brug" 16-02-2026', 'is gestart');
  await ok('ha', '/inzet gestart "De Brug" 23-02-2026', '/inzet wijzig De Brug gestart <datum>');
  await ok('ha', '/inzet wijzig "De Brug" gestart 23-02-2026', `Inzet De Brug gecorrigeerd door ${d.names.ha}: de startdatum 16-02-2026 → 23-02-2026`);
  await cardSays('De Brug (HA, SPIC 7): loopt sinds 23-02-2026 (na 21 dagen wachten)');
  await ok('ha', '/inzet wijzig "De Brug" verwezen 01-02-2026', 'Alleen de gezinsmanager mag de verwijsdatum van een verwijzing wijzigen.');
  await ok('gm', '/inzet wijzig "De Brug" gestart 01-01-2030', 'kies vandaag (02-03-2026) of eerder');
  await ok('gm', '/inzet wijzig "De Brug" gestart 01-01-2026', 'De startdatum ligt vóór de verwijsdatum.');
  await ok('ha', '/inzet gestopt "De Brug" morgen', 'De einddatum 03-03-2026 ligt in de toekomst. Kies vandaag (02-03-2026) of eerder, of kondig een gepland einde aan met /inzet afronden De Brug 03-03-2026.');
  await ok('gm', '/inzet wijzig Kompas start-uiterlijk 16-03-2026', `Inzet Kompas gecorrigeerd door ${d.names.gm}: de uiterste startdatum 01-03-2026 → 16-03-2026`);
  await cardSays(/Kompas \(OA, SPIC 3\): wacht 29 dagen, start uiterlijk 16-03-2026/, /Horizon \(OA, SPIC 4\): start te laat/);
  // The overdue alert follows the corrected start-due date: Horizon is late, Kompas is not.
  d.clock.set(local('2026-03-03 10:00'));
  const alerts = (await newIn(() => d.channel(), () => d.sweep())).join('\n');
  expect(alerts).toContain('Start te laat: Horizon');
  expect(alerts).not.toContain('Kompas');

  // ---- results: reworded, the card reads the new words
  await ok('gm', '/resultaat nieuw Kinderen gaan naar school', 'R-1');
  await ok('gm', '/resultaat wijzig R-1 De kinderen gaan elke schooldag naar school', 'Resultaat R-1 is anders verwoord');
  await cardSays('R-1 De kinderen gaan elke schooldag naar school');
  expect(await d.card()).not.toContain('R-1 Kinderen gaan naar school');

  // ---- the overleg: a held one takes the planned one only on the same day
  await ok('gm', '/overleg gepland vandaag 16:00', 'gepland');
  const sameDay = await ok('gm', '/overleg gehouden vandaag Gezinsbegeleiding start volgende week', 'Uitvoerdersoverleg gehouden op 03-03-2026');
  expect(sameDay).not.toContain('blijft gepland');
  await cardSays(/Volgend overleg\W+14-04-2026/);
  await ok('gm', '/overleg gepland 10-03-2026 10:00', 'gepland');
  await ok('gm', '/overleg verzet 09-03-2026 12-03-2026', 'Er staat geen overleg gepland op 09-03-2026. Gepland: 10-03-2026 om 10:00.');
  await ok('gm', '/overleg verzet 10-03-2026 12-03-2026', 'Uitvoerdersoverleg verzet van 10-03-2026 om 10:00 naar 12-03-2026 om 10:00');
  await cardSays(/Volgend overleg\W+12-03-2026/);
  const otherDay = await ok('gm', '/overleg gehouden gisteren Telefonisch overleg met school', 'Het overleg dat gepland staat op 12-03-2026 om 10:00 blijft gepland.');
  expect(otherDay).toContain('/overleg afgezegd 12-03-2026');
  await cardSays(/Volgend overleg\W+12-03-2026/);
  await ok('gm', '/overleg gehouden vandaag Nog een besluit', 'op 03-03-2026 was al een overleg vastgelegd als gehouden; dit is het tweede op die dag');
  await ok('gm', '/overleg gehouden morgen Iets', 'kies vandaag (03-03-2026) of eerder');
  await ok('gm', '/overleg afgezegd 12-03-2026 Gezin op vakantie', 'Uitvoerdersoverleg van 12-03-2026 om 10:00 gaat niet door');
  // Nothing planned: six weeks after the last one held.
  await cardSays(/Volgend overleg\W+14-04-2026/);

  // ---- the timeline: sentences with names and dd-mm-jjjj dates, no codes
  const n = d.names;
  const timeline = await d.say('tl', '/casus tijdlijn');
  for (const sentence of [
    `${n.ha} wijzigde de urgentie van signaal S-1 van hoog naar laag`,
    `${n.gm} wijzigde de soort van signaal S-1 van zorg naar veiligheid`,
    `${n.ha} trok signaal S-2 in — reden: Dubbel gemeld`,
    `${n.gm} trok de veiligheidsscore actueel 2, blijvend 5 in — reden: Tikfout, moest 7 zijn`,
    `${n.gm} verwees naar De Brug als hoofdaannemer (SPIC 7)`,
    `${n.ha} meldde de start van De Brug op 16-02-2026`,
    `${n.ha} wijzigde de startdatum van De Brug van 16-02-2026 naar 23-02-2026`,
    `${n.gm} wijzigde de uiterste startdatum van Kompas van 01-03-2026 naar 16-03-2026`,
    `${n.gm} verwoordde resultaat R-1 opnieuw`,
    `${n.gm} verzette het uitvoerdersoverleg van 10-03-2026 naar 12-03-2026 om 10:00`,
    `${n.gm} zegde het uitvoerdersoverleg van 12-03-2026 af — reden: Gezin op vakantie`,
  ]) {
    expect(timeline).toContain(sentence);
  }
  expect(timeline).toMatch(/\d{2}-\d{2}-2026 \d{2}:\d{2} — /);
  // No internal action names, ids or ISO dates.
  expect(timeline).not.toMatch(/\b(signaal|inzet|overleg|veiligheid|resultaat|casus)\.[a-z]|referral|#\d|\d{4}-\d{2}-\d{2}|U-[A-Z]{2}\b/);
}

import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse.js';
import { commandSchema } from '../../src/core/registry.js';
import type { Command } from '../../src/core/registry.js';

// Every form of shared/COMMANDS.md, and the aliases, as the core receives them.
// Invented data only.

const today = '2026-03-10';

function ok(text: string): Command {
  const r = parseCommand(text, { today });
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  expect(commandSchema.safeParse(r.command).success).toBe(true);
  return r.command;
}

const forms: Array<[string, Command]> = [
  // /casus
  ['/casus nieuw JB-2026-014', { name: 'casus.nieuw', code: 'JB-2026-014' }],
  ['/casus nieuw jb-2026-014 Intensief traject, drie kinderen', { name: 'casus.nieuw', code: 'JB-2026-014', title: 'Intensief traject, drie kinderen' }],
  ['/casus koppel ams-2041', { name: 'casus.koppel', code: 'AMS-2041' }],
  ['/casus nieuw 123', { name: 'casus.nieuw', code: '123' }],
  ['/casus info', { name: 'casus.info' }],
  ['/casus', { name: 'casus.info' }],
  ['/casus tijdlijn', { name: 'casus.tijdlijn' }],
  ['/casus lid <@U0TEST1|Sanne> hoofdaannemer', { name: 'casus.lid', userId: 'U0TEST1', displayName: 'Sanne', role: 'hoofdaannemer' }],
  ['/casus lid <@U0TEST1> gezinsmanager', { name: 'casus.lid', userId: 'U0TEST1', role: 'gezinsmanager' }],
  // Teams ids and names with spaces, after the adapter rewrote the mention.
  ['/casus lid <@29:1aBcD-eF|Mila van Dam> oa', { name: 'casus.lid', userId: '29:1aBcD-eF', displayName: 'Mila van Dam', role: 'onderaannemer' }],
  ['/casus lid teamleider <@U0TEST2>', { name: 'casus.lid', userId: 'U0TEST2', role: 'teamleider' }],
  ['/casus lid <@U0TEST1|  > spoedhulp', { name: 'casus.lid', userId: 'U0TEST1', role: 'spoedhulp' }],
  ['/casus fase verbinden', { name: 'casus.fase', phase: 'verbinden' }],
  ['/casus fase ondersteunen', { name: 'casus.fase', phase: 'ondersteunen' }],
  ['/casus fase borgen', { name: 'casus.fase', phase: 'borgen' }],
  ['/casus team Basisteam Noord', { name: 'casus.team', team: 'Basisteam Noord' }],
  ['/casus team "Basisteam Noord"', { name: 'casus.team', team: 'Basisteam Noord' }],
  ['/casus afsluiten', { name: 'casus.afsluiten' }],
  ['/casus afsluiten Borgingsplan overgedragen', { name: 'casus.afsluiten', reason: 'Borgingsplan overgedragen' }],
  ['/casus afsluiten bevestig', { name: 'casus.afsluiten', confirm: true }],
  ['/casus afsluiten bevestig Borgingsplan overgedragen', { name: 'casus.afsluiten', confirm: true, reason: 'Borgingsplan overgedragen' }],
  ['/casus verwijder <@U0TEST1|Sanne>', { name: 'casus.verwijder', userId: 'U0TEST1', displayName: 'Sanne' }],
  ['/casus verwijder <@U0TEST1>', { name: 'casus.verwijder', userId: 'U0TEST1' }],
  ['/casus lid <@U0TEST1|Sanne> weg', { name: 'casus.verwijder', userId: 'U0TEST1', displayName: 'Sanne' }],
  ['/casus export', { name: 'casus.export' }],

  // /signaal
  ['/signaal', { name: 'signaal.formulier' }],
  ['/signaal zorg Spanning thuis loopt op', { name: 'signaal.nieuw', kind: 'zorg', urgency: 'normaal', text: 'Spanning thuis loopt op' }],
  ['/signaal veiligheid acuut Vader dreigt', { name: 'signaal.nieuw', kind: 'veiligheid', urgency: 'acuut', text: 'Vader dreigt' }],
  [
    '/signaal stagnatie hoog oorzaak:hulp Wachtlijst, geen startgesprek',
    { name: 'signaal.nieuw', kind: 'stagnatie', urgency: 'hoog', cause: 'hulp', text: 'Wachtlijst, geen startgesprek' },
  ],
  [
    '/signaal stagnatie oorzaak:samenwerking laag Afspraken niet nagekomen',
    { name: 'signaal.nieuw', kind: 'stagnatie', urgency: 'laag', cause: 'samenwerking', text: 'Afspraken niet nagekomen' },
  ],
  ['/signaal incident oorzaak:gezin Ruzie', { name: 'signaal.nieuw', kind: 'incident', urgency: 'normaal', cause: 'gezin', text: 'Ruzie' }],
  ['/signaal positief normaal Eerste week naar school', { name: 'signaal.nieuw', kind: 'positief', urgency: 'normaal', text: 'Eerste week naar school' }],
  // vertrouwelijk: anywhere among urgency and cause, once; after the text starts, or quoted, it is text.
  ['/signaal zorg vertrouwelijk Moeder deelt iets', { name: 'signaal.nieuw', kind: 'zorg', urgency: 'normaal', confidential: true, text: 'Moeder deelt iets' }],
  [
    '/signaal zorg hoog oorzaak:gezin vertrouwelijk Moeder deelt iets',
    { name: 'signaal.nieuw', kind: 'zorg', urgency: 'hoog', cause: 'gezin', confidential: true, text: 'Moeder deelt iets' },
  ],
  ['/signaal zorg Vertrouwelijk hoog Moeder deelt iets', { name: 'signaal.nieuw', kind: 'zorg', urgency: 'hoog', confidential: true, text: 'Moeder deelt iets' }],
  [
    '/signaal zorg vertrouwelijk vertrouwelijk gesprek gehad',
    { name: 'signaal.nieuw', kind: 'zorg', urgency: 'normaal', confidential: true, text: 'vertrouwelijk gesprek gehad' },
  ],
  ['/signaal zorg Gesprek was vertrouwelijk', { name: 'signaal.nieuw', kind: 'zorg', urgency: 'normaal', text: 'Gesprek was vertrouwelijk' }],
  ['/signaal zorg "vertrouwelijk" gesprek', { name: 'signaal.nieuw', kind: 'zorg', urgency: 'normaal', text: '"vertrouwelijk" gesprek' }],
  ['/signaal bevestig S-3', { name: 'signaal.bevestig', number: 3 }],
  ['/signaal bevestig S-3 Gezien, ik bel', { name: 'signaal.bevestig', number: 3, response: 'Gezien, ik bel' }],
  ['/signaal sluit S-12', { name: 'signaal.sluit', number: 12 }],
  ['/signaal sluit S-12 Afspraak gemaakt', { name: 'signaal.sluit', number: 12, outcome: 'Afspraak gemaakt' }],
  ['/signaal lijst', { name: 'signaal.lijst' }],

  // /veiligheid
  ['/veiligheid', { name: 'veiligheid.formulier' }],
  ['/veiligheid actueel 6 blijvend 4', { name: 'veiligheid.score', actueel: 6, blijvend: 4 }],
  ['/veiligheid actueel 0 blijvend 10 Afspraken nagekomen', { name: 'veiligheid.score', actueel: 0, blijvend: 10, note: 'Afspraken nagekomen' }],
  ['/veiligheid grafiek', { name: 'veiligheid.grafiek' }],

  // /inzet
  ['/inzet', { name: 'inzet.formulier' }],
  [
    '/inzet Levvel ha spic 11 verwezen 02-03-2026',
    { name: 'inzet.nieuw', provider: 'Levvel', role: 'ha', spic: '11', referredOn: '2026-03-02' },
  ],
  [
    '/inzet Jeugdhulp Noord oa spic 3b verwezen 2026-03-02 start-uiterlijk 30-03-2026',
    { name: 'inzet.oa', provider: 'Jeugdhulp Noord', role: 'oa', spic: '3B', referredOn: '2026-03-02', startDue: '2026-03-30' },
  ],
  ['/inzet Kompas oa verwezen 02-03-2026', { name: 'inzet.oa', provider: 'Kompas', role: 'oa', referredOn: '2026-03-02' }],
  [
    '/inzet Schuldhulp Noord schuldhulp verwezen 02-03-2026 start-uiterlijk 16-03-2026',
    { name: 'inzet.overig', provider: 'Schuldhulp Noord', role: 'schuldhulp', referredOn: '2026-03-02', startDue: '2026-03-16' },
  ],
  ['/inzet "GGZ Volwassenen" volwassenenzorg verwezen 02-03-2026', { name: 'inzet.overig', provider: 'GGZ Volwassenen', role: 'volwassenenzorg', referredOn: '2026-03-02' }],
  [
    '/inzet "Jeugdhulp Noord" ha spic SPIC-7 verwezen vandaag start-uiterlijk vandaag',
    { name: 'inzet.nieuw', provider: 'Jeugdhulp Noord', role: 'ha', spic: 'SPIC-7', referredOn: '2026-03-10', startDue: '2026-03-10' },
  ],
  ['/inzet gestart Levvel', { name: 'inzet.gestart', provider: 'Levvel' }],
  ['/inzet gestart Jeugdhulp Noord', { name: 'inzet.gestart', provider: 'Jeugdhulp Noord' }],
  ['/inzet gestart Jeugdhulp Noord 16-03-2026', { name: 'inzet.gestart', provider: 'Jeugdhulp Noord', date: '2026-03-16' }],
  ['/inzet gestart "Jeugdhulp Noord" gisteren', { name: 'inzet.gestart', provider: 'Jeugdhulp Noord', date: '2026-03-09' }],
  ['/inzet gestopt Levvel', { name: 'inzet.gestopt', provider: 'Levvel' }],
  ['/inzet gestopt Levvel Doelen behaald', { name: 'inzet.gestopt', provider: 'Levvel', reason: 'Doelen behaald' }],
  ['/inzet gestopt "Jeugdhulp Noord" Doelen behaald', { name: 'inzet.gestopt', provider: 'Jeugdhulp Noord', reason: 'Doelen behaald' }],
  ['/inzet gestopt Levvel 09-03-2026', { name: 'inzet.gestopt', provider: 'Levvel', date: '2026-03-09' }],
  // A date in the future announces a planned end.
  ['/inzet gestopt Levvel 30-04-2026 Doelen behaald', { name: 'inzet.gestopt', provider: 'Levvel', date: '2026-04-30', reason: 'Doelen behaald' }],
  [
    '/inzet gestopt "Jeugdhulp Noord" gisteren Gezin verhuisd',
    { name: 'inzet.gestopt', provider: 'Jeugdhulp Noord', date: '2026-03-09', reason: 'Gezin verhuisd' },
  ],
  ['/inzet afronden Levvel 30-04-2026', { name: 'inzet.afronden', provider: 'Levvel', date: '2026-04-30' }],
  ['/inzet afronden Levvel 2026-02-27 Doelen behaald', { name: 'inzet.afronden', provider: 'Levvel', date: '2026-02-27', reason: 'Doelen behaald' }],
  ['/inzet afronden "Jeugdhulp Noord" morgen', { name: 'inzet.afronden', provider: 'Jeugdhulp Noord', date: '2026-03-11' }],
  // The required date marks where the name ends, so quotes are optional here.
  [
    '/inzet afronden Jeugdhulp Noord 30-04-2026 Afschalen naar het lokale team',
    { name: 'inzet.afronden', provider: 'Jeugdhulp Noord', date: '2026-04-30', reason: 'Afschalen naar het lokale team' },
  ],

  // /overleg
  ['/overleg gepland 14-04-2026', { name: 'overleg.gepland', date: '2026-04-14' }],
  ['/overleg gepland 14-04-2026 10:30', { name: 'overleg.gepland', date: '2026-04-14', time: '10:30' }],
  ['/overleg gehouden Start gezinsbegeleiding', { name: 'overleg.gehouden', decisions: 'Start gezinsbegeleiding' }],
  ['/overleg gehouden 09-03-2026 Start gezinsbegeleiding', { name: 'overleg.gehouden', date: '2026-03-09', decisions: 'Start gezinsbegeleiding' }],
  ['/overleg gehouden vandaag Evaluatie over zes weken', { name: 'overleg.gehouden', date: '2026-03-10', decisions: 'Evaluatie over zes weken' }],
  // Without decisions: the review form.
  ['/overleg gehouden', { name: 'overleg.formulier' }],
  ['/overleg gehouden vandaag', { name: 'overleg.formulier', date: '2026-03-10' }],
  ['/overleg gehouden 09-03-2026', { name: 'overleg.formulier', date: '2026-03-09' }],
  ['/overleg agenda', { name: 'overleg.agenda' }],
  ['/overleg ritme 4', { name: 'overleg.ritme', weeks: 4 }],
  ['/overleg ritme 12 weken', { name: 'overleg.ritme', weeks: 12 }],
  ['/overleg ritme 3w', { name: 'overleg.ritme', weeks: 3 }],

  // /resultaat
  ['/resultaat nieuw De kinderen gaan elke schooldag naar school', { name: 'resultaat.nieuw', text: 'De kinderen gaan elke schooldag naar school' }],
  ['/resultaat voortgang R-1 op-koers', { name: 'resultaat.voortgang', number: 1, status: 'op-koers' }],
  ['/resultaat voortgang R-2 achter Nog twee dagen verzuim per week', { name: 'resultaat.voortgang', number: 2, status: 'achter', note: 'Nog twee dagen verzuim per week' }],
  ['/resultaat voortgang R-3 behaald', { name: 'resultaat.voortgang', number: 3, status: 'behaald' }],
  ['/resultaat voortgang R-4 vervallen Gezin verhuisd', { name: 'resultaat.voortgang', number: 4, status: 'vervallen', note: 'Gezin verhuisd' }],
  ['/resultaat lijst', { name: 'resultaat.lijst' }],
  ['/resultaat', { name: 'resultaat.lijst' }],

  // /afspraak
  ['/afspraak <@U0TEST1|Joris> 15-12-2026 belt de school (R-1)', { name: 'afspraak.nieuw', userId: 'U0TEST1', displayName: 'Joris', date: '2026-12-15', text: 'belt de school (R-1)' }],
  ['/afspraak <@29:1aBcD-eF|Mila van Dam> morgen: plant het huisbezoek', { name: 'afspraak.nieuw', userId: '29:1aBcD-eF', displayName: 'Mila van Dam', date: '2026-03-11', text: 'plant het huisbezoek' }],
  ['/afspraken klaar A-2', { name: 'afspraak.klaar', number: 2 }],
  ['/afspraak klaar a2 school is gebeld', { name: 'afspraak.klaar', number: 2, note: 'school is gebeld' }],
  ['/afspraak lijst', { name: 'afspraak.lijst' }],
  ['/afspraak', { name: 'afspraak.lijst' }],

  // /escalatie
  ['/escalatie Geen start na zes weken', { name: 'escalatie.nieuw', topic: 'anders', text: 'Geen start na zes weken' }],
  ['/escalatie spic Wij vinden 11 niet passend', { name: 'escalatie.nieuw', topic: 'spic', text: 'Wij vinden 11 niet passend' }],
  ['/escalatie hulp Aanbieder start pas over acht weken', { name: 'escalatie.nieuw', topic: 'hulp', text: 'Aanbieder start pas over acht weken' }],
  ['/escalatie afsluiting Te vroeg, borging ontbreekt', { name: 'escalatie.nieuw', topic: 'afsluiting', text: 'Te vroeg, borging ontbreekt' }],
  ['/escalatie anders Geen overeenstemming over de regie', { name: 'escalatie.nieuw', topic: 'anders', text: 'Geen overeenstemming over de regie' }],
  ['/escalatie besluit E-2 Basisteam overbrugt tot de start', { name: 'escalatie.besluit', number: 2, decision: 'Basisteam overbrugt tot de start' }],
  ['/escalatie lijst', { name: 'escalatie.lijst' }],

  // /team, /digest, /help
  ['/team koppel Basisteam Noord', { name: 'team.koppel', team: 'Basisteam Noord' }],
  ['/team koppel "Basisteam Zuid-Oost"', { name: 'team.koppel', team: 'Basisteam Zuid-Oost' }],
  ['/digest', { name: 'digest' }],
  ['/help', { name: 'help' }],
  ['/help signaal', { name: 'help', topic: 'signaal' }],
  ['/help inzet', { name: 'help', topic: 'inzet' }],
  ['/help resultaat', { name: 'help', topic: 'resultaat' }],
  ['/help escalatie', { name: 'help', topic: 'escalatie' }],
];

describe('every form of COMMANDS.md', () => {
  it.each(forms)('%s', (text, expected) => {
    expect(ok(text)).toEqual(expected);
  });

  it.each(forms)('without the slash, in capitals and with extra spaces: %s', (text, expected) => {
    const shouted = `  ${text.slice(1).replace(/^(\S+)/, (w) => w.toUpperCase()).replace(/ /g, '   ')}\t `;
    const got = ok(shouted);
    // Free text keeps what was typed; only the spaces between the words changed.
    expect(got.name).toBe(expected.name);
  });
});

describe('aliases', () => {
  const aliases: Array<[string, Partial<Command>]> = [
    ['/casus lid <@U1> gm', { role: 'gezinsmanager' }],
    ['/casus lid <@U1> ha', { role: 'hoofdaannemer' }],
    ['/casus lid <@U1> trajectbegeleider', { role: 'hoofdaannemer' }],
    ['/casus lid <@U1> oa', { role: 'onderaannemer' }],
    ['/casus lid <@U1> tl', { role: 'teamleider' }],
    ['/casus lid <@U1> gd', { role: 'gedragsdeskundige' }],
    ['/casus lid <@U1> spoed', { role: 'spoedhulp' }],
    ['/casus lid <@U1> Gedragsdeskundige', { role: 'gedragsdeskundige' }],
    ['/casus fase 1', { phase: 'verbinden' }],
    ['/casus fase 2', { phase: 'ondersteunen' }],
    ['/casus fase 3', { phase: 'borgen' }],
    ['/casus fase generaliseren', { phase: 'borgen' }],
    ['/casus sluiten Klaar', { name: 'casus.afsluiten', reason: 'Klaar' }],
    ['/signaal bevestig s3', { number: 3 }],
    ['/signaal bevestig S3', { number: 3 }],
    ['/signaal bevestig s-3', { number: 3 }],
    ['/signaal bevestig 3', { number: 3 }],
    ['/signaal bevestig #3', { number: 3 }],
    ['/signaal zorgen Iets', { kind: 'zorg' }],
    ['/signaal ZORG HOOG Iets', { kind: 'zorg', urgency: 'hoog', text: 'Iets' }],
    ['/signaal stagnatie oorzaak: gezin Iets', { cause: 'gezin', text: 'Iets' }],
    ['/signaal stagnatie Oorzaak:Hulp Iets', { cause: 'hulp' }],
    ['/signaal formulier', { name: 'signaal.formulier' }],
    ['/signalen lijst', { name: 'signaal.lijst' }],
    ['/veiligheid blijvend 4 actueel 6', { actueel: 6, blijvend: 4 }],
    ['/veiligheid formulier', { name: 'veiligheid.formulier' }],
    ['/inzet formulier', { name: 'inzet.formulier' }],
    ['/inzet Levvel hoofdaannemer spic 11 verwezen 1-3-2026', { role: 'ha', referredOn: '2026-03-01' }],
    ['/inzet Levvel oa spic 11 uiterlijk 20-03-2026 verwezen 01.03.2026', { role: 'oa', startDue: '2026-03-20', referredOn: '2026-03-01' }],
    ['/inzet “Jeugdhulp Noord” ha spic 11 verwezen 2026/03/01', { provider: 'Jeugdhulp Noord' }],
    ['/inzet „Jeugdhulp Noord” ha spic 11 verwezen 2026/03/01', { provider: 'Jeugdhulp Noord' }],
    ['/inzet gestopt Levvel: gezin verhuisd', { provider: 'Levvel', reason: 'gezin verhuisd' }],
    ['/inzet gestopt Levvel - gezin verhuisd', { provider: 'Levvel', reason: 'gezin verhuisd' }],
    ['/inzet gestopt Levvel:gezin verhuisd', { provider: 'Levvel', reason: 'gezin verhuisd' }],
    ['/inzet gestopt "Jeugdhulp Noord": gezin verhuisd', { provider: 'Jeugdhulp Noord', reason: 'gezin verhuisd' }],
    ['/inzet gestart Levvel tomorrow', { date: '2026-03-11' }],
    ['/overleg gepland morgen 9.30', { date: '2026-03-11', time: '09:30' }],
    ['/overleg gepland morgen om 9:30', { date: '2026-03-11', time: '09:30' }],
    ['/overleg gepland 2026-04-14', { date: '2026-04-14' }],
    ['/help /signaal', { name: 'help', topic: 'signaal' }],
    ['/help Casus', { name: 'help', topic: 'casus' }],
    ['/help signaal bevestig', { name: 'help', topic: 'signaal' }],
    ['/hulp', { name: 'help' }],
    ['/signaal help', { name: 'help', topic: 'signaal' }],
    ['/casus ?', { name: 'help', topic: 'casus' }],
    ['//casus info', { name: 'casus.info' }],
    ['/ casus info', { name: 'casus.info' }],

    // /casus verwijder, afsluiten bevestig
    ['/casus verwijderen <@U1>', { name: 'casus.verwijder', userId: 'U1' }],
    ['/casus lid <@U1> verwijderen', { name: 'casus.verwijder', userId: 'U1' }],
    ['/casus lid <@U1> verwijder', { name: 'casus.verwijder', userId: 'U1' }],
    ['/casus lid <@U1> WEG', { name: 'casus.verwijder', userId: 'U1' }],
    ['/casus lid weg <@U1|Sanne>', { name: 'casus.verwijder', userId: 'U1', displayName: 'Sanne' }],
    ['/casus afsluiten bevestigd', { name: 'casus.afsluiten', confirm: true }],
    ['/casus afsluiten definitief Doelen behaald', { name: 'casus.afsluiten', confirm: true, reason: 'Doelen behaald' }],
    ['/casus afsluiten Bevestig Klaar', { name: 'casus.afsluiten', confirm: true, reason: 'Klaar' }],
    ['/casus sluiten bevestig', { name: 'casus.afsluiten', confirm: true }],

    // /inzet gestopt with a date, /inzet afronden
    ['/inzet gestopt Levvel: 30-04-2026 gezin verhuisd', { provider: 'Levvel', date: '2026-04-30', reason: 'gezin verhuisd' }],
    ['/inzet gestopt Levvel:morgen', { provider: 'Levvel', date: '2026-03-11' }],
    ['/inzet gestopt Levvel 30-04-2026: gezin verhuisd', { provider: 'Levvel', date: '2026-04-30', reason: 'gezin verhuisd' }],
    ['/inzet gestopt Levvel - vandaag - gezin verhuisd', { provider: 'Levvel', date: '2026-03-10', reason: 'gezin verhuisd' }],
    ['/inzet gestopt Levvel "vandaag" gezegd', { provider: 'Levvel', reason: '"vandaag" gezegd' }],
    ['/inzet afronden Levvel: 30-04-2026 - doelen behaald', { name: 'inzet.afronden', provider: 'Levvel', date: '2026-04-30', reason: 'doelen behaald' }],
    ['/inzet afronden Levvel 30-04-2026, doelen behaald', { name: 'inzet.afronden', provider: 'Levvel', date: '2026-04-30', reason: 'doelen behaald' }],
    ['/inzet afronden "Jeugdhulp 2026" 1-5-2026', { name: 'inzet.afronden', provider: 'Jeugdhulp 2026', date: '2026-05-01' }],

    // /overleg
    ['/overleg formulier', { name: 'overleg.formulier' }],
    ['/overleg formulier gisteren', { name: 'overleg.formulier', date: '2026-03-09' }],
    ['/overleg gehouden "vandaag"', { name: 'overleg.gehouden', decisions: '"vandaag"' }],

    // /resultaat
    ['/resultaten', { name: 'resultaat.lijst' }],
    ['/resultaat voortgang r3 behaald', { number: 3, status: 'behaald' }],
    ['/resultaat voortgang R3 behaald', { number: 3, status: 'behaald' }],
    ['/resultaat voortgang r-3 behaald', { number: 3, status: 'behaald' }],
    ['/resultaat voortgang 3 behaald', { number: 3, status: 'behaald' }],
    ['/resultaat voortgang #3 behaald', { number: 3, status: 'behaald' }],
    ['/resultaat voortgang R-1 opkoers', { status: 'op-koers' }],
    ['/resultaat voortgang R-1 op koers', { name: 'resultaat.voortgang', number: 1, status: 'op-koers' }],
    ['/resultaat voortgang R-1 Op Koers school gaat goed', { status: 'op-koers', note: 'school gaat goed' }],
    ['/resultaat voortgang R-1 loopt', { status: 'op-koers' }],
    ['/resultaat voortgang R-1 OP-KOERS', { status: 'op-koers' }],
    ['/resultaat voortgang R-1 achterstand', { status: 'achter' }],
    ['/resultaat voortgang R-1 gehaald', { status: 'behaald' }],
    ['/resultaat voortgang R-1 vervalt', { status: 'vervallen' }],
    ['/resultaat voortgang R-1 achter: school belt niet terug', { status: 'achter', note: 'school belt niet terug' }],
    ['/resultaat voortgang R-1 achter - school belt niet terug', { status: 'achter', note: 'school belt niet terug' }],
    // Only "op koers" is read across two words; "koers" after another status is the note.
    ['/resultaat voortgang R-1 achter koers kwijt', { status: 'achter', note: 'koers kwijt' }],

    // /escalatie
    ['/escalaties lijst', { name: 'escalatie.lijst' }],
    ['/escaleer hulp Te laat', { name: 'escalatie.nieuw', topic: 'hulp', text: 'Te laat' }],
    ['/escalatie inzet Start te laat', { topic: 'hulp', text: 'Start te laat' }],
    ['/escalatie sluiting Te vroeg', { topic: 'afsluiting', text: 'Te vroeg' }],
    ['/escalatie afsluiten Te vroeg', { topic: 'afsluiting', text: 'Te vroeg' }],
    ['/escalatie einde Te vroeg', { topic: 'afsluiting', text: 'Te vroeg' }],
    ['/escalatie SPIC: 11 past niet', { topic: 'spic', text: '11 past niet' }],
    ['/escalatie hulp - start te laat', { topic: 'hulp', text: 'start te laat' }],
    // Not a topic word: the whole line is the text, about "anders".
    ['/escalatie Hulpverlening start niet', { topic: 'anders', text: 'Hulpverlening start niet' }],
    ['/escalatie "spic" is onduidelijk', { topic: 'anders', text: '"spic" is onduidelijk' }],
    ['/escalatie - geen start', { topic: 'anders', text: '- geen start' }],
    // A quoted keyword is text: an escalation about a decision, or about a list.
    ['/escalatie "besluit" van de GI is niet uitvoerbaar', { name: 'escalatie.nieuw', topic: 'anders', text: '"besluit" van de GI is niet uitvoerbaar' }],
    ['/escalatie anders besluit van de GI is niet uitvoerbaar', { name: 'escalatie.nieuw', topic: 'anders', text: 'besluit van de GI is niet uitvoerbaar' }],
    ['/escalatie besluit e2 Overbrugging', { name: 'escalatie.besluit', number: 2 }],
    ['/escalatie besluit E2 Overbrugging', { number: 2 }],
    ['/escalatie besluit 2 Overbrugging', { number: 2 }],
    ['/escalatie besluit E-2 - Overbrugging', { number: 2, decision: 'Overbrugging' }],
    ['/escalatie help', { name: 'help', topic: 'escalatie' }],
    ['/resultaat ?', { name: 'help', topic: 'resultaat' }],
    ['/help /escalatie', { name: 'help', topic: 'escalatie' }],
    ['/help resultaten', { name: 'help', topic: 'resultaat' }],
  ];

  it.each(aliases)('%s', (text, expected) => {
    expect(ok(text)).toMatchObject(expected);
  });
});

describe('free text', () => {
  it('keeps what was typed, trimmed, including new lines and quotes', () => {
    expect(ok('/signaal zorg   Moeder zei: "ik stop ermee"\nDag 2: geen contact  ')).toMatchObject({
      text: 'Moeder zei: "ik stop ermee"\nDag 2: geen contact',
    });
  });

  it('keeps an unclosed quote in free text', () => {
    expect(ok('/signaal zorg "half gesloten')).toMatchObject({ text: '"half gesloten' });
  });

  it('keeps emoji and accents', () => {
    expect(ok('/signaal positief Één stap vooruit 🎉')).toMatchObject({ text: 'Één stap vooruit 🎉' });
  });

  it('drops control characters but keeps tabs and new lines', () => {
    expect(ok('/signaal zorg a\u0000b\u0007c\td\r\ne')).toMatchObject({ text: 'abc\td\ne' });
  });

  it('a quoted word is a name, never a keyword', () => {
    expect(ok('/inzet "gestart" ha spic 11 verwezen vandaag')).toMatchObject({ name: 'inzet.nieuw', provider: 'gestart' });
    expect(ok('/inzet gestart "morgen"')).toMatchObject({ name: 'inzet.gestart', provider: 'morgen' });
  });

  it('a word that looks like ha/oa inside the provider name does not end it early', () => {
    expect(ok('/inzet Ha Ha Zorg ha spic 11 verwezen vandaag')).toMatchObject({ provider: 'Ha Ha Zorg', role: 'ha' });
  });

  it('accepts text of exactly the maximum length', () => {
    const text = 'x'.repeat(4000);
    expect(ok(`/signaal zorg ${text}`)).toMatchObject({ text });
    // An emoji counts as one character, as people count.
    expect(ok(`/signaal zorg ${'🎉'.repeat(4000)}`)).toMatchObject({ kind: 'zorg' });
  });

  it('a start date equal to the referral date is fine', () => {
    expect(ok('/inzet Levvel ha spic 11 verwezen 01-03-2026 start-uiterlijk 01-03-2026')).toMatchObject({ startDue: '2026-03-01' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse.js';
import { overviewLines, topicUsage, usageOf } from '../../src/core/registry.js';
import { topics } from '../../src/commands/types.js';
import type { CommandName } from '../../src/core/registry.js';
import { setLocale } from '../../src/i18n/index.js';

const today = '2026-03-10';

function refused(text: string): { error: string; usage: string[] } {
  const r = parseCommand(text, { today });
  if (r.ok) throw new Error(`${text} parsed as ${JSON.stringify(r.command)}`);
  return r;
}

afterEach(() => setLocale('nl'));

// [input, what the Dutch error must say, the form(s) quoted back]
const cases: Array<[string, RegExp, CommandName | CommandName[]]> = [
  ['/casus nieuw', /ontbreekt een casuscode/, 'casus.nieuw'],
  ['/casus nieuw ab', /"ab" is geen geldige casuscode/, 'casus.nieuw'],
  ['/casus nieuw JB_2026 titel', /"JB_2026" is geen geldige casuscode/, 'casus.nieuw'],
  ['/casus nieuw ---', /"---" is geen geldige casuscode/, 'casus.nieuw'],
  [`/casus nieuw ${'A'.repeat(33)}`, /is geen geldige casuscode/, 'casus.nieuw'],
  // A code of letters only can be a name: refused without echoing it, with an example.
  ['/casus nieuw Jan Jansen', /^Een casuscode moet minstens één cijfer bevatten.*bijvoorbeeld: \/casus nieuw AMS-2041\./, 'casus.nieuw'],
  ['/casus nieuw abc', /^Een casuscode moet minstens één cijfer bevatten/, 'casus.nieuw'],
  ['/casus koppel JAN-PIET', /^Een casuscode moet minstens één cijfer bevatten/, 'casus.koppel'],
  [`/casus nieuw JB-1 ${'t'.repeat(201)}`, /te lang: 201 tekens, het maximum is 200/, 'casus.nieuw'],
  ['/casus koppel', /ontbreekt een casuscode/, 'casus.koppel'],
  ['/casus koppel JB-1 JB-2', /"JB-2" begrijp ik hier niet/, 'casus.koppel'],
  ['/casus info alles', /"alles" begrijp ik hier niet/, 'casus.info'],
  ['/casus tijdlijn 2026', /"2026" begrijp ik hier niet/, 'casus.tijdlijn'],
  ['/casus export pdf', /"pdf" begrijp ik hier niet/, 'casus.export'],
  ['/casus lid', /@-vermelding/, 'casus.lid'],
  ['/casus lid @Sanne gm', /"@Sanne" is geen @-vermelding/, 'casus.lid'],
  ['/casus lid Sanne gm', /"Sanne" is geen @-vermelding/, 'casus.lid'],
  ['/casus lid <@U1>', /ontbreekt een rol/, 'casus.lid'],
  ['/casus lid <@U1> baas', /"baas" is geen rol/, 'casus.lid'],
  ['/casus lid <@U1> gm extra', /"extra" begrijp ik hier niet/, 'casus.lid'],
  ['/casus fase', /ontbreekt een fase/, 'casus.fase'],
  ['/casus fase afronden', /"afronden" is geen fase/, 'casus.fase'],
  ['/casus team', /ontbreekt een teamnaam/, 'casus.team'],
  ['/casus team "Basisteam Noord', /aanhalingsteken bij "Basisteam Noord" wordt niet gesloten/, 'casus.team'],
  [`/casus team ${'n'.repeat(101)}`, /naam is te lang: 101 tekens, het maximum is 100/, 'casus.team'],
  [
    '/casus sloop',
    /^"sloop" past niet bij \/casus\. Kies uit: nieuw, koppel, info, tijdlijn, lid, verwijder, overdragen, fase, team, toestemming, afsluiten, export\.$/,
    ['casus.nieuw', 'casus.koppel', 'casus.info', 'casus.tijdlijn', 'casus.lid', 'casus.verwijder', 'casus.overdragen', 'casus.fase', 'casus.team', 'casus.toestemming', 'casus.afsluiten', 'casus.export'],
  ],
  ['/casus verwijder', /Noem de persoon die uit de casus gaat met een @-vermelding/, 'casus.verwijder'],
  ['/casus verwijder Sanne', /"Sanne" is geen @-vermelding/, 'casus.verwijder'],
  ['/casus verwijder @Sanne', /"@Sanne" is geen @-vermelding/, 'casus.verwijder'],
  ['/casus verwijder <@U1> <@U2>', /"<@U2>" begrijp ik hier niet/, 'casus.verwijder'],
  ['/casus verwijder <@U1> gm', /"gm" begrijp ik hier niet/, 'casus.verwijder'],
  ['/casus lid weg', /Noem de persoon met een @-vermelding/, 'casus.lid'],
  ['/casus lid Sanne weg', /"Sanne" is geen @-vermelding/, 'casus.lid'],
  ['/casus lid <@U1> weg nu', /"nu" begrijp ik hier niet/, 'casus.lid'],
  [`/casus afsluiten bevestig ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'casus.afsluiten'],

  ['/signaal zorg', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal zorg hoog', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal stagnatie hoog oorzaak:hulp', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal zorg hoog vertrouwelijk', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal stagnatie oorzaak:school Iets', /"oorzaak:school" is geen oorzaak/, 'signaal.nieuw'],
  ['/signaal stagnatie oorzaak: Iets', /"oorzaak: Iets" is geen oorzaak/, 'signaal.nieuw'],
  ['/signaal zorgelijk Iets', /"zorgelijk" past niet bij \/signaal/, ['signaal.nieuw', 'signaal.bevestig', 'signaal.sluit', 'signaal.wijzig', 'signaal.intrekken', 'signaal.lijst', 'signaal.formulier']],
  [`/signaal zorg ${'x'.repeat(4001)}`, /te lang: 4001 tekens, het maximum is 4000/, 'signaal.nieuw'],
  ['/signaal bevestig', /ontbreekt een signaalnummer/, 'signaal.bevestig'],
  ['/signaal bevestig R-3', /"R-3" is geen signaalnummer/, 'signaal.bevestig'],
  ['/signaal sluit S-0', /"S-0" is geen signaalnummer/, 'signaal.sluit'],
  ['/signaal sluit S-1234567', /"S-1234567" is geen signaalnummer/, 'signaal.sluit'],
  ['/signaal lijst open', /"open" begrijp ik hier niet/, 'signaal.lijst'],
  ['/signaal bevestig E-3', /"E-3" is geen signaalnummer/, 'signaal.bevestig'],

  ['/veiligheid actueel', /ontbreekt een score voor actuele veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel 6', /ontbreekt een score voor blijvende veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel 6 blijvend', /ontbreekt een score voor blijvende veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel 11 blijvend 4', /"11" is geen geldige score voor actuele veiligheid.*heel getal van 0 tot en met 10/, 'veiligheid.score'],
  ['/veiligheid actueel 6 blijvend 4.5', /"4.5" is geen geldige score voor blijvende veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel -1 blijvend 4', /"-1" is geen geldige score/, 'veiligheid.score'],
  ['/veiligheid actueel zes blijvend 4', /"zes" is geen geldige score/, 'veiligheid.score'],
  ['/veiligheid 6 4', /"6" past niet bij \/veiligheid/, ['veiligheid.score', 'veiligheid.intrekken', 'veiligheid.grafiek', 'veiligheid.formulier']],
  ['/veiligheid grafiek maand', /"maand" begrijp ik hier niet/, 'veiligheid.grafiek'],

  ['/inzet Levvel', /ontbreekt "<ha\|oa> spic <code>"/, ['inzet.nieuw', 'inzet.oa', 'inzet.overig', 'inzet.gestart', 'inzet.gestopt', 'inzet.afronden', 'inzet.wijzig', 'inzet.formulier']],
  ['/inzet ha spic 11 verwezen vandaag', /ontbreekt een aanbieder/, 'inzet.nieuw'],
  ['/inzet Levvel xx spic 11 verwezen vandaag', /"xx" moet ha \(hoofdaannemer\) of oa \(onderaannemer\) zijn/, 'inzet.nieuw'],
  ['/inzet Levvel ha spic', /ontbreekt een SPIC-code/, 'inzet.nieuw'],
  ['/inzet Levvel ha spic 1/1 verwezen vandaag', /"1\/1" is geen SPIC-code/, 'inzet.nieuw'],
  ['/inzet Levvel ha spic 11', /ontbreekt "verwezen <datum>"/, 'inzet.nieuw'],
  ['/inzet Levvel ha spic 11 verwezen', /ontbreekt een datum/, 'inzet.nieuw'],
  [
    '/inzet Levvel ha spic 11 verwezen 31-02-2026',
    /^"31-02-2026" is geen geldige datum\. Schrijf een datum als dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren of morgen\.$/,
    'inzet.nieuw',
  ],
  ['/inzet Levvel ha spic 11 verwezen 01-03-2026 start-uiterlijk 28-02-2026', /uiterlijke startdatum \(28-02-2026\) ligt vóór de verwijsdatum \(01-03-2026\)/, 'inzet.nieuw'],
  ['/inzet Levvel ha spic 11 verwezen 01-03-2026 verwezen 02-03-2026', /"verwezen" staat er twee keer in/, 'inzet.nieuw'],
  ['/inzet Levvel ha spic 11 verwezen 01-03-2026 spoed', /"spoed" begrijp ik hier niet/, 'inzet.nieuw'],
  ['/inzet gestart', /ontbreekt een aanbieder/, 'inzet.gestart'],
  ['/inzet gestart vandaag', /ontbreekt een aanbieder/, 'inzet.gestart'],
  ['/inzet gestart Levvel 31-02-2026', /"31-02-2026" is geen geldige datum/, 'inzet.gestart'],
  ['/inzet gestart "Jeugdhulp Noord', /wordt niet gesloten/, 'inzet.gestart'],
  ['/inzet gestart Levvel 16-03-2026 extra', /"extra" begrijp ik hier niet/, 'inzet.gestart'],
  ['/inzet gestopt : reden', /ontbreekt een aanbieder/, 'inzet.gestopt'],
  ['/inzet gestopt', /ontbreekt een aanbieder/, 'inzet.gestopt'],
  ['/inzet gestopt ""', /ontbreekt een aanbieder/, 'inzet.gestopt'],
  ['/inzet gestopt Levvel 31-02-2026', /^"31-02-2026" is geen geldige datum/, 'inzet.gestopt'],
  ['/inzet gestopt Levvel: 31-02-2026 reden', /^"31-02-2026" is geen geldige datum/, 'inzet.gestopt'],
  [`/inzet gestopt Levvel vandaag ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'inzet.gestopt'],
  [`/inzet gestopt ${'n'.repeat(101)} reden`, /naam is te lang: 101 tekens/, 'inzet.gestopt'],
  ['/inzet afronden', /ontbreekt een aanbieder/, 'inzet.afronden'],
  ['/inzet afronden 30-04-2026', /ontbreekt een aanbieder/, 'inzet.afronden'],
  ['/inzet afronden "" 30-04-2026', /ontbreekt een aanbieder/, 'inzet.afronden'],
  ['/inzet afronden : 30-04-2026', /ontbreekt een aanbieder/, 'inzet.afronden'],
  ['/inzet afronden Levvel', /ontbreekt de einddatum na de aanbieder/, 'inzet.afronden'],
  ['/inzet afronden Levvel Doelen behaald', /ontbreekt de einddatum na de aanbieder/, 'inzet.afronden'],
  ['/inzet afronden "Jeugdhulp Noord 30-04-2026', /aanhalingsteken bij "Jeugdhulp Noord 30-04-2026" wordt niet gesloten/, 'inzet.afronden'],
  ['/inzet afronden Levvel 31-04-2026', /^"31-04-2026" is geen geldige datum/, 'inzet.afronden'],
  [`/inzet afronden ${'n'.repeat(101)} vandaag`, /naam is te lang: 101 tekens/, 'inzet.afronden'],
  [`/inzet afronden Levvel vandaag ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'inzet.afronden'],

  ['/overleg', /Wat wil je doen met \/overleg/, ['overleg.gepland', 'overleg.gehouden', 'overleg.formulier', 'overleg.verzet', 'overleg.afgezegd', 'overleg.ritme', 'overleg.agenda']],
  ['/overleg verschuif', /"verschuif" past niet bij \/overleg/, ['overleg.gepland', 'overleg.gehouden', 'overleg.formulier', 'overleg.verzet', 'overleg.afgezegd', 'overleg.ritme', 'overleg.agenda']],
  ['/overleg verzet 10-03-2026', /Er ontbreekt de nieuwe datum/, 'overleg.verzet'],
  ['/overleg afgezegd', /Er ontbreekt een datum/, 'overleg.afgezegd'],
  ['/signaal wijzig S-1 kleur rood', /^"kleur" kun je bij een signaal niet wijzigen\. Kies uit: soort, urgentie of oorzaak\.$/, 'signaal.wijzig'],
  ['/signaal wijzig S-1 urgentie', /Er ontbreekt de nieuwe waarde voor urgentie/, 'signaal.wijzig'],
  ['/signaal wijzig S-1 urgentie dringend', /"dringend" is geen urgentie/, 'signaal.wijzig'],
  ['/signaal intrekken S-1', /Geef de reden waarom je het signaal intrekt/, 'signaal.intrekken'],
  ['/veiligheid intrekken', /Geef de reden waarom je de laatste score intrekt/, 'veiligheid.intrekken'],
  ['/inzet wijzig Levvel kleur rood', /^"kleur" kun je bij een verwijzing niet wijzigen/, 'inzet.wijzig'],
  ['/inzet wijzig Levvel gestart', /Er ontbreekt de nieuwe waarde voor gestart/, 'inzet.wijzig'],
  ['/inzet wijzig Levvel gestart 31-02-2026', /"31-02-2026" is geen geldige datum/, 'inzet.wijzig'],
  ['/overleg gepland', /ontbreekt een datum/, 'overleg.gepland'],
  ['/overleg gepland volgende week', /"volgende" is geen geldige datum/, 'overleg.gepland'],
  ['/overleg gepland 30-02-2026 10:00', /"30-02-2026" is geen geldige datum/, 'overleg.gepland'],
  ['/overleg gepland morgen 25:00', /"25:00" is geen geldige tijd/, 'overleg.gepland'],
  ['/overleg gepland morgen 10:00 extra', /"extra" begrijp ik hier niet/, 'overleg.gepland'],
  ['/overleg gehouden 31-02-2026 Besluit', /"31-02-2026" is geen geldige datum/, 'overleg.gehouden'],
  ['/overleg gehouden morgen belt moeder de school', /niet in de toekomst liggen \(11-03-2026\): kies vandaag \(10-03-2026\) of eerder\. Begint je besluit/, 'overleg.gehouden'],
  [`/overleg gehouden vandaag ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'overleg.gehouden'],
  // Without decisions it is the form; its date is checked the same way.
  ['/overleg gehouden 31-02-2026', /"31-02-2026" is geen geldige datum/, 'overleg.formulier'],
  ['/overleg gehouden morgen', /niet in de toekomst liggen \(11-03-2026\): kies vandaag \(10-03-2026\) of eerder\. Een overleg plannen doe je met \/overleg gepland/, 'overleg.formulier'],
  ['/overleg formulier volgende', /"volgende" is geen geldige datum/, 'overleg.formulier'],
  ['/overleg formulier vandaag extra', /"extra" begrijp ik hier niet/, 'overleg.formulier'],
  ['/overleg agenda volgende', /"volgende" begrijp ik hier niet/, 'overleg.agenda'],

  ['/resultaat nieuw', /Beschrijf het resultaat/, 'resultaat.nieuw'],
  [`/resultaat nieuw ${'x'.repeat(4001)}`, /te lang: 4001 tekens, het maximum is 4000/, 'resultaat.nieuw'],
  ['/resultaat voortgang', /ontbreekt een resultaatnummer, bijvoorbeeld R-3/, 'resultaat.voortgang'],
  ['/resultaat voortgang S-3 behaald', /"S-3" is geen resultaatnummer\. Schrijf het als R-3/, 'resultaat.voortgang'],
  ['/resultaat voortgang R-0 behaald', /"R-0" is geen resultaatnummer/, 'resultaat.voortgang'],
  ['/resultaat voortgang behaald R-3', /"behaald" is geen resultaatnummer/, 'resultaat.voortgang'],
  ['/resultaat voortgang R-3', /ontbreekt de voortgang\. Kies uit: op-koers, achter, behaald, vervallen/, 'resultaat.voortgang'],
  ['/resultaat voortgang R-3 goed', /"goed" is geen voortgang die ik ken\. Kies uit: op-koers, achter, behaald, vervallen/, 'resultaat.voortgang'],
  ['/resultaat voortgang R-3 op', /"op" is geen voortgang/, 'resultaat.voortgang'],
  ['/resultaat voortgang R-3 op schema', /"op" is geen voortgang/, 'resultaat.voortgang'],
  ['/resultaat voortgang R-3 "behaald"', /"behaald" is geen voortgang/, 'resultaat.voortgang'],
  [`/resultaat voortgang R-3 achter ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'resultaat.voortgang'],
  ['/resultaat lijst alles', /"alles" begrijp ik hier niet/, 'resultaat.lijst'],
  ['/resultaat wijzig R-1', /^Beschrijf het resultaat/, 'resultaat.wijzig'],
  ['/resultaat herzie R-1', /^"herzie" past niet bij \/resultaat\. Kies uit: nieuw, wijzig, voortgang, lijst\.$/, ['resultaat.nieuw', 'resultaat.wijzig', 'resultaat.voortgang', 'resultaat.lijst']],

  ['/escalatie', /Beschrijf het meningsverschil.*spic, hulp, afsluiting, anders.*doorzetten, besluit of lijst/, ['escalatie.nieuw', 'escalatie.doorzetten', 'escalatie.besluit', 'escalatie.lijst']],
  ['/escalatie spic', /^Beschrijf het meningsverschil na het onderwerp "spic"\.$/, 'escalatie.nieuw'],
  ['/escalatie Hulp:', /^Beschrijf het meningsverschil na het onderwerp "Hulp"\.$/, 'escalatie.nieuw'],
  ['/escalatie einde -', /Beschrijf het meningsverschil na het onderwerp "einde"/, 'escalatie.nieuw'],
  [`/escalatie ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'escalatie.nieuw'],
  [`/escalatie hulp ${'x'.repeat(4001)}`, /te lang: 4001 tekens/, 'escalatie.nieuw'],
  ['/escalatie besluit', /ontbreekt een escalatienummer, bijvoorbeeld E-2/, 'escalatie.besluit'],
  // The keyword wins over free text, and the error says how to mean the text.
  ['/escalatie besluit van de GI is niet uitvoerbaar', /"van" is geen escalatienummer.*\/escalatie anders besluit/, 'escalatie.besluit'],
  ['/escalatie besluit R-2 Overbrugging', /"R-2" is geen escalatienummer/, 'escalatie.besluit'],
  ['/escalatie besluit E-2: Overbrugging', /"E-2:" is geen escalatienummer/, 'escalatie.besluit'],
  ['/escalatie besluit E-2', /Schrijf het besluit achter het escalatienummer/, 'escalatie.besluit'],
  ['/escalatie besluit E-2 -', /Schrijf het besluit achter het escalatienummer/, 'escalatie.besluit'],
  ['/escalatie lijst open', /"open" begrijp ik hier niet/, 'escalatie.lijst'],

  ['/afspraak morgen belt de school', /"morgen" is geen @-vermelding van een persoon/, ['afspraak.nieuw', 'afspraak.klaar', 'afspraak.lijst']],
  ['/afspraak <@U0TEST1|Joris>', /ontbreekt een datum na de persoon/, 'afspraak.nieuw'],
  ['/afspraak <@U0TEST1|Joris> volgende week belt', /"volgende" is geen geldige datum/, 'afspraak.nieuw'],
  ['/afspraak <@U0TEST1|Joris> morgen', /Beschrijf de afspraak/, 'afspraak.nieuw'],
  ['/afspraak klaar', /ontbreekt een afspraaknummer, bijvoorbeeld A-2/, 'afspraak.klaar'],
  ['/afspraak klaar R-2', /"R-2" is geen afspraaknummer/, 'afspraak.klaar'],
  ['/afspraak lijst open', /"open" begrijp ik hier niet/, 'afspraak.lijst'],
  ['/overleg ritme', /ontbreekt het aantal weken, van 2 tot 12/, 'overleg.ritme'],
  ['/overleg ritme 1', /"1" is geen aantal weken van 2 tot 12/, 'overleg.ritme'],
  ['/overleg ritme zes', /"zes" is geen aantal weken van 2 tot 12/, 'overleg.ritme'],
  ['/overleg ritme 4 maanden', /"maanden" begrijp ik hier niet/, 'overleg.ritme'],

  ['/team', /Wat wil je doen met \/team/, ['team.koppel', 'team.teamleider']],
  ['/team koppel', /ontbreekt een teamnaam/, 'team.koppel'],
  ['/team ontkoppel Noord', /"ontkoppel" past niet bij \/team/, ['team.koppel', 'team.teamleider']],
  ['/digest nu', /"nu" begrijp ik hier niet/, 'digest'],
  ['/help onzin', /Over "onzin" heb ik geen hulp\. Kies uit: .*\/resultaat, \/afspraak, \/escalatie/, 'help'],
];

describe('malformed input', () => {
  it.each(cases)('%s', (text, error, names) => {
    const r = refused(text);
    expect(r.error).toMatch(error);
    const want = Array.isArray(names) ? names.map(usageOf) : [usageOf(names)];
    expect(r.usage).toEqual(want);
  });

  it('topic errors quote back the whole topic', () => {
    expect(refused('/casus sloop').usage).toEqual(topicUsage('casus'));
    expect(refused('/resultaat herzie').usage).toEqual(topicUsage('resultaat'));
    expect(refused('/escalatie').usage).toEqual(topicUsage('escalatie'));
  });

  it('an unknown command far from every command lists the commands (a near one gets a suggestion: suggest.test.ts)', () => {
    const r = refused('/boterham zorg iets');
    expect(r.error).toBe(
      `"boterham" is geen commando dat ik ken. Mijn commando's: /casus, /signaal, /veiligheid, /inzet, /overleg, /resultaat, /afspraak, /escalatie, /team, /digest, /help.`,
    );
    expect(r.usage).toEqual(overviewLines());
  });

  it('empty and blank input', () => {
    for (const text of ['', '   ', '/', '\u0000\n\t']) {
      const r = refused(text);
      expect(r.error).toMatch(/Typ een commando/);
      expect(r.usage).toEqual(overviewLines());
    }
  });

  it('every topic is a real command: none is called unknown or "not yet"', () => {
    for (const topic of topics) {
      for (const text of [`/${topic}`, `/help ${topic}`, `/${topic} ?`]) {
        const r = parseCommand(text, { today });
        if (!r.ok) {
          expect(r.error).not.toMatch(/geen commando|bestaat nog niet|geen hulp/);
          expect(r.usage.every((u) => u.startsWith(`/${topic}`))).toBe(true);
        }
      }
      expect(parseCommand(`/help ${topic}`, { today })).toEqual({ ok: true, command: { name: 'help', topic } });
    }
  });

  it('a very long line about a new topic quotes that topic’s forms', () => {
    expect(refused(`/escalatie hulp ${'x'.repeat(20_000)}`).usage).toEqual(topicUsage('escalatie'));
    expect(refused(`/resultaat nieuw ${'x'.repeat(20_000)}`).usage).toEqual(topicUsage('resultaat'));
  });

  it('a very long line is refused up front, with the topic’s forms when it has one', () => {
    const r = refused(`/signaal zorg ${'x'.repeat(2_000_000)}`);
    expect(r.error).toMatch(/te lang/);
    expect(r.usage).toEqual(topicUsage('signaal'));
    expect(refused('y'.repeat(10_000)).usage).toEqual(overviewLines());
  });

  it('quotes a long offending word shortened', () => {
    const r = refused(`/casus info ${'x'.repeat(500)}`);
    expect(r.error).toBe(`"${'x'.repeat(39)}…" begrijp ik hier niet: er hoort niets meer achter.`);
  });

  it('a quoted case code is refused, not read as a code', () => {
    expect(refused('/casus koppel "JB-1"').error).toMatch(/geen geldige casuscode/);
  });
});

describe('English', () => {
  it('errors follow the locale, the forms stay the same', () => {
    setLocale('en');
    const r = refused('/inzet Levvel ha spic 11 verwezen 31-02-2026');
    expect(r.error).toBe('"31-02-2026" is not a valid date. Write a date as dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren or morgen.');
    expect(r.usage).toEqual([usageOf('inzet.nieuw')]);
    expect(refused('/foo').error).toMatch(/is not a command I know/);
    expect(refused('/veiligheid actueel 6').error).toMatch(/lasting safety/);
  });

  it('the new forms speak English too', () => {
    setLocale('en');
    const r = refused('/resultaat voortgang R-3 goed');
    expect(r.error).toBe('"goed" is not a progress I know. Choose from: op-koers, achter, behaald, vervallen.');
    expect(r.usage).toEqual([usageOf('resultaat.voortgang')]);
    expect(refused('/resultaat voortgang').error).toBe('A result number is missing, e.g. R-3.');
    expect(refused('/resultaat nieuw').error).toMatch(/^Describe the result/);
    expect(refused('/escalatie spic').error).toBe('Describe the disagreement after the topic "spic".');
    expect(refused('/escalatie').error).toMatch(/^Describe the disagreement, optionally after a topic \(spic, hulp, afsluiting, anders\)/);
    expect(refused('/escalatie besluit nee').error).toMatch(/^"nee" is not an escalation number\. .*\/escalatie anders besluit/);
    expect(refused('/escalatie besluit E-1').error).toBe('Write the decision after the escalation number.');
    expect(refused('/casus verwijder').error).toBe('Name the person who leaves the case with an @-mention.');
    expect(refused('/inzet afronden Levvel').error).toMatch(/^The end date is missing after the provider/);
    expect(refused('/overleg gehouden morgen').error).toMatch(/cannot be in the future \(11-03-2026\): choose today \(10-03-2026\) or earlier\. To schedule a meeting/);
    expect(refused('/foo').error).toMatch(/\/resultaat, \/afspraak, \/escalatie, \/team/);
  });

  it('every Dutch refusal has an English one that differs', () => {
    for (const [text] of cases) {
      setLocale('nl');
      const nl = refused(text).error;
      setLocale('en');
      const en = refused(text).error;
      expect(en).not.toBe(nl);
    }
  });
});

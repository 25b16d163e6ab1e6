import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.js';
import { overviewLines, topicUsage, usageOf } from '../../src/commands/usage.js';
import type { CommandName } from '../../src/commands/types.js';
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
  ['/casus verwijder', /"verwijder" past niet bij \/casus/, ['casus.nieuw', 'casus.koppel', 'casus.info', 'casus.tijdlijn', 'casus.lid', 'casus.fase', 'casus.team', 'casus.afsluiten', 'casus.export']],

  ['/signaal zorg', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal zorg hoog', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal stagnatie hoog oorzaak:hulp', /Beschrijf het signaal/, 'signaal.nieuw'],
  ['/signaal stagnatie oorzaak:school Iets', /"oorzaak:school" is geen oorzaak/, 'signaal.nieuw'],
  ['/signaal stagnatie oorzaak: Iets', /"oorzaak: Iets" is geen oorzaak/, 'signaal.nieuw'],
  ['/signaal zorgelijk Iets', /"zorgelijk" past niet bij \/signaal/, ['signaal.nieuw', 'signaal.bevestig', 'signaal.sluit', 'signaal.lijst', 'signaal.formulier']],
  [`/signaal zorg ${'x'.repeat(4001)}`, /te lang: 4001 tekens, het maximum is 4000/, 'signaal.nieuw'],
  ['/signaal bevestig', /ontbreekt een signaalnummer/, 'signaal.bevestig'],
  ['/signaal bevestig R-3', /"R-3" is geen signaalnummer/, 'signaal.bevestig'],
  ['/signaal sluit S-0', /"S-0" is geen signaalnummer/, 'signaal.sluit'],
  ['/signaal sluit S-1234567', /"S-1234567" is geen signaalnummer/, 'signaal.sluit'],
  ['/signaal lijst open', /"open" begrijp ik hier niet/, 'signaal.lijst'],

  ['/veiligheid actueel', /ontbreekt een score voor actuele veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel 6', /ontbreekt een score voor blijvende veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel 6 blijvend', /ontbreekt een score voor blijvende veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel 11 blijvend 4', /"11" is geen geldige score voor actuele veiligheid.*heel getal van 0 tot en met 10/, 'veiligheid.score'],
  ['/veiligheid actueel 6 blijvend 4.5', /"4.5" is geen geldige score voor blijvende veiligheid/, 'veiligheid.score'],
  ['/veiligheid actueel -1 blijvend 4', /"-1" is geen geldige score/, 'veiligheid.score'],
  ['/veiligheid actueel zes blijvend 4', /"zes" is geen geldige score/, 'veiligheid.score'],
  ['/veiligheid 6 4', /"6" past niet bij \/veiligheid/, ['veiligheid.score', 'veiligheid.grafiek', 'veiligheid.formulier']],
  ['/veiligheid grafiek maand', /"maand" begrijp ik hier niet/, 'veiligheid.grafiek'],

  ['/inzet Levvel', /ontbreekt "<ha\|oa> spic <code>"/, ['inzet.nieuw', 'inzet.gestart', 'inzet.gestopt', 'inzet.formulier']],
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

  ['/overleg', /Wat wil je doen met \/overleg/, ['overleg.gepland', 'overleg.gehouden', 'overleg.agenda']],
  ['/overleg verzet', /"verzet" past niet bij \/overleg/, ['overleg.gepland', 'overleg.gehouden', 'overleg.agenda']],
  ['/overleg gepland', /ontbreekt een datum/, 'overleg.gepland'],
  ['/overleg gepland volgende week', /"volgende" is geen geldige datum/, 'overleg.gepland'],
  ['/overleg gepland 30-02-2026 10:00', /"30-02-2026" is geen geldige datum/, 'overleg.gepland'],
  ['/overleg gepland morgen 25:00', /"25:00" is geen geldige tijd/, 'overleg.gepland'],
  ['/overleg gepland morgen 10:00 extra', /"extra" begrijp ik hier niet/, 'overleg.gepland'],
  ['/overleg gehouden', /besluiten/, 'overleg.gehouden'],
  ['/overleg gehouden vandaag', /besluiten/, 'overleg.gehouden'],
  ['/overleg gehouden 31-02-2026 Besluit', /"31-02-2026" is geen geldige datum/, 'overleg.gehouden'],
  ['/overleg gehouden morgen belt moeder de school', /niet in de toekomst liggen \(11-03-2026\)/, 'overleg.gehouden'],
  ['/overleg agenda volgende', /"volgende" begrijp ik hier niet/, 'overleg.agenda'],

  ['/team', /Wat wil je doen met \/team/, ['team.koppel']],
  ['/team koppel', /ontbreekt een teamnaam/, 'team.koppel'],
  ['/team ontkoppel Noord', /"ontkoppel" past niet bij \/team/, ['team.koppel']],
  ['/digest nu', /"nu" begrijp ik hier niet/, 'digest'],
  ['/help onzin', /Over "onzin" heb ik geen hulp/, 'help'],
];

describe('malformed input', () => {
  it.each(cases)('%s', (text, error, names) => {
    const r = refused(text);
    expect(r.error).toMatch(error);
    const want = Array.isArray(names) ? names.map(usageOf) : [usageOf(names)];
    expect(r.usage).toEqual(want);
  });

  it('topic errors quote back the whole topic', () => {
    expect(refused('/casus verwijder').usage).toEqual(topicUsage('casus'));
  });

  it('an unknown command lists the commands', () => {
    const r = refused('/signal zorg iets');
    expect(r.error).toBe(`"signal" is geen commando dat ik ken. Mijn commando's: /casus, /signaal, /veiligheid, /inzet, /overleg, /team, /digest, /help.`);
    expect(r.usage).toEqual(overviewLines());
  });

  it('empty and blank input', () => {
    for (const text of ['', '   ', '/', '\u0000\n\t']) {
      const r = refused(text);
      expect(r.error).toMatch(/Typ een commando/);
      expect(r.usage).toEqual(overviewLines());
    }
  });

  it('commands of the contract that the core does not have yet are not called unknown', () => {
    for (const [text, topic] of [
      ['/resultaat lijst', 'resultaat'],
      ['/escalatie Geen start na zes weken', 'escalatie'],
      ['/help resultaat', 'resultaat'],
    ] as const) {
      const r = refused(text);
      expect(r.error).toMatch(new RegExp(`^/${topic} bestaat nog niet`));
      expect(r.usage.length).toBeGreaterThan(0);
      expect(r.usage.every((u) => u.startsWith(`/${topic}`))).toBe(true);
    }
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

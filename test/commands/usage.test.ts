import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse.js';
import { topics } from '../../src/commands/types.js';
import { commandTable, helpText, overviewLines, topicUsage, usageOf } from '../../src/core/registry.js';
import { setLocale } from '../../src/i18n/index.js';

afterEach(() => setLocale('nl'));

// The forms as shared/COMMANDS.md writes them (table cells split on ' · ',
// '\|' unescaped), in its order.
const contract = [
  '/casus nieuw <code> [titel…]',
  '/casus koppel <code>',
  '/casus info',
  '/casus tijdlijn',
  '/casus lid <@gebruiker> <rol> [aanbieder…]',
  '/casus overdragen <@gebruiker>',
  '/casus fase <verbinden|ondersteunen|borgen>',
  '/casus team <teamnaam>',
  '/casus toestemming <ja|nee|deels> [toelichting…]',
  '/casus afsluiten [reden…]',
  '/casus export',
  '/signaal <veiligheid|zorg|stagnatie|incident|positief> [acuut|hoog|normaal|laag] [oorzaak:gezin|hulp|samenwerking] [vertrouwelijk] <tekst…>',
  '/signaal bevestig <S-n> [reactie…]',
  '/signaal sluit <S-n> [uitkomst…]',
  '/signaal wijzig <S-n> <soort|urgentie|oorzaak> <waarde>',
  '/signaal intrekken <S-n> <reden…>',
  '/signaal lijst',
  '/veiligheid actueel <0-10> blijvend <0-10> [toelichting…]',
  '/veiligheid intrekken <reden…>',
  '/veiligheid grafiek',
  '/inzet <aanbieder> ha spic <code> verwezen <datum> [start-uiterlijk <datum>]',
  '/inzet <aanbieder> oa [spic <code>] verwezen <datum> [start-uiterlijk <datum>]',
  '/inzet <aanbieder> <volwassenenzorg|schuldhulp|lokaal-team|overig> verwezen <datum> [start-uiterlijk <datum>]',
  '/inzet gestart <aanbieder> [datum]',
  '/inzet gestopt <aanbieder> [reden…]',
  '/inzet wijzig <aanbieder> <verwezen|start-uiterlijk|gestart|gestopt|spic> <waarde>',
  '/overleg gepland <datum> [tijd]',
  '/overleg gehouden [datum] <besluiten…>',
  '/overleg verzet <datum> <nieuwe-datum> [tijd]',
  '/overleg afgezegd <datum> [reden…]',
  '/overleg ritme <weken>',
  '/overleg agenda',
  '/resultaat nieuw <tekst…>',
  '/resultaat wijzig <R-n> <tekst…>',
  '/resultaat voortgang <R-n> <op-koers|achter|behaald|vervallen> [toelichting…]',
  '/resultaat lijst',
  '/afspraak <@wie> <datum> <tekst…>',
  '/afspraak klaar <A-n> [toelichting…]',
  '/afspraak lijst',
  '/escalatie <onderwerp…>',
  '/escalatie doorzetten <E-n> <escalatietafel|zorgbemiddeling|deskundige|anders> [toelichting…]',
  '/escalatie besluit <E-n> <besluit…>',
  '/team koppel <teamnaam>',
  '/team teamleider <@gebruiker>',
  '/digest',
  '/help [commando]',
];
// "A bare /signaal, /veiligheid or /inzet opens a form."
const bare = ['/signaal', '/veiligheid', '/inzet'];
// Commands beyond the contract ("more aliases are welcome"), in the same style.
const extensions = ['/casus verwijder <@gebruiker>', '/inzet afronden <aanbieder> <datum> [reden…]', '/overleg gehouden [datum]', '/escalatie lijst'];

/** What an adapter hands the parser after the platform resolved "@Sanne". */
const asTyped = (example: string) => example.replace(/@(\w+)/g, '<@U0EXAMPLE|$1>');

describe('commandTable', () => {
  const table = commandTable();

  it('has every form of the contract, exactly, and nothing else', () => {
    expect(table.map((r) => r.usage).sort()).toEqual([...contract, ...bare, ...extensions].sort());
  });

  it('keeps the contract’s order: rows follow the forms of COMMANDS.md', () => {
    const inContract = table.map((r) => r.usage).filter((u) => contract.includes(u));
    expect(inContract).toEqual(contract);
  });

  it('names are unique and usageOf agrees', () => {
    expect(new Set(table.map((r) => r.name)).size).toBe(table.length);
    for (const r of table) expect(usageOf(r.name)).toBe(r.usage);
  });

  it('every example parses to its own command', () => {
    for (const r of table) {
      const parsed = parseCommand(asTyped(r.example), { today: '2026-03-10' });
      expect(parsed.ok ? parsed.command.name : parsed.error, r.example).toBe(r.name);
    }
  });

  it('has a Dutch description and who, and English ones under en', () => {
    for (const r of table) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.who.length).toBeGreaterThan(3);
    }
    expect(table.find((r) => r.name === 'signaal.bevestig')!.who).toBe('gezinsmanager, teamleider');
    expect(table.find((r) => r.name === 'casus.nieuw')!.who).toBe('iedereen (wordt de gezinsmanager van de casus)');
    expect(table.find((r) => r.name === 'casus.koppel')!.who).toContain('alleen in een privékanaal');
    const whoOf = (rows: typeof table) => Object.fromEntries(rows.map((r) => [r.name, r.who]));
    expect(whoOf(table)).toMatchObject({
      'casus.verwijder': 'gezinsmanager',
      'inzet.afronden': 'gezinsmanager, medewerkers van die aanbieder',
      'overleg.formulier': 'gezinsmanager',
      'resultaat.nieuw': 'gezinsmanager',
      'resultaat.voortgang': 'gezinsmanager, hoofdaannemer',
      'resultaat.lijst': 'leden van de casus',
      'escalatie.nieuw': 'gezinsmanager, hoofdaannemer',
      'escalatie.doorzetten': 'gezinsmanager, teamleider',
      'escalatie.besluit': 'teamleider; na /escalatie doorzetten ook de gezinsmanager',
      'escalatie.lijst': 'leden van de casus',
    });
    setLocale('en');
    const en = commandTable();
    expect(en.find((r) => r.name === 'signaal.bevestig')!.who).toBe('family manager, team leader');
    expect(en.map((r) => r.usage)).toEqual(table.map((r) => r.usage));
    expect(en.find((r) => r.name === 'digest')!.description).not.toBe(table.find((r) => r.name === 'digest')!.description);
    expect(whoOf(en)).toMatchObject({ 'resultaat.voortgang': 'family manager, main provider', 'escalatie.besluit': 'team leader; after /escalatie doorzetten the family manager too' });
    for (const r of en) expect(r.description, r.name).not.toBe(table.find((t) => t.name === r.name)!.description);
  });

  it('tells about the optional words the contract’s forms gained', () => {
    const d = (name: string) => table.find((r) => r.name === name)!.description;
    expect(d('casus.afsluiten')).toContain('/casus afsluiten bevestig');
    expect(d('inzet.gestopt')).toMatch(/datum/);
    expect(d('casus.verwijder')).toContain('/casus lid <@gebruiker> weg');
  });
});

describe('topicUsage', () => {
  it('covers every topic, in contract order', () => {
    for (const t of topics) expect(topicUsage(t).length).toBeGreaterThan(0);
    expect(topicUsage('overleg')).toEqual([
      '/overleg gepland <datum> [tijd]',
      '/overleg gehouden [datum] <besluiten…>',
      '/overleg gehouden [datum]',
      '/overleg verzet <datum> <nieuwe-datum> [tijd]',
      '/overleg afgezegd <datum> [reden…]',
      '/overleg ritme <weken>',
      '/overleg agenda',
    ]);
    expect(topicUsage('afspraak')).toEqual(['/afspraak <@wie> <datum> <tekst…>', '/afspraak klaar <A-n> [toelichting…]', '/afspraak lijst']);
    expect(topicUsage('resultaat')).toEqual([
      '/resultaat nieuw <tekst…>',
      '/resultaat wijzig <R-n> <tekst…>',
      '/resultaat voortgang <R-n> <op-koers|achter|behaald|vervallen> [toelichting…]',
      '/resultaat lijst',
    ]);
    expect(topicUsage('escalatie')).toEqual([
      '/escalatie <onderwerp…>',
      '/escalatie doorzetten <E-n> <escalatietafel|zorgbemiddeling|deskundige|anders> [toelichting…]',
      '/escalatie besluit <E-n> <besluit…>',
      '/escalatie lijst',
    ]);
    expect(topicUsage('team')).toEqual(['/team koppel <teamnaam>', '/team teamleider <@gebruiker>']);
  });
});

describe('helpText', () => {
  it('lists every topic with one line each', () => {
    const h = helpText();
    expect(h.title).toBe('Commando’s van regiebot');
    for (const t of topics) expect(h.lines.filter((l) => l.startsWith(`/${t} — `))).toHaveLength(1);
    expect(h.lines).toEqual([...overviewLines(), expect.stringMatching(/\/help <commando>/)]);
  });

  it('gives a topic’s forms with examples', () => {
    const h = helpText('signaal');
    expect(h.title).toMatch(/^\/signaal — /);
    expect(h.lines).toHaveLength(topicUsage('signaal').length);
    expect(h.lines[0]).toContain(usageOf('signaal.nieuw'));
    expect(h.lines[0]).toContain('Voorbeeld: /signaal stagnatie');
  });

  it('helps with the newer topics', () => {
    for (const topic of ['resultaat', 'escalatie'] as const) {
      const h = helpText(topic);
      expect(h.title).toMatch(new RegExp(`^/${topic} — `));
      expect(h.lines).toHaveLength(topicUsage(topic).length);
      topicUsage(topic).forEach((u, i) => expect(h.lines[i]).toContain(u));
    }
    expect(helpText('escalatie').lines[0]).toContain('Voorbeeld: /escalatie hulp');
    expect(helpText('resultaat').lines[1]).toContain('Voorbeeld: /resultaat wijzig R-1');
    expect(helpText('resultaat').lines[2]).toContain('Voorbeeld: /resultaat voortgang R-1');
  });

  it('accepts a slash and capitals, and falls back to the overview', () => {
    expect(helpText('/Inzet')).toEqual(helpText('inzet'));
    const unknown = helpText('onzin');
    expect(unknown.title).toMatch(/"onzin"/);
    expect(unknown.lines.length).toBe(topics.length + 1);
  });

  it('speaks English under en', () => {
    setLocale('en');
    expect(helpText().title).toBe('regiebot commands');
    expect(helpText('veiligheid').lines[0]).toContain('Example:');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { roles } from '../../src/actors.js';
import { words } from '../../src/commands/words.js';
import { setLocale } from '../../src/i18n/index.js';
import { topics } from '../../src/commands/types.js';
import { parseCommand } from '../../src/core/parse.js';
import { commandSchema, commandTable, formEntry, helpText, registry, subWords, topicEntries, topicUsage, whoOf } from '../../src/core/registry.js';
import { meetingFormReviews } from '../../src/meetings/form.js';
import { referralForm } from '../../src/referrals/service.js';
import { scoreForm } from '../../src/safety/service.js';
import { signalForm } from '../../src/signals/service.js';
import type { FormId } from '../../src/kernel/message.js';
import { MAX_TEXT } from '../../src/commands/tokens.js';

// The registry is the one place a command is described: this proves the
// parser, /help, the access rules and the forms all say what it says.

afterEach(() => setLocale('nl'));

const today = '2026-03-10';
/** What an adapter hands the parser after the platform resolved "@Sanne". */
const asTyped = (example: string) => example.replace(/@(\w+)/g, '<@U0EXAMPLE|$1>');

describe('the registry', () => {
  it('has one entry per name, whose schema has that name', () => {
    const names = registry.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of registry) expect(e.schema.safeParse({ name: 'x' }).success, e.name).toBe(false);
  });

  it('covers every topic, each command under the topic its name starts with', () => {
    expect([...new Set(registry.map((e) => e.topic))].sort()).toEqual([...topics].sort());
    for (const e of registry) expect(e.name.split('.')[0], e.name).toBe(e.topic);
  });

  it.each(registry.map((e) => [e.name, e] as const))('%s: the parser reads its example as itself, and the schema agrees', (_name, e) => {
    const parsed = parseCommand(asTyped(e.example), { today });
    expect(parsed.ok ? parsed.command.name : parsed.error).toBe(e.name);
    if (!parsed.ok) return;
    expect(e.schema.safeParse(parsed.command).success).toBe(true);
    expect(commandSchema.safeParse(parsed.command).success).toBe(true);
    expect(e.example.startsWith(e.usage.split(' ')[0]!)).toBe(true);
  });

  it.each(registry.map((e) => [e.name, e] as const))('%s: /help shows its usage, help text, who may use it and example in both locales', (_name, e) => {
    for (const locale of ['nl', 'en'] as const) {
      setLocale(locale);
      const lines = helpText(e.topic).lines;
      const who = locale === 'nl' ? `Voor: ${whoOf(e)}.` : `For: ${whoOf(e)}.`;
      expect(lines).toContain(`${e.usage} — ${e.help[locale]} ${who} ${locale === 'nl' ? 'Voorbeeld:' : 'Example:'} ${e.example}`);
      expect(commandTable().find((r) => r.name === e.name)).toEqual({ name: e.name, usage: e.usage, example: e.example, description: e.help[locale], who: whoOf(e) });
    }
  });

  it.each(registry.map((e) => [e.name, e] as const))('%s: who may use it says what the access rule is', (_name, e) => {
    const w = words();
    const who = whoOf(e);
    if (e.access === 'anyone') {
      // No case is needed, so nothing checks membership: the entry runs outside a case.
      expect(e.mode).toBe('outside');
      // `/casus koppel` is refined by the service: the gezinsmanager of the case it links to.
      expect(who).toMatch(e.name === 'casus.koppel' ? /^de gezinsmanager van die casus/ : /^iedereen/);
    } else {
      expect(e.mode).not.toBe('outside');
      // `/afspraak klaar` is refined by the service: the agreement's owner, or the gezinsmanager or hoofdaannemer.
      if (e.access === 'member') expect(who).toBe(e.name === 'afspraak.klaar' ? 'de eigenaar van de afspraak, gezinsmanager, hoofdaannemer' : 'leden van de casus');
      else {
        expect(e.access.length).toBeGreaterThan(0);
        for (const role of e.access) expect(roles).toContain(role);
        // The first role is named as such; providers are named as "that provider's workers".
        expect(who).toContain(w.role[e.access[0]!].toLowerCase());
        if (!e.access.includes('onderaannemer')) {
          for (const role of e.access) expect(who).toContain(w.role[role].toLowerCase());
          for (const role of roles.filter((r) => !e.access.includes(r))) expect(who).not.toContain(w.role[role].toLowerCase());
        }
      }
    }
  });

  it.each(registry.map((e) => [e.name, e] as const))('%s: a hand-written who only where the access rule cannot say it, in both locales', (_name, e) => {
    for (const locale of ['nl', 'en'] as const) {
      setLocale(locale);
      const derived = whoOf({ access: e.access });
      if (e.who) expect(e.who[locale], 'the same words as the access rule: leave `who` out').not.toBe(derived);
      expect(whoOf(e)).toBe(e.who?.[locale] ?? derived);
      if (locale === 'en') expect(whoOf(e)).not.toMatch(/gezinsmanager|leden|iedereen/);
    }
  });

  it('topic errors offer exactly the words the entries hold, which are the words their usage lines start with', () => {
    for (const topic of ['casus', 'signaal', 'veiligheid', 'overleg', 'resultaat', 'team'] as const) {
      expect(subWords(topic), topic).toEqual(usageWords(topic));
      const r = parseCommand(`/${topic} sloop-9`, { today });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toContain(`Kies uit: ${subWords(topic).join(', ')}.`);
      expect(r.usage).toEqual(topicUsage(topic));
      // And every word offered is one the parser takes.
      for (const word of subWords(topic)) {
        const p = parseCommand(`/${topic} ${word}`, { today });
        if (!p.ok) expect(p.error, `/${topic} ${word}`).not.toContain('past niet bij');
      }
    }
    for (const topic of topics) expect(subWords(topic), topic).toEqual(usageWords(topic));
  });

  it.each(topics.map((t) => [t] as const))('/%s: no word selects two of its entries; at most one is bare and one reads the rest', (topic) => {
    const entries = topicEntries(topic);
    const selecting = entries.flatMap((e) => [...(e.words ?? []), ...(e.aliases ?? [])]);
    expect(new Set(selecting).size, selecting.join(' ')).toBe(selecting.length);
    // A word is matched as typed, lower case; a quoted word is never a keyword.
    for (const word of selecting) expect(word).toMatch(/^[a-z0-9:-]+$/);
    expect(entries.filter((e) => e.bare).length).toBeLessThanOrEqual(1);
    expect(entries.filter((e) => e.otherwise).length).toBeLessThanOrEqual(1);
    // Every entry can be reached: by a word, by the topic alone, as the rest, or as what a sibling's reader gives.
    for (const e of entries) {
      const p = parseCommand(asTyped(e.example), { today });
      const bySibling = p.ok && p.command.name === e.name;
      const reached = (e.words?.length ?? 0) + (e.aliases?.length ?? 0) > 0 || e.bare || e.otherwise || bySibling;
      expect(reached, e.name).toBeTruthy();
    }
  });

  it.each(registry.filter((e) => (e.aliases?.length ?? 0) > 0).map((e) => [e.name, e] as const))('%s: each alias selects it', (_name, e) => {
    const [head, word, ...rest] = asTyped(e.example).split(' ');
    for (const alias of e.aliases ?? []) {
      // In place of the example's word; a form opener's example is the topic alone, its word selects it only alone.
      const line = [head, alias, ...(word === undefined ? [] : rest)].join(' ');
      const p = parseCommand(line, { today });
      // Selected: read as this command, or refused by its own reader with its own form.
      if (p.ok) expect(p.command.name, line).toBe(e.name);
      else expect(p.usage, `${line}: ${p.error}`).toEqual([e.usage]);
      // An alias that reads, of a plain word, reads exactly as the word (`blijvend` first wants the other order).
      if (p.ok && word !== undefined && e.words?.includes(word) && e.words.length === 1) {
        expect(p, line).toEqual(parseCommand(asTyped(e.example), { today }));
      }
    }
  });
});

/**
 * The words a topic's usage lines start with, as shared/COMMANDS.md writes them:
 * `/casus lid …` gives lid, `/signaal <veiligheid|zorg|…>` gives each kind.
 */
function usageWords(topic: (typeof topics)[number]): string[] {
  const out: string[] = [];
  for (const usage of topicUsage(topic)) {
    const word = usage.split(' ')[1];
    if (!word || word.startsWith('[')) continue;
    const choice = /^<([^>]*\|[^>]*)>$/.exec(word);
    const words = choice ? choice[1]!.split('|') : word.startsWith('<') ? [] : [word];
    for (const w of words) if (!out.includes(w)) out.push(w);
  }
  return out;
}

describe('the forms', () => {
  const opened: Record<Exclude<FormId, 'overleg'>, ReturnType<typeof signalForm>> = {
    signaal: signalForm(),
    veiligheid: scoreForm(),
    inzet: referralForm(),
  };
  const filled: Record<FormId, Record<string, string>> = {
    signaal: { soort: 'zorg', urgentie: 'hoog', oorzaak: 'hulp', vertrouwelijk: 'ja', tekst: 'Wachtlijst loopt op' },
    veiligheid: { actueel: '6', blijvend: '4', toelichting: 'Afspraken worden nagekomen' },
    inzet: { aanbieder: 'Jeugdhulp Noord', rol: 'ha', spic: '7', verwezen: '2026-03-02', 'start-uiterlijk': '2026-03-30' },
    overleg: { datum: '2026-03-09', r1: 'achter', 'r1-toelichting': 'Verzuim', besluiten: 'Gezinscoach start' },
  };

  it.each(Object.keys(filled) as FormId[])('%s: its command reads every field into a command its schema accepts', (id) => {
    const entry = formEntry(id);
    expect(entry?.form?.id).toBe(id);
    const read = entry!.form!.read(filled[id], today);
    expect(read).toMatchObject({ ok: true });
    if (!read.ok) return;
    const command = { name: entry!.name, ...read.fields };
    expect(entry!.schema.safeParse(command).success).toBe(true);
    // The same command as the typed line gives, where a typed form exists.
    const typed: Partial<Record<FormId, string>> = {
      signaal: '/signaal zorg hoog oorzaak:hulp vertrouwelijk Wachtlijst loopt op',
      veiligheid: '/veiligheid actueel 6 blijvend 4 Afspraken worden nagekomen',
      inzet: '/inzet "Jeugdhulp Noord" ha spic 7 verwezen 02-03-2026 start-uiterlijk 30-03-2026',
    };
    const line = typed[id];
    if (line) expect(parseCommand(line, { today })).toEqual({ ok: true, command });
  });

  it.each(Object.keys(opened) as Array<keyof typeof opened>)('%s: the form a user opens has exactly the fields its command reads', (id) => {
    const form = opened[id];
    expect(form.id).toBe(id);
    expect(form.fields.map((f) => f.name).sort()).toEqual(Object.keys(filled[id]).sort());
    // An opener command shows it, with the reading command's access.
    const reader = formEntry(id)!;
    expect(registry.find((e) => e.name === `${reader.topic}.formulier`)?.access).toEqual(reader.access);
  });

  // Each way a field can be wrong: the refusal names that field and speaks of
  // the form, never of the typed command (`/inzet`, `<datum>`, `oorzaak:gezin`, `spic 11`).
  const long = 'x'.repeat(MAX_TEXT + 1);
  const wrong: Array<[FormId, string, string]> = [
    ['signaal', 'soort', ''],
    ['signaal', 'soort', 'bevestig'],
    ['signaal', 'urgentie', 'snel'],
    ['signaal', 'oorzaak', 'school'],
    ['signaal', 'tekst', ''],
    ['signaal', 'tekst', long],
    ['veiligheid', 'actueel', ''],
    ['veiligheid', 'actueel', '12'],
    ['veiligheid', 'blijvend', '-1'],
    ['veiligheid', 'toelichting', long],
    ['inzet', 'aanbieder', ''],
    ['inzet', 'rol', 'xx'],
    ['inzet', 'spic', ''],
    ['inzet', 'spic', '11 12'],
    ['inzet', 'verwezen', ''],
    ['inzet', 'verwezen', 'ooit'],
    ['inzet', 'start-uiterlijk', '2026-02-01'],
    ['overleg', 'datum', 'ooit'],
    ['overleg', 'besluiten', ''],
    ['overleg', 'r1', 'klaar'],
    ['overleg', 'r1-toelichting', long],
  ];
  it.each(wrong.map(([id, field, value]) => [id, field, value.length > 20 ? `${value.length} characters` : value, value] as const))('%s with %s = %j: refused under that field, in form words', (id, field, _shown, value) => {
    const read = formEntry(id)!.form!.read({ ...filled[id], [field]: value }, today);
    expect(read).toMatchObject({ ok: false, field });
    if (read.ok) return;
    expect(read.error).not.toMatch(/\/(signaal|inzet|veiligheid|overleg)\b|<[a-z-]+>|\b\w+:\w+|"spic"|"verwezen/);
  });

  it('the review form reads as meetingFormReviews does', () => {
    const read = formEntry('overleg')!.form!.read(filled.overleg, today);
    const direct = meetingFormReviews(filled.overleg, today);
    expect(direct.ok).toBe(true);
    if (read.ok && direct.ok) expect(read.fields).toEqual({ date: direct.date, decisions: direct.decisions, reviews: direct.reviews });
  });

  it('a value that is a keyword stays a value: soort=bevestig is refused under the field, in Dutch', () => {
    const read = formEntry('signaal')!.form!.read({ ...filled.signaal, soort: 'bevestig' }, today);
    expect(read).toEqual({ ok: false, field: 'soort', error: '"bevestig" is geen soort signaal. Kies uit: veiligheid, zorg, stagnatie, incident, positief.' });
    setLocale('en');
    expect(formEntry('signaal')!.form!.read({ ...filled.signaal, soort: 'bevestig' }, today)).toMatchObject({ ok: false, error: expect.stringContaining('is not a kind of signal') });
  });

  it('a provider name with a double quote is the name, whole', () => {
    const read = formEntry('inzet')!.form!.read({ ...filled.inzet, aanbieder: 'Stichting "De Brug" Noord' }, today);
    expect(read).toMatchObject({ ok: true, fields: { provider: 'Stichting "De Brug" Noord', role: 'ha', spic: '7' } });
  });
});

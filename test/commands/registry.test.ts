import { afterEach, describe, expect, it } from 'vitest';
import { roles } from '../../src/actors.js';
import { words } from '../../src/i18n/common.js';
import { setLocale } from '../../src/i18n/index.js';
import { topics } from '../../src/commands/types.js';
import { parseCommand } from '../../src/core/parse.js';
import { commandSchema, commandTable, formEntry, helpText, registry, subWords, topicUsage } from '../../src/core/registry.js';
import { meetingFormReviews } from '../../src/meetings/form.js';
import { referralForm } from '../../src/referrals/service.js';
import { scoreForm } from '../../src/safety/service.js';
import { signalForm } from '../../src/signals/service.js';
import type { FormId } from '../../src/kernel/message.js';

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
      const who = locale === 'nl' ? `Voor: ${e.who.nl}.` : `For: ${e.who.en}.`;
      expect(lines).toContain(`${e.usage} — ${e.help[locale]} ${who} ${locale === 'nl' ? 'Voorbeeld:' : 'Example:'} ${e.example}`);
      expect(commandTable().find((r) => r.name === e.name)).toEqual({ name: e.name, usage: e.usage, example: e.example, description: e.help[locale], who: e.who[locale] });
    }
  });

  it.each(registry.map((e) => [e.name, e] as const))('%s: who may use it says what the access rule is', (_name, e) => {
    const w = words();
    if (e.access === 'anyone') {
      // No case is needed, so nothing checks membership: the entry runs outside a case.
      expect(e.mode).toBe('outside');
      // `/casus koppel` is refined by the service: the gezinsmanager of the case it links to.
      expect(e.who.nl).toMatch(e.name === 'casus.koppel' ? /^de gezinsmanager van die casus/ : /^iedereen/);
    } else {
      expect(e.mode).not.toBe('outside');
      if (e.access === 'member') expect(e.who.nl).toBe('leden van de casus');
      else {
        expect(e.access.length).toBeGreaterThan(0);
        for (const role of e.access) expect(roles).toContain(role);
        // The first role is named as such; providers are named as "that provider's workers".
        expect(e.who.nl).toContain(w.role[e.access[0]!].toLowerCase());
        if (!e.access.includes('onderaannemer')) {
          for (const role of e.access) expect(e.who.nl).toContain(w.role[role].toLowerCase());
          for (const role of roles.filter((r) => !e.access.includes(r))) expect(e.who.nl).not.toContain(w.role[role].toLowerCase());
        }
      }
    }
  });

  it('topic errors offer exactly the words the registry’s usage lines start with', () => {
    for (const topic of ['casus', 'signaal', 'veiligheid', 'overleg', 'resultaat', 'team'] as const) {
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
  });
});

describe('the forms', () => {
  const opened: Record<Exclude<FormId, 'overleg'>, ReturnType<typeof signalForm>> = {
    signaal: signalForm(),
    veiligheid: scoreForm(),
    inzet: referralForm(),
  };
  const filled: Record<FormId, Record<string, string>> = {
    signaal: { soort: 'zorg', urgentie: 'hoog', oorzaak: 'hulp', vertrouwelijk: 'ja', tekst: 'Wachtlijst loopt op' },
    veiligheid: { actueel: '6', blijvend: '4', toelichting: 'Afspraken worden nagekomen' },
    inzet: { aanbieder: 'Jeugdhulp Noord', rol: 'ha', spic: '11', verwezen: '2026-03-02', 'start-uiterlijk': '2026-03-30' },
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
      inzet: '/inzet "Jeugdhulp Noord" ha spic 11 verwezen 02-03-2026 start-uiterlijk 30-03-2026',
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

  it('the review form reads as meetingFormReviews does', () => {
    const read = formEntry('overleg')!.form!.read(filled.overleg, today);
    const direct = meetingFormReviews(filled.overleg, today);
    expect(direct.ok).toBe(true);
    if (read.ok && direct.ok) expect(read.fields).toEqual({ date: direct.date, decisions: direct.decisions, reviews: direct.reviews });
  });

  it('a value that is a keyword stays a value: soort=bevestig is refused under the field, in Dutch', () => {
    const read = formEntry('signaal')!.form!.read({ ...filled.signaal, soort: 'bevestig' }, today);
    expect(read).toEqual({ ok: false, error: '"bevestig" is geen soort signaal. Kies uit: veiligheid, zorg, stagnatie, incident, positief.', field: 'soort' });
    setLocale('en');
    expect(formEntry('signaal')!.form!.read({ ...filled.signaal, soort: 'bevestig' }, today)).toMatchObject({ ok: false, error: expect.stringContaining('is not a kind of signal') });
  });

  it('a provider name with a double quote is the name, whole', () => {
    const read = formEntry('inzet')!.form!.read({ ...filled.inzet, aanbieder: 'Stichting "De Brug" Noord' }, today);
    expect(read).toMatchObject({ ok: true, fields: { provider: 'Stichting "De Brug" Noord', role: 'ha', spic: '11' } });
  });
});

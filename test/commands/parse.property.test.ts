import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, type ParseResult } from '../../src/core/parse.js';
import { commandSchema } from '../../src/core/registry.js';
import { causes, escalationTopics, resultStatuses, signalKinds, topics, urgencies } from '../../src/commands/types.js';
import { escalationTopicWords, resultStatusWords } from '../../src/commands/tokens.js';
import { setLocale } from '../../src/i18n/index.js';

const today = '2026-03-10';

/** The parser's promise: a valid command, or a non-empty error with the form(s). */
function wellFormed(r: ParseResult): void {
  if (r.ok) {
    expect(commandSchema.safeParse(r.command).success).toBe(true);
  } else {
    expect(r.error.trim().length).toBeGreaterThan(0);
    expect(r.usage.length).toBeGreaterThan(0);
    for (const line of r.usage) expect(line.startsWith('/')).toBe(true);
  }
}

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\u0000', '\u00a0', '"', '“', '”', '„', '<', '@', '|', '>', '-', '/', ':', '.', '1', 'a') }),
);

const words = [
  ...topics, 'resultaten', 'escalaties', 'escaleer',
  'nieuw', 'koppel', 'info', 'tijdlijn', 'lid', 'fase', 'afsluiten', 'export', 'bevestig', 'sluit', 'lijst',
  'formulier', 'actueel', 'blijvend', 'grafiek', 'gestart', 'gestopt', 'gepland', 'gehouden', 'agenda', 'om',
  'verwijder', 'verwijderen', 'weg', 'bevestigd', 'definitief', 'afronden', 'voortgang', 'besluit',
  ...resultStatusWords.keys(), 'op', 'koers', ...escalationTopicWords.keys(), 'R-3', 'r0', 'E-2', 'e-1234567', 'spic:',
  ...signalKinds, ...urgencies, ...causes.map((c) => `oorzaak:${c}`), 'oorzaak:', 'ha', 'oa', 'gm', 'tl', 'spic',
  'verwezen', 'start-uiterlijk', 'uiterlijk', 'vandaag', 'morgen', 'gisteren', '31-02-2026', '01-03-2026',
  '2026-03-01', '14:30', '25:00', 'S-3', 's0', '3', '0', '10', '11', '3B', 'JB-2026-014', 'ab', '<@U1|Sanne>',
  '<@U2>', '@Sanne', '"Jeugdhulp Noord"', '"open', '?', '/', '—', ':', '-', '🎉', 'constructor', '__proto__',
];

/** Lines built from command words: they reach far deeper than random strings. */
const commandish = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), {
    maxLength: 12,
  })
  .chain((ws) => fc.tuple(fc.constantFrom('', '/', ' /', '  '), fc.constant(ws.join(' '))))
  .map(([prefix, line]) => prefix + line);

describe('parseCommand never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(anyText, (s) => wellFormed(parseCommand(s, { today }))), { numRuns: 2000 });
  });

  it('on lines of command words', () => {
    fc.assert(fc.property(commandish, (s) => wellFormed(parseCommand(s, { today }))), { numRuns: 5000 });
  });

  it('on arbitrary strings after each command word', () => {
    const heads = [...topics.map((t) => `/${t}`),
      '/casus nieuw', '/casus lid', '/casus lid <@U1>', '/casus verwijder', '/casus afsluiten', '/casus afsluiten bevestig', '/casus team',
      '/signaal zorg', '/signaal bevestig', '/veiligheid actueel', '/inzet gestart', '/inzet gestopt', '/inzet gestopt Levvel',
      '/inzet gestopt Levvel vandaag', '/inzet afronden', '/inzet afronden Levvel', '/inzet afronden Levvel vandaag',
      '/overleg gepland', '/overleg gehouden', '/overleg gehouden vandaag', '/overleg formulier',
      '/resultaat nieuw', '/resultaat voortgang', '/resultaat voortgang R-1', '/resultaat voortgang R-1 op',
      '/resultaat voortgang R-1 achter', '/escalatie spic', '/escalatie hulp', '/escalatie besluit', '/escalatie besluit E-1',
      '/team koppel'];
    fc.assert(
      fc.property(fc.constantFrom(...heads), anyText, fc.constantFrom(' ', '', '\n'), (head, s, sep) =>
        wellFormed(parseCommand(head + sep + s, { today })),
      ),
      { numRuns: 3000 },
    );
  });

  it('in English too', () => {
    setLocale('en');
    try {
      fc.assert(fc.property(commandish, (s) => wellFormed(parseCommand(s, { today }))), { numRuns: 500 });
    } finally {
      setLocale('nl');
    }
  });

  it('on odd today values and non-string input', () => {
    for (const t of ['', 'garbage', '2026-02-31']) wellFormed(parseCommand('/overleg gepland morgen', { today: t }));
    wellFormed(parseCommand(undefined as unknown as string, { today }));
    wellFormed(parseCommand(42 as unknown as string, { today }));
  });
});

describe('generated commands read back', () => {
  it('safety scores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (a, b) => {
        expect(parseCommand(`/veiligheid actueel ${a} blijvend ${b}`, { today })).toEqual({
          ok: true,
          command: { name: 'veiligheid.score', actueel: a, blijvend: b },
        });
      }),
    );
  });

  it('signal numbers in every spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.constantFrom('S-', 's-', 'S', 's', '', '#'), (n, prefix) => {
        expect(parseCommand(`/signaal sluit ${prefix}${n}`, { today })).toEqual({ ok: true, command: { name: 'signaal.sluit', number: n } });
      }),
    );
  });

  it('signals keep their text', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 300 })
      .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\ufeff]/g, '').trim())
      .filter((s) => s.length > 0 && !/^(acuut|hoog|normaal|laag|oorzaak:)/i.test(s));
    fc.assert(
      fc.property(fc.constantFrom(...signalKinds), fc.constantFrom(...urgencies), fc.option(fc.constantFrom(...causes)), text, (kind, urgency, cause, t) => {
        const line = `/signaal ${kind} ${urgency} ${cause ? `oorzaak:${cause} ` : ''}${t}`;
        const r = parseCommand(line, { today });
        expect(r).toEqual({ ok: true, command: { name: 'signaal.nieuw', kind, urgency, ...(cause ? { cause } : {}), text: t } });
      }),
    );
  });

  it('result progress in every spelling', () => {
    const spellings = [...resultStatusWords.entries(), ['op koers', 'op-koers'] as const, ['Op Koers', 'op-koers'] as const];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom('R-', 'r-', 'R', 'r', '', '#'),
        fc.constantFrom(...spellings),
        fc.option(fc.constantFrom('Loopt goed', 'School belt niet terug', 'koers kwijt', '🎉')),
        (n, prefix, [typed, status], note) => {
          expect(resultStatuses).toContain(status);
          const r = parseCommand(`/resultaat voortgang ${prefix}${n} ${typed}${note ? ` ${note}` : ''}`, { today });
          expect(r).toEqual({ ok: true, command: { name: 'resultaat.voortgang', number: n, status, ...(note ? { note } : {}) } });
        },
      ),
    );
  });

  it('escalations keep their topic and text', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 300 })
      .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\ufeff]/g, '').trim())
      .filter((s) => s.length > 0 && !/^[:\-–—]/.test(s));
    fc.assert(
      fc.property(fc.constantFrom(...escalationTopicWords.entries()), text, ([typed, topic], t) => {
        expect(escalationTopics).toContain(topic);
        expect(parseCommand(`/escalatie ${typed} ${t}`, { today })).toEqual({ ok: true, command: { name: 'escalatie.nieuw', topic, text: t } });
      }),
    );
    // A first word that is no topic nor keyword: all of it is the text, about "anders".
    const free = text.filter((s) => {
      const first = s.split(/\s/)[0]!.toLowerCase().replace(/:$/, '');
      return !escalationTopicWords.has(first) && !['besluit', 'lijst', 'help', '?'].includes(first) && !/^\s*\//.test(s);
    });
    fc.assert(
      fc.property(free, (t) => {
        expect(parseCommand(`/escalatie ${t}`, { today })).toEqual({ ok: true, command: { name: 'escalatie.nieuw', topic: 'anders', text: t } });
      }),
    );
  });

  it('planned ends: gestopt and afronden with any date', () => {
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.constantFrom('Levvel', '"Jeugdhulp Noord"'), day, fc.constantFrom('gestopt', 'afronden'), fc.option(fc.constantFrom('Doelen behaald', 'Gezin verhuisd')), (p, at, sub, reason) => {
        const iso = at.toISOString().slice(0, 10);
        const dmy = iso.split('-').reverse().join('-');
        const r = parseCommand(`/inzet ${sub} ${p} ${dmy}${reason ? ` ${reason}` : ''}`, { today });
        expect(r).toEqual({
          ok: true,
          command: { name: `inzet.${sub}`, provider: p.replace(/"/g, ''), date: iso, ...(reason ? { reason } : {}) },
        });
      }),
    );
  });

  it('referrals with quoted provider names', () => {
    const provider = fc
      .string({ minLength: 1, maxLength: 60 })
      .map((s) => s.replace(/["“”„\s]+/g, ' ').trim())
      .filter((s) => s.length > 0);
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(provider, fc.constantFrom('ha', 'oa'), fc.constantFrom('11', '3B', 'SPIC-7'), day, fc.integer({ min: 0, max: 90 }), (p, role, spic, at, wait) => {
        const referred = at.toISOString().slice(0, 10);
        const due = new Date(at.getTime() + wait * 86_400_000).toISOString().slice(0, 10);
        const dmy = (d: string) => d.split('-').reverse().join('-');
        const r = parseCommand(`/inzet "${p}" ${role} spic ${spic} verwezen ${dmy(referred)} start-uiterlijk ${due}`, { today });
        expect(r).toEqual({ ok: true, command: { name: role === 'oa' ? 'inzet.oa' : 'inzet.nieuw', provider: p, role, spic, referredOn: referred, startDue: due } });
      }),
    );
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads card JSON loosely */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cardBytes, cutMiddle, fallbackText, maxCardBytes, parseSubmission, plainNames, renderCard, renderFormCard } from '../../adapters/teams/cards.js';
import { retryAfterMs } from '../../adapters/teams/deliver.js';
import { baseConversationId, decodeEntities, mergeSplitMentions, neutralText, type MentionEntity } from '../../adapters/teams/text.js';
import type { Form, Message } from '../../src/kernel/message.js';
import { cardText } from './harness.js';

const botId = '28:bot';
const mention = (id: string, name: string, extra: Record<string, unknown> = {}): MentionEntity => ({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name, ...extra } });
const byTable = async (m: { id: string }) => `aad-${m.id.slice(3)}`;

describe('inbound text', () => {
  it('strips the bot mention and turns a person mention into <@id|Naam>', async () => {
    const text = '<at>regiebot</at> casus lid <at>Joris Bakker</at> hoofdaannemer';
    const out = await neutralText(text, [mention(botId, 'regiebot'), mention('29:ha', 'Joris Bakker')], botId, byTable);
    expect(out).toBe('casus lid <@aad-ha|Joris Bakker> hoofdaannemer');
  });

  it('keeps a mention it cannot resolve as plain text', async () => {
    const out = await neutralText('casus lid <at>Jeugdteam</at> ha', [mention('29:tag', 'Jeugdteam', { type: 'tag' })], botId, async () => null);
    expect(out).toBe('casus lid @Jeugdteam ha');
  });

  it('joins a name Teams split into two mentions of the same person', async () => {
    const out = await neutralText('lid <at>Joris</at> <at>Bakker</at> ha', [mention('29:ha', 'Joris'), mention('29:ha', 'Bakker')], botId, byTable);
    expect(out).toBe('lid <@aad-ha|Joris Bakker> ha');
    expect(mergeSplitMentions('<@a|X> <@b|Y>')).toBe('<@a|X> <@b|Y>');
  });

  it('decodes entities, drops markup, neutralises a typed <@…>', async () => {
    expect(await neutralText('<p>signaal&nbsp;zorg&nbsp;laag a &lt; b &amp; c</p>', [], botId, byTable)).toBe('signaal zorg laag a < b & c');
    expect(await neutralText('lid &lt;@aad-ha&gt; ha', [], botId, byTable)).toBe('lid <\u2060@aad-ha> ha');
    expect(decodeEntities('&#39;&#x41;&unknown;')).toBe("'A&unknown;");
  });

  it('a channel conversation id without its thread', () => {
    expect(baseConversationId('19:abc@thread.tacv2;messageid=1771')).toBe('19:abc@thread.tacv2');
    expect(baseConversationId('a:1xyz')).toBe('a:1xyz');
  });
});

describe('cards', () => {
  const message: Message = {
    title: 'Signaal S-1: veiligheid (hoog)',
    text: 'Zie [hier](https://example.invalid) **nu**\nTweede regel',
    fields: [{ label: 'Gemeld door', value: '<@aad-ha> (hoofdaannemer)' }],
    lines: ['Bevestigd door <@aad-gm> op 02-03-2026 10:00'],
    context: 'ma 2 mrt 10:00',
    tone: 'danger',
    names: { 'aad-ha': 'Joris Bakker' },
    actions: [{ id: 'signal.ack', label: 'Bevestigen', value: '7', style: 'primary' }],
  };

  it('renders text as TextRuns (never Markdown), mentions as names, buttons as Action.Execute', () => {
    const card = renderCard(message, { nameOf: (id) => (id === 'aad-gm' ? 'Sanne de Wit' : undefined), header: 'Voor Sanne de Wit' });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const json = JSON.stringify(card);
    expect(json).not.toContain('"TextBlock"');
    const text = cardText(card);
    expect(text.split('\n')[0]).toBe('Voor Sanne de Wit');
    expect(text).toContain('🚨 Signaal S-1: veiligheid (hoog)');
    expect(text).toContain('Zie [hier](https://example.invalid) **nu**');
    expect(text).toContain('Joris Bakker (hoofdaannemer)');
    expect(text).toContain('• Bevestigd door Sanne de Wit op 02-03-2026 10:00');
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: 'Bevestigen', verb: 'signal.ack', style: 'positive', data: { regiebot: 'action', actionId: 'signal.ack', value: '7' } }]);
    expect(card.fallbackText).toBe('🚨 Signaal S-1: veiligheid (hoog)\nZie [hier](https://example.invalid) **nu**\nTweede regel');
    expect((card.body[1] as any).style).toBe('attention');
  });

  it('a mention nobody can name reads "onbekende gebruiker", never an id', () => {
    expect(plainNames('door <@aad-zz>')).toBe('door onbekende gebruiker');
    expect(plainNames('door <@aad-zz|Iemand>')).toBe('door Iemand');
  });

  it('a very long list is cut to fit one Teams card, and says how many more and where to see them', () => {
    const long: Message = { title: 'Tijdlijn', lines: Array.from({ length: 2000 }, (_, i) => `Regel ${i} met wat tekst erbij om ruimte te vullen`) };
    const card = renderCard(long);
    expect(cardBytes(card)).toBeLessThanOrEqual(maxCardBytes);
    expect(cardText(card)).toMatch(/• … en \d+ meer \(ingekort voor Teams\)$/m);
    expect(cardText(renderCard({ ...long, more: '/casus tijdlijn' }))).toMatch(/… en \d+ meer: alles met \/casus tijdlijn/);
  });

  it('cards are measured in UTF-8 bytes, not characters', () => {
    // 20,000 characters of "é" are 40,000 bytes: the old character count let this through.
    const card = renderCard({ title: 'Lang', text: Array.from({ length: 100 }, () => 'é'.repeat(200)).join('\n') });
    expect(cardBytes(card)).toBeLessThanOrEqual(maxCardBytes);
    expect(cardText(card)).toMatch(/… en \d+ meer \(ingekort voor Teams\)/);
  });

  it('shortens field by field: every line keeps its start and its end, lists end with the command that shows all', () => {
    const results = Array.from({ length: 50 }, (_, i) => `R-${i + 1} ${'lange resultaattekst '.repeat(200)}: achter`);
    const signals = Array.from({ length: 50 }, (_, i) => `S-${i + 1} zorg (normaal), open`);
    const message: Message = {
      title: 'Casus TST-301',
      fields: [
        { label: 'Open signalen', value: signals.join('\n'), more: '/signaal lijst' },
        { label: 'Resultaten', value: results.join('\n'), more: '/resultaat lijst' },
      ],
    };
    const card = renderCard(message);
    expect(cardBytes(card)).toBeLessThanOrEqual(maxCardBytes);
    const text = cardText(card);
    expect(text).toContain('S-1 zorg (normaal), open');
    expect(text).toMatch(/^R-1 lange resultaattekst .*….*: achter$/m);
    expect(text).toMatch(/Lange regels zijn ingekort voor Teams/);
    const shownResults = text.match(/^R-\d+ /gm)!.length;
    if (shownResults < 50) expect(text).toContain(`… en ${50 - shownResults} meer: alles met /resultaat lijst`);
  });

  it('never cuts a character in half', () => {
    const family = '👨‍👩‍👧';
    const message: Message = { title: 'x'.repeat(995), text: family.repeat(10) };
    const fallback = fallbackText(message);
    expect(fallback.endsWith('…')).toBe(true);
    expect(fallback).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(fallback.slice(996, -1)).toBe('');
    const card = renderCard({ title: 'Emoji', text: Array.from({ length: 400 }, () => family.repeat(30)).join('\n') });
    expect(JSON.stringify(card)).not.toMatch(/\\ud83d"|\\u200d…/i);
    for (const line of cardText(card).split('\n')) expect([...new Intl.Segmenter().segment(line)].every((g) => !/^[\uD800-\uDFFF]$/.test(g.segment))).toBe(true);
  });

  it('cutMiddle stays within its bytes and keeps only whole graphemes of the start and the end', () => {
    const graphemes = (t: string) => [...new Intl.Segmenter().segment(t)].map((g) => g.segment);
    const pieces = fc.constantFrom('a', ' ', 'é', '€', '🏠', '👨‍👩‍👧', '🇳🇱', 'e\u0301', '👍🏽', 'R-3', ': achter');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 300 }), fc.integer({ min: 8, max: 400 }), (parts, max) => {
        const line = parts.join('');
        const out = cutMiddle(line, max);
        if (Buffer.byteLength(line) <= max) return out === line;
        expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max);
        const [head, ...rest] = out.split('…');
        const tail = rest.join('…');
        // The start and the end are pieces of the line that begin and end on its grapheme boundaries.
        expect(line.startsWith(head!) && line.endsWith(tail)).toBe(true);
        const bounds = new Set([0]);
        let at = 0;
        for (const g of graphemes(line)) bounds.add((at += g.length));
        expect(bounds.has(head!.length)).toBe(true);
        expect(bounds.has(line.length - tail.length)).toBe(true);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('a review form with more results than fit shows the open results that fit and says how to record the rest', () => {
    const statuses = [
      { value: 'ongewijzigd', label: '(ongewijzigd)' },
      { value: 'op-koers', label: 'op koers' },
    ];
    const form: Form = {
      id: 'overleg',
      title: 'Overleg vastleggen',
      submitLabel: 'Vastleggen',
      overflow: 'Niet alle open resultaten passen in dit formulier. Leg de voortgang van de andere vast met /resultaat voortgang. Niet in dit formulier:',
      fields: [
        { name: 'datum', label: 'Datum', type: 'date', required: true },
        ...Array.from({ length: 50 }, (_, i) => [
          { name: `r${i + 1}`, label: `R-${i + 1} ${'tekst '.repeat(700)} (op koers)`, type: 'select' as const, required: false, options: statuses, initial: 'ongewijzigd', group: `R-${i + 1}` },
          { name: `r${i + 1}-toelichting`, label: `R-${i + 1}: toelichting`, type: 'text' as const, required: false, group: `R-${i + 1}` },
        ]).flat(),
        { name: 'besluiten', label: 'Besluiten', type: 'textarea', required: true },
      ],
    };
    const card = renderFormCard(form);
    expect(cardBytes(card)).toBeLessThanOrEqual(maxCardBytes);
    const inputs = card.body.filter((e: any) => e.type.startsWith('Input.')) as any[];
    const ids = inputs.map((i) => i.id);
    expect(ids[0]).toBe('f_datum');
    expect(ids.at(-1)).toBe('f_besluiten');
    const shown = ids.filter((id) => /^f_r\d+$/.test(id)).length;
    expect(shown).toBeGreaterThan(10);
    // Whole groups: every status shown has its note.
    for (let n = 1; n <= 50; n++) expect(ids.includes(`f_r${n}`)).toBe(ids.includes(`f_r${n}-toelichting`));
    expect(inputs.find((i) => i.id === 'f_r1').label).toMatch(/^R-1 tekst .*….*\(op koers\)$/);
    for (const choice of inputs.filter((i) => i.type === 'Input.ChoiceSet').flatMap((i) => i.choices)) expect(choice.value).not.toBe('');
    if (shown < 50) expect(cardText(card)).toContain(`Niet in dit formulier: R-${shown + 1}, `);
  });

  it('a form becomes inputs with the field names and one submit carrying the form id', () => {
    const form: Form = {
      id: 'inzet',
      title: 'Inzet vastleggen',
      submitLabel: 'Vastleggen',
      fields: [
        { name: 'aanbieder', label: 'Aanbieder', type: 'text', required: true },
        { name: 'rol', label: 'Rol', type: 'select', required: true, options: [{ value: 'ha', label: 'Hoofdaannemer' }], initial: 'ha' },
        { name: 'verwezen', label: 'Verwezen op', type: 'date', required: true, initial: '2026-03-02', hint: 'jjjj-mm-dd' },
        { name: 'score', label: 'Score', type: 'number', required: false, initial: '6', min: 0, max: 10 },
      ],
    };
    const card = renderFormCard(form, { error: { title: 'Er ontbreekt iets', text: 'Vul de aanbieder in.' }, values: { aanbieder: 'Jeugdhulp Test' } });
    const inputs = card.body.filter((e: any) => e.type.startsWith('Input.')) as any[];
    expect(inputs.map((i) => [i.type, i.id, i.value])).toEqual([
      ['Input.Text', 'f_aanbieder', 'Jeugdhulp Test'],
      ['Input.ChoiceSet', 'f_rol', 'ha'],
      ['Input.Date', 'f_verwezen', '2026-03-02'],
      ['Input.Number', 'f_score', 6],
    ]);
    expect(inputs.find((i) => i.type === 'Input.Number')).toMatchObject({ min: 0, max: 10 });
    expect(cardText(card)).toContain('🚨 Er ontbreekt iets');
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Vastleggen', data: { regiebot: 'form', formId: 'inzet' } })]);
  });

  it('parses what a button or a form sent, and nothing else', () => {
    expect(parseSubmission({ regiebot: 'action', actionId: 'signal.ack', value: '7' })).toEqual({ kind: 'action', actionId: 'signal.ack', value: '7' });
    expect(parseSubmission({ regiebot: 'form', formId: 'veiligheid', f_actueel: 6, f_blijvend: '4 ', f_toelichting: '', other: 'x' })).toEqual({
      kind: 'form',
      formId: 'veiligheid',
      values: { actueel: '6', blijvend: '4' },
    });
    expect(parseSubmission({ regiebot: 'action', actionId: 'Bad Id!' })).toEqual({ kind: 'unknown' });
    expect(parseSubmission('signal.ack')).toEqual({ kind: 'unknown' });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(['2'])).toBe(2000);
    expect(retryAfterMs(undefined)).toBe(1000);
    expect(retryAfterMs('Mon, 02 Mar 2026 09:00:10 GMT', Date.parse('2026-03-02T09:00:00Z'))).toBe(10_000);
  });
});

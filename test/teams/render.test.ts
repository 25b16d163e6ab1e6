/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads card JSON loosely */
import { describe, expect, it } from 'vitest';
import { maxCardChars, parseSubmission, plainNames, renderCard, renderFormCard } from '../../adapters/teams/cards.js';
import { retryAfterMs } from '../../adapters/teams/deliver.js';
import { baseConversationId, decodeEntities, mergeSplitMentions, neutralText, type MentionEntity } from '../../adapters/teams/text.js';
import type { Form, Message } from '../../src/message.js';
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

  it('a very long list is cut to fit one Teams message, and says so', () => {
    const long: Message = { title: 'Tijdlijn', lines: Array.from({ length: 2000 }, (_, i) => `Regel ${i} met wat tekst erbij om ruimte te vullen`) };
    const card = renderCard(long);
    expect(JSON.stringify(card).length).toBeLessThanOrEqual(maxCardChars);
    expect(cardText(card)).toMatch(/regels meer \(ingekort voor Teams\)/);
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
        { name: 'score', label: 'Score', type: 'number', required: false, initial: '6' },
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

import { describe, expect, it } from 'vitest';
import { parseMessageRef } from '../../adapters/slack/deliver.js';
import { decodeMetadata, encodeMetadata, formErrors, formValues, renderForm } from '../../adapters/slack/forms.js';
import { renderHome } from '../../adapters/slack/home.js';
import { caseChannelName } from '../../adapters/slack/provisioner.js';
import { baseActionId, blocksTextLength, chunk, fitLines, mrkdwn, neutralText, renderMessage } from '../../adapters/slack/render.js';
import type { Form, Message } from '../../src/kernel/message.js';

describe('mrkdwn', () => {
  it('escapes what a user typed, but keeps mentions', () => {
    expect(mrkdwn('A & B <script> <!channel> <@U123> <@U456|sanne>')).toBe('A &amp; B &lt;script&gt; &lt;!channel&gt; <@U123> <@U456>');
  });

  it('a link typed as text stays text', () => {
    expect(mrkdwn('<https://example.org|klik>')).toBe('&lt;https://example.org|klik&gt;');
  });
});

describe('neutralText (command text as Slack escapes it)', () => {
  it('keeps user mentions with their name, flattens the rest', () => {
    expect(neutralText('lid <@U0HA|sanne.de.vries> ha')).toBe('lid <@U0HA|sanne.de.vries> ha');
    expect(neutralText('in <#C01|overleg> <!here> <!subteam^S1|@team-noord>')).toBe('in #overleg @here @team-noord');
    expect(neutralText('zie <https://example.org/a?b=1&amp;c=2|het plan>')).toBe('zie het plan (https://example.org/a?b=1&c=2)');
    expect(neutralText('mail <mailto:x@example.org|x@example.org>')).toBe('mail x@example.org (mailto:x@example.org)');
  });

  it('unescapes entities once', () => {
    expect(neutralText('A &amp; B &lt;3 &gt; 2 &amp;lt;')).toBe('A & B <3 > 2 &lt;');
  });
});

describe('renderMessage', () => {
  it('renders title, text, fields, lines, actions and context, with a plain fallback', () => {
    const m: Message = {
      title: 'Signaal S-3: zorg (hoog)',
      text: 'School meldt verzuim.',
      fields: [{ label: 'Gemeld door', value: '<@U0HA> (hoofdaannemer)' }],
      lines: ['Wacht op bevestiging', 'Reactietermijn 4 uur'],
      actions: [{ id: 'signal.ack', label: 'Bevestigen', value: '17', style: 'primary' }],
      context: '02-03-2026 10:00',
      tone: 'warning',
    };
    const { text, blocks } = renderMessage(m);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions', 'context']);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':warning: Signaal S-3: zorg (hoog)', emoji: true } });
    expect(blocks[2]).toMatchObject({ fields: [{ type: 'mrkdwn', text: '*Gemeld door*\n<@U0HA> (hoofdaannemer)' }] });
    expect(blocks[3]).toMatchObject({ text: { text: '• Wacht op bevestiging\n• Reactietermijn 4 uur' } });
    expect(blocks[4]).toEqual({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'signal.ack', text: { type: 'plain_text', text: 'Bevestigen', emoji: true }, value: '17', style: 'primary' }],
    });
    expect(text).toBe(':warning: Signaal S-3: zorg (hoog)\nSchool meldt verzuim.');
  });

  it('puts a title with a mention in a section, where mentions work', () => {
    const { blocks } = renderMessage({ title: '<@U0HA> is toegevoegd', names: { U0HA: 'Sanne' } });
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*<@U0HA> is toegevoegd*' } });
  });

  it('stays within Block Kit limits for long content', () => {
    const long = 'x'.repeat(7000);
    const fields = Array.from({ length: 13 }, (_, i) => ({ label: `Veld ${i}`, value: 'waarde' }));
    const { blocks, text } = renderMessage({ title: 'T'.repeat(200), text: long, fields });
    expect(blocks[0]?.type).toBe('section');
    const sections = blocks.filter((b) => b.type === 'section') as Array<{ text?: { text: string }; fields?: unknown[] }>;
    for (const s of sections) {
      if (s.text) expect(s.text.text.length).toBeLessThanOrEqual(3000);
      if (s.fields) expect(s.fields.length).toBeLessThanOrEqual(10);
    }
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('makes repeated action ids unique, and maps them back', () => {
    const { blocks } = renderMessage({
      title: 'Open signalen',
      actions: [
        { id: 'signal.ack', label: 'S-1', value: '1' },
        { id: 'signal.ack', label: 'S-2', value: '2' },
        { id: 'silence.ok', label: 'Alles goed', value: '9' },
      ],
    });
    const ids = (blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.map(baseActionId)).toEqual(['signal.ack', 'signal.ack', 'silence.ok']);
  });

  it('chunks at line breaks', () => {
    expect(chunk('aaa\nbbb\nccc', 8)).toEqual(['aaa\nbbb', 'ccc']);
  });
});

describe('forms', () => {
  const form: Form = {
    id: 'inzet',
    title: 'Verwijzing naar een aanbieder vastleggen',
    submitLabel: 'Vastleggen',
    fields: [
      { name: 'aanbieder', label: 'Aanbieder', type: 'text', required: true },
      { name: 'rol', label: 'Rol', type: 'select', required: true, options: [{ value: 'ha', label: 'hoofdaannemer' }, { value: 'oa', label: 'onderaannemer' }] },
      { name: 'verwezen', label: 'Verwezen op', type: 'date', required: true, initial: '2026-03-01' },
      { name: 'actueel', label: 'Actuele veiligheid (0-10)', type: 'number', required: false, hint: 'Een geheel getal', min: 0, max: 10 },
    ],
  };

  it('renders a modal within Slack limits, with the channel in private_metadata', () => {
    const view = renderForm(form, { channelId: 'C0CASE' });
    expect(view.callback_id).toBe('inzet');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(decodeMetadata(view.private_metadata)).toEqual({ channelId: 'C0CASE' });
    expect(view.blocks.map((b) => (b as { element: { type: string } }).element.type)).toEqual(['plain_text_input', 'static_select', 'datepicker', 'number_input']);
    expect(view.blocks[2]).toMatchObject({ element: { initial_date: '2026-03-01' } });
    expect(view.blocks[3]).toMatchObject({ optional: true, hint: { text: 'Een geheel getal' } });
    // The number field carries its range: Slack refuses 12 in the modal itself.
    expect(view.blocks[3]).toMatchObject({ element: { min_value: '0', max_value: '10', is_decimal_allowed: false } });
  });

  it('reads submitted values by field name, leaving out empty ones', () => {
    expect(
      formValues({
        aanbieder: { value: { type: 'plain_text_input', value: 'Zorgpartner-Noord' } },
        rol: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'hoofdaannemer' }, value: 'ha' } } },
        verwezen: { value: { type: 'datepicker', selected_date: '2026-03-01' } },
        actueel: { value: { type: 'number_input', value: null } },
      }),
    ).toEqual({ aanbieder: 'Zorgpartner-Noord', rol: 'ha', verwezen: '2026-03-01' });
  });

  it('puts an error under the field it names, else under the first', () => {
    const view = renderForm(form, { channelId: 'C0CASE' }) as unknown as Parameters<typeof formErrors>[0];
    expect(Object.keys(formErrors(view, { title: 'Fout', text: 'Verwezen op ligt in de toekomst.' }))).toEqual(['verwezen']);
    expect(Object.keys(formErrors(view, { title: 'Fout', text: 'Onbekende rol "xx".' }))).toEqual(['rol']);
    expect(Object.keys(formErrors(view, { title: 'Er ging iets mis' }))).toEqual(['aanbieder']);
  });

  it('survives broken metadata', () => {
    expect(decodeMetadata('nonsense')).toEqual({ channelId: '' });
    expect(decodeMetadata(encodeMetadata({ channelId: 'C1' }))).toEqual({ channelId: 'C1' });
  });
});

describe('helpers', () => {
  it('names case channels as Slack allows', () => {
    expect(caseChannelName('ABC-123')).toBe('casus-abc-123');
    expect(caseChannelName('Café 7/ß')).toBe('casus-cafe-7');
    expect(caseChannelName('ABC-123', 2)).toBe('casus-abc-123-2');
    expect(caseChannelName('X'.repeat(100), 3)).toHaveLength(80);
    expect(caseChannelName('X'.repeat(100), 3).endsWith('-3')).toBe(true);
  });

  it('reads message references of channel posts and direct messages', () => {
    expect(parseMessageRef('C1', '1700.000100')).toEqual({ channel: 'C1', ts: '1700.000100' });
    expect(parseMessageRef(null, 'DU1/1700.000200')).toEqual({ channel: 'DU1', ts: '1700.000200' });
    expect(parseMessageRef(null, '1700.000300')).toBeNull();
  });

  it('stacks home messages with dividers, within 100 blocks', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ title: `Casus C-${i}`, lines: ['1 open signaal'] }));
    const view = renderHome(many);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.at(-1)?.type).toBe('context');
  });
});

describe('fitting long lists into a message', () => {
  it('shortens every item to an equal share first, whole graphemes only', () => {
    const items = Array.from({ length: 10 }, (_, i) => `R-${i + 1} ${'👍🏽'.repeat(200)}`);
    const fitted = fitLines(items, 3000);
    expect(fitted).toHaveLength(10);
    expect(fitted.join('\n').length).toBeLessThanOrEqual(3000);
    for (const line of fitted) expect(line).toMatch(/^R-\d+ (👍🏽)+…$/u);
  });

  it('then leaves items out from the end and says how many, and which command shows them', () => {
    const items = Array.from({ length: 100 }, (_, i) => `S-${i + 1} ${'x'.repeat(300)}`);
    const fitted = fitLines(items, 2000, '/signaal lijst');
    expect(fitted.join('\n').length).toBeLessThanOrEqual(2000);
    const left = 100 - (fitted.length - 1);
    expect(fitted.at(-1)).toBe(`… en ${left} meer: typ /signaal lijst om alles te zien.`);
    expect(fitted[0]).toMatch(/^S-1 x+…$/);
  });

  it('keeps a message with a huge list within Slack\'s limits, pointing to the full list', () => {
    const rendered = renderMessage({
      title: 'Casus TST-301',
      fields: [{ label: 'Open signalen', value: Array.from({ length: 100 }, (_, i) => `S-${i + 1} zorg (normaal), gemeld door <@U0GM00001>`).join('\n'), more: '/signaal lijst' }],
      lines: Array.from({ length: 50 }, (_, i) => `R-${i + 1} ${'tekst '.repeat(700)}`),
    });
    expect(blocksTextLength(rendered.blocks)).toBeLessThanOrEqual(11_000);
    const shown = JSON.stringify(rendered.blocks);
    expect(shown).toMatch(/… en \d+ meer: typ \/signaal lijst om alles te zien\./);
    expect(shown).toContain('R-50 ');
  });
});

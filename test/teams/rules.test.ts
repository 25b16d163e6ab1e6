/* eslint-disable @typescript-eslint/no-explicit-any -- test code builds Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActivity, renderCard, renderFormCard } from '../../adapters/teams/cards.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { activityBytes, adaptiveCardType, maxMessageBytes } from '../fakes/teams-rules.js';

// Each Teams rule of the fake Bot Connector, proven by a payload that breaks it,
// sent over HTTP as the SDK sends it; and what the bot renders passes them.

let connector: FakeBotConnector;
beforeAll(async () => {
  connector = await FakeBotConnector.start();
});
afterAll(async () => {
  await connector.close();
});

async function send(activity: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<{ status: number; body: any }> {
  const path = method === 'PUT' ? '/teams/v3/conversations/19%3Aregels/activities/1' : '/teams/v3/conversations/19%3Aregels/activities';
  const res = await fetch(`${connector.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });
const withCard = (content: unknown) => ({ type: 'message', attachments: [{ contentType: adaptiveCardType, content }] });
const text = (t: string) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: t }] });

describe('the fake Bot Connector refuses what Teams refuses', () => {
  it('a message over 100 KB: 413 MessageSizeTooBig (UTF-8 bytes, not characters)', async () => {
    // 40,000 characters of "é" are 80,000 bytes: under the limit in characters, over it with the rest in bytes.
    const big = withCard(card([text('é'.repeat(40_000)), text('€'.repeat(8_000))]));
    expect(JSON.stringify(big).length).toBeLessThan(maxMessageBytes);
    expect(activityBytes(big)).toBeGreaterThan(maxMessageBytes);
    const res = await send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('MessageSizeTooBig');
    expect((await send(big, 'PUT')).status).toBe(413);
    expect(connector.refusals().length).toBeGreaterThanOrEqual(2);
  });

  it('just under the limit, or with a base64 image (which Teams does not count), is accepted', async () => {
    expect((await send(withCard(card([text('a'.repeat(90_000))])))).status).toBe(201);
    const image = { type: 'Image', url: `data:image/png;base64,${'A'.repeat(150_000)}`, altText: 'grafiek' };
    expect((await send(withCard(card([text('kop'), image])))).status).toBe(201);
  });

  it('a choice with an empty value: 400, as Microsoft\'s adaptivecards library reports', async () => {
    const res = await send(withCard(card([{ type: 'Input.ChoiceSet', id: 'x', label: 'Status', choices: [{ title: '(ongewijzigd)', value: '' }] }])));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadArgument');
    expect(res.body.error.message).toMatch(/title and value/);
  });

  it('a card version above 1.5: 400', async () => {
    const res = await send(withCard(card([text('x')], { version: '1.6' })));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/version 1\.6 is above 1\.5/);
  });

  it('a property the declared version does not have: 400', async () => {
    const res = await send(withCard(card([{ type: 'Input.Text', id: 'q', label: 'Vraag', isRequired: true }], { version: '1.2' })));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/isRequired.*1\.3/);
  });

  it('an unknown element, an invalid value, duplicate input ids: 400 each', async () => {
    expect((await send(withCard(card([{ type: 'Tekstblok', text: 'x' }])))).body.error.message).toMatch(/Unknown element type/);
    expect((await send(withCard(card([{ type: 'Container', style: 'fel', items: [text('x')] }])))).body.error.message).toMatch(/Invalid value "fel"/);
    const dup = await send(withCard(card([{ type: 'Input.Text', id: 'a', label: 'A' }, { type: 'Input.Text', id: 'a', label: 'B' }])));
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toMatch(/Duplicate Id/);
  });

  it('what the bot renders is accepted: a message card and a form card with every input type', async () => {
    const message = renderCard({
      title: 'Signaal S-1 👨‍👩‍👧',
      text: 'tekst\ntweede regel',
      fields: [{ label: 'Door', value: 'Joris' }],
      lines: ['een', 'twee'],
      context: 'ma 2 mrt',
      tone: 'danger',
      actions: [{ id: 'signal.ack', label: 'Bevestigen', value: '1', style: 'primary' }],
    });
    expect((await send(cardActivity(message))).status).toBe(201);
    const form = renderFormCard({
      id: 'overleg',
      title: 'Overleg vastleggen',
      submitLabel: 'Vastleggen',
      fields: [
        { name: 'datum', label: 'Datum', type: 'date', required: true, initial: '2026-03-02' },
        { name: 'r1', label: 'R-1', type: 'select', required: false, options: [{ value: 'ongewijzigd', label: '(ongewijzigd)' }, { value: 'behaald', label: 'behaald' }] },
        { name: 'n', label: 'Aantal', type: 'number', required: false },
        { name: 'besluiten', label: 'Besluiten', type: 'textarea', required: true, hint: 'Noem R-1' },
      ],
    });
    expect((await send(cardActivity(form))).status).toBe(201);
  });
});

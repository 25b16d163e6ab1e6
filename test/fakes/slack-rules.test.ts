/* eslint-disable @typescript-eslint/no-explicit-any -- payloads built loosely, as a buggy bot would send them */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from './slack-api.js';
import { checkMessage, checkUploadUrl, checkView, checkViewErrors, slackLimits as L } from './slack-rules.js';

// Each of Slack's rules in slack-rules.ts, broken once: the rule must refuse
// the payload with Slack's error code, and the same payload one step inside
// the limit must pass, so no rule can pass by refusing everything.

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string, extra: Record<string, any> = {}) => ({ type: 'section', text: mrkdwn(text), ...extra });
const button = (extra: Record<string, any> = {}) => ({ type: 'button', action_id: 'a', text: plain('Ok'), value: 'v', ...extra });
const select = (extra: Record<string, any> = {}) => ({ type: 'static_select', action_id: 's', options: [{ text: plain('Een'), value: 'een' }], ...extra });
const input = (element: any, extra: Record<string, any> = {}) => ({ type: 'input', block_id: 'veld', label: plain('Veld'), element, ...extra });
const modal = (extra: Record<string, any> = {}) => ({ type: 'modal', title: plain('Titel'), submit: plain('Ok'), blocks: [section('x')], ...extra });
const msg = (blocks: any[], extra: Record<string, any> = {}) => ({ text: 'fallback', blocks, ...extra });
const repeat = (n: number, make: (i: number) => any) => Array.from({ length: n }, (_, i) => make(i));
const x = (n: number) => 'x'.repeat(n);

/** A message rule: the first payload is refused with `error`, the second accepted. */
function messageRule(name: string, error: string, bad: Record<string, any>, good: Record<string, any>, pointer?: string): void {
  it(name, () => {
    const refused = checkMessage(bad);
    expect(refused?.error).toBe(error);
    if (pointer) expect(refused?.message).toContain(`[json-pointer:${pointer}]`);
    expect(checkMessage(good)).toBeUndefined();
  });
}

function viewRule(name: string, bad: any, good: any, pointer: string): void {
  it(name, () => {
    const refused = checkView(bad);
    expect(refused?.error).toBe('invalid_arguments');
    expect(refused?.message).toContain(`[json-pointer:${pointer}]`);
    expect(checkView(good)).toBeUndefined();
  });
}

describe('Slack message rules (invalid_blocks, msg_too_long, …)', () => {
  messageRule(`≤ ${L.messageBlocks.max} blocks per message`, 'invalid_blocks', msg(repeat(51, () => ({ type: 'divider' }))), msg(repeat(50, () => ({ type: 'divider' }))), '/blocks');
  messageRule('section text ≤ 3000', 'invalid_blocks', msg([section(x(3001))]), msg([section(x(3000))]), '/blocks/0/text/text');
  messageRule('section text not empty', 'invalid_blocks', msg([section('')]), msg([section('a')]), '/blocks/0/text/text');
  messageRule('≤ 10 fields per section', 'invalid_blocks', msg([{ type: 'section', fields: repeat(11, () => mrkdwn('f')) }]), msg([{ type: 'section', fields: repeat(10, () => mrkdwn('f')) }]), '/blocks/0/fields');
  messageRule('field ≤ 2000', 'invalid_blocks', msg([{ type: 'section', fields: [mrkdwn(x(2001))] }]), msg([{ type: 'section', fields: [mrkdwn(x(2000))] }]), '/blocks/0/fields/0/text');
  messageRule('header ≤ 150, plain text', 'invalid_blocks', msg([{ type: 'header', text: plain(x(151)) }]), msg([{ type: 'header', text: plain(x(150)) }]), '/blocks/0/text/text');
  messageRule('header is plain_text', 'invalid_blocks', msg([{ type: 'header', text: mrkdwn('kop') }]), msg([{ type: 'header', text: plain('kop') }]), '/blocks/0/text/type');
  messageRule('context ≤ 10 elements', 'invalid_blocks', msg([{ type: 'context', elements: repeat(11, () => mrkdwn('c')) }]), msg([{ type: 'context', elements: repeat(10, () => mrkdwn('c')) }]), '/blocks/0/elements');
  messageRule('actions ≤ 25 elements', 'invalid_blocks', msg([{ type: 'actions', elements: repeat(26, (i) => button({ action_id: `a${i}` })) }]), msg([{ type: 'actions', elements: repeat(25, (i) => button({ action_id: `a${i}` })) }]), '/blocks/0/elements');
  messageRule('button text ≤ 75', 'invalid_blocks', msg([{ type: 'actions', elements: [button({ text: plain(x(76)) })] }]), msg([{ type: 'actions', elements: [button({ text: plain(x(75)) })] }]), '/blocks/0/elements/0/text/text');
  messageRule('button value ≤ 2000', 'invalid_blocks', msg([{ type: 'actions', elements: [button({ value: x(2001) })] }]), msg([{ type: 'actions', elements: [button({ value: x(2000) })] }]), '/blocks/0/elements/0/value');
  messageRule('action_id ≤ 255', 'invalid_blocks', msg([{ type: 'actions', elements: [button({ action_id: x(256) })] }]), msg([{ type: 'actions', elements: [button({ action_id: x(255) })] }]), '/blocks/0/elements/0/action_id');
  messageRule(
    'action_id unique within its block',
    'invalid_blocks',
    msg([{ type: 'actions', elements: [button(), button()] }]),
    msg([{ type: 'actions', elements: [button()] }, { type: 'actions', elements: [button()] }]),
    '/blocks/0/elements/1/action_id',
  );
  messageRule('block_id ≤ 255', 'invalid_blocks', msg([section('a', { block_id: x(256) })]), msg([section('a', { block_id: x(255) })]), '/blocks/0/block_id');
  messageRule('block_id unique', 'invalid_blocks', msg([section('a', { block_id: 'b' }), section('a', { block_id: 'b' })]), msg([section('a', { block_id: 'b' }), section('a', { block_id: 'c' })]), '/blocks/1/block_id');
  messageRule('image alt_text present', 'invalid_blocks', msg([{ type: 'image', image_url: 'https://example.invalid/p.png' }]), msg([{ type: 'image', image_url: 'https://example.invalid/p.png', alt_text: 'grafiek' }]), '/blocks/0/alt_text');
  messageRule('a top-level text with blocks', 'no_text', { blocks: [section('a')] }, msg([section('a')]));
  messageRule('text ≤ 40,000', 'msg_too_long', { text: x(40_001) }, { text: x(40_000) });
  messageRule(
    'all text of the blocks ≤ 12,000',
    'msg_blocks_too_long',
    msg(repeat(5, () => section(x(2500)))),
    msg(repeat(4, () => section(x(2500)))),
  );
  messageRule('no unknown block types', 'invalid_blocks', msg([{ type: 'sectie', text: mrkdwn('a') }]), msg([section('a')]), '/blocks/0/type');
});

describe('Slack view rules (invalid_arguments)', () => {
  viewRule(`≤ ${L.viewBlocks.max} blocks in a modal`, modal({ blocks: repeat(101, () => ({ type: 'divider' })) }), modal({ blocks: repeat(100, () => ({ type: 'divider' })) }), '/view/blocks');
  viewRule('≤ 100 blocks in a Home tab', { type: 'home', blocks: repeat(101, () => ({ type: 'divider' })) }, { type: 'home', blocks: repeat(100, () => ({ type: 'divider' })) }, '/view/blocks');
  viewRule('modal title ≤ 24', modal({ title: plain(x(25)) }), modal({ title: plain(x(24)) }), '/view/title/text');
  viewRule('modal submit ≤ 24', modal({ submit: plain(x(25)) }), modal({ submit: plain(x(24)) }), '/view/submit/text');
  viewRule('modal close ≤ 24', modal({ close: plain(x(25)) }), modal({ close: plain(x(24)) }), '/view/close/text');
  viewRule('a modal with inputs has a submit button', modal({ submit: undefined, blocks: [input(select())] }), modal({ blocks: [input(select())] }), '/view/submit');
  viewRule('private_metadata ≤ 3000', modal({ private_metadata: x(3001) }), modal({ private_metadata: x(3000) }), '/view/private_metadata');
  viewRule('callback_id ≤ 255', modal({ callback_id: x(256) }), modal({ callback_id: x(255) }), '/view/callback_id');
  viewRule('input label ≤ 2000', modal({ blocks: [input(select(), { label: plain(x(2001)) })] }), modal({ blocks: [input(select(), { label: plain(x(2000)) })] }), '/view/blocks/0/label/text');
  viewRule('input hint ≤ 2000', modal({ blocks: [input(select(), { hint: plain(x(2001)) })] }), modal({ blocks: [input(select(), { hint: plain(x(2000)) })] }), '/view/blocks/0/hint/text');
  viewRule('placeholder ≤ 150', modal({ blocks: [input(select({ placeholder: plain(x(151)) }))] }), modal({ blocks: [input(select({ placeholder: plain(x(150)) }))] }), '/view/blocks/0/element/placeholder/text');
  const options = (n: number) => repeat(n, (i) => ({ text: plain(`o${i}`), value: `o${i}` }));
  viewRule('static_select ≤ 100 options', modal({ blocks: [input(select({ options: options(101) }))] }), modal({ blocks: [input(select({ options: options(100) }))] }), '/view/blocks/0/element/options');
  viewRule('option text ≤ 75', modal({ blocks: [input(select({ options: [{ text: plain(x(76)), value: 'v' }] }))] }), modal({ blocks: [input(select({ options: [{ text: plain(x(75)), value: 'v' }] }))] }), '/view/blocks/0/element/options/0/text/text');
  viewRule('option value not empty', modal({ blocks: [input(select({ options: [{ text: plain('leeg'), value: '' }] }))] }), modal({ blocks: [input(select({ options: [{ text: plain('leeg'), value: 'v' }] }))] }), '/view/blocks/0/element/options/0/value');
  viewRule('option value ≤ 150', modal({ blocks: [input(select({ options: [{ text: plain('o'), value: x(151) }] }))] }), modal({ blocks: [input(select({ options: [{ text: plain('o'), value: x(150) }] }))] }), '/view/blocks/0/element/options/0/value');
  viewRule(
    'initial_option is one of the options',
    modal({ blocks: [input(select({ initial_option: { text: plain('Twee'), value: 'twee' } }))] }),
    modal({ blocks: [input(select({ initial_option: { text: plain('Een'), value: 'een' } }))] }),
    '/view/blocks/0/element/initial_option',
  );
  viewRule(
    'plain_text_input initial_value ≤ 3000',
    modal({ blocks: [input({ type: 'plain_text_input', action_id: 'v', initial_value: x(3001) })] }),
    modal({ blocks: [input({ type: 'plain_text_input', action_id: 'v', initial_value: x(3000) })] }),
    '/view/blocks/0/element/initial_value',
  );
});

describe('Slack upload rules', () => {
  it('files.getUploadURLExternal: alt_txt ≤ 1000, a filename and a length', () => {
    expect(checkUploadUrl({ filename: 'a.png', length: 10, alt_txt: x(1001) })?.error).toBe('alt_txt_too_large');
    expect(checkUploadUrl({ length: 10 })?.error).toBe('invalid_arguments');
    expect(checkUploadUrl({ filename: 'a.png', length: 0 })?.error).toBe('missing_argument');
    expect(checkUploadUrl({ filename: 'a.png', length: 10, alt_txt: x(1000) })).toBeUndefined();
  });
});

describe('the fake Web API answers with the rules', () => {
  let fake: FakeSlackApi;
  beforeAll(async () => {
    fake = await FakeSlackApi.start();
  });
  afterAll(async () => {
    // Refused on purpose above; otherwise close() reports them as a failure.
    fake.refusals.length = 0;
    await fake.close();
  });

  it('close() fails the test that left a refused payload behind', async () => {
    const other = await FakeSlackApi.start();
    await fetch(`${other.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'D1', blocks: [section('a')] }) });
    await expect(other.close()).rejects.toThrow(/no_text/);
  });

  async function call(method: string, args: Record<string, any>): Promise<any> {
    const res = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
    return res.json();
  }

  it('chat.postMessage over 50 blocks: invalid_blocks with the place, nothing stored', async () => {
    const channel = fake.createChannel('regels');
    const answer = await call('chat.postMessage', msg(repeat(51, () => ({ type: 'divider' })), { channel }));
    expect(answer).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(answer.response_metadata.messages[0]).toContain('[json-pointer:/blocks]');
    expect(fake.messagesIn(channel)).toEqual([]);
    expect(fake.refusals.at(-1)?.method).toBe('chat.postMessage');
  });

  it('views.open with 101 blocks: invalid_arguments, no view opened', async () => {
    const answer = await call('views.open', { trigger_id: 't.1', view: modal({ blocks: repeat(101, () => ({ type: 'divider' })) }) });
    expect(answer).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(fake.views).toEqual([]);
  });

  it('a refused response_url post gets HTTP 400 and is not shown', async () => {
    const res = await fetch(fake.responseUrl('r1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ blocks: [section('zonder tekst')] }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toBe('no_text');
    expect(fake.responded).toEqual([]);
  });

  it('files.getUploadURLExternal keeps alt_txt, the documented name, and ignores alt_text', async () => {
    const a = await call('files.getUploadURLExternal', { filename: 'a.png', length: 4, alt_text: 'oud' });
    const b = await call('files.getUploadURLExternal', { filename: 'b.png', length: 4, alt_txt: 'grafiek' });
    expect(fake.files.get(a.file_id)?.alt).toBeUndefined();
    expect(fake.files.get(b.file_id)?.alt).toBe('grafiek');
  });
});

describe('view_submission errors and number inputs', () => {
  const view = modal({ blocks: [section('uitleg', { block_id: 'uitleg' }), input({ type: 'plain_text_input', action_id: 'value' })] });

  it('errors keyed by an input block id of the view pass; keyed by another block, an unknown id or nothing, they are refused', () => {
    expect(checkViewErrors({ veld: 'Vul dit in.' }, view)).toBeUndefined();
    expect(checkViewErrors({ uitleg: 'Vul dit in.' }, view)?.message).toContain('not the block_id of an input block');
    expect(checkViewErrors({ anders: 'Vul dit in.' }, view)?.message).toContain('[json-pointer:/errors/anders]');
    expect(checkViewErrors({}, view)?.error).toBe('invalid_arguments');
    expect(checkViewErrors({ veld: '' }, view)?.error).toBe('invalid_arguments');
  });

  it('a number input whose max is below its min, or whose initial value is outside them, is refused', () => {
    const number = (extra: Record<string, any>) => modal({ blocks: [input({ type: 'number_input', action_id: 'value', is_decimal_allowed: false, ...extra })] });
    expect(checkView(number({ min_value: '0', max_value: '10', initial_value: '10' }))).toBeUndefined();
    expect(checkView(number({ min_value: '10', max_value: '0' }))?.message).toContain('cannot be less than min_value');
    expect(checkView(number({ min_value: '0', max_value: '10', initial_value: '11' }))?.message).toContain('between min_value and max_value');
    expect(checkView(number({ min_value: 0 }))?.message).toContain('numeric string');
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { SlackProvisionError } from '../../adapters/slack/provisioner.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Form, Message } from '../../src/kernel/message.js';
import { Outbox, type OutboxItem } from '../../src/kernel/outbox.js';
import { RateLimited } from '../../src/outbox/sender.js';
import { InboxProcessor } from '../../src/inbound/processor.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim } from '../fakes/slack-sign.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { adapterRig, ScriptedCore, signingSecret, visibleText, type AdapterRig } from './harness.js';
import { eventually } from '../helpers/wait.js';

// The adapter alone: Bolt on loopback, signed requests as Slack sends them, a
// scripted core, and the fake Web API. Checks the translation both ways.

const gm = { id: 'U0GM00001', name: 'gm.test' };
const ha = { id: 'U0HA00001', name: 'ha.test' };

const signalForm: Form = {
  id: 'signaal',
  title: 'Signaal melden',
  submitLabel: 'Melden',
  fields: [
    { name: 'soort', label: 'Soort', type: 'select', required: true, options: [{ value: 'zorg', label: 'zorg' }, { value: 'veiligheid', label: 'veiligheid' }] },
    { name: 'urgentie', label: 'Urgentie', type: 'select', required: true, initial: 'normaal', options: [{ value: 'hoog', label: 'hoog' }, { value: 'normaal', label: 'normaal' }] },
    { name: 'oorzaak', label: 'Oorzaak', type: 'select', required: false, options: [{ value: 'gezin', label: 'gezin' }] },
    { name: 'tekst', label: 'Wat is er aan de hand?', type: 'textarea', required: true },
  ],
};

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function item(partial: Partial<OutboxItem> & Pick<OutboxItem, 'kind' | 'message'>): OutboxItem {
  return { id: 1, platform: 'slack', conversationId: null, userId: null, caseId: 7, attempts: 0, ...partial };
}

describe('slash commands', () => {
  it('hands the typed line and the context to the core, and answers only the sender (ephemeral ack)', async () => {
    rig = await adapterRig();
    rig.core.answer = () => ({ message: { title: 'Signaal S-1 vastgelegd', text: 'Dank je.', tone: 'success' } });
    const res = await rig.sim.command(ha, 'C0CASE001', '/signaal', 'zorg hoog oorzaak:hulp wachtlijst loopt op');
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(visibleText(res.json)).toContain('Signaal S-1 vastgelegd');
    expect(rig.core.calls).toEqual([
      {
        fn: 'handleText',
        ctx: { actor: { platform: 'slack', userId: ha.id, displayName: ha.name }, conversationId: 'C0CASE001', now: rig.clock.now() },
        text: '/signaal zorg hoog oorzaak:hulp wachtlijst loopt op',
      },
    ]);
    // Nothing reached the channel from the listener itself.
    expect(rig.fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('passes escaped mentions on as mentions and unescapes the rest', async () => {
    rig = await adapterRig();
    await rig.sim.command(gm, 'C0CASE001', '/casus', 'lid <@U0HA00001|ha.test> hoofdaannemer');
    await rig.sim.command(gm, 'C0CASE001', '/overleg', 'gehouden vandaag afspraak: A &amp; B &lt;samen&gt; in <#C0OTHER|overleg> <!here>');
    const texts = rig.core.calls.map((c) => (c.fn === 'handleText' ? c.text : ''));
    expect(texts[0]).toBe('/casus lid <@U0HA00001|ha.test> hoofdaannemer');
    expect(texts[1]).toBe('/overleg gehouden vandaag afspraak: A & B <samen> in #overleg @here');
  });

  it('a refusal goes to the sender only, and nothing is posted', async () => {
    rig = await adapterRig();
    rig.core.answer = () => ({ error: true, message: { title: 'Dit mag alleen de gezinsmanager', text: 'Gebruik: /veiligheid actueel <0-10> blijvend <0-10>', tone: 'danger' } });
    const res = await rig.sim.command(ha, 'C0CASE001', '/veiligheid', 'actueel 4 blijvend 5');
    expect(res.json.response_type).toBe('ephemeral');
    expect(visibleText(res.json)).toContain('Dit mag alleen de gezinsmanager');
    expect(visibleText(res.json)).toContain('/veiligheid actueel &lt;0-10&gt;');
    await rig.adapter.settled();
    expect(rig.fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('opens the modal with the trigger id when the core answers with a form', async () => {
    rig = await adapterRig();
    rig.core.answer = () => ({ form: signalForm });
    const res = await rig.sim.command(ha, 'C0CASE001', '/signaal', '', { triggerId: 'trig-abc.U0HA00001' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await rig.adapter.settled();
    const [open] = rig.fake.callsOf('views.open');
    expect(open?.args.trigger_id).toBe('trig-abc.U0HA00001');
    expect(open?.args.view.callback_id).toBe('signaal');
    expect(JSON.parse(open?.args.view.private_metadata)).toEqual({ c: 'C0CASE001' });
    expect(open?.args.view.blocks.map((b: any) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['soort', 'static_select', false],
      ['urgentie', 'static_select', false],
      ['oorzaak', 'static_select', true],
      ['tekst', 'plain_text_input', false],
    ]);
    expect(open?.args.view.blocks[1].element.initial_option.value).toBe('normaal');
  });

  it('says so (ephemerally) when the modal cannot be opened', async () => {
    rig = await adapterRig();
    rig.core.answer = () => ({ form: signalForm });
    const res = await rig.sim.command(ha, 'C0CASE001', '/signaal', '', { triggerId: 'expired-1' });
    expect(res.status).toBe(200);
    await rig.adapter.settled();
    expect(rig.fake.responded).toHaveLength(1);
    expect(rig.fake.responded[0]?.body.response_type).toBe('ephemeral');
    expect(visibleText(rig.fake.responded[0]?.body)).toContain('Het formulier kon niet worden geopend');
  });

  it('stores the command and acks before the core runs; the answer comes later through response_url', async () => {
    const r = (rig = await adapterRig());
    // The core answers only when the test says so: the ack must come first.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    rig.core.answer = () => held.then(() => ({ message: { title: 'Casus ABC-1 aangemaakt' } }));
    let coreRunningAtAck = false;
    // The sim calls this after the ack arrived: the core is still held then.
    const sim = new SlackSim(rig.sim.eventsUrl, signingSecret, rig.fake, async () => {
      await eventually(() => r.core.calls.length === 1);
      coreRunningAtAck = r.fake.responded.length === 0;
      release();
      await r.adapter.settled();
    });
    const res = await sim.command(gm, 'C0GENERAL', '/casus', 'nieuw ABC-1');
    expect(res.ack).toMatchObject({ status: 200, text: '' });
    expect(coreRunningAtAck).toBe(true);
    const late = rig.fake.responded.find((r) => r.id === res.responseId);
    expect(late?.body.response_type).toBe('ephemeral');
    expect(late?.body.replace_original).toBe(false);
    expect(visibleText(late?.body)).toContain('Casus ABC-1 aangemaakt');
  });

  it('a crash in the core becomes a Dutch error for the sender only', async () => {
    rig = await adapterRig();
    rig.core.answer = () => {
      throw new Error('database is locked');
    };
    const res = await rig.sim.command(gm, 'C0CASE001', '/casus', 'info');
    expect(res.json.response_type).toBe('ephemeral');
    expect(visibleText(res.json)).toContain('Er ging iets mis');
    expect(visibleText(res.json)).not.toContain('database');
  });

  it('shows a provisioning refusal from Slack in Dutch', async () => {
    rig = await adapterRig();
    rig.core.answer = () => {
      throw new SlackProvisionError('Slack kon het privékanaal voor de casus aanmaken niet: de werkruimte staat de app niet toe dit te doen.', 'restricted_action');
    };
    const res = await rig.sim.command(gm, 'C0GENERAL', '/casus', 'nieuw ABC-9');
    expect(visibleText(res.json)).toContain('werkruimte staat de app niet toe');
  });
});

describe('request verification', () => {
  it('rejects a wrong signature, a missing one, and a timestamp older than five minutes, without calling the core', async () => {
    rig = await adapterRig();
    const wrong = await rig.sim.command(gm, 'C0CASE001', '/casus', 'info', { secret: 'not-the-secret' });
    const missing = await rig.sim.command(gm, 'C0CASE001', '/casus', 'info', { unsigned: true });
    const stale = await rig.sim.command(gm, 'C0CASE001', '/casus', 'info', { timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 5 });
    expect([wrong.status, missing.status, stale.status]).toEqual([401, 401, 401]);
    expect(rig.core.calls).toEqual([]);
    expect(rig.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('accepts a timestamp just under five minutes old', async () => {
    rig = await adapterRig();
    const res = await rig.sim.command(gm, 'C0CASE001', '/help', '', { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(200);
    expect(rig.core.calls).toHaveLength(1);
  });

  it('answers Slack\'s url_verification challenge', async () => {
    rig = await adapterRig();
    const res = await rig.sim.post(JSON.stringify({ token: 't', challenge: 'uitdaging-123', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'uitdaging-123' });
  });
});

describe('modals', () => {
  async function openSignalForm(r: AdapterRig): Promise<any> {
    r.core.answer = () => ({ form: signalForm });
    await r.sim.command(ha, 'C0CASE001', '/signaal');
    await r.adapter.settled();
    return r.fake.views.at(-1)?.view;
  }

  it('submits the values by field name, in the channel the form was opened from, and closes the modal', async () => {
    rig = await adapterRig();
    rig.fake.createChannel('casus-abc-1', true, [ha.id]);
    const view = await openSignalForm(rig);
    rig.core.answer = (c) => (c.fn === 'submitForm' ? { message: { title: 'Signaal S-2 vastgelegd', tone: 'success' } } : {});
    const res = await rig.sim.submit(ha, view, { soort: 'zorg', urgentie: 'hoog', tekst: 'Moeder zegt afspraken af.' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const submit = rig.core.calls.find((c) => c.fn === 'submitForm');
    expect(submit).toMatchObject({
      fn: 'submitForm',
      formId: 'signaal',
      values: { soort: 'zorg', urgentie: 'hoog', tekst: 'Moeder zegt afspraken af.' },
      ctx: { actor: { platform: 'slack', userId: ha.id }, conversationId: 'C0CASE001' },
    });
    await rig.adapter.settled();
    const [eph] = rig.fake.callsOf('chat.postEphemeral');
    expect(eph?.args).toMatchObject({ channel: 'C0CASE001', user: ha.id });
  });

  it('keeps a refused submission in the modal, under the field it is about', async () => {
    rig = await adapterRig();
    const view = await openSignalForm(rig);
    rig.core.answer = () => ({ error: true, message: { title: 'Ongeldige invoer', text: 'Urgentie ontbreekt of klopt niet.', tone: 'danger' } });
    const res = await rig.sim.submit(ha, view, { soort: 'zorg', tekst: 'x' });
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['urgentie']);
    expect(res.json.errors.urgentie).toContain('Urgentie ontbreekt');
  });

  it('puts the refusal under the field the core names, even when the text names another', async () => {
    rig = await adapterRig();
    const view = await openSignalForm(rig);
    rig.core.answer = () => ({ error: true, field: 'tekst', message: { title: 'Ongeldige invoer', text: 'Hierin staat iets dat op een BSN lijkt, naast de urgentie.', tone: 'danger' } });
    const res = await rig.sim.submit(ha, view, { soort: 'zorg', tekst: 'x' });
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['tekst']);
  });
});

describe('buttons', () => {
  const card: Message = {
    title: 'Signaal S-1 · zorg · hoog',
    text: 'Wachtlijst loopt op.',
    actions: [{ id: 'signal.ack', label: 'Bevestigen', value: '42', style: 'primary' }],
  };

  async function postCard(r: AdapterRig): Promise<{ channel: string; ts: string }> {
    const channel = r.fake.createChannel('casus-abc-1', true, [gm.id, ha.id]);
    const ts = await r.adapter.deliver(item({ kind: 'post', conversationId: channel, message: card }));
    return { channel, ts: ts! };
  }

  it('acks, hands the action id and value to the core, and sends a refusal to the presser only', async () => {
    rig = await adapterRig();
    const { channel, ts } = await postCard(rig);
    rig.core.answer = () => ({ error: true, message: { title: 'Alleen de gezinsmanager of teamleider kan bevestigen', tone: 'danger' } });
    rig.fake.reset();
    const res = await rig.sim.press(ha, rig.fake.message(channel, ts)!, 'signal.ack');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await rig.adapter.settled();
    expect(rig.core.calls).toMatchObject([
      { fn: 'handleAction', actionId: 'signal.ack', value: '42', ctx: { actor: { userId: ha.id }, conversationId: channel } },
    ]);
    const answer = rig.fake.responded.find((r) => r.id === res.responseId);
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(answer?.body)).toContain('Alleen de gezinsmanager of teamleider');
    expect(rig.fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('gives repeated action ids a suffix and strips it again on press', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-2', true, [gm.id]);
    const ts = await rig.adapter.deliver(
      item({
        kind: 'post',
        conversationId: channel,
        message: { title: 'Open signalen', actions: [{ id: 'signal.ack', label: 'S-1', value: '1' }, { id: 'signal.ack', label: 'S-2', value: '2' }] },
      }),
    );
    const ids = rig.fake.message(channel, ts!)!.blocks.find((b: any) => b.type === 'actions').elements.map((e: any) => e.action_id);
    expect(new Set(ids).size).toBe(2);
    await rig.sim.press(gm, rig.fake.message(channel, ts!)!, 'S-2');
    await rig.adapter.settled();
    expect(rig.core.calls).toMatchObject([{ fn: 'handleAction', actionId: 'signal.ack', value: '2' }]);
  });
});

describe('deliver', () => {
  it('posts Block Kit with a plain fallback, and pins the case card', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    const ts = await rig.adapter.deliver(
      item({
        kind: 'post',
        conversationId: channel,
        message: { title: 'Casus ABC-1', fields: [{ label: 'Gezinsmanager', value: `<@${gm.id}>` }], lines: ['Fase: Verbinden & Motiveren'], context: 'Casuskaart', tone: 'info', pin: true },
      }),
    );
    const [post] = rig.fake.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe(channel);
    expect(post?.args.text).toContain('Casus ABC-1');
    expect(post?.args.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: ':information_source: Casus ABC-1' } });
    expect(visibleText(post?.args)).toContain(`<@${gm.id}>`);
    expect(visibleText(post?.args)).toContain('• Fase: Verbinden &amp; Motiveren');
    expect(rig.fake.callsOf('pins.add')[0]?.args).toEqual({ channel, timestamp: ts });
  });

  it('updates the original message with chat.update', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    const ts = await rig.adapter.deliver(item({ id: 1, kind: 'post', conversationId: channel, message: { title: 'Signaal S-1' } }));
    const again = await rig.adapter.deliver(
      item({ id: 2, kind: 'update', message: { title: 'Signaal S-1', context: 'Bevestigd door gm' }, related: { id: 1, conversationId: channel, platformMessageId: ts } }),
    );
    expect(again).toBe(ts);
    expect(rig.fake.callsOf('chat.update')[0]?.args).toMatchObject({ channel, ts });
    expect(rig.fake.message(channel, ts!)?.updates).toBe(1);
  });

  it('sends a direct message through conversations.open, with a permalink to the channel message', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    const ts = await rig.adapter.deliver(item({ id: 1, kind: 'post', conversationId: channel, message: { title: 'Signaal S-1', text: 'geheime inhoud' } }));
    const dmId = await rig.adapter.deliver(
      item({ id: 2, kind: 'direct', userId: gm.id, message: { title: 'Acuut signaal in ABC-1', tone: 'danger' }, related: { id: 1, conversationId: channel, platformMessageId: ts } }),
    );
    expect(rig.fake.callsOf('conversations.open')[0]?.args).toEqual({ users: gm.id });
    const dm = rig.fake.callsOf('chat.postMessage')[1];
    expect(dm?.args.channel).toBe(`D${gm.id}`);
    expect(visibleText(dm?.args)).toContain(`https://regiebot-test.slack.com/archives/${channel}/p`);
    expect(dmId).toMatch(new RegExp(`^D${gm.id}/`));
    // The DM can itself be updated later.
    await rig.adapter.deliver(item({ id: 3, kind: 'update', message: { title: 'Afgehandeld' }, related: { id: 2, conversationId: null, platformMessageId: dmId } }));
    expect(rig.fake.callsOf('chat.update')[0]?.args.channel).toBe(`D${gm.id}`);
  });

  it('turns a 429 into RateLimited with Retry-After, without retrying itself', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    rig.fake.rateLimitNext('chat.postMessage', 7);
    const err = await rig.adapter.deliver(item({ kind: 'post', conversationId: channel, message: { title: 'x' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(7000);
    expect(rig.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('joins a public channel it is not in, and posts once', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('team-noord', false);
    rig.fake.channels.get(channel)!.members.delete(rig.fake.botUserId);
    await rig.adapter.deliver(item({ kind: 'post', conversationId: channel, message: { title: 'Weekoverzicht' } }));
    expect(rig.fake.calls.map((c) => c.method).filter((m) => m !== 'auth.test')).toEqual(['chat.postMessage', 'conversations.join', 'chat.postMessage']);
    expect(rig.fake.messagesIn(channel)).toHaveLength(1);
  });

  it('a failed pin never makes the post fail (a retry would post twice)', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    rig.fake.failNext('pins.add', 'not_pinnable');
    const ts = await rig.adapter.deliver(item({ kind: 'post', conversationId: channel, message: { title: 'Casus', pin: true } }));
    // Delivered means: the one post is in the channel, and deliver returns its ts (the outbox records it).
    expect(rig.fake.messagesIn(channel).map((m) => m.ts)).toEqual([ts]);
    expect(rig.fake.callsOf('pins.add')).toHaveLength(1);
  });
});

describe('deliver: files', () => {
  const exportMessage = {
    title: 'Export casus ABC-1',
    text: 'Het dossier als bestand.',
    lines: ['Bewaar het niet lokaal.'],
    attachment: { filename: 'casus-abc-1.json', mimeType: 'application/json', content: '{"casus":"ABC-1","signalen":[]}' },
  };

  it('shares a message with a file as one upload: the message is the file comment', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    const id = await rig.adapter.deliver(item({ kind: 'post', conversationId: channel, message: exportMessage }));
    expect(rig.fake.calls.map((c) => c.method).filter((m) => m !== 'auth.test')).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(rig.fake.callsOf('chat.postMessage')).toEqual([]);
    const [file] = [...rig.fake.files.values()];
    expect(file).toMatchObject({ filename: 'casus-abc-1.json', channel });
    expect(file?.bytes).toContain('{"casus":"ABC-1","signalen":[]}');
    expect(file?.comment).toContain('Export casus ABC-1');
    expect(file?.comment).toContain('• Bewaar het niet lokaal.');
    expect(id).toBe(`file:${file?.id}`);
  });

  it('sends a file to one person in their DM', async () => {
    rig = await adapterRig();
    const id = await rig.adapter.deliver(item({ kind: 'direct', userId: gm.id, message: exportMessage }));
    expect([...rig.fake.files.values()][0]?.channel).toBe(`D${gm.id}`);
    expect(id).toMatch(new RegExp(`^D${gm.id}/file:F`));
  });

  it('a failed completion shows nothing, so the outbox may retry', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true);
    rig.fake.failNext('files.completeUploadExternal', 'internal_error');
    await expect(rig.adapter.deliver(item({ kind: 'post', conversationId: channel, message: exportMessage }))).rejects.toThrow('internal_error');
    expect(rig.fake.messagesIn(channel)).toEqual([]);
    await rig.adapter.deliver(item({ kind: 'post', conversationId: channel, message: exportMessage }));
    expect(rig.fake.messagesIn(channel)).toHaveLength(1);
  });
});

describe('provisioner', () => {
  it('creates a private casus-<code> channel and invites the creator', async () => {
    rig = await adapterRig();
    const id = await rig.adapter.provisioner.createCaseConversation({ code: 'ABC-123', requestedIn: 'C0GENERAL', creatorId: gm.id });
    expect(rig.fake.callsOf('conversations.create')[0]?.args).toEqual({ name: 'casus-abc-123', is_private: true });
    expect(rig.fake.callsOf('conversations.invite')[0]?.args).toEqual({ channel: id, users: gm.id });
    expect(rig.fake.channels.get(id)).toMatchObject({ name: 'casus-abc-123', is_private: true });
  });

  it('takes the next free name when the name is taken', async () => {
    rig = await adapterRig();
    rig.fake.createChannel('casus-abc-123', true);
    const id = await rig.adapter.provisioner.createCaseConversation({ code: 'ABC-123', requestedIn: 'C0GENERAL', creatorId: gm.id });
    expect(rig.fake.channels.get(id)?.name).toBe('casus-abc-123-2');
  });

  it('invites a member; someone already in the channel is fine', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true, [gm.id]);
    await rig.adapter.provisioner.invite(channel, ha.id);
    await rig.adapter.provisioner.invite(channel, ha.id);
    expect(rig.fake.channels.get(channel)?.members.has(ha.id)).toBe(true);
  });

  it('removes a member (conversations.kick); someone already gone is fine', async () => {
    rig = await adapterRig();
    const channel = rig.fake.createChannel('casus-abc-1', true, [gm.id, ha.id]);
    await rig.adapter.provisioner.remove!(channel, ha.id);
    await rig.adapter.provisioner.remove!(channel, ha.id);
    expect(rig.fake.callsOf('conversations.kick')[0]?.args).toEqual({ channel, user: ha.id });
    expect(rig.fake.channels.get(channel)?.members.has(ha.id)).toBe(false);
  });

  it('explains a refusal in Dutch', async () => {
    rig = await adapterRig();
    rig.fake.failNext('conversations.create', 'restricted_action');
    const err = await rig.adapter.provisioner.createCaseConversation({ code: 'X-1', requestedIn: 'C0', creatorId: gm.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackProvisionError);
    expect((err as Error).message).toContain('werkruimte staat de app niet toe');
  });
});

describe('App Home', () => {
  it('publishes what the core returns for the user', async () => {
    const core = new ScriptedCore();
    core.home = async (ctx) => [{ title: `Jouw casussen (${ctx.actor.userId})`, lines: ['ABC-1: 2 open signalen, overleg te laat'] }];
    rig = await adapterRig({ core });
    const res = await rig.sim.homeOpened(gm);
    expect(res.status).toBe(200);
    await rig.adapter.settled();
    const [pub] = rig.fake.callsOf('views.publish');
    expect(pub?.args.user_id).toBe(gm.id);
    expect(pub?.args.view.type).toBe('home');
    expect(visibleText(pub?.args.view)).toContain('ABC-1: 2 open signalen');
  });
});

describe('channel membership', () => {
  it('tells the core when someone leaves a channel', async () => {
    rig = await adapterRig();
    const res = await rig.sim.memberLeft(ha, 'C0CASE001');
    expect(res.status).toBe(200);
    await rig.adapter.settled();
    expect(rig.core.calls).toMatchObject([{ fn: 'memberLeft', ctx: { actor: { platform: 'slack', userId: ha.id }, conversationId: 'C0CASE001' } }]);
  });
});

describe('modes and start-up', () => {
  const opened: { db: Db; dir: string }[] = [];
  afterEach(async () => {
    for (const { db, dir } of opened.splice(0)) {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  async function deps(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-modes-'));
    const db = await openDatabase(testDatabaseUrl(dir, 'modes'));
    opened.push({ db, dir });
    return {
      core: new ScriptedCore(),
      settings: loadSettings({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, LOG_LEVEL: 'silent', ...env }),
      clock: new ManualClock(new Date()),
      log: createLogger('silent'),
      db,
      outbox: new Outbox(db, { maxAttempts: 3 }),
      inbox: new InboxProcessor(db, new ManualClock(new Date()), createLogger('silent'), { owner: 'modes-test', keepMs: 24 * 3600_000 }),
    };
  }

  it('HTTP mode mounts POST /slack/events on the shared server', async () => {
    rig = await adapterRig();
    expect(rig.adapter.mode).toBe('http');
    expect(rig.adapter.routes.map((r) => [r.method, r.path])).toEqual([['POST', '/slack/events']]);
    // Every Web API call went to SLACK_API_URL with the bot token.
    expect(rig.fake.callsOf('auth.test')).toHaveLength(1);
    expect(rig.fake.calls.every((c) => c.token === 'xoxb-test')).toBe(true);
  });

  it('Socket Mode (SLACK_APP_TOKEN) mounts no route', async () => {
    const fake = await FakeSlackApi.start();
    try {
      const adapter = await createSlackAdapter(await deps({ SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: fake.apiUrl }));
      expect(adapter.mode).toBe('socket');
      expect(adapter.routes).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('refuses to start with a token Slack rejects, and names the variable, not the value', async () => {
    const fake = await FakeSlackApi.start({ token: 'xoxb-other' });
    try {
      const err = await createSlackAdapter(await deps({ SLACK_API_URL: fake.apiUrl })).catch((e: unknown) => e);
      expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
      expect((err as Error).message).not.toContain('xoxb-test');
    } finally {
      await fake.close();
    }
  });
});

// Keep the helper honest: eventually() is used by the end-to-end tests.
it('eventually() waits for a condition', async () => {
  let done = false;
  setTimeout(() => (done = true), 20);
  await eventually(() => done);
  expect(done).toBe(true);
});

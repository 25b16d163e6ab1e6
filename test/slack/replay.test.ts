import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { auditLog, inbox, signals } from '../../db/schema.js';
import type { App } from '../../src/app.js';
import type { FakeSlackApi, StoredMessage } from '../fakes/slack-api.js';
import { signedHeaders, type SimUser, type SlackSim } from '../fakes/slack-sign.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { adapterRig, signingSecret, visibleText } from './harness.js';

// A signed Slack request captured on its way (a proxy log, a shared screen)
// and sent again: the app handles it once. And a request dated ahead is
// refused, as one dated more than five minutes back already was. Invented codes.

const gm: SimUser = { id: 'U0GM00015', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00015', name: 'trajectbegeleider.test' };

let rig: SlackApp;
let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let caseChannel: string;

/** The next request the sim sends, as bytes and headers, to be sent again exactly. */
function capture(): Promise<{ body: string; headers: Record<string, string> }> {
  const original = sim.post.bind(sim);
  return new Promise((resolve) => {
    sim.post = async (body, contentType, options = {}, responseId = '') => {
      const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
      resolve({ body, headers: signedHeaders(signingSecret, body, contentType, { ...options, timestamp }) });
      sim.post = original;
      return original(body, contentType, { ...options, timestamp }, responseId);
    };
  });
}

async function replay(req: { body: string; headers: Record<string, string> }): Promise<{ status: number; text: string }> {
  const res = await fetch(sim.eventsUrl, { method: 'POST', headers: req.headers, body: req.body });
  return { status: res.status, text: await res.text() };
}

async function signalCount(): Promise<number> {
  return (await app.db.q.select().from(signals)).length;
}

beforeAll(async () => {
  rig = await startSlackApp();
  ({ fake, app, slack, sim } = rig);
  caseChannel = await openCase(rig, 'RPL-015', gm, [{ user: ha, role: 'hoofdaannemer' }]);
});

afterAll(async () => {
  await rig?.close();
});

describe('Slack: a replayed request is handled once', () => {
  let signalPost: StoredMessage;

  it('a signed /signaal sent three times makes one signal and one post', async () => {
    const captured = capture();
    const res = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal school meldt verzuim');
    expect(JSON.stringify(res.json)).toContain('Geplaatst');
    await slack.settled();
    await app.flush();
    const posts = fake.messagesIn(caseChannel).length;
    const request = await captured;

    for (let i = 0; i < 2; i++) {
      const again = await replay(request);
      expect(again.status).toBe(200);
      expect(JSON.parse(again.text)).toMatchObject({ response_type: 'ephemeral' });
      expect(again.text).toContain('al eerder ontvangen en verwerkt');
      expect(again.text).not.toContain('S-2');
    }
    await slack.settled();
    await app.flush();
    expect(await signalCount()).toBe(1);
    expect(fake.messagesIn(caseChannel)).toHaveLength(posts);
    signalPost = structuredClone(fake.messagesIn(caseChannel).find((m) => m.text.includes('school meldt verzuim'))!);
    expect(signalPost).toBeDefined();
  });

  it('a replayed button press is handled once: one answer, one update, one audit entry', async () => {
    const captured = capture();
    const press = await sim.press(gm, signalPost, 'signal.ack');
    expect(press.status).toBe(200);
    await slack.settled();
    await app.flush();
    const answers = fake.responded.length;
    const updates = fake.callsOf('chat.update').length;
    const audits = (await app.db.q.select().from(auditLog)).length;
    expect(fake.responded.find((r) => r.id === press.responseId)).toBeDefined();

    const again = await replay(await captured);
    expect(again.status).toBe(200);
    await slack.settled();
    await app.flush();
    expect(fake.responded).toHaveLength(answers);
    expect(fake.callsOf('chat.update')).toHaveLength(updates);
    expect(await app.db.q.select().from(auditLog)).toHaveLength(audits);
  });

  it('a new request with a new trigger_id is still handled', async () => {
    const res = await sim.command(ha, caseChannel, '/signaal', 'zorg laag afspraak verzet');
    expect(JSON.stringify(res.json)).toContain('Geplaatst');
    expect(await signalCount()).toBe(2);
  });
});

describe('Slack: request timestamps outside five minutes either way', () => {
  it('refuses a correctly signed request dated more than five minutes ahead, and stores nothing', async () => {
    const before = await signalCount();
    const ahead = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal uit de toekomst', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(ahead.status).toBe(401);
    expect(ahead.text).not.toContain('S-');
    await slack.settled();
    expect(await signalCount()).toBe(before);
  });

  it('refuses one dated more than five minutes back (Bolt), and accepts one a little ahead (clock skew)', async () => {
    const before = await signalCount();
    const stale = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal te oud', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const skewed = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal klok loopt voor', { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(skewed.status).toBe(200);
    expect(JSON.stringify(skewed.json)).toContain('Geplaatst');
    expect(await signalCount()).toBe(before + 1);
  });
});

describe('Slack: the ledger of request ids', () => {
  it('keeps ids as long as the outbox keeps its rows (OUTBOX_KEEP_DAYS), then lets them go (the timestamp window refuses such old copies anyway)', async () => {
    const keys = async () => (await app.db.q.select().from(inbox)).map((r) => r.key);
    const before = await keys();
    expect(before.filter((k) => k.startsWith('slack:trigger:')).length).toBeGreaterThanOrEqual(4);
    rig.clock.advance(31 * 24 * 60 * 60 * 1000);
    const res = await sim.command(ha, caseChannel, '/signaal', 'lijst');
    expect(res.status).toBe(200);
    const after = await keys();
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
  });
});

describe('Slack: a request whose handling failed may come again', () => {
  it('gives the trigger_id back when the core threw, so the same request is handled the second time', async () => {
    const r = await adapterRig();
    try {
      let calls = 0;
      r.core.answer = () => {
        calls += 1;
        if (calls === 1) throw new Error('database unreachable');
        return { message: { title: 'Signaal S-1 vastgelegd' } };
      };
      const original = r.sim.post.bind(r.sim);
      let sent: { body: string; headers: Record<string, string> } | undefined;
      r.sim.post = async (body, contentType, options = {}, responseId = '') => {
        const timestamp = Math.floor(Date.now() / 1000);
        sent = { body, headers: signedHeaders(signingSecret, body, contentType, { ...options, timestamp }) };
        return original(body, contentType, { ...options, timestamp }, responseId);
      };
      const failed = await r.sim.command(ha, 'C0CASE015', '/signaal', 'zorg normaal eerste poging');
      expect(JSON.stringify(failed.json)).toContain('Er ging iets mis');
      await r.adapter.settled();
      const retry = await fetch(r.sim.eventsUrl, { method: 'POST', headers: sent!.headers, body: sent!.body });
      // Stored and acknowledged at once; the answer follows through the same response_url.
      expect(await retry.text()).toBe('');
      await r.adapter.settled();
      const answers = r.fake.responded.filter((a) => a.id === failed.responseId).map((a) => JSON.stringify(a.body));
      expect(answers).toHaveLength(2);
      expect(answers[1]).toContain('Signaal S-1 vastgelegd');
      const third = await fetch(r.sim.eventsUrl, { method: 'POST', headers: sent!.headers, body: sent!.body });
      expect(await third.text()).toContain('al eerder ontvangen');
      expect(calls).toBe(2);
    } finally {
      await r.close();
    }
  });
});

describe('Slack: when the ledger of request ids cannot be written', () => {
  it('handles nothing and says so: a command privately, a button through response_url, a form in place of the form', async () => {
    const r = await adapterRig();
    try {
      // A full disk or a database that is down: every write fails.
      r.db.write = () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
      // The inbox's group commit writes through batch: it fails alike.
      r.db.batch = () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
      const command = await r.sim.command(ha, 'C0CASE015', '/signaal', 'zorg normaal tijdens een storing');
      expect(command.status).toBe(200);
      expect(command.json.response_type).toBe('ephemeral');
      expect(visibleText(command.json)).toContain('Probeer het over een paar minuten opnieuw');

      const message = {
        ts: '1772441000.000100',
        channel: 'C0CASE015',
        text: 'signaal',
        blocks: [{ type: 'actions', block_id: 'acties', elements: [{ type: 'button', action_id: 'signal.ack', value: '1', text: { type: 'plain_text', text: 'Bevestigen' } }] }],
      } as unknown as StoredMessage;
      const press = await r.sim.press(gm, message, 'signal.ack');
      expect(press.status).toBe(200);
      await vi.waitFor(() => expect(r.fake.responded.find((x) => x.id === press.responseId)).toBeDefined());
      expect(visibleText(r.fake.responded.find((x) => x.id === press.responseId)?.body)).toContain('Probeer het over een paar minuten opnieuw');

      const form = await r.sim.submit(ha, { callback_id: 'signaal', blocks: [], private_metadata: JSON.stringify({ c: 'C0CASE015' }) }, {});
      expect(form.json.response_action).toBe('update');
      expect(visibleText(form.json.view)).toContain('Probeer het over een paar minuten opnieuw');

      await r.adapter.settled();
      expect(r.core.calls).toEqual([]);
    } finally {
      await r.close();
    }
  });
});

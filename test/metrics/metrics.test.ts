import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import type { SimUser } from '../fakes/slack-sign.js';
import { startApp } from '../helpers/listen.js';
import { parsePrometheus, sampleValue, type Family } from '../helpers/prometheus.js';
import { openCase, startSlackApp, type SlackApp } from '../slack/app-rig.js';

// GET /metrics over HTTP, on the real app with Slack against the fake Web
// API: a command goes in signed, as Slack sends it, and the scrape shows its
// acknowledgement, its deliveries and the outbox. The text is read by a
// strict reader of the exposition format (test/helpers/prometheus.ts).

const gm: SimUser = { id: 'U0GM00041', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00041', name: 'trajectbegeleider.test' };
const token = 'metrics-scrape-token-4711';

let rig: SlackApp;
let base: string;
let channel: string;

async function scrape(authorization?: string): Promise<{ status: number; text: string; type: string | null; challenge: string | null }> {
  const res = await fetch(`${base}/metrics`, authorization ? { headers: { authorization } } : {});
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type'), challenge: res.headers.get('www-authenticate') };
}

async function metrics(): Promise<Map<string, Family>> {
  const res = await scrape(`Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(res.type).toContain('text/plain');
  expect(res.type).toContain('version=0.0.4');
  return parsePrometheus(res.text);
}

const value = (m: Map<string, Family>, name: string, labels: Record<string, string> = {}) => sampleValue(m, name, labels) ?? 0;

async function sentRows(): Promise<number> {
  return (await rig.app.db.q.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'sent'))).length;
}

beforeAll(async () => {
  rig = await startSlackApp({ env: { METRICS: '1', METRICS_TOKEN: token }, outboxPace: false });
  base = rig.sim.eventsUrl.replace(/\/slack\/events$/, '');
  channel = await openCase(rig, 'MET-201', gm, [{ user: ha, role: 'hoofdaannemer' }]);
});

afterAll(async () => {
  await rig?.close();
});

describe('GET /metrics', () => {
  it('answers 401 without a token, with a wrong one, or with the token not as a Bearer', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', `Bearer ${token}x`, `Basic ${token}`, token, 'Bearer ']) {
      const res = await scrape(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.text).not.toContain('regiebot_');
      expect(res.challenge).toContain('Bearer');
    }
  });

  it('after a /signaal through Slack: one acknowledgement in the Slack histogram, its deliveries counted, the outbox empty', async () => {
    const before = await metrics();
    const sentBefore = await sentRows();
    const res = await rig.sim.command(ha, channel, '/signaal', 'zorg normaal gemeten melding');
    expect(res.status).toBe(200);
    await rig.slack.settled();
    await rig.app.flush();
    const after = await metrics();

    // The scrapes themselves are not a platform route: exactly the one command.
    expect(value(after, 'regiebot_ack_seconds_count', { platform: 'slack' }) - value(before, 'regiebot_ack_seconds_count', { platform: 'slack' })).toBe(1);
    expect(value(after, 'regiebot_ack_seconds_sum', { platform: 'slack' })).toBeGreaterThan(value(before, 'regiebot_ack_seconds_sum', { platform: 'slack' }));
    const delivered = (await sentRows()) - sentBefore;
    expect(delivered).toBeGreaterThanOrEqual(2); // the signal's post and the card's update
    expect(value(after, 'regiebot_outbox_deliveries_total', { platform: 'slack', result: 'sent' }) - value(before, 'regiebot_outbox_deliveries_total', { platform: 'slack', result: 'sent' })).toBe(delivered);
    for (const state of ['pending', 'in_flight', 'dead']) expect(sampleValue(after, 'regiebot_outbox_messages', { state }), state).toBe(0);
  });

  it('counts a refused payload as dead, in the deliveries and in the outbox gauge', async () => {
    const before = await metrics();
    rig.fake.failNext('chat.postMessage', 'msg_too_long');
    await rig.sim.command(ha, channel, '/signaal', 'zorg normaal te lang volgens Slack');
    await rig.slack.settled();
    await rig.app.flush();
    rig.fake.refusals.length = 0;
    const after = await metrics();
    expect(value(after, 'regiebot_outbox_deliveries_total', { platform: 'slack', result: 'dead' }) - value(before, 'regiebot_outbox_deliveries_total', { platform: 'slack', result: 'dead' })).toBe(1);
    expect(sampleValue(after, 'regiebot_outbox_messages', { state: 'dead' })).toBe(1);
  });

  it('times a scheduler sweep', async () => {
    const before = await metrics();
    await rig.app.scheduler.sweep();
    const after = await metrics();
    expect(value(after, 'regiebot_sweep_duration_seconds_count') - value(before, 'regiebot_sweep_duration_seconds_count')).toBe(1);
  });

  it('shows the inbox depth and the age of its oldest row, read from the inbox table', async () => {
    const idle = await metrics();
    expect(sampleValue(idle, 'regiebot_inbox_depth')).toBe(0);
    expect(sampleValue(idle, 'regiebot_inbox_oldest_age_seconds')).toBe(0);
    // A command stored while the processor is held: it waits in the inbox.
    rig.app.inbox.stop();
    await rig.app.inbox.enqueue({
      key: 'slack:trigger:metrics-held.1',
      platform: 'slack',
      conversationId: channel,
      kind: 'text',
      payload: { userId: ha.id, userName: ha.name, channelId: channel, triggerId: 'metrics-held.1', responseUrl: rig.fake.responseUrl('metrics-held'), command: '/signaal', line: '/signaal zorg normaal wachtend in de inbox' },
    });
    rig.clock.advance(12_500);
    const held = await metrics();
    expect(sampleValue(held, 'regiebot_inbox_depth')).toBe(1);
    expect(sampleValue(held, 'regiebot_inbox_oldest_age_seconds')).toBe(12.5);
    // Worked off, the person answered: the inbox is empty again.
    await rig.app.inbox.drain();
    expect(rig.fake.responded.some((r) => r.id === 'metrics-held')).toBe(true);
    const after = await metrics();
    expect(sampleValue(after, 'regiebot_inbox_depth')).toBe(0);
    expect(sampleValue(after, 'regiebot_inbox_oldest_age_seconds')).toBe(0);
  });

  it("names every metric by Prometheus' conventions", async () => {
    const families = [...(await metrics()).values()];
    expect(families.map((f) => f.name)).toEqual(
      expect.arrayContaining(['regiebot_ack_seconds', 'regiebot_outbox_deliveries_total', 'regiebot_outbox_messages', 'regiebot_sweep_duration_seconds', 'regiebot_database_errors_total']),
    );
    for (const f of families) {
      expect(f.name).toMatch(/^regiebot_[a-z0-9_]+$/);
      expect(f.help.length, f.name).toBeGreaterThan(10);
      if (f.type === 'counter') expect(f.name).toMatch(/_total$/);
      else expect(f.name).not.toMatch(/_total$/);
      if (f.type === 'histogram') expect(f.name).toMatch(/_(seconds|bytes)$/);
      for (const s of f.samples) for (const label of Object.keys(s.labels)) expect(['platform', 'result', 'state', 'where', 'le']).toContain(label);
    }
  });
});

describe('GET /metrics when off or open', () => {
  it('is not there unless METRICS=1', async () => {
    const off = await startApp({ prefix: 'metrics-off' });
    try {
      const res = await fetch(`${off.base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('answers without a token when METRICS_TOKEN is not set', async () => {
    const open = await startApp({ prefix: 'metrics-open', env: { METRICS: '1' } });
    try {
      const res = await fetch(`${open.base}/metrics`);
      expect(res.status).toBe(200);
      expect(parsePrometheus(await res.text()).has('regiebot_outbox_messages')).toBe(true);
    } finally {
      await open.close();
    }
  });
});

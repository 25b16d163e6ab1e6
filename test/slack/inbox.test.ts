import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, signals } from '../../db/schema.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// Ack first, work after: a slash command is stored in the inbox and
// acknowledged with an empty body; the core runs after the ack and the answer
// reaches the person through response_url. Through the real Bolt app on
// loopback against the fake Slack API. Invented codes.

const gm: SimUser = { id: 'U0GM00061', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00061', name: 'trajectbegeleider.test' };

let rig: SlackApp;
let channel: string;

const signalTexts = async () => (await rig.app.db.q.select({ number: signals.number, text: signals.text }).from(signals).orderBy(asc(signals.number))).map((s) => `S-${s.number} ${s.text}`);

beforeAll(async () => {
  rig = await startSlackApp({ outboxPace: false });
  channel = await openCase(rig, 'INB-061', gm, [{ user: ha, role: 'hoofdaannemer' }]);
});

afterAll(async () => {
  await rig?.close();
});

describe('Slack: the durable inbox', () => {
  it('acks /signaal with an empty body, then answers through response_url; the signal is stored and the row keeps nothing typed', async () => {
    const res = await rig.sim.command(ha, channel, '/signaal', 'zorg normaal inbox-een moeder mist afspraken');
    expect(res.ack).toMatchObject({ status: 200, text: '' });
    expect(res.json.response_type).toBe('ephemeral');
    // One confirmation: the signal's words are in the channel post, the typist reads "Geplaatst".
    expect(visibleText(res.json)).toContain('Geplaatst');
    expect((await signalTexts()).some((t) => t.includes('inbox-een'))).toBe(true);
    await rig.app.flush();
    expect(rig.fake.callsOf('chat.postMessage').some((p) => JSON.stringify(p.args.blocks ?? p.args.text).includes('inbox-een'))).toBe(true);
    const rows = await rig.app.db.q.select().from(inbox).where(eq(inbox.kind, 'text'));
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ platform: 'slack', conversationId: channel, state: 'done', payload: '{}' });
    expect(last.answeredAt).not.toBeNull();
  });

  it('processes two commands into one case in the order they arrived', async () => {
    // Held: both are stored and acknowledged before either runs.
    rig.app.inbox.stop();
    const held = new SlackSim(rig.sim.eventsUrl, rig.sim.secret, rig.fake, async () => undefined);
    const first = await held.command(ha, channel, '/signaal', 'zorg normaal volgorde-eerste');
    const second = await held.command(ha, channel, '/signaal', 'zorg normaal volgorde-tweede');
    expect([first.ack?.text, second.ack?.text]).toEqual(['', '']);
    expect(rig.fake.responded.filter((r) => r.id === first.responseId || r.id === second.responseId)).toEqual([]);
    await rig.app.inbox.drain();
    const texts = await signalTexts();
    const a = texts.findIndex((t) => t.includes('volgorde-eerste'));
    const b = texts.findIndex((t) => t.includes('volgorde-tweede'));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBe(a + 1);
    const answers = rig.fake.responded.filter((r) => r.id === first.responseId || r.id === second.responseId);
    expect(answers.map((r) => r.id)).toEqual([first.responseId, second.responseId]);
    expect(answers.map((r) => visibleText(r.body))).toEqual([expect.stringContaining('Geplaatst'), expect.stringContaining('Geplaatst')]);
    // The channel posts follow the same order.
    await rig.app.flush();
    const posts = rig.fake.callsOf('chat.postMessage').map((p) => JSON.stringify(p.args.blocks ?? p.args.text));
    const pa = posts.findIndex((p) => p.includes('volgorde-eerste'));
    const pb = posts.findIndex((p) => p.includes('volgorde-tweede'));
    expect(pa).toBeGreaterThanOrEqual(0);
    expect(pb).toBeGreaterThan(pa);
  });

  it('a command left waiting while the processor was held is processed once when it runs again (the crash test restarts for real)', async () => {
    rig.app.inbox.stop();
    const held = new SlackSim(rig.sim.eventsUrl, rig.sim.secret, rig.fake, async () => undefined);
    const res = await held.command(ha, channel, '/signaal', 'zorg normaal na-herstart');
    expect(res.ack?.text).toBe('');
    expect((await signalTexts()).some((t) => t.includes('na-herstart'))).toBe(false);
    // Twice over: a second pass finds nothing left to do.
    await rig.app.inbox.drain();
    await rig.app.inbox.drain();
    expect((await signalTexts()).filter((t) => t.includes('na-herstart'))).toHaveLength(1);
    expect(rig.fake.responded.filter((r) => r.id === res.responseId)).toHaveLength(1);
  });
});

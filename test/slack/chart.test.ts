import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import { cases } from '../../db/schema.js';
import { DAY } from '../../src/clock.js';
import type { SimUser } from '../fakes/slack-sign.js';
import { startSlackApp, type SlackApp } from './app-rig.js';

const gm: SimUser = { id: 'U0GM00031', name: 'gezinsmanager.test' };

describe('Slack: the safety chart', () => {
  let rig: SlackApp;
  beforeAll(async () => {
    rig = await startSlackApp({ start: new Date('2026-01-05T09:00:00Z') });
    const { fake, app, sim, slack, clock } = rig;
    const general = fake.createChannel('algemeen', false, [gm.id]);
    await sim.command(gm, general, '/casus', 'nieuw GRF-001');
    const channel = (await first(app.db.q.select().from(cases)))!.conversationId!;
    for (const [a, b] of [
      [4, 3],
      [5, 4],
      [7, 5],
    ]) {
      await sim.command(gm, channel, '/veiligheid', `actueel ${a} blijvend ${b}`);
      clock.advance(14 * DAY);
    }
    const res = await sim.command(gm, channel, '/veiligheid', 'grafiek');
    // The chart is posted in the channel: the answer is the one confirmation.
    expect(JSON.stringify(res.json)).toContain('Geplaatst');
    await slack.settled();
    await app.flush();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('posts the chart message and uploads the PNG under it, with its alt text', async () => {
    const { fake, app } = rig;
    const channel = (await first(app.db.q.select().from(cases)))!.conversationId!;
    const post = fake.callsOf('chat.postMessage').find((c) => c.args.channel === channel && String(c.args.text).includes('GRF-001') && String(c.args.text).includes('eiligheid'));
    expect(post).toBeDefined();
    const files = [...fake.files.values()].filter((f) => f.filename.endsWith('.png'));
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(file.channel).toBe((await first(app.db.q.select().from(cases)))!.conversationId);
    expect(file.alt).toMatch(/GRF-001/);
    expect(file.alt!.length).toBeGreaterThan(60);
    const png = PNG.sync.read(Buffer.from(file.bytes, 'binary'));
    expect(png.width).toBe(800);
    expect(png.height).toBe(380);
    // Under the chart message means in its thread: thread_ts is that message's ts, in that channel.
    const posted = fake.messagesIn(channel).find((m) => m.text === post!.args.text);
    expect(posted?.ts).toMatch(/^\d+\.\d+$/);
    const complete = fake.callsOf('files.completeUploadExternal').at(-1)!;
    expect(complete.args).toMatchObject({ channel_id: channel, thread_ts: posted!.ts });
    expect(file.ts).not.toBe(posted!.ts);
  });
});

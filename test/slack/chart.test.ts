import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { cases } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { DAY, ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { signingSecret } from './harness.js';

const gm: SimUser = { id: 'U0GM00031', name: 'gezinsmanager.test' };

describe('Slack: the safety chart', () => {
  let fake: FakeSlackApi;
  let app: App;
  let dir: string;
  beforeAll(async () => {
    fake = await FakeSlackApi.start();
    dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-chart-'));
    const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
    app = await buildApp({
      settings: loadSettings({ DATABASE_URL: `file:${dir}/t.db`, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' }),
      clock,
      senderIntervalMs: 0,
    });
    const base = await app.listen(0, '127.0.0.1');
    const sim = new SlackSim(`${base}/slack/events`, signingSecret, fake);
    const slack = app.adapters.get('slack') as SlackAdapter;
    const general = fake.createChannel('algemeen', false, [gm.id]);
    await sim.command(gm, general, '/casus', 'nieuw GRF-001');
    const channel = app.db.q.select().from(cases).get()!.conversationId!;
    for (const [a, b] of [
      [4, 3],
      [5, 4],
      [7, 5],
    ]) {
      await sim.command(gm, channel, '/veiligheid', `actueel ${a} blijvend ${b}`);
      clock.advance(14 * DAY);
    }
    const res = await sim.command(gm, channel, '/veiligheid', 'grafiek');
    expect(JSON.stringify(res.json)).toContain('grafiek');
    await slack.settled();
    await app.flush();
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('posts the chart message and uploads the PNG under it, with its alt text', () => {
    const channel = app.db.q.select().from(cases).get()!.conversationId!;
    const post = fake.callsOf('chat.postMessage').find((c) => c.args.channel === channel && String(c.args.text).includes('GRF-001') && String(c.args.text).includes('eiligheid'));
    expect(post).toBeDefined();
    const files = [...fake.files.values()].filter((f) => f.filename.endsWith('.png'));
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(file.channel).toBe(app.db.q.select().from(cases).get()!.conversationId);
    expect(file.alt).toMatch(/GRF-001/);
    expect(file.alt!.length).toBeGreaterThan(60);
    const png = PNG.sync.read(Buffer.from(file.bytes, 'binary'));
    expect(png.width).toBe(800);
    expect(png.height).toBe(380);
    expect(fake.callsOf('files.completeUploadExternal').at(-1)?.args.thread_ts).toBeDefined();
  });
});

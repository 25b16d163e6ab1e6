import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { buildApp, type App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim } from '../fakes/slack-sign.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { signingSecret } from './harness.js';

export interface SlackApp {
  fake: FakeSlackApi;
  app: App;
  slack: SlackAdapter;
  sim: SlackSim;
  clock: ManualClock;
  dir: string;
  close(): Promise<void>;
}

/** The real app with only Slack, on loopback, against the fake Web API, on a fresh database (SQLite file or PostgreSQL schema). */
export async function startSlackApp(options: { start?: Date; env?: Record<string, string>; secret?: string } = {}): Promise<SlackApp> {
  const fake = await FakeSlackApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-app-'));
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T09:00:00Z'));
  const secret = options.secret ?? signingSecret;
  const app = await buildApp({
    settings: loadSettings({
      DATABASE_URL: testDatabaseUrl(dir),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'silent',
      ...options.env,
    }),
    clock,
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  return {
    fake,
    app,
    slack: app.adapters.get('slack') as SlackAdapter,
    sim: new SlackSim(`${base}/slack/events`, secret, fake),
    clock,
    dir,
    async close() {
      await app.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import type { SlackAdapter } from '../../adapters/slack/index.js';
import type { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim } from '../fakes/slack-sign.js';
import { startApp } from '../helpers/listen.js';
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
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T09:00:00Z'));
  const secret = options.secret ?? signingSecret;
  const running = await startApp({
    prefix: 'slack-app',
    clock,
    env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, ...options.env },
  });
  const { app, base, dir } = running;
  return {
    fake,
    app,
    slack: app.adapters.get('slack') as SlackAdapter,
    sim: new SlackSim(`${base}/slack/events`, secret, fake),
    clock,
    dir,
    async close() {
      await running.close();
      await fake.close();
    },
  };
}

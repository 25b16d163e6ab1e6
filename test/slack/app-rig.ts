import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import type { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import type { AppOptions } from '../../src/app.js';
import { FakeSlackApi, type FakeSlackOptions } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
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
export async function startSlackApp(
  options: { start?: Date; env?: Record<string, string>; secret?: string; fake?: FakeSlackOptions; outboxPace?: AppOptions['outboxPace'] } = {},
): Promise<SlackApp> {
  const fake = await FakeSlackApi.start(options.fake);
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T09:00:00Z'));
  const secret = options.secret ?? signingSecret;
  const running = await startApp({
    prefix: 'slack-app',
    clock,
    ...(options.outboxPace !== undefined ? { outboxPace: options.outboxPace } : {}),
    env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, ...options.env },
  });
  const { app, base, dir } = running;
  return {
    fake,
    app,
    slack: app.adapters.get('slack') as SlackAdapter,
    sim: new SlackSim(`${base}/slack/events`, secret, fake, () => app.inbox.drain()),
    clock,
    dir,
    async close() {
      await running.close();
      await fake.close();
    },
  };
}

/**
 * `/casus nieuw <code>` typed by the gezinsmanager in a public channel, then
 * `/casus lid` for each member; resolves with the new private case channel
 * once every answer and delivery is done.
 */
export async function openCase(rig: SlackApp, code: string, gm: SimUser, people: Array<{ user: SimUser; role: string }>): Promise<string> {
  const settle = async () => {
    await rig.slack.settled();
    await rig.app.flush();
  };
  const general = rig.fake.createChannel('algemeen', false, [gm.id, ...people.map((p) => p.user.id)]);
  await rig.sim.command(gm, general, '/casus', `nieuw ${code}`);
  await settle();
  const kase = await rig.app.db.q.select({ conversationId: cases.conversationId }).from(cases).where(eq(cases.code, code));
  const channel = kase[0]?.conversationId;
  if (!channel) throw new Error(`case ${code} was not created`);
  for (const { user, role } of people) {
    await rig.sim.command(gm, channel, '/casus', `lid <@${user.id}|${user.name}> ${role}`);
    await settle();
  }
  return channel;
}

// A child process that measures the outbox against the fake Slack Web API
// with Slack's published per-channel posting rule switched on (1 message per
// second per channel, short bursts; test/fakes/slack-api.ts): the real app,
// its Slack sender polling on the system clock with its own pace, and
// messages written straight into the outbox, as the core writes them.
//
//   one channel:  --busy <n> posts into one channel
//   spread:       --per-channel <n> posts into each of --channels <c> channels,
//                 written round robin, as many cases at once would
//
// Prints one JSON line: for each scenario the messages, seconds until the last
// was delivered, messages per second, the ceiling the rule allows for that
// many, the 429s the fake answered, and whether every channel got its posts
// once and in the order they were written.
//
// Usage: tsx bench/children/outbox.ts --db <file> [--busy 20] [--channels 50] [--per-channel 10] [--concurrency 8]

import { buildApp } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { enqueue } from '../../src/kernel/outbox.js';
import { FakeSlackApi, slackChannelRate } from '../../test/fakes/slack-api.js';
import { arg } from './util.js';

const file = arg('db');
if (!file) throw new Error('usage: outbox.ts --db <file> [--busy n] [--channels c] [--per-channel n]');
const busy = Number(arg('busy') ?? '20');
const channels = Number(arg('channels') ?? '50');
const perChannel = Number(arg('per-channel') ?? '10');
const concurrency = arg('concurrency') ?? '8';

const fake = await FakeSlackApi.start({ channelRate: slackChannelRate });
const app = await buildApp({
  settings: loadSettings({ DATABASE_URL: `file:${file}`, SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: 'bench-outbox-secret', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent', OUTBOX_CONCURRENCY: concurrency }),
  senderIntervalMs: 500,
});
await app.listen(0, '127.0.0.1');

interface Scenario {
  channels: number;
  messages: number;
  seconds: number;
  perSecond: number;
  /** What Slack's rule allows for this many: the burst at once, then `perSecond` per channel. */
  ceilingPerSecond: number;
  refused429: number;
  inOrder: boolean;
}

async function run(channelCount: number, each: number): Promise<Scenario> {
  const ids = Array.from({ length: channelCount }, (_, i) => fake.createChannel(`bench-uit-${channelCount}-${i}`));
  const written = new Map<string, number[]>(ids.map((c) => [c, []]));
  await app.db.tx(async (tx) => {
    for (let n = 0; n < each; n++) {
      for (const channel of ids) {
        const id = await enqueue(tx, { kind: 'post', platform: 'slack', conversationId: channel }, { title: `Benchbericht ${n + 1}` }, new Date());
        written.get(channel)!.push(id);
      }
    }
  });
  const started = performance.now();
  void app.senders.get('slack')!.flush();
  for (;;) {
    if ((await app.outbox.counts()).pending === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  let inOrder = true;
  let refused429 = 0;
  for (const channel of ids) {
    const got = fake
      .messagesIn(channel)
      .map((m) => Number(m.metadata?.event_payload?.outbox_id))
      .filter((id) => Number.isFinite(id));
    if (JSON.stringify(got) !== JSON.stringify(written.get(channel))) inOrder = false;
    refused429 += fake.rateLimited.get(channel) ?? 0;
  }
  const messages = channelCount * each;
  const fastest = Math.max(0, each - slackChannelRate.burst) / slackChannelRate.perSecond;
  return {
    channels: channelCount,
    messages,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round((messages / seconds) * 100) / 100,
    ceilingPerSecond: fastest > 0 ? Math.round((messages / fastest) * 100) / 100 : Infinity,
    refused429,
    inOrder,
  };
}

const oneChannel = await run(1, busy);
const spread = await run(channels, perChannel);
await app.close();
await fake.close();
process.stdout.write(`${JSON.stringify({ rule: slackChannelRate, concurrency: Number(concurrency), oneChannel, spread })}\n`);

// The fake Slack Web API (test/fakes/slack-api.ts) in a process of its own,
// so that answering the app's Web API calls neither slows down the load
// generator nor hides in the server's numbers. It creates the channels the
// generated cases and teams live in (in the generator's id order) and knows
// each case's pinned card, so `chat.update` of a card finds its message.
//
// The parent talks to it over IPC: { type: 'stats' } answers with the calls
// received so far by method; the recorded calls themselves are dropped every
// second so that memory stays flat during a long run.
//
// Usage (forked with an IPC channel): fake-slack.ts --cases <n> --teams <n> [--latency-ms <n>]

import { FakeSlackApi } from '../../test/fakes/slack-api.js';
import { caseChannel, cardTs } from '../generate.js';
import { arg } from './util.js';

const cases = Number(arg('cases') ?? '0');
const teamCount = Number(arg('teams') ?? '0');
// Slack's Web API answers in tens to hundreds of ms, loopback in one: with
// --latency-ms every answer waits that long first (the fake's own handler is
// wrapped; it is private to the class, not to JavaScript).
const latencyMs = Number(arg('latency-ms') ?? '0');
if (latencyMs > 0) {
  const proto = FakeSlackApi.prototype as unknown as { handle: (req: unknown, res: unknown) => Promise<void> };
  const handle = proto.handle;
  proto.handle = async function (this: unknown, req: unknown, res: unknown) {
    await new Promise((r) => setTimeout(r, latencyMs));
    return handle.call(this, req, res);
  };
}
const fake = await FakeSlackApi.start();

for (let i = 1; i <= cases + teamCount; i++) {
  const id = fake.createChannel(`bench-${i}`, i <= cases);
  if (id !== caseChannel(i)) throw new Error(`fake Slack gave channel ${id}, expected ${caseChannel(i)}`);
}
for (let i = 1; i <= cases; i++) {
  const channel = caseChannel(i);
  fake.messages.set(`${channel}/${cardTs(i)}`, { channel, ts: cardTs(i), text: 'kaart', blocks: [], updates: 0 });
}

const byMethod: Record<string, number> = {};
let total = 0;
function fold(): void {
  for (const call of fake.calls) {
    byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
    total++;
  }
  byMethod['(response_url)'] = (byMethod['(response_url)'] ?? 0) + fake.responded.length;
  total += fake.responded.length;
  fake.reset();
}
const timer = setInterval(fold, 1000);

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stats') {
    fold();
    process.send?.({ type: 'stats', total, byMethod: { ...byMethod }, messages: fake.messages.size, rssMb: Math.round(process.memoryUsage().rss / 1048576) });
  } else if (msg.type === 'stop') {
    clearInterval(timer);
    void fake.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url: fake.url, apiUrl: fake.apiUrl });

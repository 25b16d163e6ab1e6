import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/slack/render.js';
import { outbox } from '../../db/schema.js';
import type { Message } from '../../src/kernel/message.js';
import { slackChannelRate, type StoredMessage } from '../fakes/slack-api.js';
import type { SimUser } from '../fakes/slack-sign.js';
import { openCase, startSlackApp, type SlackApp } from '../slack/app-rig.js';

// The outbox against the fake Slack Web API with Slack's per-channel posting
// rule switched on (one a second per channel, short bursts allowed; where the
// sender paces itself, twenty times as fast so the tests stay quick, with the
// sender's pace scaled alike). Everything goes in through signed slash commands, as Slack
// sends them. Invented codes and the demo people only.

const gm: SimUser = { id: 'U0GM00031', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00031', name: 'trajectbegeleider.test' };

let rig: SlackApp | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The outbox id each post in the channel carries (Slack message metadata), in the channel's order. */
function outboxIdsIn(r: SlackApp, channel: string): number[] {
  return r.fake
    .messagesIn(channel)
    .map((m) => Number(m.metadata?.event_payload?.outbox_id))
    .filter((id) => Number.isFinite(id));
}

function signalPosts(r: SlackApp, channel: string, word: string): StoredMessage[] {
  return r.fake.messagesIn(channel).filter((m) => m.text.includes(word) || JSON.stringify(m.blocks).includes(word));
}

/** Files `n` signals one after another while the sender is held back (a slow platform, a backlog). */
async function backlog(r: SlackApp, channel: string, n: number, word: string): Promise<void> {
  const sender = r.app.senders.get('slack')!;
  sender.stop();
  for (let i = 1; i <= n; i++) {
    const res = await r.sim.command(ha, channel, '/signaal', `zorg normaal ${word} ${i}`);
    expect(res.status).toBe(200);
  }
  await r.slack.settled();
  // Back to work; the polling interval is far beyond the test, flush() drives it.
  sender.start(3_600_000);
}

async function pending(r: SlackApp): Promise<number> {
  return (await r.app.outbox.counts()).pending;
}

describe('the outbox on Slack, with Slack per-channel rate rule enforced', () => {
  it('paces a backlog in one channel to the rule: every post once, in order, without a single 429', async () => {
    rig = await startSlackApp({ fake: { channelRate: { perSecond: 20, burst: 3 } }, outboxPace: { perSecond: 18, burst: 3 } });
    const channel = await openCase(rig, 'OUT-101', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    await backlog(rig, channel, 12, 'stapel');
    await rig.app.flush();

    const posts = signalPosts(rig, channel, 'stapel');
    expect(posts.map((m) => /stapel (\d+)/.exec(m.text)?.[1])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    const ids = outboxIdsIn(rig, channel);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(rig.fake.rateLimited.get(channel) ?? 0).toBe(0);
    expect(await pending(rig)).toBe(0);
  });

  it('without its pace the sender meets 429 and Retry-After: it waits, keeps the order, and loses nothing', async () => {
    rig = await startSlackApp({ outboxPace: false });
    const channel = await openCase(rig, 'OUT-102', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    await backlog(rig, channel, 8, 'golf');
    const r = rig;
    // Slack's own rule, unscaled: the fourth post within a second is refused, however slow the database.
    r.fake.channelRate = slackChannelRate;
    await r.app.flush();

    // Three went (the burst), the fourth was refused with Retry-After, and nothing overtook it.
    expect(r.fake.rateLimited.get(channel)).toBe(1);
    expect(signalPosts(r, channel, 'golf')).toHaveLength(3);
    const waiting = await r.app.db.q
      .select({ nextAttemptAt: outbox.nextAttemptAt, lastError: outbox.lastError })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), eq(outbox.kind, 'post')))
      .orderBy(asc(outbox.id));
    expect(waiting).toHaveLength(5);
    // Slack said one second: the refused post waits that long on the app's clock.
    expect(waiting[0]!.nextAttemptAt.getTime()).toBe(r.clock.now().getTime() + 1000);
    expect(waiting[0]!.lastError).toContain('rate limited');

    await expect
      .poll(async () => {
        r.clock.advance(1000);
        await r.app.flush();
        return pending(r);
      }, { timeout: 20_000, interval: 200 })
      .toBe(0);
    const posts = signalPosts(r, channel, 'golf');
    expect(posts.map((m) => /golf (\d+)/.exec(m.text)?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const ids = outboxIdsIn(r, channel);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('a busy channel does not hold up another: the quiet case is served between the busy one\'s posts', async () => {
    rig = await startSlackApp({ fake: { channelRate: { perSecond: 20, burst: 3 } }, outboxPace: { perSecond: 18, burst: 3 } });
    const busy = await openCase(rig, 'OUT-103', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    const quiet = await openCase(rig, 'OUT-104', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    const sender = rig.app.senders.get('slack')!;
    sender.stop();
    for (let i = 1; i <= 10; i++) await rig.sim.command(ha, busy, '/signaal', `zorg normaal druk ${i}`);
    await rig.sim.command(ha, quiet, '/signaal', 'zorg normaal rustig 1');
    await rig.slack.settled();
    rig.fake.reset();
    sender.start(3_600_000);
    await rig.app.flush();

    const posted = rig.fake.callsOf('chat.postMessage');
    const seqOf = (word: string) => posted.filter((c) => String(c.args.text).includes(word)).map((c) => c.seq);
    // Written last, delivered long before the busy channel's backlog is through.
    expect(seqOf('rustig 1')).toHaveLength(1);
    expect(seqOf('rustig 1')[0]!).toBeLessThan(Math.max(...seqOf('druk')));
    expect(seqOf('druk')).toHaveLength(10);
    expect(rig.fake.rateLimited.size).toBe(0);
  });

  it('coalesces card updates: of five pending states only the latest reaches Slack, the older are superseded', async () => {
    rig = await startSlackApp({ outboxPace: false });
    const channel = await openCase(rig, 'OUT-105', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    const card = rig.fake.messagesIn(channel).find((m) => rig!.fake.pins.has(`${channel}/${m.ts}`))!;
    rig.fake.reset();
    await backlog(rig, channel, 5, 'kaart');
    await rig.app.flush();

    const updates = rig.fake.callsOf('chat.update').filter((c) => c.args.ts === card.ts);
    expect(updates).toHaveLength(1);
    const rows = await rig.app.db.q
      .select({ id: outbox.id, status: outbox.status, payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.kind, 'update'))
      .orderBy(asc(outbox.id));
    const recent = rows.slice(-5);
    expect(recent.map((r) => r.status)).toEqual(['superseded', 'superseded', 'superseded', 'superseded', 'sent']);
    // What Slack shows is the newest state.
    expect(rig.fake.message(channel, card.ts)!.text).toBe(renderMessage(recent.at(-1)!.payload as Message).text);
    expect(signalPosts(rig, channel, 'kaart')).toHaveLength(5);
  });

  it('an older card update that waited (429) never overwrites a newer state already sent', async () => {
    rig = await startSlackApp({ outboxPace: false });
    const channel = await openCase(rig, 'OUT-106', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    const card = rig.fake.messagesIn(channel).find((m) => rig!.fake.pins.has(`${channel}/${m.ts}`))!;
    rig.fake.reset();
    rig.fake.rateLimitNext('chat.update', 30);
    await rig.sim.command(ha, channel, '/signaal', 'zorg normaal eerst');
    await rig.slack.settled();
    await rig.app.flush();
    await rig.sim.command(ha, channel, '/signaal', 'zorg normaal daarna');
    await rig.slack.settled();
    await rig.app.flush();
    const shown = rig.fake.message(channel, card.ts)!.text;
    rig.clock.advance(31_000);
    await rig.app.flush();

    // The first update was refused (429), the second sent; the first is then superseded, not sent late.
    expect(rig.fake.callsOf('chat.update').filter((c) => c.args.ts === card.ts)).toHaveLength(2);
    expect(rig.fake.message(channel, card.ts)!.text).toBe(shown);
    expect(await pending(rig)).toBe(0);
  });

  it('a payload Slack refuses (invalid_blocks) is dead at once, not retried, and does not hold the channel up', async () => {
    rig = await startSlackApp({ outboxPace: false });
    const channel = await openCase(rig, 'OUT-107', gm, [{ user: ha, role: 'hoofdaannemer' }]);
    rig.fake.reset();
    rig.fake.failNext('chat.postMessage', 'invalid_blocks');
    await rig.sim.command(ha, channel, '/signaal', 'zorg normaal geweigerd');
    await rig.sim.command(ha, channel, '/signaal', 'zorg normaal erna');
    await rig.slack.settled();
    await rig.app.flush();
    rig.clock.advance(3_600_000);
    await rig.app.flush();

    const dead = await rig.app.db.q.select({ attempts: outbox.attempts, lastError: outbox.lastError }).from(outbox).where(eq(outbox.status, 'dead'));
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastError).toContain('invalid_blocks');
    // One try only: the two posts are the refused one and the next.
    expect(rig.fake.callsOf('chat.postMessage')).toHaveLength(2);
    expect(signalPosts(rig, channel, 'erna')).toHaveLength(1);
    expect(await rig.app.outbox.counts()).toMatchObject({ pending: 0, dead: 1 });
  });
});

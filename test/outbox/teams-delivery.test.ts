import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { teamsThreadLimits } from '../fakes/bot-connector.js';
import { activityText, channel, startTeams, users, type TeamsRig } from '../teams/harness.js';

// The outbox against the fake Bot Connector with Teams' per-conversation
// limits switched on (7 in 1 s, 8 in 2 s, 60 in 30 s; here ten times as fast,
// with the sender's pace scaled alike). Messages go in as Teams sends them.

let rig: TeamsRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Teams' published windows, ten times as short. */
const fastLimits = teamsThreadLimits.map((l) => ({ max: l.max, windowMs: l.windowMs / 10 }));

describe('the outbox on Teams, with its per-conversation limits enforced', () => {
  it('paces a backlog in one channel within the limits: every card once, in order, without a 429', async () => {
    rig = await startTeams({ connector: { threadLimits: fastLimits }, outboxPace: { perSecond: 10, burst: 5, everyCall: true } });
    const ch = { ...channel, id: '19:uitgaand@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw OUT-301');
    await rig.app.flush();
    const sender = rig.app.senders.get('teams')!;
    sender.stop();
    for (let i = 1; i <= 12; i++) await rig.sim.message(users.gm, ch, `signaal zorg normaal opvolging ${i}`);
    sender.start(3_600_000);
    await rig.app.flush();

    const texts = rig.connector
      .messagesIn(ch.id)
      .filter((a) => a.conversationId === ch.id)
      .map((a) => /opvolging (\d+)/.exec(activityText(a))?.[1])
      .filter((n): n is string => n !== undefined);
    expect(texts).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(rig.connector.calls.filter((c) => c.status === 429)).toEqual([]);
    expect((await rig.app.outbox.counts()).pending).toBe(0);
  });

  it('answers to commands share the channel\'s pace with the cards: a burst of commands meets no 429 and every answer arrives', async () => {
    // Teams counts a reply in a channel's thread with the channel's other messages.
    rig = await startTeams({ connector: { threadLimits: fastLimits }, outboxPace: { perSecond: 10, burst: 5, everyCall: true } });
    const r = rig;
    const ch = { ...channel, id: '19:antwoorden@thread.tacv2' };
    await r.sim.message(users.gm, ch, 'casus nieuw OUT-304');
    await r.app.flush();
    // Acute: each answer keeps its 112 line beside the "Geplaatst", so every signal has an answer in the thread as well as its post.
    await Promise.all(Array.from({ length: 10 }, (_, i) => r.sim.message(users.gm, ch, `signaal zorg acuut tegelijk ${i + 1}`)));
    await r.app.flush();

    expect(r.connector.calls.filter((c) => c.status === 429)).toEqual([]);
    const inChannel = r.connector.messagesIn(ch.id);
    const answers = inChannel.filter((a) => a.conversationId !== ch.id);
    // The case's answer and one for each signal, each in the sender's thread.
    expect(answers).toHaveLength(11);
    const cards = inChannel
      .filter((a) => a.conversationId === ch.id)
      .map((a) => /tegelijk (\d+)/.exec(activityText(a))?.[1])
      .filter((n): n is string => n !== undefined);
    expect(cards.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));
    expect((await r.app.outbox.counts()).pending).toBe(0);
  });

  it('without its pace it meets 429 and Retry-After, waits, and keeps the order', async () => {
    // Teams' own windows, unscaled: twelve cards and their updates at once break them, however slow the database.
    rig = await startTeams({ connector: { threadLimits: teamsThreadLimits }, outboxPace: false });
    const r = rig;
    const ch = { ...channel, id: '19:zonder-tempo@thread.tacv2' };
    await r.sim.message(users.gm, ch, 'casus nieuw OUT-302');
    await r.app.flush();
    const sender = r.app.senders.get('teams')!;
    sender.stop();
    for (let i = 1; i <= 12; i++) await r.sim.message(users.gm, ch, `signaal zorg normaal golf ${i}`);
    sender.start(3_600_000);
    await r.app.flush();
    expect(r.connector.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        r.clock.advance(1000);
        await r.app.flush();
        return (await r.app.outbox.counts()).pending;
      }, { timeout: 20_000, interval: 200 })
      .toBe(0);
    const texts = r.connector
      .messagesIn(ch.id)
      .filter((a) => a.conversationId === ch.id)
      .map((a) => /golf (\d+)/.exec(activityText(a))?.[1])
      .filter((n): n is string => n !== undefined);
    expect(texts).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  it('a card Teams refuses (400) is dead at once, not retried', async () => {
    rig = await startTeams({ outboxPace: false });
    const ch = { ...channel, id: '19:geweigerd@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw OUT-303');
    await rig.app.flush();
    rig.connector.refuseNextSend(400, ch.id);
    await rig.sim.message(users.gm, ch, 'signaal zorg normaal niet te lezen');
    await rig.app.flush();
    rig.clock.advance(3_600_000);
    await rig.app.flush();
    const dead = await rig.app.db.q.select({ lastError: outbox.lastError, kind: outbox.kind }).from(outbox).where(eq(outbox.status, 'dead'));
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastError).toContain('400');
    expect(rig.connector.calls.filter((c) => c.status === 400)).toHaveLength(1);
    // The refused call is the fake's doing, not a rule the bot broke.
    rig.connector.calls.splice(0, rig.connector.calls.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { correctionsScenario, scenarioStart, type CorrectionsDriver, type Who } from '../helpers/corrections.js';
import { activityText, cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// Issue 20 (corrections, future facts, held versus planned, the timeline)
// through the Teams SDK app on loopback against the fake Bot Connector: the
// scenario of test/helpers/corrections.ts, typed in the case channel. What a
// person is answered is the bot's reply in their thread.

const people: Record<Who, (typeof users)[keyof typeof users]> = { gm: users.gm, ha: users.ha, tl: users.tl };
const textOf = (c: ConnectorCall) => (c.body?.attachments?.[0]?.content ? cardText(c.body.attachments[0].content) : String(c.body?.text ?? ''));

describe('corrections in Teams', () => {
  let rig: TeamsRig;
  let cardId = '';

  beforeAll(async () => {
    rig = await startTeams({ clock: new ManualClock(scenarioStart) });
  });
  afterAll(async () => {
    await rig?.close();
  });

  const topLevel = () => rig.connector.messagesIn(channel.id).filter((a) => a.conversationId === channel.id);

  const driver = (): CorrectionsDriver => ({
    clock: rig.clock,
    names: { gm: users.gm.name, ha: users.ha.name, tl: users.tl.name },
    async open() {
      await rig.sim.message(users.gm, channel, 'casus nieuw TST-2022');
      await rig.app.flush();
      cardId = topLevel()[0]!.id;
      for (const [who, role] of [
        [users.ha, 'hoofdaannemer'],
        [users.tl, 'teamleider'],
      ] as const) {
        await rig.sim.message(users.gm, channel, `casus lid @${who.name} ${role}`, { mentions: [who] });
        await rig.app.flush();
      }
    },
    async say(who, line) {
      const from = rig.connector.calls.length;
      const res = await rig.sim.message(people[who], channel, line);
      expect(res.status).toBe(200);
      await rig.app.flush();
      // The answer: a reply in the thread of the typed message.
      const replies = rig.connector.calls.slice(from).filter((c) => c.kind === 'send' && c.conversationId === `${channel.id};messageid=${res.activityId}`);
      return replies.map(textOf).join('\n');
    },
    async card() {
      return activityText(rig.connector.activities.get(cardId));
    },
    async channel() {
      return topLevel().map((a) => activityText(a));
    },
    async directs(who) {
      const personal = rig.connector.personal.get(people[who].id);
      return personal ? rig.connector.messagesIn(personal).map((a) => activityText(a)) : [];
    },
    async sweep() {
      await rig.app.scheduler.sweep();
      await rig.app.flush();
    },
  });

  it('each correction, its effect on the card, the deadlines and the timeline; future facts refused; held versus planned', async () => {
    await correctionsScenario(driver());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../fakes/slack-sign.js';
import { correctionsScenario, scenarioStart, type CorrectionsDriver, type Who } from '../helpers/corrections.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// Issue 20 (corrections, future facts, held versus planned, the timeline)
// through the real Bolt app on loopback against the fake Web API: the
// scenario of test/helpers/corrections.ts, typed as slash commands. What a
// person is answered is the ephemeral ack and what came through response_url.

/** What a person reads: Slack shows &lt; as <. */
const seen = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

const users: Record<Who, SimUser> = {
  gm: { id: 'U0GM00201', name: 'gezinsmanager.test' },
  ha: { id: 'U0HA00201', name: 'trajectbegeleider.test' },
  tl: { id: 'U0TL00201', name: 'teamleider.test' },
};

describe('corrections in Slack', () => {
  let rig: SlackApp;
  let caseChannel = '';

  beforeAll(async () => {
    rig = await startSlackApp({ start: scenarioStart });
  });
  afterAll(async () => {
    await rig?.close();
  });

  const settle = async () => {
    await rig.slack.settled();
    await rig.app.flush();
  };

  const driver = (): CorrectionsDriver => ({
    clock: rig.clock,
    names: { gm: users.gm.name, ha: users.ha.name, tl: users.tl.name },
    async open() {
      caseChannel = await openCase(rig, 'TST-2021', users.gm, [
        { user: users.ha, role: 'hoofdaannemer' },
        { user: users.tl, role: 'teamleider' },
      ]);
    },
    async say(who, line) {
      const [command, ...rest] = line.split(' ');
      const res = await rig.sim.command(users[who], caseChannel, command!, rest.join(' '));
      expect(res.status).toBe(200);
      await settle();
      const later = rig.fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
      return seen([res.json ? visibleText(res.json) : (res.text ?? ''), ...later].join('\n'));
    },
    async card() {
      return seen(visibleText(rig.fake.messagesIn(caseChannel)[0]));
    },
    async channel() {
      return rig.fake.messagesIn(caseChannel).map((m) => seen(visibleText(m)));
    },
    async directs(who) {
      return rig.fake.messagesIn(`D${users[who].id}`).map((m) => seen(visibleText(m)));
    },
    async sweep() {
      await rig.app.scheduler.sweep();
      await settle();
    },
  });

  it('each correction, its effect on the card, the deadlines and the timeline; future facts refused; held versus planned', async () => {
    await correctionsScenario(driver());
    // The withdrawn signal's post stays in the channel, marked, without its button.
    const withdrawn = rig.fake.messagesIn(caseChannel).find((m) => visibleText(m).includes('Ingetrokken: Signaal S-2'));
    expect(visibleText(withdrawn)).toContain('Ingetrokken op 02-03-2026 10:00');
    expect(JSON.stringify(withdrawn)).not.toContain('signal.ack');
  });
});

import { afterAll, beforeAll, describe, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { correctionsScenario, scenarioStart, type CorrectionsDriver, type Who } from '../helpers/corrections.js';
import { startApp, type ListeningApp } from '../helpers/listen.js';
import { nameOf } from '../helpers/people.js';
import { sandboxClient, textOf } from './helpers.js';

// Issue 20 (corrections, future facts, held versus planned, the timeline)
// through the sandbox's JSON API on loopback: the scenario of
// test/helpers/corrections.ts, as the page's users would type it.

const ids: Record<Who, string> = { gm: 'U-GM', ha: 'U-HA', tl: 'U-TL' };

describe('corrections in the sandbox', () => {
  let env: ListeningApp;
  let api: ReturnType<typeof sandboxClient>;
  let caseChannel = '';
  const clock = new ManualClock(scenarioStart);

  beforeAll(async () => {
    env = await startApp({ prefix: 'sandbox-corrections', clock });
    api = sandboxClient(env.base);
  });
  afterAll(async () => {
    await env?.close();
  });

  const driver: CorrectionsDriver = {
    clock,
    names: { gm: nameOf('U-GM'), ha: nameOf('U-HA'), tl: nameOf('U-TL') },
    async open() {
      const res = await api.command('U-GM', 'C-algemeen', '/casus nieuw TST-2020');
      caseChannel = res.switchTo ?? '';
      await api.command('U-GM', caseChannel, '/casus lid @Joris hoofdaannemer');
      await api.command('U-GM', caseChannel, '/casus lid @Marloes teamleider');
      await env.app.flush();
    },
    async say(who, line) {
      const res = await api.command(ids[who], caseChannel, line);
      await env.app.flush();
      return textOf(res.reply.message);
    },
    async card() {
      const pinned = (await api.messages('U-GM', caseChannel)).find((m) => m.pinned);
      return textOf(pinned?.message);
    },
    async channel() {
      return (await api.messages('U-GM', caseChannel)).filter((m) => m.kind === 'post').map((m) => textOf(m.message));
    },
    async directs(who) {
      return (await api.messages(ids[who], 'direct')).map((m) => textOf(m.message));
    },
    async sweep() {
      await env.app.scheduler.sweep();
      await env.app.flush();
    },
  };

  it('each correction, its effect on the card, the deadlines and the timeline; future facts refused; held versus planned', async () => {
    await correctionsScenario(driver);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signals } from '../../db/schema.js';
import { caseByCode } from '../../src/cases/model.js';
import { bot, cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// An activity Teams (or anyone who captured it) sends again under the same id
// is handled once; one whose first handling failed is handled when it comes
// again. Case codes are invented.

let rig: TeamsRig;

beforeAll(async () => {
  rig = await startTeams();
});
afterAll(async () => {
  await rig?.close();
});

async function signalsOf(code: string): Promise<number> {
  const kase = (await caseByCode(rig.app.db.q, code))!;
  return (await rig.app.db.q.select().from(signals).where(eq(signals.caseId, kase.id))).length;
}

describe('Teams: an activity id seen before', () => {
  it('a message sent three times under one id makes one signal and one post', async () => {
    const ch = { ...channel, id: '19:replay-drie@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw RPT-0015');
    await rig.app.flush();
    const activity = rig.sim.messageActivity(users.gm, ch, 'signaal zorg laag drie keer verstuurd');
    for (let i = 0; i < 3; i++) expect((await rig.sim.post(activity)).status).toBe(200);
    await rig.app.flush();
    expect(await signalsOf('RPT-0015')).toBe(1);
    // The post is the one confirmation (nothing is answered in the thread): it went out once.
    const posts = rig.connector.callsOf('send').filter((c) => c.conversationId === ch.id && cardText(c.body.attachments?.[0]?.content).includes('drie keer verstuurd'));
    expect(posts).toHaveLength(1);
    expect(rig.connector.callsOf('send').filter((c) => c.conversationId === `${ch.id};messageid=${activity.id}`)).toEqual([]);
  });

  it('the bot added to a conversation, delivered twice: one welcome', async () => {
    const ch = { ...channel, id: '19:replay-welkom@thread.tacv2' };
    const original = rig.sim.post.bind(rig.sim);
    let captured: unknown;
    rig.sim.post = (activity, headers) => {
      captured = activity;
      return original(activity, headers);
    };
    try {
      await rig.sim.conversationUpdate(ch, users.gm, { added: [bot] });
    } finally {
      rig.sim.post = original;
    }
    expect((await rig.sim.post(captured)).status).toBe(200);
    const welcomes = rig.connector.callsOf('send').filter((c) => c.conversationId === ch.id && cardText(c.body).includes('Hallo, ik ben regiebot'));
    expect(welcomes).toHaveLength(1);
  });

  it('an activity whose handling failed is handled when Teams sends it again', async () => {
    const ch = { ...channel, id: '19:replay-fout@thread.tacv2' };
    await rig.sim.message(users.gm, ch, 'casus nieuw RPT-0016');
    await rig.app.flush();
    const core = rig.app.core;
    const real = core.handleText.bind(core);
    let failures = 0;
    core.handleText = async (ctx, text) => {
      if (failures === 0) {
        failures += 1;
        throw new Error('database unreachable');
      }
      return real(ctx, text);
    };
    try {
      const activity = rig.sim.messageActivity(users.gm, ch, 'signaal zorg laag na een storing');
      await rig.sim.post(activity);
      expect(await signalsOf('RPT-0016')).toBe(0);
      await rig.sim.post(activity);
      await rig.app.flush();
      expect(await signalsOf('RPT-0016')).toBe(1);
      await rig.sim.post(activity);
      await rig.app.flush();
      expect(await signalsOf('RPT-0016')).toBe(1);
      expect(failures).toBe(1);
    } finally {
      core.handleText = real;
    }
  });
});

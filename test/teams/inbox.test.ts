import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, signals } from '../../db/schema.js';
import { cardText, channel, startTeams, TeamsSim, users, type TeamsRig } from './harness.js';

// Teams through the durable inbox: a typed message is stored and answered
// 200 at once; the core runs after it and the answer reaches the conversation
// as the bot's reply (a proactive send at the fake Bot Connector). Through the
// real Teams SDK app on loopback. Invented codes.

let rig: TeamsRig;

beforeAll(async () => {
  rig = await startTeams();
  await rig.sim.message(users.gm, channel, 'casus nieuw INB-081');
  await rig.sim.message(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] });
  await rig.app.flush();
});
afterAll(async () => {
  await rig?.close();
});

const signalTexts = async () => (await rig.app.db.q.select({ number: signals.number, text: signals.text }).from(signals)).sort((a, b) => a.number - b.number);

describe('Teams: the durable inbox', () => {
  it('answers 200 before the core runs; the answer arrives as a reply in the sender\'s thread', async () => {
    rig.app.inbox.stop();
    // No settling: the 200 comes back while the row waits.
    const held = new TeamsSim(rig.sim.endpoint, rig.connector);
    // Its ids from the rig's sim: a fresh sim would repeat them (and be refused as a redelivery).
    const res = await held.post(rig.sim.messageActivity(users.ha, channel, 'signaal zorg normaal teams-inbox-een'));
    expect(res.status).toBe(200);
    expect((await signalTexts()).some((s) => s.text.includes('teams-inbox-een'))).toBe(false);
    const [row] = await rig.app.db.q.select().from(inbox).where(eq(inbox.key, `teams:activity:${channel.id}:${res.activityId}`));
    expect(row).toMatchObject({ platform: 'teams', conversationId: channel.id, state: 'pending' });
    await rig.app.inbox.drain();
    const stored = (await signalTexts()).find((s) => s.text.includes('teams-inbox-een'));
    expect(stored).toBeDefined();
    await rig.app.flush();
    // One confirmation: the signal is posted in the channel, and the typed line stands there, so no answer in the thread.
    const post = rig.connector.callsOf('send').filter((c) => cardText(c.body.attachments?.[0]?.content).includes('teams-inbox-een'));
    expect(post.map((c) => c.conversationId)).toEqual([channel.id]);
    expect(rig.connector.callsOf('send').filter((c) => c.conversationId === `${channel.id};messageid=${res.activityId}`)).toEqual([]);

    // An answer only for the sender (a list) comes as the bot's reply in the sender's thread, after the 200.
    const list = await held.post(rig.sim.messageActivity(users.ha, channel, 'signaal lijst'));
    expect(list.status).toBe(200);
    await rig.app.inbox.drain();
    const reply = rig.connector.callsOf('send').find((c) => c.conversationId === `${channel.id};messageid=${list.activityId}`);
    expect(reply).toBeDefined();
    expect(cardText(reply!.body.attachments[0].content)).toMatch(/^Voor Joris Bakker/);
    expect(cardText(reply!.body.attachments[0].content)).toContain(`S-${stored!.number}`);
  });

  it('the same activity delivered twice is handled once', async () => {
    const activity = rig.sim.messageActivity(users.ha, channel, 'signaal zorg normaal teams-inbox-dubbel');
    const first = await rig.sim.post(activity);
    const again = await rig.sim.post(activity);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect((await signalTexts()).filter((s) => s.text.includes('teams-inbox-dubbel'))).toHaveLength(1);
    await rig.app.flush();
    expect(rig.connector.callsOf('send').filter((c) => cardText(c.body.attachments?.[0]?.content).includes('teams-inbox-dubbel'))).toHaveLength(1);
  });

  it('two messages into one case in quick succession are processed in arrival order', async () => {
    rig.app.inbox.stop();
    const held = new TeamsSim(rig.sim.endpoint, rig.connector);
    await held.post(rig.sim.messageActivity(users.ha, channel, 'signaal zorg normaal teams-volgorde-eerste'));
    await held.post(rig.sim.messageActivity(users.ha, channel, 'signaal zorg normaal teams-volgorde-tweede'));
    await rig.app.inbox.drain();
    const list = await signalTexts();
    const a = list.find((s) => s.text.includes('teams-volgorde-eerste'))!;
    const b = list.find((s) => s.text.includes('teams-volgorde-tweede'))!;
    expect(b.number).toBe(a.number + 1);
  });
});

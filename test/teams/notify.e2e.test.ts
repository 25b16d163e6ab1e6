/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signals } from '../../db/schema.js';
import { ManualClock } from '../../src/clock.js';
import { activityText, channel, startTeams, users, type TeamsRig } from './harness.js';

// Issue 22, Deliver 6 on Teams, through the real Teams SDK app: a personal
// notification links to the exact channel message (its activity id in a
// Teams message link), carries the deadline and its own Bevestigen button and
// leaves the content in the channel; a person added is welcomed. Invented codes.

let rig: TeamsRig;

/** What the bot put in someone's personal chat, oldest first. */
function personal(user: { id: string }): any[] {
  const conv = rig.connector.personal.get(user.id);
  return conv ? rig.connector.messagesIn(conv) : [];
}

/** Posts in the channel itself (not the replies in a sender's thread), oldest first. */
const channelPosts = () => rig.connector.messagesIn(channel.id).filter((a) => a.conversationId === channel.id);

/** The Teams message link of a channel activity, as a person opens it. */
function linkTo(activityId: string): RegExp {
  return new RegExp(`^https://teams\\.microsoft\\.com/l/message/${encodeURIComponent(channel.id).replace(/[.%]/g, '\\$&')}/${activityId}\\?`);
}

const actionsOf = (a: any) => (a.activity.attachments[0].content.actions ?? []) as any[];

beforeAll(async () => {
  rig = await startTeams({ clock: new ManualClock(new Date('2026-03-02T09:00:00Z')) });
  await rig.sim.message(users.gm, channel, 'casus nieuw NTF-2302');
  await rig.app.flush();
  await rig.sim.message(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] });
  await rig.app.flush();
});

afterAll(async () => {
  await rig?.close();
});

describe('personal notifications on Teams', () => {
  it('the person added gets a welcome naming the case, their role and /help, with a link to the message that added them', () => {
    const [welcome] = personal(users.ha);
    expect(activityText(welcome)).toContain('Welkom in casus NTF-2302: je bent toegevoegd als hoofdaannemer');
    expect(activityText(welcome)).toContain('/help');
    const added = channelPosts().find((a) => activityText(a).includes('is toegevoegd als hoofdaannemer'))!;
    const open = actionsOf(welcome).find((x) => x.type === 'Action.OpenUrl');
    expect(open?.url).toMatch(linkTo(added.id));
    expect(personal(users.gm)).toEqual([]);
  });

  it('an alarming signal: the gezinsmanager gets the link to that message, the deadline and a Bevestigen button, not its text', async () => {
    await rig.sim.message(users.ha, channel, 'signaal incident hoog ruzie bij de overdracht');
    await rig.app.flush();
    const post = channelPosts().find((a) => activityText(a).includes('ruzie bij de overdracht'))!;
    const [dm] = personal(users.gm);
    const shown = activityText(dm);
    expect(shown).toContain('Nieuw signaal in casus NTF-2302 (hoog)');
    expect(shown).toMatch(/Bevestigen vóór\n02-03-2026 14:00 \(termijn 4 uur\)/);
    expect(shown).not.toContain('ruzie');
    expect(actionsOf(dm).find((x) => x.type === 'Action.OpenUrl')?.url).toMatch(linkTo(post.id));
    expect(actionsOf(dm).find((x) => x.type === 'Action.Execute')).toMatchObject({ title: 'Bevestigen', data: { regiebot: 'action', actionId: 'signal.ack' } });
  });

  it("pressing the notice's own Bevestigen acknowledges the signal; the channel message is updated in place", async () => {
    const [dm] = personal(users.gm);
    const conv = { id: rig.connector.personal.get(users.gm.id)!, type: 'personal' as const };
    const res = await rig.sim.press(users.gm, conv, dm.id, 'Bevestigen');
    await rig.app.flush();
    expect(res.status).toBe(200);
    const [row] = await rig.app.db.q.select().from(signals).where(eq(signals.number, 1));
    expect(row?.ackById).toBe(users.gm.aadObjectId);
    const post = channelPosts().find((a) => activityText(a).includes('ruzie bij de overdracht'))!;
    expect(activityText(post)).not.toContain('[Bevestigen]');
  });

  it("the scheduled reminder names when it goes to the teamleider, and its own Bevestigen acknowledges from the personal chat", async () => {
    await rig.sim.message(users.ha, channel, 'signaal zorg hoog moeder mist de afspraak bij de huisarts');
    await rig.app.flush();
    const before = personal(users.gm).length;
    // hoog: reminded 4 hours after 10:00, escalated after 8.
    rig.clock.set(new Date('2026-03-02T13:30:00Z'));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const reminder = personal(users.gm).slice(before).find((a) => activityText(a).includes('Herinnering: signaal S-2'))!;
    expect(activityText(reminder)).toMatch(/Bevestigen vóór\n02-03-2026 18:00; daarna gaat het naar de teamleider/);
    expect(activityText(reminder)).not.toContain('huisarts');
    const conv = { id: rig.connector.personal.get(users.gm.id)!, type: 'personal' as const };
    expect((await rig.sim.press(users.gm, conv, reminder.id, 'Bevestigen')).status).toBe(200);
    await rig.app.flush();
    const [row] = await rig.app.db.q.select().from(signals).where(eq(signals.number, 2));
    expect(row?.ackById).toBe(users.gm.aadObjectId);
  });
});

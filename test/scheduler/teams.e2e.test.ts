/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { cardText, channel, startTeams, users, type TeamsRig } from '../teams/harness.js';

// The clock through Teams: an overdue start and an unanswered signal reach
// the channel (proactively, on the stored conversation reference) and the
// gezinsmanager's personal chat, once each. Codes are invented.

describe('the scheduler through Teams', () => {
  let rig: TeamsRig;
  const channelTexts = () =>
    rig.connector
      .callsOf('send')
      .filter((c) => c.conversationId === channel.id)
      .map((c) => cardText((c as any).body?.attachments?.[0]?.content ?? {}));
  beforeAll(async () => {
    rig = await startTeams({ clock: new ManualClock(new Date('2026-03-02T09:00:00Z')) });
    await rig.sim.message(users.gm, channel, 'casus nieuw KLK-001 klok');
    await rig.sim.message(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] });
    await rig.sim.message(users.gm, channel, 'inzet Horizon ha spic 7 verwezen 02-03-2026');
    await rig.app.flush();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('posts the overdue start in the case channel, once, four weeks after the referral', async () => {
    rig.connector.reset();
    rig.clock.set(new Date('2026-03-31T08:30:00Z'));
    await rig.app.scheduler.sweep();
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const alerts = channelTexts().filter((t) => t.includes('Start te laat'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Horizon');
    expect(alerts[0]).toContain('29 dagen');
  });

  it('reminds the gezinsmanager personally of an unacknowledged acute signal, with the case code only', async () => {
    await rig.sim.message(users.ha, channel, 'signaal veiligheid acuut vader staat voor de deur');
    await rig.app.flush();
    rig.connector.reset();
    rig.clock.set(new Date('2026-03-31T10:00:00Z'));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const personal = rig.connector
      .callsOf('send')
      .filter((c) => c.conversationId !== channel.id)
      .map((c) => cardText((c as any).body?.attachments?.[0]?.content ?? {}));
    expect(personal).toHaveLength(1);
    expect(personal[0]).toContain('Herinnering: signaal S-1 in casus KLK-001 is nog niet bevestigd');
    expect(personal[0]).not.toContain('voor de deur');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/clock.js';
import { amsterdam, local, startRig, type Rig } from '../helpers/app.js';

// Everything users read is in Europe/Amsterdam, and timed work keeps its local
// time across the clock changes of the last Sundays of March (29 March 2026,
// 02:00 -> 03:00) and October (25 October 2026, 03:00 -> 02:00).

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const STEP = 15 * MINUTE;

// Stepping the clock runs hundreds of sweeps; on PostgreSQL each is a dozen round trips, so these take longer than the default 30 s.
describe('summer and winter time', () => {
  it('the Monday digest stays at 08:30 local around the last Sunday of March', async () => {
    rig = await startRig({ start: local('2026-03-20 12:00') });
    await rig.must('U-GM', '/team koppel Noord', await rig.channel('team-noord'));
    const got = await rig.runUntil(local('2026-04-07 00:00'), STEP);
    expect(got.map((d) => `${amsterdam(d.at)} ${d.at.toISOString()} ${d.message.title}`)).toEqual([
      '2026-03-23 08:30 2026-03-23T07:30:00.000Z Weekoverzicht team Noord (2026-W13)',
      '2026-03-30 08:30 2026-03-30T06:30:00.000Z Weekoverzicht team Noord (2026-W14)',
      '2026-04-06 08:30 2026-04-06T06:30:00.000Z Weekoverzicht team Noord (2026-W15)',
    ]);
  }, 180_000);

  it('the Monday digest stays at 08:30 local around the last Sunday of October', async () => {
    rig = await startRig({ start: local('2026-10-16 12:00') });
    await rig.must('U-GM', '/team koppel Noord', await rig.channel('team-noord'));
    const got = await rig.runUntil(local('2026-11-03 00:00'), STEP);
    expect(got.map((d) => `${amsterdam(d.at)} ${d.at.toISOString()} ${d.message.title}`)).toEqual([
      '2026-10-19 08:30 2026-10-19T06:30:00.000Z Weekoverzicht team Noord (2026-W43)',
      '2026-10-26 08:30 2026-10-26T07:30:00.000Z Weekoverzicht team Noord (2026-W44)',
      '2026-11-02 08:30 2026-11-02T07:30:00.000Z Weekoverzicht team Noord (2026-W45)',
    ]);
    expect(got[1]!.message.context).toContain('26-10-2026 08:30');
  }, 180_000);

  it('a configured digest day and time is kept too', async () => {
    rig = await startRig({ start: local('2026-10-20 12:00'), env: { DIGEST_DAY: 'zondag', DIGEST_TIME: '02:30' } });
    await rig.must('U-GM', '/team koppel Noord', await rig.channel('team-noord'));
    const got = await rig.runUntil(local('2026-11-02 00:00'), STEP);
    // 25 October 02:30 happens twice; the digest goes out once (at the second, as zonedTime resolves it).
    expect(got.map((d) => `${amsterdam(d.at)} ${d.at.toISOString()}`)).toEqual([
      '2026-10-25 02:30 2026-10-25T01:30:00.000Z',
      '2026-11-01 02:30 2026-11-01T01:30:00.000Z',
    ]);
  }, 180_000);

  it('day-based reminders fall at 09:00 local on the switch days, hour deadlines count real hours', async () => {
    rig = await startRig({ start: local('2026-02-13 10:00') });
    await rig.must('U-GM', '/casus nieuw TST-601');
    const c = await rig.channelOf('TST-601');
    await rig.must('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', c);
    // Phase ondersteunen on 13 February: the overleg is due on 27 March, the GM alert on 30 March,
    // silence questions on 27 February, 13 March and 27 March.
    await rig.must('U-GM', '/casus fase ondersteunen', c);
    await rig.runUntil(local('2026-03-28 22:00'), 2 * 60 * MINUTE);
    // A hoog signal at 22:00 CET on the Saturday: 4 real hours later is 03:00 CEST.
    await rig.must('U-HA', '/signaal zorg hoog vader weer thuis', c);
    const got = await rig.runUntil(local('2026-03-30 12:00'), STEP);
    expect(got.map((d) => `${amsterdam(d.at)} ${d.message.title}`)).toEqual([
      '2026-03-29 03:00 Herinnering: signaal S-1 in casus TST-601 is nog niet bevestigd',
      // Neither the case nor its team has a teamleider: the gezinsmanager is told once, when the escalation needs one.
      '2026-03-29 07:00 Casus TST-601 heeft geen teamleider',
      '2026-03-29 07:00 Escalatie: signaal S-1 is niet bevestigd',
      '2026-03-30 09:00 Uitvoerdersoverleg 3 dagen te laat',
    ]);
    // An acuut signal in the extra hour of October: 01:30 CEST + 1 h is 02:30 CEST, + 2 h is 02:30 CET.
    rig.clock.set(new Date('2026-10-24T23:30:00Z'));
    await rig.must('U-HA', '/signaal incident acuut politie gebeld', c);
    const october = await rig.runUntil(new Date('2026-10-25T03:00:00Z'), STEP);
    expect(october.filter((d) => d.message.title.includes('S-2')).map((d) => `${d.at.toISOString()} ${d.message.title}`)).toEqual([
      '2026-10-25T00:30:00.000Z Herinnering: signaal S-2 in casus TST-601 is nog niet bevestigd',
      '2026-10-25T01:30:00.000Z Escalatie: signaal S-2 is niet bevestigd',
    ]);
  }, 180_000);
});

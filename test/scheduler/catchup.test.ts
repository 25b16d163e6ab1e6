import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/clock.js';
import { amsterdam, local, startRig, textOf, type Delivered, type Rig } from '../helpers/app.js';

// What fell due while the bot was down goes out on the first sweep after the
// start, once; of a series of steps only the latest is sent (no spam after an
// outage). Case codes are invented.

const GM = 'U-GM';
const HA = 'U-HA';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function newCase(r: Rig, code: string, options: { ondersteunen?: boolean } = {}): Promise<string> {
  await r.must(GM, `/casus nieuw ${code}`);
  const c = await r.channelOf(code);
  await r.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', c);
  await r.must(GM, '/casus lid <@U-TL|Marloes Visser> teamleider', c);
  if (options.ondersteunen) await r.must(GM, '/casus fase ondersteunen', c);
  return c;
}

/** The bot is down until `at`: no sweeps; then a new process starts and sweeps once. */
async function downUntil(r: Rig, at: string): Promise<Delivered[]> {
  const before = (await r.delivered()).at(-1)?.id ?? 0;
  r.clock.set(local(at));
  await r.restart();
  await r.sweep();
  return (await r.delivered()).filter((d) => d.id > before);
}

const titles = (list: Delivered[]) => list.map((d) => `${d.channel ? 'channel' : `dm:${d.userId}`} ${d.message.title}`);

describe('catching up after an outage', () => {
  // A month of hourly sweeps: on PostgreSQL each sweep is a dozen round trips, so this takes longer than the default 30 s.
  it('overdue start: only the latest weekly alert, merged into the escalation when that is new too', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const c = await newCase(rig, 'TST-201');
    await rig.must(GM, '/inzet Horizon ha spic 7 verwezen 02-02-2026', c);
    const first = await rig.runUntil(local('2026-03-03 09:00'), HOUR);
    expect(titles(first)).toEqual(['channel Start te laat: Horizon (29 dagen wachten)']);

    // Down from 3 March to 20 March: weeks 2 and 3 and the escalation of 16 March were missed.
    const caught = await downUntil(rig, '2026-03-20 12:00');
    expect(titles(caught)).toEqual([
      'channel Escalatie: start Horizon te laat (46 dagen wachten)',
      // The case is older than PLAN_DUE_DAYS (30) and has no result: the plan check caught up too.
      'channel Controle gezinsplan',
      'dm:U-TL Casus TST-201: start van Horizon te laat (46 dagen wachten)',
    ]);
    expect(textOf(caught[0]!.message)).toContain('@Sanne de Wit @Joris Bakker de hulp van Horizon had uiterlijk 02-03-2026 moeten starten');
    const keys = await rig.ledger();
    expect(keys).toContain('start-overdue:referral:1:due:2026-03-02:week:3');
    expect(keys).not.toContain('start-overdue:referral:1:due:2026-03-02:week:2');

    // The weekly rhythm continues.
    const next = await rig.runUntil(local('2026-03-31 12:00'), HOUR);
    expect(next.map((d) => `${amsterdam(d.at)} ${d.message.title}`)).toEqual([
      '2026-03-24 09:00 Start te laat: Horizon (50 dagen wachten)',
      '2026-03-31 09:00 Start te laat: Horizon (57 dagen wachten)',
    ]);
    // Once the start is recorded, nothing more.
    await rig.must(HA, '/inzet gestart Horizon', c);
    expect(await rig.runUntil(local('2026-04-21 12:00'), 6 * HOUR)).toEqual([]);
  }, 120_000);

  it('unanswered signal: when both deadlines passed, only the escalation', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const c = await newCase(rig, 'TST-202');
    await rig.must(HA, '/signaal veiligheid acuut er wordt geslagen', c);
    const caught = await downUntil(rig, '2026-02-02 13:00');
    expect(titles(caught)).toEqual(['channel Escalatie: signaal S-1 is niet bevestigd', 'dm:U-TL Casus TST-202: signaal S-1 (acuut) is niet bevestigd']);
    expect(await rig.ledger()).toEqual(expect.arrayContaining(['signal-escalation:signal:1', 'signal-reminder:signal:1']));
    expect(await rig.runUntil(local('2026-02-03 13:00'), HOUR)).toEqual([]);
  });

  it('overleg: only the alert of the latest step, the reminders before it are dropped', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await newCase(rig, 'TST-203', { ondersteunen: true });
    // Due 16 March; down until 20 March: the 7-day and 1-day reminders were missed.
    const gm = await downUntil(rig, '2026-03-20 10:00');
    expect(titles(gm).filter((t) => t.includes('overleg'))).toEqual(['channel Uitvoerdersoverleg 4 dagen te laat']);
    // Down again until 1 April: only the teamleider's alert.
    const tl = await downUntil(rig, '2026-04-01 10:00');
    expect(titles(tl).filter((t) => t.toLowerCase().includes('overleg'))).toEqual([
      'channel Escalatie: uitvoerdersoverleg 16 dagen te laat',
      'dm:U-TL Casus TST-203: uitvoerdersoverleg 16 dagen te laat',
    ]);
  });

  it('silence: one question for the whole silence, not one per missed fortnight', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const c = await newCase(rig, 'TST-204', { ondersteunen: true });
    const caught = await downUntil(rig, '2026-03-20 10:00');
    const asks = caught.filter((d) => d.channel === c && d.message.title === 'Hoe staat het ervoor?');
    expect(asks).toHaveLength(1);
    expect(textOf(asks[0]!.message)).toContain('al 46 dagen niets vastgelegd');
    expect((await rig.ledger()).filter((k) => k.startsWith('silence:'))).toEqual(['silence:case:1:from:2026-02-02:ask:3']);
  });

  it('digest: the missed digest of this week goes out late, earlier weeks are not sent', async () => {
    rig = await startRig({ start: local('2026-02-02 07:00') });
    const team = await rig.channel('team-zuid');
    await rig.must(GM, '/team koppel Zuid', team);
    await rig.runUntil(local('2026-02-02 09:00'), 30 * MINUTE);
    const caught = await downUntil(rig, '2026-02-18 15:00');
    expect(caught.map((d) => `${amsterdam(d.at)} ${d.message.title}`)).toEqual(['2026-02-18 15:00 Weekoverzicht team Zuid (2026-W08)']);
    const next = await rig.runUntil(local('2026-02-23 12:00'), 30 * MINUTE);
    expect(next.map((d) => `${amsterdam(d.at)} ${d.message.title}`)).toEqual(['2026-02-23 08:30 Weekoverzicht team Zuid (2026-W09)']);
    expect((await rig.ledger()).filter((k) => k.startsWith('digest:'))).toEqual([
      'digest:team:1:week:2026-W06',
      'digest:team:1:week:2026-W08',
      'digest:team:1:week:2026-W09',
    ]);
  });

  it('a team linked after this week\'s digest moment waits for next week', async () => {
    rig = await startRig({ start: local('2026-02-04 11:00') });
    const team = await rig.channel('team-west');
    await rig.must(GM, '/team koppel West', team);
    const until = await rig.runUntil(local('2026-02-09 12:00'), HOUR);
    expect(until.map((d) => `${amsterdam(d.at)} ${d.message.title}`)).toEqual(['2026-02-09 09:00 Weekoverzicht team West (2026-W07)']);
  });

  it('SPIC 11: the end alert replaces the unsent week-five reminder', async () => {
    // The start is a fact of today: a start dated tomorrow is refused.
    rig = await startRig({ start: local('2026-02-10 10:00') });
    const c = await newCase(rig, 'TST-205');
    await rig.must(GM, '/inzet Spoedteam ha spic 11 verwezen 09-02-2026', c);
    await rig.must(GM, '/inzet gestart Spoedteam 10-02-2026', c);
    const caught = await downUntil(rig, '2026-03-25 10:00');
    const spic = titles(caught).filter((t) => t.includes('SPIC'));
    expect(spic).toEqual(['channel SPIC 11 afgelopen: besluit nodig', 'dm:U-TL Casus TST-205: SPIC 11 afgelopen zonder vastgelegd vervolg']);
    expect(await rig.ledger()).toEqual(expect.arrayContaining(['spic11-end:referral:1:start:2026-02-10', 'spic11-week5:referral:1:start:2026-02-10']));
  });

  it('SPIC 11: a follow-up referral ends the reminders', async () => {
    // The start is a fact of today: a start dated tomorrow is refused.
    rig = await startRig({ start: local('2026-02-10 10:00') });
    const c = await newCase(rig, 'TST-206');
    await rig.must(GM, '/inzet Spoedteam ha spic 11 verwezen 09-02-2026', c);
    await rig.must(GM, '/inzet gestart Spoedteam 10-02-2026', c);
    const week5 = await rig.runUntil(local('2026-03-10 10:00'), 6 * HOUR);
    expect(titles(week5).filter((t) => t.includes('SPIC'))).toEqual(['channel SPIC 11: besluit wat er volgt']);
    await rig.must(GM, '/inzet Kompas oa spic 3 verwezen vandaag', c);
    const after = await rig.runUntil(local('2026-04-01 10:00'), 6 * HOUR);
    expect(titles(after).filter((t) => t.includes('SPIC'))).toEqual([]);
  });
});

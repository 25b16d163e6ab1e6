import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveries, due } from '../../db/schema.js';
import { HOUR } from '../../src/clock.js';
import { rules } from '../../src/scheduled.js';
import { ensureFilled, fillDue, fillKey } from '../../src/scheduler/due.js';
import { sweep, type Rule } from '../../src/scheduler/sweep.js';
import { signalRule } from '../../src/signals/scheduled.js';
import { local, startRig, type Rig } from '../helpers/app.js';

// The due rows (issue 19): written by the transaction of every command that
// touches a case, moved by the sweep after it fired, filled once for existing
// data, and only ever a hint: the sweep derives the rule again and the ledger
// decides.

const GM = 'U-GM';
const HA = 'U-HA';
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function openCase(r: Rig, code: string): Promise<string> {
  await r.must(GM, `/casus nieuw ${code}`);
  const c = await r.channelOf(code);
  await r.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', c);
  await r.must(GM, '/casus lid <@U-TL|Marloes Visser> teamleider', c);
  return c;
}

// Every new case also has its plan check due PLAN_DUE_DAYS after creation
// (issue 20); these tests are about the signal rows, so that row is left out.
const rows = async (r: Rig) =>
  (await r.app.db.q.select({ rule: due.rule, caseId: due.caseId, dueAt: due.dueAt }).from(due).orderBy(asc(due.rule), asc(due.caseId)))
    .filter((row) => row.rule !== 'plan')
    .map((row) => `${row.rule}:${row.caseId} ${row.dueAt.toISOString()}`);

describe('the write path keeps the rows', () => {
  it('a filed signal sets its deadline in the same transaction; the acknowledgement removes it', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const c = await openCase(rig, 'DUE-101');
    expect(await rows(rig)).toEqual([]);
    await rig.must(HA, '/signaal zorg hoog school meldt verzuim', c);
    // hoog: 4 clock hours, then the escalation at 8.
    expect(await rows(rig)).toEqual([`signal:1 ${local('2026-02-02 14:00').toISOString()}`]);
    await rig.must(GM, '/signaal bevestig S-1', c);
    expect(await rows(rig)).toEqual([]);
    rig.clock.set(local('2026-02-03 10:00'));
    expect((await rig.sweep()).delivered).toEqual([]);
  });

  it('the sweep moves the row to the next step after it fired, and removes it after the last', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const c = await openCase(rig, 'DUE-102');
    await rig.must(HA, '/signaal zorg hoog vader weer in huis', c);
    rig.clock.set(local('2026-02-02 14:30'));
    expect((await rig.sweep()).delivered).toEqual(['signal-reminder:signal:1']);
    expect(await rows(rig)).toEqual([`signal:1 ${local('2026-02-02 18:00').toISOString()}`]);
    rig.clock.set(local('2026-02-02 18:01'));
    expect((await rig.sweep()).delivered).toEqual(['signal-escalation:signal:1']);
    expect(await rows(rig)).toEqual([]);
  });

  it('a steady sweep looks only at the cases whose moment came', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    for (const code of ['DUE-103', 'DUE-104', 'DUE-105']) await rig.must(HA, '/signaal zorg laag moeder belt af', await openCase(rig, code));
    await rig.must(HA, '/signaal zorg acuut moeder belt in paniek', await rig.channelOf('DUE-104'));
    rig.clock.set(local('2026-02-02 11:30'));
    const report = await rig.sweep();
    expect(report.delivered).toEqual(['signal-reminder:signal:4']);
    expect(report.looked).toBe(1);
    rig.clock.advance(60_000);
    expect(await rig.sweep()).toMatchObject({ delivered: [], looked: 0 });
  });
});

describe('the Monday wave', () => {
  it('goes in bounded batches: a sweep past its budget leaves the rest to the next, each rule moves every sweep, nothing twice', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    for (const code of ['DUE-111', 'DUE-112', 'DUE-113']) {
      const c = await openCase(rig, code);
      await rig.must(HA, '/signaal zorg acuut moeder belt in paniek', c);
      await rig.must(GM, '/casus fase ondersteunen', c);
    }
    // Two weeks of silence in all three: three questions at 09:00, and three signal escalations long due.
    rig.clock.set(local('2026-02-16 09:30'));
    const deps = { db: rig.app.db, settings: rig.app.settings, log: rig.app.log };
    const wave = { budgetMs: 0, batch: 1 };
    const first = await sweep(deps, [...rules], rig.clock.now(), new Set(), wave);
    expect(first).toMatchObject({ deferred: true, delivered: ['signal-escalation:signal:1', 'silence:case:1:from:2026-02-02:ask:1'] });
    const second = await sweep(deps, [...rules], rig.clock.now(), new Set(), wave);
    expect(second.delivered).toEqual(['signal-escalation:signal:2', 'silence:case:2:from:2026-02-02:ask:1']);
    const third = await sweep(deps, [...rules], rig.clock.now(), new Set(), wave);
    expect(third.delivered).toEqual(['signal-escalation:signal:3', 'silence:case:3:from:2026-02-02:ask:1']);
    expect(await sweep(deps, [...rules], rig.clock.now(), new Set(), wave)).toMatchObject({ delivered: [], deferred: false });
  });
});

describe('failures', () => {
  it('a case whose delivery fails is logged with ids only, does not stop the others, and is tried again next sweep', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await rig.must(HA, '/signaal zorg acuut geheime tekst over het kind', await openCase(rig, 'DUE-106'));
    await rig.must(HA, '/signaal zorg acuut moeder belt in paniek', await openCase(rig, 'DUE-107'));
    rig.clock.set(local('2026-02-02 11:30'));
    let broken = true;
    const fragile: Rule = {
      ...signalRule,
      async due(tx, now, settings, filter, memo, wake) {
        return (await signalRule.due(tx, now, settings, filter, memo, wake)).map((item) =>
          item.caseCode === 'DUE-106' && broken
            ? {
                ...item,
                async deliver(t, at) {
                  await item.deliver(t, at);
                  throw new Error('kapot: geheime tekst over het kind');
                },
              }
            : item,
        );
      },
    };
    const deps = { db: rig.app.db, settings: rig.app.settings, log: rig.app.log };
    const report = await sweep(deps, [fragile], rig.clock.now());
    expect(report).toMatchObject({ delivered: ['signal-reminder:signal:2'], failed: 1 });
    // Rolled back: no key, and the row waits just past this sweep.
    expect((await rig.ledger()).filter((k) => k.startsWith('signal'))).toEqual(['signal-reminder:signal:2']);
    expect(await rows(rig)).toContain(`signal:1 ${new Date(rig.clock.now().getTime() + 1).toISOString()}`);
    expect(rig.logs.join('')).toContain('"rule":"signal"');
    expect(rig.logs.join('')).not.toContain('geheime');
    broken = false;
    rig.clock.advance(60_000);
    expect((await sweep(deps, [fragile], rig.clock.now())).delivered).toEqual(['signal-reminder:signal:1']);
  });
});

describe('the backfill', () => {
  it('fills the rows for data written before them, once per set of rules and settings, and only moves rows earlier', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const c = await openCase(rig, 'DUE-108');
    await rig.must(HA, '/signaal zorg hoog school meldt verzuim', c);
    await rig.must(HA, '/signaal zorg laag moeder belt af', c);
    // The backfill goes team by team, then the cases without a team one by one: both kinds are here.
    await rig.must(GM, '/team koppel Zuid', await rig.channel('team-zuid'));
    const inTeam = await openCase(rig, 'DUE-109');
    await rig.must(GM, '/casus team Zuid', inTeam);
    await rig.must(HA, '/signaal zorg normaal vader zegt af', inTeam);
    await rig.must(GM, '/afspraak <@U-HA|Joris Bakker> 06-02-2026 belt de school', inTeam);
    const kept = await rows(rig);
    expect(kept.filter((row) => row.startsWith('signal:2') || row.startsWith('afspraak:2'))).toHaveLength(2);
    // As a database from before issue 19: no rows, no fill key.
    await rig.app.db.q.delete(due);
    await rig.app.db.q.delete(deliveries).where(eq(deliveries.key, fillKey(rules, rig.app.settings)));
    expect(await ensureFilled(rig.app.db, rules, rig.clock.now(), rig.app.settings)).toBe(true);
    expect(await rows(rig)).toEqual(kept);
    expect(await ensureFilled(rig.app.db, rules, rig.clock.now(), rig.app.settings)).toBe(false);
    // A later row is brought forward by a fill, an earlier one is left (the sweep corrects it after one look).
    await rig.app.db.q.update(due).set({ dueAt: new Date(rig.clock.now().getTime() + 100 * HOUR) });
    await fillDue(rig.app.db, rules, rig.clock.now(), rig.app.settings);
    expect(await rows(rig)).toEqual(kept);
    await rig.app.db.q.update(due).set({ dueAt: rig.clock.now() });
    await fillDue(rig.app.db, rules, rig.clock.now(), rig.app.settings);
    expect(await rows(rig)).toEqual([`afspraak:2 ${rig.clock.now().toISOString()}`, `signal:1 ${rig.clock.now().toISOString()}`, `signal:2 ${rig.clock.now().toISOString()}`]);
    expect((await rig.sweep()).delivered).toEqual([]);
    expect(await rows(rig)).toEqual(kept);
  });

  it('a changed setting that moves moments gives another fill key', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const other = { ...rig.app.settings, SILENCE_DAYS: rig.app.settings.SILENCE_DAYS + 1 };
    expect(fillKey(rules, other)).not.toBe(fillKey(rules, rig.app.settings));
    expect(fillKey(rules, { ...rig.app.settings, SLACK_BOT_TOKEN: 'xoxb-other' })).toBe(fillKey(rules, rig.app.settings));
    // How the process listens and delivers moves no moment: another port must not fill the rows again.
    expect(fillKey(rules, { ...rig.app.settings, PORT: 4321, OUTBOX_CONCURRENCY: 3, METRICS: true, TEAMS_INSECURE_LOCAL: true })).toBe(fillKey(rules, rig.app.settings));
    expect(fillKey(rules.slice(1), rig.app.settings)).not.toBe(fillKey(rules, rig.app.settings));
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { buildApp } from '../../src/app.js';
import { HOUR } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { signalRule } from '../../src/signals/scheduled.js';
import { sweep, type Rule } from '../../src/scheduler/sweep.js';
import { local, startRig, type Rig } from '../helpers/app.js';

// The sweep machinery: exactly-once across overlapping sweeps and processes,
// a re-check of each item inside its own transaction, and one broken case
// never stopping the others.

const GM = 'U-GM';
const HA = 'U-HA';
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function caseWithSignal(r: Rig, code: string, text = 'moeder belt in paniek'): Promise<string> {
  await r.must(GM, `/casus nieuw ${code}`);
  const c = await r.channelOf(code);
  await r.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', c);
  await r.must(GM, '/casus lid <@U-TL|Marloes Visser> teamleider', c);
  await r.must(HA, `/signaal veiligheid acuut ${text}`, c);
  return c;
}

const scheduledRows = async (r: Rig) =>
  (await r.app.db.q.select().from(outbox)).filter((row) => row.createdAt.getTime() > local('2026-02-02 10:30').getTime());

describe('exactly once', () => {
  it('overlapping sweeps in one process run one pass; overlapping ticks are skipped', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await caseWithSignal(rig, 'TST-401');
    rig.clock.set(local('2026-02-02 11:00'));
    const s = rig.app.scheduler;
    const before = s.stats.sweeps;
    const [a, b] = await Promise.all([s.sweep(), s.sweep()]);
    expect(a).toBe(b);
    expect(s.stats.sweeps).toBe(before + 1);
    await Promise.all([s.tick(), s.tick(), s.tick()]);
    expect(s.stats.sweeps).toBe(before + 2);
    expect(s.stats.skippedTicks).toBe(2);
    expect(await scheduledRows(rig)).toHaveLength(1);
  });

  it('processes on one database deliver each item once', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    for (const code of ['TST-402', 'TST-403', 'TST-404']) await caseWithSignal(rig, code);
    const team = await rig.channel('team-oost');
    await rig.must(GM, '/team koppel Oost', team);
    rig.clock.set(local('2026-02-09 12:00'));
    // Two more processes sweep the same database at the same moment, while this one does too.
    const child = () =>
      new Promise<string[]>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(new URL('./fixtures/sweep-process.ts', import.meta.url)), rig!.env.DATABASE_URL!, rig!.clock.now().toISOString(), '5'],
          { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: 60_000 },
          (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as string[])),
        );
      });
    const children = [child(), child()];
    let childrenDone = false;
    void Promise.allSettled(children).then(() => (childrenDone = true));
    // This process keeps sweeping for as long as the other two run (20 sweeps at least),
    // so the three overlap however fast or slow the machine is.
    const mine = async () => {
      const out: string[] = [];
      for (let i = 0; i < 20 || !childrenDone; i++) {
        out.push(...(await rig!.app.scheduler.sweep()).delivered);
        await new Promise((r) => setImmediate(r));
      }
      return out;
    };
    const results = await Promise.all([...children, mine()]);
    const delivered = results.flat();
    expect([...delivered].sort()).toEqual([
      'digest:team:1:week:2026-W07',
      'signal-escalation:signal:1',
      'signal-escalation:signal:2',
      'signal-escalation:signal:3',
    ]);
    // Each escalation is one channel post and one direct message; plus one digest.
    expect(await scheduledRows(rig)).toHaveLength(7);
  }, 90_000);

  it('when another process claims an item between our query and our transaction, we send nothing', async () => {
    const r = await startRig({ start: local('2026-02-02 10:00') });
    rig = r;
    await caseWithSignal(r, 'TST-409');
    r.clock.set(local('2026-02-02 11:30'));
    const other = await buildApp({ settings: loadSettings(r.env), clock: r.clock, log: createLogger('silent'), sandbox: true, senderIntervalMs: 0 });
    try {
      const theirs = { db: other.db, settings: other.settings, log: other.log };
      const theirReport: string[] = [];
      // Our sweep finds the item unclaimed; the other process sweeps in full before our transaction begins.
      const ours = {
        db: {
          ...r.app.db,
          q: r.app.db.q,
          tx: async <T>(fn: Parameters<typeof r.app.db.tx<T>>[0]) => {
            // Every transaction of ours (the due rows' backfill, the item) lets them sweep first.
            theirReport.push(...(await sweep(theirs, [signalRule], r.clock.now())).delivered);
            return r.app.db.tx(fn);
          },
        },
        settings: r.app.settings,
        log: r.app.log,
      };
      const ourReport = await sweep(ours, [signalRule], r.clock.now());
      expect(theirReport).toEqual(['signal-reminder:signal:1']);
      expect(ourReport.delivered).toEqual([]);
      expect(await scheduledRows(r)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('re-checks each item in its transaction: what is no longer due is not sent and not claimed', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await caseWithSignal(rig, 'TST-405');
    rig.clock.set(local('2026-02-02 11:30'));
    // A rule that sees the reminder in its overall query, but the state changed before the delivery.
    let acked = false;
    const racing: Rule = {
      name: 'racing',
      async due(tx, now, settings, filter) {
        const items = await signalRule.due(tx, now, settings, filter);
        if (filter.caseId === undefined && !acked) {
          acked = true;
          // Completes before the sweep's own transaction for the item begins (the
          // overall query runs outside any transaction), on either database.
          await rig!.app.core.handleText(rig!.ctx(GM, await rig!.channelOf('TST-405')), '/signaal bevestig S-1');
        }
        return items;
      },
    };
    const report = await sweep({ db: rig.app.db, settings: rig.app.settings, log: rig.app.log }, [racing], rig.clock.now());
    expect(report.delivered).toEqual([]);
    expect(await rig.ledger()).toEqual([]);
  });
});

describe('isolation', () => {
  it('one broken case is logged with codes and ids only, and does not stop the others; it is retried', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await caseWithSignal(rig, 'TST-406', 'geheime tekst over het kind');
    await caseWithSignal(rig, 'TST-407');
    rig.clock.set(local('2026-02-02 11:30'));
    let broken = true;
    const fragile: Rule = {
      name: 'signal',
      async due(tx, now, settings, filter) {
        return (await signalRule.due(tx, now, settings, filter)).map((item) =>
          item.caseCode === 'TST-406' && broken
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
    const failing: Rule = {
      name: 'failing',
      async due() {
        throw new TypeError('geheime tekst over het kind');
      },
    };
    const deps = { db: rig.app.db, settings: rig.app.settings, log: rig.app.log };
    const report = await sweep(deps, [failing, fragile], rig.clock.now());
    expect(report.delivered).toEqual(['signal-reminder:signal:2']);
    expect(report.failed).toBe(2);
    // The failed delivery left nothing behind: no ledger key, no outbox row.
    expect(await rig.ledger()).toEqual(['signal-reminder:signal:2']);
    expect((await rig.app.db.q.select().from(outbox).where(eq(outbox.caseId, 1))).filter((r) => r.kind === 'direct' && r.createdAt >= rig!.clock.now())).toHaveLength(0);
    const logs = rig.logs.join('');
    expect(logs).toContain('"caseCode":"TST-406"');
    expect(logs).toContain('"recordId":1');
    expect(logs).toContain('"rule":"failing"');
    expect(logs).not.toContain('geheime');
    // Repaired: the next sweep delivers it.
    broken = false;
    const retry = await sweep(deps, [fragile], rig.clock.now());
    expect(retry.delivered).toEqual(['signal-reminder:signal:1']);
  });

  it('skips cases that have no conversation to deliver to', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await caseWithSignal(rig, 'TST-408');
    await rig.app.db.q.update((await import('../../db/schema.js')).cases).set({ conversationId: null });
    rig.clock.advance(2 * HOUR);
    const report = await rig.sweep();
    expect(report).toMatchObject({ delivered: [], failed: 0 });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { cases, deliveries, meetings, members, referrals, safetyScores, signals, teams } from '../../db/schema.js';
import { DAY, zonedTime } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { buildDigest } from '../../src/digests/build.js';
import { createLogger } from '../../src/log.js';
import { rules } from '../../src/scheduler/tick.js';
import { sweep } from '../../src/scheduler/sweep.js';
import { testDatabaseUrl } from '../helpers/database.js';

// The digest with set-based queries: 50,000 open cases across 200 teams, every
// team's digest within 3 seconds in all. And one sweep over the same data.

const TEAMS = 200;
const PER_TEAM = 250;
const now = zonedTime('2026-06-01', '08:30');
let dir: string;
let db: Db;

/** Inserts rows in batches small enough for PostgreSQL's limit on parameters per statement. */
async function insertAll<T>(insert: (rows: T[]) => PromiseLike<unknown>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regiebot-digest-bench-'));
  db = await openDatabase(testDatabaseUrl(dir, 'bench'));
  const t0 = now.getTime();
  const at = (ms: number) => new Date(ms);
  const day = (offset: number) => new Date(t0 + offset * DAY).toISOString().slice(0, 10);
  const kinds = ['veiligheid', 'zorg', 'stagnatie', 'incident', 'positief'] as const;
  const urgencies = ['acuut', 'hoog', 'normaal', 'laag'] as const;
  const teamRows: (typeof teams.$inferInsert)[] = [];
  const caseRows: (typeof cases.$inferInsert)[] = [];
  const memberRows: (typeof members.$inferInsert)[] = [];
  const signalRows: (typeof signals.$inferInsert)[] = [];
  const referralRows: (typeof referrals.$inferInsert)[] = [];
  const meetingRows: (typeof meetings.$inferInsert)[] = [];
  const scoreRows: (typeof safetyScores.$inferInsert)[] = [];
  let caseId = 0;
  for (let t = 1; t <= TEAMS; t++) {
    teamRows.push({ id: t, name: `Team ${t}`, platform: 'sandbox', conversationId: `C-team-${t}`, createdAt: at(t0 - 400 * DAY) });
    for (let i = 0; i < PER_TEAM; i++) {
      caseId++;
      const phaseSince = t0 - ((caseId * 7) % 120) * DAY;
      caseRows.push({
        id: caseId,
        code: `BEN-${caseId}`,
        phase: caseId % 3 === 0 ? 'verbinden' : 'ondersteunen',
        phaseSince: at(phaseSince),
        teamId: t,
        platform: 'sandbox',
        conversationId: `C-ben-${caseId}`,
        status: 'open',
        createdAt: at(phaseSince),
      });
      memberRows.push(
        { caseId, platform: 'sandbox', userId: 'U-GM', displayName: 'Gezinsmanager', role: 'gezinsmanager', active: true, addedAt: at(phaseSince) },
        { caseId, platform: 'sandbox', userId: 'U-HA', displayName: 'Hoofdaannemer', role: 'hoofdaannemer', active: true, addedAt: at(phaseSince) },
      );
      for (let n = 1; n <= 2; n++) {
        const created = t0 - ((caseId * n * 13) % 60) * DAY;
        const acked = (caseId + n) % 4 === 0 ? null : created + 3_600_000;
        signalRows.push({
          caseId,
          number: n,
          kind: kinds[(caseId + n) % 5]!,
          urgency: urgencies[(caseId * n) % 4]!,
          text: 'uitgevonden tekst',
          reporterId: 'U-HA',
          reporterName: 'Hoofdaannemer',
          reporterRole: 'hoofdaannemer',
          createdAt: at(created),
          ackAt: acked === null ? null : at(acked),
          closedAt: (caseId + n) % 7 === 0 ? at(created + DAY) : null,
        });
      }
      const referred = -((caseId * 11) % 90);
      referralRows.push({
        caseId,
        provider: 'Horizon',
        providerKey: 'horizon',
        role: 'ha',
        spic: caseId % 50 === 0 ? '11' : '7',
        referredOn: day(referred),
        startDue: day(referred + 28),
        startedOn: caseId % 2 ? day(referred + 20) : null,
        createdAt: at(t0 + referred * DAY),
      });
      if (caseId % 3 === 1) {
        meetingRows.push({ caseId, plannedAt: null, heldOn: day(-((caseId * 5) % 70)), decisions: 'uitgevonden besluiten', byId: 'U-GM', createdAt: at(t0 - 80 * DAY) });
      }
      if (caseId % 5 === 0) {
        meetingRows.push({ caseId, plannedAt: at(t0 + ((caseId % 20) - 5) * DAY), heldOn: null, decisions: null, byId: 'U-GM', createdAt: at(t0 - 10 * DAY) });
      }
      scoreRows.push(
        { caseId, actueel: 7, blijvend: 6, byId: 'U-GM', at: at(t0 - 40 * DAY) },
        { caseId, actueel: 3 + (caseId % 7), blijvend: 4 + (caseId % 5), byId: 'U-GM', at: at(t0 - 5 * DAY) },
      );
    }
  }
  // Through the query builder, so the same data lands in either database.
  await db.tx(async (tx) => {
    await insertAll((rows) => tx.insert(teams).values(rows), teamRows);
    await insertAll((rows) => tx.insert(cases).values(rows), caseRows);
    await insertAll((rows) => tx.insert(members).values(rows), memberRows);
    await insertAll((rows) => tx.insert(signals).values(rows), signalRows);
    await insertAll((rows) => tx.insert(referrals).values(rows), referralRows);
    await insertAll((rows) => tx.insert(meetings).values(rows), meetingRows);
    await insertAll((rows) => tx.insert(safetyScores).values(rows), scoreRows);
  });
  await analyze(db);
}, 120_000);

/** Fresh planner statistics after the bulk load, as a deployment would have them. */
async function analyze(d: Db): Promise<void> {
  if (d.dialect === 'postgres') {
    await (d.q as unknown as NodePgDatabase).execute(sql`analyze`);
    return;
  }
  await d.checkpoint();
  await d.q.run(sql`analyze`);
}

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Timings live in the benchmark (npm run bench, docs/performance.md); these
// tests check that the set-based queries give right answers at full size.

describe('at scale', () => {
  it('builds the digests of 200 teams with 50,000 open cases, each listing only its own cases', async () => {
    const settings = loadSettings({});
    const all = await db.q.select().from(teams);
    expect(all).toHaveLength(TEAMS);
    let lines = 0;
    for (const team of all) {
      const digest = await buildDigest(db.q, team, now, settings);
      lines += digest.lines?.length ?? 0;
      expect(digest.title).toContain(team.name);
    }
    expect(lines).toBeGreaterThan(TEAMS);
  }, 120_000);

  it('sweeps the whole installation and delivers nothing twice once everything due is in the ledger', async () => {
    const settings = loadSettings({ LOG_LEVEL: 'silent' });
    const log = createLogger('silent');
    // Everything due now was delivered before: claim it all in the ledger.
    const keys = new Set<string>();
    for (const rule of rules) for (const item of await rule.due(db.q, now, settings, {})) [item.key, ...(item.supersedes ?? [])].forEach((k) => keys.add(k));
    expect(keys.size).toBeGreaterThan(1000);
    await db.tx(async (tx) => {
      const rows = [...keys].map((key) => ({ key, at: now }));
      await insertAll((batch) => tx.insert(deliveries).values(batch).onConflictDoNothing(), rows);
    });
    // The first sweep of a process reads the ledger for every item; later ones remember what they read.
    const known = new Set<string>();
    const first = await sweep({ db, settings, log }, [...rules], now, known);
    const next = await sweep({ db, settings, log }, [...rules], new Date(now.getTime() + 60_000), known);
    expect(first).toMatchObject({ delivered: [], failed: 0 });
    expect(next).toMatchObject({ delivered: [], failed: 0 });
  }, 120_000);
});

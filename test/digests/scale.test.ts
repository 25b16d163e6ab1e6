import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type Tx } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { DAY, zonedTime } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { buildDigest } from '../../src/digests/build.js';
import { createLogger } from '../../src/log.js';
import { rules } from '../../src/scheduled.js';
import { sweep } from '../../src/scheduler/sweep.js';
import { testDatabaseUrl } from '../helpers/database.js';

// The digest with set-based queries: 50,000 open cases across 200 teams, every
// team's digest within 3 seconds in all. And one sweep over the same data.

const TEAMS = 200;
const PER_TEAM = 250;
const now = zonedTime('2026-06-01', '08:30');
let dir: string;
let db: Db;

type Value = string | number | boolean | null;

/**
 * A bulk insert that runs on either database: plain multi-row INSERTs with the
 * values written into the statement (all invented here), in batches. The
 * query builder would take minutes for these 430,000 rows.
 */
async function insertAll(d: Db, tx: Tx, table: string, columns: readonly string[], rows: readonly Value[][], tail = ''): Promise<void> {
  const literal = (v: Value) => (v === null ? 'null' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows
      .slice(i, i + 1000)
      .map((r) => `(${r.map(literal).join(', ')})`)
      .join(', ');
    const statement = sql.raw(`insert into ${table} (${columns.join(', ')}) values ${values}${tail}`);
    if (d.dialect === 'postgres') await (tx as unknown as NodePgDatabase).execute(statement);
    else await tx.run(statement);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regiebot-digest-bench-'));
  db = await openDatabase(testDatabaseUrl(dir, 'bench'));
  const t0 = now.getTime();
  const day = (offset: number) => new Date(t0 + offset * DAY).toISOString().slice(0, 10);
  const teamRows: Value[][] = [];
  const caseRows: Value[][] = [];
  const memberRows: Value[][] = [];
  const signalRows: Value[][] = [];
  const referralRows: Value[][] = [];
  const meetingRows: Value[][] = [];
  const scoreRows: Value[][] = [];
  const kinds = ['veiligheid', 'zorg', 'stagnatie', 'incident', 'positief'];
  const urgencies = ['acuut', 'hoog', 'normaal', 'laag'];
  let caseId = 0;
  for (let t = 1; t <= TEAMS; t++) {
    teamRows.push([t, `Team ${t}`, 'sandbox', `C-team-${t}`, t0 - 400 * DAY]);
    for (let i = 0; i < PER_TEAM; i++) {
      caseId++;
      const phaseSince = t0 - ((caseId * 7) % 120) * DAY;
      caseRows.push([caseId, `BEN-${caseId}`, caseId % 3 === 0 ? 'verbinden' : 'ondersteunen', phaseSince, t, 'sandbox', `C-ben-${caseId}`, 'open', phaseSince]);
      memberRows.push([caseId, 'sandbox', 'U-GM', 'Gezinsmanager', 'gezinsmanager', true, phaseSince]);
      memberRows.push([caseId, 'sandbox', 'U-HA', 'Hoofdaannemer', 'hoofdaannemer', true, phaseSince]);
      for (let n = 1; n <= 2; n++) {
        const created = t0 - ((caseId * n * 13) % 60) * DAY;
        const acked = (caseId + n) % 4 === 0 ? null : created + 3_600_000;
        signalRows.push([
          caseId,
          n,
          kinds[(caseId + n) % 5]!,
          urgencies[(caseId * n) % 4]!,
          'uitgevonden tekst',
          'U-HA',
          'Hoofdaannemer',
          'hoofdaannemer',
          created,
          acked,
          (caseId + n) % 7 === 0 ? created + DAY : null,
        ]);
      }
      const referred = -((caseId * 11) % 90);
      referralRows.push([caseId, 'Horizon', 'horizon', 'ha', caseId % 50 === 0 ? '11' : '7', day(referred), day(referred + 28), caseId % 2 ? day(referred + 20) : null, t0 + referred * DAY]);
      if (caseId % 3 === 1) meetingRows.push([caseId, null, day(-((caseId * 5) % 70)), 'uitgevonden besluiten', 'U-GM', t0 - 80 * DAY]);
      if (caseId % 5 === 0) meetingRows.push([caseId, t0 + ((caseId % 20) - 5) * DAY, null, null, 'U-GM', t0 - 10 * DAY]);
      scoreRows.push([caseId, 7, 6, 'U-GM', t0 - 40 * DAY]);
      scoreRows.push([caseId, 3 + (caseId % 7), 4 + (caseId % 5), 'U-GM', t0 - 5 * DAY]);
    }
  }
  await db.tx(async (tx) => {
    await insertAll(db, tx, 'teams', ['id', 'name', 'platform', 'conversation_id', 'created_at'], teamRows);
    await insertAll(db, tx, 'cases', ['id', 'code', 'phase', 'phase_since', 'team_id', 'platform', 'conversation_id', 'status', 'created_at'], caseRows);
    await insertAll(db, tx, 'members', ['case_id', 'platform', 'user_id', 'display_name', 'role', 'active', 'added_at'], memberRows);
    const signalColumns = ['case_id', 'number', 'kind', 'urgency', 'text', 'reporter_id', 'reporter_name', 'reporter_role', 'created_at', 'ack_at', 'closed_at'];
    await insertAll(db, tx, 'signals', signalColumns, signalRows);
    const referralColumns = ['case_id', 'provider', 'provider_key', 'role', 'spic', 'referred_on', 'start_due', 'started_on', 'created_at'];
    await insertAll(db, tx, 'referrals', referralColumns, referralRows);
    await insertAll(db, tx, 'meetings', ['case_id', 'planned_at', 'held_on', 'decisions', 'by_id', 'created_at'], meetingRows);
    await insertAll(db, tx, 'safety_scores', ['case_id', 'actueel', 'blijvend', 'by_id', 'at'], scoreRows);
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
      const rows = [...keys].map((key) => [key, now.getTime()]);
      await insertAll(db, tx, 'deliveries', ['key', 'at'], rows, ' on conflict do nothing');
    });
    // The first sweep of a process reads the ledger for every item; later ones remember what they read.
    const known = new Set<string>();
    const first = await sweep({ db, settings, log }, [...rules], now, known);
    const next = await sweep({ db, settings, log }, [...rules], new Date(now.getTime() + 60_000), known);
    expect(first).toMatchObject({ delivered: [], failed: 0 });
    expect(next).toMatchObject({ delivered: [], failed: 0 });
  }, 120_000);
});

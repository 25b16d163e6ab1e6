import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { DAY, zonedTime } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { buildDigest } from '../../src/digests/build.js';
import { createLogger } from '../../src/log.js';
import { rules } from '../../src/scheduler/tick.js';
import { sweep } from '../../src/scheduler/sweep.js';

// The digest with set-based queries: 50,000 open cases across 200 teams, every
// team's digest within 3 seconds in all. And one sweep over the same data.

const TEAMS = 200;
const PER_TEAM = 250;
const now = zonedTime('2026-06-01', '08:30');
let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regiebot-digest-bench-'));
  db = openDatabase(`file:${dir}/bench.db`);
  const sqlite = (db.q as unknown as { $client: Database.Database }).$client;
  const t0 = now.getTime();
  const day = (offset: number) => new Date(t0 + offset * DAY).toISOString().slice(0, 10);
  const insertTeam = sqlite.prepare('insert into teams (name, platform, conversation_id, created_at) values (?, ?, ?, ?)');
  const insertCase = sqlite.prepare(
    'insert into cases (code, phase, phase_since, team_id, platform, conversation_id, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMember = sqlite.prepare('insert into members (case_id, platform, user_id, display_name, role, active, added_at) values (?, ?, ?, ?, ?, 1, ?)');
  const insertSignal = sqlite.prepare(
    'insert into signals (case_id, number, kind, urgency, text, reporter_id, reporter_name, reporter_role, created_at, ack_at, closed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertReferral = sqlite.prepare(
    'insert into referrals (case_id, provider, provider_key, role, spic, referred_on, start_due, started_on, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMeeting = sqlite.prepare('insert into meetings (case_id, planned_at, held_on, decisions, by_id, created_at) values (?, ?, ?, ?, ?, ?)');
  const insertScore = sqlite.prepare('insert into safety_scores (case_id, actueel, blijvend, by_id, at) values (?, ?, ?, ?, ?)');
  const kinds = ['veiligheid', 'zorg', 'stagnatie', 'incident', 'positief'];
  const urgencies = ['acuut', 'hoog', 'normaal', 'laag'];
  sqlite.transaction(() => {
    let caseId = 0;
    for (let t = 1; t <= TEAMS; t++) {
      insertTeam.run(`Team ${t}`, 'sandbox', `C-team-${t}`, t0 - 400 * DAY);
      for (let i = 0; i < PER_TEAM; i++) {
        caseId++;
        const phaseSince = t0 - ((caseId * 7) % 120) * DAY;
        insertCase.run(`BEN-${caseId}`, caseId % 3 === 0 ? 'verbinden' : 'ondersteunen', phaseSince, t, 'sandbox', `C-ben-${caseId}`, 'open', phaseSince);
        insertMember.run(caseId, 'sandbox', 'U-GM', 'Gezinsmanager', 'gezinsmanager', phaseSince);
        insertMember.run(caseId, 'sandbox', 'U-HA', 'Hoofdaannemer', 'hoofdaannemer', phaseSince);
        for (let n = 1; n <= 2; n++) {
          const created = t0 - ((caseId * n * 13) % 60) * DAY;
          const acked = (caseId + n) % 4 === 0 ? null : created + 3_600_000;
          insertSignal.run(
            caseId,
            n,
            kinds[(caseId + n) % 5],
            urgencies[(caseId * n) % 4],
            'uitgevonden tekst',
            'U-HA',
            'Hoofdaannemer',
            'hoofdaannemer',
            created,
            acked,
            (caseId + n) % 7 === 0 ? created + DAY : null,
          );
        }
        const referred = -((caseId * 11) % 90);
        insertReferral.run(caseId, 'Horizon', 'horizon', 'ha', caseId % 50 === 0 ? '11' : '7', day(referred), day(referred + 28), caseId % 2 ? day(referred + 20) : null, t0 + referred * DAY);
        if (caseId % 3 === 1) insertMeeting.run(caseId, null, day(-((caseId * 5) % 70)), 'uitgevonden besluiten', 'U-GM', t0 - 80 * DAY);
        if (caseId % 5 === 0) insertMeeting.run(caseId, t0 + ((caseId % 20) - 5) * DAY, null, null, 'U-GM', t0 - 10 * DAY);
        insertScore.run(caseId, 7, 6, 'U-GM', t0 - 40 * DAY);
        insertScore.run(caseId, 3 + (caseId % 7), 4 + (caseId % 5), 'U-GM', t0 - 5 * DAY);
      }
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('analyze');
}, 120_000);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// Timings live in the benchmark (npm run bench, docs/performance.md); these
// tests check that the set-based queries give right answers at full size.

describe('at scale', () => {
  it('builds the digests of 200 teams with 50,000 open cases, each listing only its own cases', () => {
    const settings = loadSettings({});
    const all = db.q.select().from(teams).all();
    expect(all).toHaveLength(TEAMS);
    let lines = 0;
    for (const team of all) {
      const digest = buildDigest(db.q, team, now, settings);
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
    for (const rule of rules) for (const item of rule.due(db.q, now, settings, {})) [item.key, ...(item.supersedes ?? [])].forEach((k) => keys.add(k));
    expect(keys.size).toBeGreaterThan(1000);
    const sqlite = (db.q as unknown as { $client: Database.Database }).$client;
    const insert = sqlite.prepare('insert or ignore into deliveries (key, at) values (?, ?)');
    sqlite.transaction(() => {
      for (const key of keys) insert.run(key, now.getTime());
    })();
    // The first sweep of a process reads the ledger for every item; later ones remember what they read.
    const known = new Set<string>();
    const first = await sweep({ db, settings, log }, [...rules], now, known);
    const next = await sweep({ db, settings, log }, [...rules], new Date(now.getTime() + 60_000), known);
    expect(first).toMatchObject({ delivered: [], failed: 0 });
    expect(next).toMatchObject({ delivered: [], failed: 0 });
  }, 120_000);
});

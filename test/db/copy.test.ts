import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc, getTableColumns, getTableName } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { tablesInOrder } from '../../db/tables.js';
import { signals } from '../../db/schema.js';
import { startRig, type Rig } from '../helpers/app.js';
import { testDatabaseUrl, testDialect } from '../helpers/database.js';

// `npm run db:copy` moves a deployment from its SQLite file to another
// database: on the PostgreSQL run to PostgreSQL (the move the README
// describes), on the SQLite run to a second SQLite file. The copy must hold
// every row with the same values, and the bot must carry on on it.

const run = promisify(execFile);
const copy = (from: string, to: string) =>
  run('npx', ['tsx', 'scripts/db-copy.ts', '--from', from, '--to', to], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'silent' } });

async function rowsOf(url: string): Promise<Record<string, unknown[]>> {
  const db = await openDatabase(url);
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of tablesInOrder) {
      const key = Object.values(getTableColumns(table)).find((c) => c.primary)!;
      out[getTableName(table)] = await db.q.select().from(table).orderBy(asc(key));
    }
    return out;
  } finally {
    await db.close();
  }
}

describe(`db:copy from SQLite to ${testDialect === 'postgres' ? 'PostgreSQL' : 'another SQLite file'}`, () => {
  let rig: Rig;
  let source: string;
  let target: string;
  let output: string;
  let dir: string;

  beforeAll(async () => {
    const start = new Date('2026-03-02T08:00:00Z');
    dir = mkdtempSync(join(tmpdir(), 'regiebot-copy-'));
    source = `file:${join(dir, 'source.db')}`;
    // A deployment with history: a case, signals, a referral, reminders delivered.
    rig = await startRig({ start, env: { DATABASE_URL: source } });
    await rig.must('U-GM', '/casus nieuw CPY-001 verhuizing');
    const channel = await rig.channelOf('CPY-001');
    await rig.must('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', channel);
    await rig.must('U-HA', '/signaal veiligheid acuut onrust na bezoek', channel);
    await rig.must('U-GM', '/inzet Horizon ha spic 7 verwezen 02-02-2026', channel);
    await rig.must('U-GM', '/veiligheid actueel 6 blijvend 5', channel);
    await rig.runUntil(new Date('2026-03-03T12:00:00Z'), 60 * 60_000);
    await rig.close();
    target = testDatabaseUrl(dir, 'target');
    output = (await copy(source, target)).stdout;
  }, 120_000);

  afterAll(async () => {
    await rig?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports every table with equal counts', () => {
    expect(output).toContain('alle aantallen kloppen');
    for (const table of tablesInOrder) expect(output).toMatch(new RegExp(`${getTableName(table)}\\s+\\d+ → +\\d+\\s+ok`));
    expect(output).toMatch(/signals\s+1 →\s+1\s+ok/);
  });

  it('copies every row with the same values, ids included', async () => {
    const [from, to] = [await rowsOf(source), await rowsOf(target)];
    expect(to).toEqual(from);
    expect(from.outbox!.length).toBeGreaterThan(3);
    expect(from.deliveries!.length).toBeGreaterThan(0);
  });

  it('refuses a target that is not empty, and changes nothing there', async () => {
    const before = await rowsOf(target);
    const err = await copy(source, target).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('De doeldatabase is niet leeg');
    expect(await rowsOf(target)).toEqual(before);
  });

  it('the bot carries on on the copy: new rows get new ids', async () => {
    rig = await startRig({ start: new Date('2026-03-03T12:00:00Z'), env: { DATABASE_URL: target } });
    const channel = await rig.channelOf('CPY-001');
    await rig.must('U-HA', '/signaal zorg normaal school meldt verzuim', channel);
    const rows = await rig.app.db.q.select({ id: signals.id, number: signals.number }).from(signals).orderBy(asc(signals.id));
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
    expect(rows[1]!.id).toBeGreaterThan(rows[0]!.id);
  });

  it('says how to write it when --to is missing', async () => {
    const err = await copy(source, '').then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain('Gebruik: npm run db:copy -- --from');
  });
});

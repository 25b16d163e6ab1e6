import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as liteConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import * as pg from '../../db/schema.pg.js';
import * as lite from '../../db/schema.js';
import { tablesInOrder } from '../../db/tables.js';

// The committed migrations of both databases must match db/schema.ts: a change
// to the schema without `npm run db:generate` would run on one database and
// not on the other.

const run = promisify(execFile);
const dirs: string[] = [];

/** The migration files drizzle-kit would add for the current schema (none when up to date). */
async function pendingChanges(dialect: 'sqlite' | 'postgresql', schema: string, folder: string): Promise<string[]> {
  // drizzle-kit takes --out relative to the project: a scratch folder in .tmp/ (ignored by git).
  mkdirSync('.tmp', { recursive: true });
  const out = mkdtempSync('.tmp/migrations-');
  dirs.push(out);
  cpSync(folder, out, { recursive: true });
  const sql = () => readdirSync(out).filter((n) => n.endsWith('.sql'));
  const before = new Set(sql());
  const { stdout, stderr } = await run('npx', ['drizzle-kit', 'generate', '--dialect', dialect, '--schema', schema, '--out', out], { cwd: process.cwd() });
  expect(`${stdout}${stderr}`).toContain('No schema changes');
  return sql().filter((n) => !before.has(n));
}

describe('migrations', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('SQLite: the committed migrations are up to date with db/schema.ts', async () => {
    expect(await pendingChanges('sqlite', './db/schema.ts', 'db/migrations/sqlite')).toEqual([]);
  }, 60_000);

  it('PostgreSQL: the committed migrations are up to date with db/schema.ts', async () => {
    expect(await pendingChanges('postgresql', './db/schema.pg.ts', 'db/migrations/pg')).toEqual([]);
  }, 60_000);

  it('PostgreSQL migrations name no schema, so ?schema= works', () => {
    const files = readdirSync('db/migrations/pg').filter((n) => n.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(join('db/migrations/pg', f), 'utf8')).not.toContain('"public".');
  });

  it('every table of db/schema.ts is in the PostgreSQL schema and in the copy order, with the same columns', () => {
    const liteTables = Object.values(lite).map((t) => liteConfig(t as never));
    const pgTables = new Map(Object.values(pg).map((t) => [pgConfig(t).name, pgConfig(t)]));
    expect(tablesInOrder.map((t) => liteConfig(t).name).sort()).toEqual(liteTables.map((t) => t.name).sort());
    for (const t of liteTables) {
      const mirror = pgTables.get(t.name);
      expect(mirror, t.name).toBeDefined();
      expect(mirror!.columns.map((c) => [c.name, c.notNull, c.primary])).toEqual(t.columns.map((c) => [c.name, c.notNull, c.primary]));
      expect(mirror!.indexes.map((i) => i.config.name).sort()).toEqual(t.indexes.map((i) => i.config.name).sort());
    }
  });
});

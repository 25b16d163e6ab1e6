import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parsePostgresUrl } from '../../db/postgres.js';

/**
 * Which database this test run uses. `npm test` runs the suite once per
 * database (vitest projects, see vitest.config.ts); the PostgreSQL run sets
 * REGIEBOT_TEST_DATABASE=postgres and finds its server in
 * REGIEBOT_TEST_POSTGRES_URL.
 */
export const testDialect: 'sqlite' | 'postgres' = process.env.REGIEBOT_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** Every schema a test creates starts with this, so the run can drop its own afterwards. */
export function runSchemaPrefix(): string {
  return `t_${process.env.REGIEBOT_TEST_RUN ?? 'local'}_`;
}

/**
 * A fresh, empty database for one test: a SQLite file in `dir`, or a
 * PostgreSQL schema of its own on the test server. The same `name` in the
 * same `dir` gives the same database (a restart test opens it again).
 */
const schemas = new Map<string, string>();
export function testDatabaseUrl(dir: string, name = 't'): string {
  if (testDialect === 'sqlite') return `file:${join(dir, `${name}.db`)}`;
  const base = process.env.REGIEBOT_TEST_POSTGRES_URL;
  if (!base) throw new Error('REGIEBOT_TEST_POSTGRES_URL is not set for the PostgreSQL test run');
  const key = join(dir, name);
  let schema = schemas.get(key);
  if (!schema) {
    schema = `${runSchemaPrefix()}${randomBytes(5).toString('hex')}`;
    schemas.set(key, schema);
  }
  const u = new URL(base);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Rows of the given tables, each table as one JSON string: equal snapshots mean nothing changed. */
export async function tableSnapshot(url: string, tables: readonly string[]): Promise<Record<string, string>> {
  if (url.startsWith('file:')) {
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      // eslint-disable-next-line no-restricted-syntax -- the raw SQLite file, read directly
      return Object.fromEntries(tables.map((t) => [t, JSON.stringify(db.prepare(`select * from ${t} order by 1`).all())]));
    } finally {
      db.close();
    }
  }
  return withPostgres(url, async (client) => {
    const out: Record<string, string> = {};
    for (const t of tables) out[t] = JSON.stringify((await client.query(`select * from ${t} order by 1`)).rows);
    return out;
  });
}

/**
 * Everything the database holds, as text, for "this value is nowhere"
 * checks. On SQLite the raw bytes of the file and its write-ahead log (so
 * freed pages count too); on PostgreSQL every row of every table of the schema.
 */
export async function storedText(url: string): Promise<string> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    return [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1')).join('');
  }
  return withPostgres(url, async (client) => {
    const tables = await client.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = current_schema()`);
    const parts: string[] = [];
    for (const { t } of tables.rows) {
      const rows = await client.query<{ r: string }>(`select x::text as r from "${t}" x`);
      parts.push(...rows.rows.map((r) => r.r));
    }
    return parts.join('\n');
  });
}

async function withPostgres<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { connectionString, schema } = parsePostgresUrl(url);
  const client = new pg.Client({ connectionString, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

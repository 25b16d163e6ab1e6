import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { probeWrite, serialiser, type Db, type OpenOptions, type Tx } from './connection.js';
import { claimTurn, giveWay } from './write-turn.js';
import * as schema from './schema.js';

// Epoch milliseconds live in bigint columns; drizzle's SQLite column mappings
// (which serve PostgreSQL too) expect numbers. node-postgres reads bigint as a
// string unless told otherwise, and drizzle's per-query parsers fall back to
// the global table, so this is set globally. Every bigint here (moments in ms,
// counts) is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations/pg');

/** The advisory lock of regiebot's write transactions, and the one of its migrations. */
const WRITE_LOCK = 0x7265_6769; // "regi"
const MIGRATE_LOCK = 0x7265_676d; // "regm"

/** The second half of a lock key: one regiebot per schema, so schemas do not wait for each other. */
function schemaKey(name: string | undefined): number {
  let h = 0;
  for (const ch of name ?? 'public') h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/**
 * `postgres://…?schema=name` puts regiebot in its own schema (tests give each
 * run one; a deployment may share a database with other things). The
 * parameter is regiebot's, not libpq's, so it is taken off the URL.
 */
export function parsePostgresUrl(url: string): { connectionString: string; schema: string | undefined } {
  const u = new URL(url);
  const name = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  if (name !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error('DATABASE_URL: de parameter schema mag alleen kleine letters, cijfers en _ bevatten, bijvoorbeeld ?schema=regiebot.');
  }
  return { connectionString: u.toString(), schema: name };
}

export async function openPostgres(url: string, options: { migrate?: boolean } & OpenOptions = {}): Promise<Db> {
  const { connectionString, schema: schemaName } = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // A server that does not answer (a failover, a partition) fails the
    // query instead of holding it: the person hears within seconds that
    // nothing was recorded, and the loops back off.
    connectionTimeoutMillis: 5000,
    ...(schemaName ? { options: `-c search_path=${schemaName}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // The same for a client in use, between two queries of a transaction (the
  // pool listens only to idle ones): without a listener, Node throws the
  // 'error' event and the process dies; the next query on it fails instead.
  pool.on('connect', (client) => client.on('error', () => undefined));

  const pgDb: NodePgDatabase<typeof schema> = drizzle(pool, { schema });
  if (options.migrate !== false) {
    try {
      await migrateLocked(pool, schemaName);
    } catch (err) {
      // Start-up waits for a server that fails now: each try must not leave a pool open.
      await pool.end().catch(() => undefined);
      throw err;
    }
  }
  const q = pgDb as unknown as Tx;
  const lockKey = schemaKey(schemaName);

  const serial = serialiser();
  const first = options.acknowledging === true;
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    serial(async () => {
      // The acknowledging thread's transactions go before the other threads' next ones (db/write-turn.ts).
      const done = first ? claimTurn() : undefined;
      if (!first) await giveWay();
      try {
        return await pgDb.transaction(async (t) => {
          // One writer at a time across every instance on this database, as
          // SQLite's single writer does within one file: a transaction reads and
          // decides on the same state it writes to.
          await t.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK}::int, ${lockKey}::int)`);
          done?.();
          return fn(t as unknown as Tx);
        });
      } finally {
        done?.();
      }
    });

  const read = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    pgDb.transaction((t) => fn(t as unknown as Tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });

  const write: Db['write'] = (fn) => fn(q);
  // Row locks only: the inbox's inserts need no order with the core's transactions.
  const batch = <T>(fn: (q: Tx) => Promise<T>): Promise<T> => pgDb.transaction((t) => fn(t as unknown as Tx));
  return {
    q,
    tx,
    read,
    write,
    batch,
    url,
    dialect: 'postgres',
    probe: (instance, timeoutMs = 2000) => probeWrite('postgres', write, instance, timeoutMs),
    async ping() {
      try {
        await pool.query('select 1');
        return { ok: true, dialect: 'postgres' };
      } catch (err) {
        return { ok: false, dialect: 'postgres', error: (err as Error).message };
      }
    },
    async changes(t: Tx) {
      // This transaction's own row counts, not yet flushed to the statistics.
      const result = await (t as unknown as NodePgDatabase).execute<{ n: number | null }>(
        sql`select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint as n from pg_stat_xact_user_tables`,
      );
      return Number(result.rows[0]?.n ?? 0);
    },
    async checkpoint() {
      // Erased values stay in dead row versions until a vacuum makes their
      // space reusable; run it now for the tables that hold case text.
      await pool.query('vacuum signals, safety_scores, referrals, meetings, results, result_progress, escalations, audit_log, outbox, sandbox_messages');
    },
    async close() {
      await pool.end();
    },
  };
}

async function migrateLocked(pool: pg.Pool, schemaName: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1::int, $2::int)', [MIGRATE_LOCK, schemaKey(schemaName)]);
    try {
      if (schemaName) await client.query(`create schema if not exists ${schemaName}`);
      await migrate(drizzle(client), { migrationsFolder, ...(schemaName ? { migrationsSchema: schemaName } : {}) });
    } finally {
      await client.query('select pg_advisory_unlock($1::int, $2::int)', [MIGRATE_LOCK, schemaKey(schemaName)]);
    }
  } finally {
    client.release();
  }
}

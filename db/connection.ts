import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { faultInfo } from './faults.js';
import * as schema from './schema.js';
import { claimTurn, giveWay, nextRelease, released, releases } from './write-turn.js';

/**
 * The query builder every module writes against, on either database.
 *
 * One set of table objects (db/schema.ts) serves both dialects: PostgreSQL
 * stores the same values in the same shapes (epoch milliseconds as bigint,
 * JSON as text), so drizzle's column mappings hold on both, and a query is
 * written once. The type is SQLite's asynchronous flavour, so every query is
 * awaited; `.get()`, `.all()` and `.run()` do not exist on PostgreSQL and are
 * refused by the linter: await the builder itself, and use `first()` for one row.
 */
export type Tx = BaseSQLiteDatabase<'async', unknown, typeof schema>;

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  /** The query builder, for reads and single writes outside a transaction. */
  q: Tx;
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction. Write transactions are serialised: within a
   * process by a queue, and across processes by SQLite's single writer or by a
   * PostgreSQL advisory lock, so two instances behave as one.
   */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A write of its own, outside any transaction: on SQLite it waits for the
   * open transaction of this process (the one connection would otherwise
   * sweep it into that transaction, and into its rollback); on PostgreSQL it
   * runs at once on a connection of its own.
   */
  write<T>(fn: (q: Tx) => Promise<T>): Promise<T>;
  /**
   * Several small writes in one transaction of their own, not ordered with
   * `tx` across processes (no advisory lock on PostgreSQL): the inbox's group
   * commit. On SQLite the write lock is waited for without blocking the event
   * loop (see `beginWithoutBlocking`), up to the same 5 s as `busy_timeout`.
   */
  batch<T>(fn: (q: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` on one consistent snapshot, read-only, without holding up writers. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<Health>;
  /**
   * A small write (one row of health_probe, committed), for /healthz: a read
   * still works on a full disk or a read-only standby, a write does not.
   * Never rejects; gives up after `timeoutMs`.
   */
  probe(instance: string, timeoutMs?: number): Promise<Health>;
  /** Rows written in the current transaction `tx` so far; tells whether a handler changed anything. */
  changes(tx: Tx): Promise<number>;
  /** Makes erased text unreachable in the storage files (after retention erased it). */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
  readonly url: string;
}

export interface Health {
  ok: boolean;
  dialect: Dialect;
  error?: string;
}

/** The write of `probe`, on either database. */
export async function probeWrite(dialect: Dialect, write: Db['write'], instance: string, timeoutMs: number): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  const at = new Date();
  const attempt = write((q) => q.insert(schema.healthProbe).values({ instance, at }).onConflictDoUpdate({ target: schema.healthProbe.instance, set: { at } }));
  // A probe that lost the race still settles later; nobody waits for it.
  attempt.catch(() => undefined);
  try {
    await Promise.race([attempt, timeout]);
    return { ok: true, dialect };
  } catch (err) {
    return { ok: false, dialect, error: faultInfo(err).message };
  } finally {
    clearTimeout(timer);
  }
}

/** The first row of a query, or undefined. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

/** How long a write waits for SQLite's write lock before it fails as SQLITE_BUSY (the `busy_timeout`). */
const BUSY_TIMEOUT_MS = 5000;

function isBusy(err: unknown): boolean {
  return typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');
}

/**
 * `BEGIN IMMEDIATE`, waiting for another connection's write lock on timers
 * instead of in SQLite's busy handler. The busy handler sleeps inside the
 * call, and with it the whole event loop: on the HTTP thread every request
 * behind it (verification, parsing, acks) would wait as well. Here the loop
 * runs on meanwhile; the BUSY of a try is not a fault. After `limitMs` the
 * last BUSY is thrown, as `busy_timeout` would (a database fault).
 */
async function beginWithoutBlocking(sqlite: Database.Database, limitMs = BUSY_TIMEOUT_MS): Promise<void> {
  const start = Date.now();
  let delay = 1;
  // The other threads of this process hold back their next transaction meanwhile (db/write-turn.ts).
  const done = claimTurn();
  try {
    for (;;) {
      const seen = releases();
      sqlite.pragma('busy_timeout = 0');
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if (!isBusy(err) || Date.now() - start + delay > limitMs) throw err;
      } finally {
        sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      // Woken by this process's next release at once; a writer in another process is only seen at the timeout.
      await nextRelease(seen, delay);
      delay = Math.min(delay * 2, 16);
    }
  } finally {
    done();
  }
}

const migrations = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** A queue that runs one transaction body at a time in this process. */
export function serialiser(): <T>(run: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };
}

/** A database URL fit for a log line or a message: never its password. */
export function describeUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export interface OpenOptions {
  /**
   * This connection serves the thread that acknowledges (WORK_THREAD): its
   * write transactions go before the other threads' next ones
   * (db/write-turn.ts), on PostgreSQL too (the advisory lock); on SQLite it
   * waits for the write lock without blocking its event loop, also for a
   * single write, and leaves WAL checkpoints to the work thread's connection
   * (the commit that crosses the threshold copies the WAL into the database
   * file, milliseconds every ack behind it would wait for).
   */
  acknowledging?: boolean;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  if (isPostgresUrl(url)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(url, options);
  }
  return openSqlite(url, options);
}

/**
 * drizzle compiles every query it runs (`Database.prepare`), for every
 * command; compiling cost more than running the query. Statements are kept by
 * their SQL text instead. drizzle switches a statement into raw mode per call,
 * so a statement handed out again is switched back first.
 */
function cacheStatements(sqlite: Database.Database, limit = 2000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const known = cache.get(source);
    if (known && !known.busy) {
      if (known.reader) known.raw(false);
      return known;
    }
    const statement = prepare(source);
    if (known) return statement; // in use by an iterator: a fresh one, not cached
    // Queries with a variable number of parameters (inArray) each have their own text: bound the cache.
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

function openSqlite(url: string, options: OpenOptions): Db {
  if (!url.startsWith('file:') && url !== ':memory:') {
    throw new Error('DATABASE_URL moet beginnen met file: (SQLite) of postgres:// (PostgreSQL).');
  }
  const path = url === ':memory:' ? ':memory:' : url.slice('file:'.length);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  let sync;
  // Start-up waits for a database that fails now (a full disk): each try must not leave a connection open.
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Erased text (retention) must not linger in freed pages of the file.
    sqlite.pragma('secure_delete = ON');
    if (options.acknowledging) sqlite.pragma('wal_autocheckpoint = 0');
    cacheStatements(sqlite);
    sync = drizzleSqlite(sqlite, { schema });
    migrateSqlite(sync, { migrationsFolder: resolve(migrations, 'sqlite') });
  } catch (err) {
    sqlite.close();
    throw err;
  }
  // The synchronous builders are thenables too, so awaiting them works as on PostgreSQL.
  const q = sync as unknown as Tx;

  const serial = serialiser();
  /** A write transaction, begun by `begin`, committed when `fn` resolves, rolled back when it throws. */
  const transaction = <T>(begin: () => void | Promise<void>, fn: (tx: Tx) => Promise<T>): Promise<T> =>
    serial(async () => {
      await begin();
      try {
        const result = await fn(q);
        sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      } finally {
        released();
      }
    });
  const first = options.acknowledging === true;
  /** The acknowledging thread's writes go first and never block its loop; the others give way to them (db/write-turn.ts). */
  const begin = first
    ? () => beginWithoutBlocking(sqlite)
    : async () => {
        await giveWay();
        sqlite.exec('BEGIN IMMEDIATE');
      };
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => transaction(begin, fn);

  // A deferred transaction that only reads is a snapshot in WAL mode; it
  // shares the connection, so it queues with the writers of this process.
  const read = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    serial(async () => {
      sqlite.exec('BEGIN DEFERRED');
      try {
        return await fn(q);
      } finally {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      }
    });

  // A single write commits on its own; on the acknowledging thread it is a
  // transaction of its own instead, so that it waits for the lock as above.
  const write: Db['write'] = first
    ? tx
    : (fn) =>
        serial(async () => {
          try {
            return await fn(q);
          } finally {
            released();
          }
        });

  const batch = <T>(fn: (q: Tx) => Promise<T>): Promise<T> => transaction(() => beginWithoutBlocking(sqlite), fn);
  return {
    q,
    tx,
    read,
    write,
    batch,
    url,
    dialect: 'sqlite',
    probe: (instance, timeoutMs = 2000) => probeWrite('sqlite', write, instance, timeoutMs),
    async ping() {
      try {
        sqlite.prepare('select 1').get();
        return { ok: true, dialect: 'sqlite' };
      } catch (err) {
        return { ok: false, dialect: 'sqlite', error: (err as Error).message };
      }
    },
    async changes() {
      return (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
    },
    async checkpoint() {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      sqlite.close();
    },
  };
}

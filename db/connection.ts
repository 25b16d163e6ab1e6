import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Tx = BetterSQLite3Database<typeof schema>;

export interface Db {
  /** The query builder, for reads and single writes outside a transaction. */
  q: Tx;
  /**
   * Runs `fn` in one transaction. Calls are serialised, so an async body never
   * interleaves with another transaction on the one SQLite connection.
   */
  tx<T>(fn: (tx: Tx) => Promise<T> | T): Promise<T>;
  ping(): { ok: boolean; dialect: string; error?: string };
  /** Rows written on this connection so far; tells whether a handler changed anything. */
  totalChanges(): number;
  /** Moves the write-ahead log into the database and empties it (after erasing text). */
  checkpoint(): void;
  close(): void;
  readonly url: string;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations/sqlite');

export function openDatabase(url: string): Db {
  if (!url.startsWith('file:') && url !== ':memory:') {
    throw new Error('Alleen SQLite (file:…) wordt op dit moment ondersteund als DATABASE_URL.');
  }
  const path = url === ':memory:' ? ':memory:' : url.slice('file:'.length);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Erased text (retention) must not linger in freed pages of the file.
  sqlite.pragma('secure_delete = ON');
  const q = drizzle(sqlite, { schema });
  migrate(q, { migrationsFolder });

  let chain: Promise<unknown> = Promise.resolve();
  const tx = <T>(fn: (tx: Tx) => Promise<T> | T): Promise<T> => {
    const run = async (): Promise<T> => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(q);
        sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      }
    };
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    q,
    tx,
    url,
    ping() {
      try {
        sqlite.prepare('select 1').get();
        return { ok: true, dialect: 'sqlite' };
      } catch (err) {
        return { ok: false, dialect: 'sqlite', error: (err as Error).message };
      }
    },
    checkpoint() {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
    totalChanges() {
      return (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
    },
    close() {
      sqlite.close();
    },
  };
}

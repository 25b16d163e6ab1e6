import type { Tx } from './connection.js';

/*
 * drizzle builds a query's SQL text anew every time it runs (most of a
 * command's CPU was query building). A hot query is built once instead, with
 * placeholders, and kept per connection object: on SQLite that is the one
 * connection for the life of the process; on PostgreSQL it is the pool, or a
 * transaction (so a query inside a transaction runs in it, at the price of
 * building it once per transaction).
 */
const built = new WeakMap<Tx, Map<string, unknown>>();

export function prepared<T>(tx: Tx, name: string, build: (tx: Tx) => T): T {
  let forTx = built.get(tx);
  if (!forTx) {
    forTx = new Map();
    built.set(tx, forTx);
  }
  let query = forTx.get(name) as T | undefined;
  if (query === undefined) {
    query = build(tx);
    forTx.set(name, query);
  }
  return query;
}

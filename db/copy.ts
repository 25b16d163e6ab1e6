import { asc, count, getTableColumns, getTableName, gt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from './connection.js';
import { tablesInOrder } from './tables.js';

export interface CopiedTable {
  table: string;
  source: number;
  target: number;
}

export class CopyError extends Error {}

const BATCH = 500;

function keyOf(table: SQLiteTable): SQLiteColumn {
  const key = Object.values(getTableColumns(table)).find((c) => c.primary);
  if (!key) throw new Error(`${getTableName(table)} has no primary key`);
  return key;
}

async function countOf(tx: Tx, table: SQLiteTable): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

/**
 * Copies every row from one database to another, keeping ids, and checks the
 * counts. The source is read from one snapshot, so a bot still running on it
 * loses nothing that is in the copy, but what it writes afterwards is not in
 * it: stop the bot first (README, "Moving to PostgreSQL"). The target is
 * written in one transaction and must be empty.
 */
export async function copyDatabase(from: Db, to: Db, onTable?: (t: CopiedTable) => void): Promise<CopiedTable[]> {
  for (const table of tablesInOrder) {
    if ((await countOf(to.q, table)) > 0) {
      throw new CopyError(`De doeldatabase is niet leeg (tabel ${getTableName(table)} heeft rijen). Kopieer alleen naar een lege database.`);
    }
  }
  const sourceCounts = new Map<string, number>();
  await from.read(async (src) => {
    await to.tx(async (dst) => {
      for (const table of tablesInOrder) {
        const name = getTableName(table);
        const key = keyOf(table);
        sourceCounts.set(name, await countOf(src, table));
        let last: unknown;
        for (;;) {
          const rows = await src
            .select()
            .from(table)
            .where(last === undefined ? undefined : gt(key, last))
            .orderBy(asc(key))
            .limit(BATCH);
          if (!rows.length) break;
          await dst.insert(table).values(rows);
          last = (rows[rows.length - 1] as Record<string, unknown>)[columnProperty(table, key)];
        }
      }
      if (to.dialect === 'postgres') {
        // Ids were copied as they were: the identity sequences continue after them.
        for (const table of tablesInOrder) {
          const key = keyOf(table);
          if (key.columnType !== 'SQLiteInteger') continue;
          const name = getTableName(table);
          await (dst as unknown as { execute(query: SQL): Promise<unknown> }).execute(
            sql.raw(`select setval(pg_get_serial_sequence('${name}', '${key.name}'), coalesce((select max(${key.name}) from ${name}), 0) + 1, false)`),
          );
        }
      }
    });
  });
  const result: CopiedTable[] = [];
  for (const table of tablesInOrder) {
    const name = getTableName(table);
    const copied = { table: name, source: sourceCounts.get(name) ?? 0, target: await countOf(to.q, table) };
    onTable?.(copied);
    result.push(copied);
  }
  return result;
}

function columnProperty(table: SQLiteTable, column: SQLiteColumn): string {
  return Object.entries(getTableColumns(table)).find(([, c]) => c === column)![0];
}

import { is, SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as lite from './schema.js';

/*
 * The PostgreSQL schema, derived from db/schema.ts so the two can never drift
 * apart. Only drizzle-kit reads it (to write db/migrations/pg); at run time the
 * SQLite table objects serve both databases, which works because PostgreSQL
 * keeps the same values in the same shapes:
 *   - moments: epoch milliseconds in bigint (read back as numbers, see postgres.ts);
 *   - booleans: boolean (drizzle's SQLite mapping sends 1/0, which PostgreSQL accepts);
 *   - JSON: text, as on SQLite;
 *   - ids: identity columns that accept explicit values (db:copy keeps ids).
 */

const nowMs = sql`((extract(epoch from now()) * 1000)::bigint)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPgTable = PgTableWithColumns<any>;
const made = new Map<string, AnyPgTable>();

function columnFor(col: ReturnType<typeof getTableConfig>['columns'][number]): PgColumnBuilderBase {
  let b;
  switch (col.columnType) {
    case 'SQLiteTimestamp':
      b = bigint(col.name, { mode: 'number' });
      break;
    case 'SQLiteBoolean':
      b = boolean(col.name);
      break;
    case 'SQLiteInteger':
      b = integer(col.name);
      break;
    case 'SQLiteText':
    case 'SQLiteTextJson':
      b = text(col.name);
      break;
    default:
      throw new Error(`schema.pg: no PostgreSQL type for ${col.name} (${col.columnType})`);
  }
  if (col.primary) {
    b = b.primaryKey();
    if ((col as { autoIncrement?: boolean }).autoIncrement) b = (b as ReturnType<typeof integer>).generatedByDefaultAsIdentity();
  }
  if (col.notNull && !col.primary) b = b.notNull();
  if (col.default !== undefined) {
    // The only SQL default in schema.ts is "now, in epoch milliseconds".
    b = is(col.default, SQL) ? b.default(nowMs) : b.default(col.default as never);
  }
  return b as PgColumnBuilderBase;
}

function toPg(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table);
  const columns = Object.fromEntries(config.columns.map((c) => [c.name, columnFor(c)]));
  const pg = pgTable(config.name, columns, (t) => {
    const byName = (name: string) => (t as Record<string, PgColumn>)[name]!;
    return [
      ...config.indexes.map((i) => {
        const cols = i.config.columns.map((c) => byName((c as { name: string }).name)) as [PgColumn, ...PgColumn[]];
        const made = (i.config.unique ? uniqueIndex(i.config.name) : index(i.config.name)).on(...cols);
        // A partial index's condition is plain SQL text (schema.ts), the same on both.
        return i.config.where ? made.where(i.config.where) : made;
      }),
      ...config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        const target = made.get(getTableConfig(ref.foreignTable).name)!;
        return foreignKey({
          columns: ref.columns.map((c) => byName(c.name)) as [PgColumn, ...PgColumn[]],
          foreignColumns: ref.foreignColumns.map((c) => (target as unknown as Record<string, PgColumn>)[c.name]!) as [PgColumn, ...PgColumn[]],
        });
      }),
    ];
  });
  made.set(config.name, pg);
  return pg;
}

// In dependency order: a table comes after the tables it references.
export const teams = toPg(lite.teams);
export const cases = toPg(lite.cases);
export const members = toPg(lite.members);
export const signals = toPg(lite.signals);
export const safetyScores = toPg(lite.safetyScores);
export const referrals = toPg(lite.referrals);
export const meetings = toPg(lite.meetings);
export const results = toPg(lite.results);
export const resultProgress = toPg(lite.resultProgress);
export const resultLinks = toPg(lite.resultLinks);
export const escalations = toPg(lite.escalations);
export const agreements = toPg(lite.agreements);
export const auditLog = toPg(lite.auditLog);
export const outbox = toPg(lite.outbox);
export const inbox = toPg(lite.inbox);
export const deliveries = toPg(lite.deliveries);
export const due = toPg(lite.due);
export const sandboxChannels = toPg(lite.sandboxChannels);
export const sandboxMessages = toPg(lite.sandboxMessages);
export const teamsConversations = toPg(lite.teamsConversations);
export const teamsUsers = toPg(lite.teamsUsers);
export const healthProbe = toPg(lite.healthProbe);

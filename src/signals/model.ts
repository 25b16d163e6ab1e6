import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { signals } from '../../db/schema.js';

export type SignalRow = typeof signals.$inferSelect;

export async function signalByNumber(tx: Tx, caseId: number, number: number): Promise<SignalRow | undefined> {
  return first(tx.select().from(signals).where(and(eq(signals.caseId, caseId), eq(signals.number, number))).limit(1));
}

export async function signalById(tx: Tx, id: number): Promise<SignalRow | undefined> {
  const query = prepared(tx, 'signalById', (q) => q.select().from(signals).where(eq(signals.id, sql.placeholder('id'))).limit(1).prepare());
  return first(query.execute({ id }));
}

export async function signalsOf(tx: Tx, caseId: number): Promise<SignalRow[]> {
  return tx.select().from(signals).where(eq(signals.caseId, caseId)).orderBy(asc(signals.number));
}

/** Open: neither closed nor withdrawn. */
export async function openSignalsOf(tx: Tx, caseId: number): Promise<SignalRow[]> {
  const query = prepared(tx, 'openSignalsOf', (q) =>
    q
      .select()
      .from(signals)
      .where(and(eq(signals.caseId, sql.placeholder('caseId')), isNull(signals.closedAt), isNull(signals.withdrawnAt)))
      .orderBy(asc(signals.number))
      .prepare(),
  );
  return query.execute({ caseId });
}

export async function nextSignalNumber(tx: Tx, caseId: number): Promise<number> {
  const query = prepared(tx, 'nextSignalNumber', (q) =>
    q
      .select({ n: max(signals.number) })
      .from(signals)
      .where(eq(signals.caseId, sql.placeholder('caseId')))
      .prepare(),
  );
  const row = await first(query.execute({ caseId }));
  return (row?.n ?? 0) + 1;
}

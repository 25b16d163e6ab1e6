import { and, asc, eq, isNull, max } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { signals } from '../../db/schema.js';

export type SignalRow = typeof signals.$inferSelect;

export async function signalByNumber(tx: Tx, caseId: number, number: number): Promise<SignalRow | undefined> {
  return first(tx.select().from(signals).where(and(eq(signals.caseId, caseId), eq(signals.number, number))).limit(1));
}

export async function signalById(tx: Tx, id: number): Promise<SignalRow | undefined> {
  return first(tx.select().from(signals).where(eq(signals.id, id)).limit(1));
}

export async function signalsOf(tx: Tx, caseId: number): Promise<SignalRow[]> {
  return tx.select().from(signals).where(eq(signals.caseId, caseId)).orderBy(asc(signals.number));
}

export async function openSignalsOf(tx: Tx, caseId: number): Promise<SignalRow[]> {
  return tx
    .select()
    .from(signals)
    .where(and(eq(signals.caseId, caseId), isNull(signals.closedAt)))
    .orderBy(asc(signals.number));
}

export async function nextSignalNumber(tx: Tx, caseId: number): Promise<number> {
  const row = await first(tx.select({ n: max(signals.number) }).from(signals).where(eq(signals.caseId, caseId)));
  return (row?.n ?? 0) + 1;
}

import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { signals } from '../../db/schema.js';

export type SignalRow = typeof signals.$inferSelect;

export function signalByNumber(tx: Tx, caseId: number, number: number): SignalRow | undefined {
  return tx.select().from(signals).where(and(eq(signals.caseId, caseId), eq(signals.number, number))).get();
}

export function signalById(tx: Tx, id: number): SignalRow | undefined {
  return tx.select().from(signals).where(eq(signals.id, id)).get();
}

export function signalsOf(tx: Tx, caseId: number): SignalRow[] {
  return tx.select().from(signals).where(eq(signals.caseId, caseId)).orderBy(asc(signals.number)).all();
}

export function openSignalsOf(tx: Tx, caseId: number): SignalRow[] {
  return tx
    .select()
    .from(signals)
    .where(and(eq(signals.caseId, caseId), isNull(signals.closedAt)))
    .orderBy(asc(signals.number))
    .all();
}

export function nextSignalNumber(tx: Tx, caseId: number): number {
  const row = tx.select({ n: max(signals.number) }).from(signals).where(eq(signals.caseId, caseId)).get();
  return (row?.n ?? 0) + 1;
}

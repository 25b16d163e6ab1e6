import { and, asc, eq, max } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { escalations } from '../../db/schema.js';

export type EscalationRow = typeof escalations.$inferSelect;

export function escalationsOf(tx: Tx, caseId: number): EscalationRow[] {
  return tx.select().from(escalations).where(eq(escalations.caseId, caseId)).orderBy(asc(escalations.number)).all();
}

export function escalationByNumber(tx: Tx, caseId: number, number: number): EscalationRow | undefined {
  return tx.select().from(escalations).where(and(eq(escalations.caseId, caseId), eq(escalations.number, number))).get();
}

export function nextEscalationNumber(tx: Tx, caseId: number): number {
  return (tx.select({ n: max(escalations.number) }).from(escalations).where(eq(escalations.caseId, caseId)).get()?.n ?? 0) + 1;
}

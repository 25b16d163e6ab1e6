import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
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

/** Undecided escalations of the open cases of a team (or all). */
export function openEscalations(tx: Tx, filter: { teamId?: number; caseId?: number }): EscalationRow[] {
  const where = [eq(cases.status, 'open')];
  if (filter.teamId !== undefined) where.push(eq(cases.teamId, filter.teamId));
  if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
  const ids = tx.select({ id: cases.id }).from(cases).where(and(...where));
  return tx.select().from(escalations).where(and(inArray(escalations.caseId, ids), isNull(escalations.decidedAt))).orderBy(asc(escalations.createdAt)).all();
}

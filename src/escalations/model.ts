import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import { first, type Tx } from '../../db/connection.js';
import { escalations } from '../../db/schema.js';

export type EscalationRow = typeof escalations.$inferSelect;

export async function escalationsOf(tx: Tx, caseId: number): Promise<EscalationRow[]> {
  return tx.select().from(escalations).where(eq(escalations.caseId, caseId)).orderBy(asc(escalations.number));
}

export async function escalationByNumber(tx: Tx, caseId: number, number: number): Promise<EscalationRow | undefined> {
  return first(tx.select().from(escalations).where(and(eq(escalations.caseId, caseId), eq(escalations.number, number))).limit(1));
}

export async function nextEscalationNumber(tx: Tx, caseId: number): Promise<number> {
  return ((await first(tx.select({ n: max(escalations.number) }).from(escalations).where(eq(escalations.caseId, caseId))))?.n ?? 0) + 1;
}

/** Undecided escalations of the open cases of a team (or all). */
export async function openEscalations(tx: Tx, filter: { teamId?: number; caseId?: number }): Promise<EscalationRow[]> {
  const where = [eq(cases.status, 'open')];
  if (filter.teamId !== undefined) where.push(eq(cases.teamId, filter.teamId));
  if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
  const ids = tx.select({ id: cases.id }).from(cases).where(and(...where));
  return tx.select().from(escalations).where(and(inArray(escalations.caseId, ids), isNull(escalations.decidedAt))).orderBy(asc(escalations.createdAt));
}

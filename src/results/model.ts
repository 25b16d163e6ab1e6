import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { resultLinks, resultProgress, results } from '../../db/schema.js';

export type ResultRow = typeof results.$inferSelect;
export type ProgressRow = typeof resultProgress.$inferSelect;
export type LinkRow = typeof resultLinks.$inferSelect;

/** A result is settled once it is reached or dropped. */
export const isFinal = (status: ResultRow['status']) => status === 'behaald' || status === 'vervallen';

export async function resultsOf(tx: Tx, caseId: number): Promise<ResultRow[]> {
  return tx.select().from(results).where(eq(results.caseId, caseId)).orderBy(asc(results.number));
}

export async function resultByNumber(tx: Tx, caseId: number, number: number): Promise<ResultRow | undefined> {
  return first(tx.select().from(results).where(and(eq(results.caseId, caseId), eq(results.number, number))).limit(1));
}

export async function nextResultNumber(tx: Tx, caseId: number): Promise<number> {
  return ((await first(tx.select({ n: max(results.number) }).from(results).where(eq(results.caseId, caseId))))?.n ?? 0) + 1;
}

export async function progressOf(tx: Tx, resultIds: number[]): Promise<ProgressRow[]> {
  if (!resultIds.length) return [];
  return tx.select().from(resultProgress).where(inArray(resultProgress.resultId, resultIds)).orderBy(desc(resultProgress.at), desc(resultProgress.id));
}

export async function linksOf(tx: Tx, resultIds: number[]): Promise<LinkRow[]> {
  if (!resultIds.length) return [];
  return tx.select().from(resultLinks).where(inArray(resultLinks.resultId, resultIds)).orderBy(asc(resultLinks.id));
}

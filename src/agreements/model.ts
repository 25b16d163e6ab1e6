import { and, asc, eq, isNotNull, isNull, lte, max } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { agreements, cases } from '../../db/schema.js';
import type { Day } from '../commands/types.js';

export type AgreementRow = typeof agreements.$inferSelect;

export async function agreementsOf(tx: Tx, caseId: number): Promise<AgreementRow[]> {
  return tx.select().from(agreements).where(eq(agreements.caseId, caseId)).orderBy(asc(agreements.number));
}

export async function openAgreementsOf(tx: Tx, caseId: number): Promise<AgreementRow[]> {
  return tx
    .select()
    .from(agreements)
    .where(and(eq(agreements.caseId, caseId), isNull(agreements.doneAt)))
    .orderBy(asc(agreements.dueOn), asc(agreements.number));
}

export async function agreementByNumber(tx: Tx, caseId: number, number: number): Promise<AgreementRow | undefined> {
  return first(tx.select().from(agreements).where(and(eq(agreements.caseId, caseId), eq(agreements.number, number))).limit(1));
}

export async function nextAgreementNumber(tx: Tx, caseId: number): Promise<number> {
  return ((await first(tx.select({ n: max(agreements.number) }).from(agreements).where(eq(agreements.caseId, caseId))))?.n ?? 0) + 1;
}

/** Late: still open after its day. */
export const isLate = (a: Pick<AgreementRow, 'doneAt' | 'dueOn'>, today: Day): boolean => !a.doneAt && a.dueOn < today;

/** What the sweep needs of an open agreement whose day has come, with where its case lives. */
export interface DueAgreement {
  id: number;
  caseId: number;
  caseCode: string;
  number: number;
  ownerId: string;
  ownerName: string;
  dueOn: Day;
  text: string;
  platform: string;
  conversationId: string;
}

/**
 * Open agreements due on or before `through` (all, without it) in the open
 * cases messages can reach (all, one team's or one case's): one query,
 * however many cases.
 */
export async function dueAgreements(tx: Tx, filter: { caseId?: number; teamId?: number }, through?: Day): Promise<DueAgreement[]> {
  const where = [eq(cases.status, 'open'), isNotNull(cases.platform), isNotNull(cases.conversationId), isNull(agreements.doneAt)];
  if (through !== undefined) where.push(lte(agreements.dueOn, through));
  if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
  if (filter.teamId !== undefined) where.push(eq(cases.teamId, filter.teamId));
  const rows = await tx
    .select({
      id: agreements.id,
      caseId: agreements.caseId,
      caseCode: cases.code,
      number: agreements.number,
      ownerId: agreements.ownerId,
      ownerName: agreements.ownerName,
      dueOn: agreements.dueOn,
      text: agreements.text,
      platform: cases.platform,
      conversationId: cases.conversationId,
    })
    .from(agreements)
    .innerJoin(cases, eq(cases.id, agreements.caseId))
    .where(and(...where))
    .orderBy(asc(agreements.dueOn), asc(agreements.id));
  return rows.map((r) => ({ ...r, platform: r.platform!, conversationId: r.conversationId! }));
}

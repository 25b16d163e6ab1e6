import { and, asc, eq, sql } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { cases, members } from '../../db/schema.js';
import type { Platform, Role } from '../actors.js';

export type CaseRow = typeof cases.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

export async function caseByConversation(tx: Tx, platform: Platform, conversationId: string): Promise<CaseRow | undefined> {
  const query = prepared(tx, 'caseByConversation', (q) =>
    q
      .select()
      .from(cases)
      .where(and(eq(cases.platform, sql.placeholder('platform')), eq(cases.conversationId, sql.placeholder('conversationId'))))
      .limit(1)
      .prepare(),
  );
  return first(query.execute({ platform, conversationId }));
}

export async function caseByCode(tx: Tx, code: string): Promise<CaseRow | undefined> {
  return first(tx.select().from(cases).where(eq(cases.code, code)).limit(1));
}

export async function caseById(tx: Tx, id: number): Promise<CaseRow | undefined> {
  const query = prepared(tx, 'caseById', (q) => q.select().from(cases).where(eq(cases.id, sql.placeholder('id'))).limit(1).prepare());
  return first(query.execute({ id }));
}

export async function activeMembers(tx: Tx, caseId: number): Promise<MemberRow[]> {
  const query = prepared(tx, 'activeMembers', (q) =>
    q
      .select()
      .from(members)
      .where(and(eq(members.caseId, sql.placeholder('caseId')), eq(members.active, true)))
      .orderBy(asc(members.id))
      .prepare(),
  );
  return query.execute({ caseId });
}

export async function membershipOf(tx: Tx, caseId: number, platform: Platform, userId: string): Promise<MemberRow | undefined> {
  const query = prepared(tx, 'membershipOf', (q) =>
    q
      .select()
      .from(members)
      .where(
        and(
          eq(members.caseId, sql.placeholder('caseId')),
          eq(members.platform, sql.placeholder('platform')),
          eq(members.userId, sql.placeholder('userId')),
          eq(members.active, true),
        ),
      )
      .limit(1)
      .prepare(),
  );
  return first(query.execute({ caseId, platform, userId }));
}

export function holderOf(list: MemberRow[], role: Role): MemberRow | undefined {
  return list.find((m) => m.role === role);
}

export function namesOf(list: MemberRow[]): Record<string, string> {
  return Object.fromEntries(list.map((m) => [m.userId, m.displayName]));
}

import { and, eq } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { cases, members } from '../../db/schema.js';
import type { Platform, Role } from '../actors.js';

export type CaseRow = typeof cases.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

export async function caseByConversation(tx: Tx, platform: Platform, conversationId: string): Promise<CaseRow | undefined> {
  return first(
    tx
      .select()
      .from(cases)
      .where(and(eq(cases.platform, platform), eq(cases.conversationId, conversationId)))
      .limit(1),
  );
}

export async function caseByCode(tx: Tx, code: string): Promise<CaseRow | undefined> {
  return first(tx.select().from(cases).where(eq(cases.code, code)).limit(1));
}

export async function caseById(tx: Tx, id: number): Promise<CaseRow | undefined> {
  return first(tx.select().from(cases).where(eq(cases.id, id)).limit(1));
}

export async function activeMembers(tx: Tx, caseId: number): Promise<MemberRow[]> {
  return tx
    .select()
    .from(members)
    .where(and(eq(members.caseId, caseId), eq(members.active, true)));
}

export async function membershipOf(tx: Tx, caseId: number, platform: Platform, userId: string): Promise<MemberRow | undefined> {
  return first(
    tx
      .select()
      .from(members)
      .where(and(eq(members.caseId, caseId), eq(members.platform, platform), eq(members.userId, userId), eq(members.active, true)))
      .limit(1),
  );
}

export function holderOf(list: MemberRow[], role: Role): MemberRow | undefined {
  return list.find((m) => m.role === role);
}

export function namesOf(list: MemberRow[]): Record<string, string> {
  return Object.fromEntries(list.map((m) => [m.userId, m.displayName]));
}

import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, members } from '../../db/schema.js';
import type { Platform, Role } from '../actors.js';

export type CaseRow = typeof cases.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

export function caseByConversation(tx: Tx, platform: Platform, conversationId: string): CaseRow | undefined {
  return tx
    .select()
    .from(cases)
    .where(and(eq(cases.platform, platform), eq(cases.conversationId, conversationId)))
    .get();
}

export function caseByCode(tx: Tx, code: string): CaseRow | undefined {
  return tx.select().from(cases).where(eq(cases.code, code)).get();
}

export function caseById(tx: Tx, id: number): CaseRow | undefined {
  return tx.select().from(cases).where(eq(cases.id, id)).get();
}

export function activeMembers(tx: Tx, caseId: number): MemberRow[] {
  return tx
    .select()
    .from(members)
    .where(and(eq(members.caseId, caseId), eq(members.active, true)))
    .all();
}

export function membershipOf(tx: Tx, caseId: number, platform: Platform, userId: string): MemberRow | undefined {
  return tx
    .select()
    .from(members)
    .where(and(eq(members.caseId, caseId), eq(members.platform, platform), eq(members.userId, userId), eq(members.active, true)))
    .get();
}

export function holderOf(list: MemberRow[], role: Role): MemberRow | undefined {
  return list.find((m) => m.role === role);
}

export function namesOf(list: MemberRow[]): Record<string, string> {
  return Object.fromEntries(list.map((m) => [m.userId, m.displayName]));
}

import type { Tx } from '../../db/connection.js';
import { openCases, type CaseFilter, type OpenCase } from './open.js';
import type { Platform, Role } from '../actors.js';
import { leaderOf, tellNoLeaderOnce, type Leader } from './leader.js';
import { activeMembers, caseById, holderOf, namesOf, type CaseRow, type MemberRow } from './model.js';
import type { Message } from '../kernel/message.js';
import { enqueue } from '../kernel/outbox.js';
import { texts } from '../scheduler/messages.js';
import { remembered, type SweepMemo } from '../scheduler/sweep.js';

/** A case as the scheduler addresses it: its channel, its people, their names. */
export interface CaseTarget {
  kase: CaseRow & { platform: string; conversationId: string };
  platform: Platform;
  members: MemberRow[];
  names: Record<string, string>;
  /** The case's own teamleider, or else its team's (src/cases/leader.ts). */
  leader?: Leader;
}

/** True when messages can reach the case: it has a platform and a conversation. */
export function reachable(kase: Pick<CaseRow, 'platform' | 'conversationId'>): boolean {
  return Boolean(kase.platform && kase.conversationId);
}

/** The open cases messages can reach, in code order and by id; read once per sweep. */
export async function reachableCases(tx: Tx, filter: CaseFilter, memo?: SweepMemo): Promise<{ list: OpenCase[]; byId: Map<number, OpenCase> }> {
  return remembered(memo, 'reachableCases', async () => {
    const list = (await remembered(memo, 'openCases', () => openCases(tx, filter))).filter(reachable);
    return { list, byId: new Map(list.map((c) => [c.id, c])) };
  });
}

export async function caseTarget(tx: Tx, caseId: number): Promise<CaseTarget | undefined> {
  const kase = await caseById(tx, caseId);
  if (!kase || kase.status !== 'open' || !kase.platform || !kase.conversationId) return undefined;
  const members = await activeMembers(tx, caseId);
  const leader = await leaderOf(tx, kase, members);
  return {
    kase: kase as CaseTarget['kase'],
    platform: kase.platform as Platform,
    members,
    names: { ...namesOf(members), ...(leader ? { [leader.userId]: leader.displayName } : {}) },
    ...(leader ? { leader } : {}),
  };
}

/** The teamleider an alert goes to; without one, the gezinsmanager is told once how to set one. */
export async function leaderFor(tx: Tx, t: CaseTarget, now: Date): Promise<Leader | undefined> {
  if (!t.leader) await tellNoLeaderOnce(tx, t.kase, t.members, now);
  return t.leader;
}

export function holder(t: CaseTarget, role: Role): MemberRow | undefined {
  return holderOf(t.members, role);
}

/** `<@id>` of the role's holder, or a note that nobody holds it. */
export function mentionOf(t: CaseTarget, role: Role): string {
  const m = holder(t, role);
  return m ? `<@${m.userId}>` : texts().nobody;
}

/** Posts in the case channel; returns the outbox id. */
export async function postToCase(tx: Tx, t: CaseTarget, message: Message, now: Date): Promise<number> {
  return enqueue(
    tx,
    { kind: 'post', platform: t.platform, conversationId: t.kase.conversationId, caseId: t.kase.id },
    { ...message, names: { ...t.names, ...(message.names ?? {}) } },
    now,
  );
}

/** A direct message about the case. Only the case code and kind or urgency: never free text. */
export async function directAbout(tx: Tx, t: CaseTarget, userId: string, message: Message, now: Date, relatedId?: number): Promise<number> {
  return enqueue(
    tx,
    { kind: 'direct', platform: t.platform, userId, caseId: t.kase.id, ...(relatedId !== undefined ? { relatedId } : {}) },
    message,
    now,
  );
}

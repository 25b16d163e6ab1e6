import { eq } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import type { Platform } from '../actors.js';
import { enqueue } from '../kernel/outbox.js';
import { claim } from '../scheduler/ledger.js';
import { texts } from './messages.js';
import { holderOf, type CaseRow, type MemberRow } from './model.js';

// Who leads a case: its own teamleider when one was added to it, or else the
// teamleider of its basisteam (one per team, set with /team teamleider), so
// no case needs its teamleider added by hand.

export interface Leader {
  userId: string;
  displayName: string;
  /** True for a teamleider added to the case itself; false for the team's. */
  own: boolean;
}

type CaseLike = Pick<CaseRow, 'id' | 'teamId' | 'platform'>;

/** The team's teamleider, when the team has one on the case's platform (a direct message cannot cross platforms). */
export async function teamLeaderOf(tx: Tx, kase: CaseLike): Promise<Leader | undefined> {
  if (!kase.teamId) return undefined;
  const team = await first(
    tx.select({ platform: teams.leaderPlatform, id: teams.leaderId, name: teams.leaderName }).from(teams).where(eq(teams.id, kase.teamId)).limit(1),
  );
  if (!team?.id || !team.platform || team.platform !== kase.platform) return undefined;
  return { userId: team.id, displayName: team.name ?? team.id, own: false };
}

/** The case's own teamleider, or else its team's. */
export async function leaderOf(tx: Tx, kase: CaseLike, members: MemberRow[]): Promise<Leader | undefined> {
  const own = holderOf(members, 'teamleider');
  if (own) return { userId: own.userId, displayName: own.displayName, own: true };
  return teamLeaderOf(tx, kase);
}

/** Ledger key: the gezinsmanager was told that the case has no teamleider. */
const noLeaderKey = (caseId: number) => `no-teamleider:case:${caseId}`;

/**
 * A case with neither its own teamleider nor a team's: its gezinsmanager is
 * told once, personally, with the commands that fix it. Later alerts say
 * nothing more about it. True when this call told them.
 */
export async function tellNoLeaderOnce(tx: Tx, kase: Pick<CaseRow, 'id' | 'code' | 'platform'>, members: MemberRow[], now: Date): Promise<boolean> {
  const gm = holderOf(members, 'gezinsmanager');
  if (!gm || !kase.platform) return false;
  if (!(await claim(tx, noLeaderKey(kase.id), now))) return false;
  const t = texts();
  await enqueue(tx, { kind: 'direct', platform: kase.platform as Platform, userId: gm.userId, caseId: kase.id }, { title: t.noLeaderTitle(kase.code), text: t.noLeaderHow, tone: 'warning' }, now);
  return true;
}

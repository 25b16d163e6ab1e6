import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { meetings } from '../../db/schema.js';
import { addDays, dayOf } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { CaseRow } from '../cases/model.js';
import type { ReferralRow } from '../referrals/model.js';

export type MeetingRow = typeof meetings.$inferSelect;

export async function lastHeld(tx: Tx, caseId: number): Promise<MeetingRow | undefined> {
  const query = prepared(tx, 'lastHeld', (q) =>
    q
      .select()
      .from(meetings)
      .where(and(eq(meetings.caseId, sql.placeholder('caseId')), isNotNull(meetings.heldOn)))
      .orderBy(desc(meetings.heldOn), desc(meetings.id))
      .limit(1)
      .prepare(),
  );
  return first(query.execute({ caseId }));
}

/** The planned overleg that has not been held yet, if any (the earliest). */
export async function pendingPlanned(tx: Tx, caseId: number): Promise<MeetingRow | undefined> {
  const query = prepared(tx, 'pendingPlanned', (q) =>
    q
      .select()
      .from(meetings)
      .where(and(eq(meetings.caseId, sql.placeholder('caseId')), isNull(meetings.heldOn), isNull(meetings.cancelledAt), isNotNull(meetings.plannedAt)))
      .orderBy(asc(meetings.plannedAt), asc(meetings.id))
      .limit(1)
      .prepare(),
  );
  return first(query.execute({ caseId }));
}

/** Planned overleggen still ahead of the table (not held, not cancelled), earliest first. */
export async function plannedMeetings(tx: Tx, caseId: number): Promise<MeetingRow[]> {
  return tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.caseId, caseId), isNull(meetings.heldOn), isNull(meetings.cancelledAt), isNotNull(meetings.plannedAt)))
    .orderBy(asc(meetings.plannedAt), asc(meetings.id));
}

/** The overleggen recorded as held on that day. */
export async function heldOn(tx: Tx, caseId: number, day: Day): Promise<MeetingRow[]> {
  return tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.caseId, caseId), eq(meetings.heldOn, day)))
    .orderBy(asc(meetings.id));
}

/**
 * This case's overleg interval in days: its own rhythm (`/overleg ritme`,
 * seed 000: "Het is maatwerk") or the installation's default.
 */
export function intervalDaysOf(kase: Pick<CaseRow, 'overlegWeeks'>, defaultDays: number): number {
  return kase.overlegWeeks ? kase.overlegWeeks * 7 : defaultDays;
}

export interface NextOverleg {
  /** The day it is due (planned, or six weeks after the reference). */
  due: Day;
  planned?: Date;
  /** What the six weeks count from. */
  basis: 'gepland' | 'vorig-overleg' | 'start-hulp' | 'fase';
}

/**
 * The next uitvoerdersoverleg: a planned one wins; otherwise six weeks after the
 * last one held; before the first one, six weeks after help started or the
 * phase became ondersteunen. None while the case is still connecting.
 */
export function nextOverleg(
  kase: Pick<CaseRow, 'phase' | 'phaseSince' | 'status' | 'overlegWeeks'>,
  held: Pick<MeetingRow, 'heldOn'> | undefined,
  planned: Pick<MeetingRow, 'plannedAt'> | undefined,
  referrals: Pick<ReferralRow, 'startedOn'>[],
  intervalDays: number,
): NextOverleg | undefined {
  const firstStart = referrals
    .map((r) => r.startedOn)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  return overlegDue(kase, held?.heldOn ?? undefined, planned?.plannedAt ?? undefined, firstStart, intervalDaysOf(kase, intervalDays));
}

/** The day six weeks count from before the first overleg: help started or the phase became ondersteunen, whichever came first. */
export function overlegBasis(kase: Pick<CaseRow, 'phase' | 'phaseSince'>, firstStart: Day | undefined): Day | undefined {
  const phaseStart = kase.phase === 'ondersteunen' ? dayOf(kase.phaseSince) : undefined;
  return firstStart && phaseStart ? (firstStart <= phaseStart ? firstStart : phaseStart) : (firstStart ?? phaseStart);
}

/**
 * `nextOverleg` from pre-aggregated inputs (the last day held, the earliest
 * pending plan, the first start), as the set-based queries of
 * ./attention.ts give them.
 */
export function overlegDue(
  kase: Pick<CaseRow, 'phase' | 'phaseSince' | 'status'>,
  heldOn: Day | undefined,
  plannedAt: Date | undefined,
  firstStart: Day | undefined,
  intervalDays: number,
): NextOverleg | undefined {
  if (kase.status === 'closed') return undefined;
  if (plannedAt) return { due: dayOf(plannedAt), planned: plannedAt, basis: 'gepland' };
  if (heldOn) return { due: addDays(heldOn, intervalDays), basis: 'vorig-overleg' };
  const basis = overlegBasis(kase, firstStart);
  if (!basis) return undefined;
  return { due: addDays(basis, intervalDays), basis: basis === firstStart ? 'start-hulp' : 'fase' };
}

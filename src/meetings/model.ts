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
      .where(and(eq(meetings.caseId, sql.placeholder('caseId')), isNull(meetings.heldOn), isNotNull(meetings.plannedAt)))
      .orderBy(asc(meetings.plannedAt), asc(meetings.id))
      .limit(1)
      .prepare(),
  );
  return first(query.execute({ caseId }));
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
  kase: Pick<CaseRow, 'phase' | 'phaseSince' | 'status'>,
  held: Pick<MeetingRow, 'heldOn'> | undefined,
  planned: Pick<MeetingRow, 'plannedAt'> | undefined,
  referrals: Pick<ReferralRow, 'startedOn'>[],
  intervalDays: number,
): NextOverleg | undefined {
  if (kase.status === 'closed') return undefined;
  if (planned?.plannedAt) return { due: dayOf(planned.plannedAt), planned: planned.plannedAt, basis: 'gepland' };
  if (held?.heldOn) return { due: addDays(held.heldOn, intervalDays), basis: 'vorig-overleg' };
  const starts = referrals.map((r) => r.startedOn).filter((d): d is string => Boolean(d)).sort();
  const firstStart = starts[0];
  const phaseStart = kase.phase === 'ondersteunen' ? dayOf(kase.phaseSince) : undefined;
  const candidates = [firstStart, phaseStart].filter((d): d is string => Boolean(d)).sort();
  const from = candidates[0];
  if (!from) return undefined;
  return { due: addDays(from, intervalDays), basis: from === firstStart ? 'start-hulp' : 'fase' };
}

import { and, asc, inArray, isNotNull, isNull, like, max } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { referrals } from '../../db/schema.js';
import { openIds, prepared, shapeOf, valuesOf, type CaseFilter } from '../cases/open.js';
import type { Day } from '../commands/types.js';
import { isSpic11, type ReferralRow } from './model.js';

// The referrals that need attention in the open cases, with a fixed number of
// queries for any number of cases (src/cases/open.ts says how these queries work).

export type WaitingReferral = Pick<ReferralRow, 'id' | 'caseId' | 'provider' | 'referredOn' | 'startDue' | 'spic' | 'createdAt' | 'role'>;

/** Referrals still waiting for their start (not started, not stopped). */
export async function waitingReferrals(tx: Tx, filter: CaseFilter): Promise<WaitingReferral[]> {
  return prepared(tx, 'waiting', shapeOf(filter), (s) =>
    tx
      .select({
        id: referrals.id,
        caseId: referrals.caseId,
        provider: referrals.provider,
        referredOn: referrals.referredOn,
        startDue: referrals.startDue,
        spic: referrals.spic,
        createdAt: referrals.createdAt,
        role: referrals.role,
      })
      .from(referrals)
      .where(and(isNull(referrals.startedOn), isNull(referrals.stoppedOn), inArray(referrals.caseId, openIds(tx, s))))
      .orderBy(asc(referrals.referredOn), asc(referrals.id))
      .prepare(),
  ).execute(valuesOf(filter));
}


/** Started SPIC 11 referrals that have not stopped. */
export async function runningSpic11(tx: Tx, filter: CaseFilter): Promise<ReferralRow[]> {
  const rows = await prepared(tx, 'spic11', shapeOf(filter), (s) =>
    tx
      .select()
      .from(referrals)
      .where(and(isNotNull(referrals.startedOn), isNull(referrals.stoppedOn), like(referrals.spic, '%11'), inArray(referrals.caseId, openIds(tx, s))))
      .orderBy(asc(referrals.id))
      .prepare(),
  ).execute(valuesOf(filter));
  return rows.filter((r) => isSpic11(r.spic));
}

/** Per case, the newest referral day (for "a follow-up was referred after the SPIC 11 started"). */
export async function latestReferralDays(tx: Tx, filter: CaseFilter): Promise<Map<number, Day>> {
  const rows = await prepared(tx, 'latestReferral', shapeOf(filter), (s) =>
    tx
      .select({ caseId: referrals.caseId, d: max(referrals.referredOn) })
      .from(referrals)
      .where(inArray(referrals.caseId, openIds(tx, s)))
      .groupBy(referrals.caseId)
      .prepare(),
  ).execute(valuesOf(filter));
  const out = new Map<number, Day>();
  for (const r of rows) if (r.d) out.set(r.caseId, r.d);
  return out;
}

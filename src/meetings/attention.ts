import { and, inArray, isNotNull, isNull, max, min } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { meetings, referrals } from '../../db/schema.js';
import { asDate, openIds, prepared, shapeOf, valuesOf, type CaseFilter, type OpenCase } from '../cases/open.js';
import type { CaseRow } from '../cases/model.js';
import { daysBetween } from '../clock.js';
import type { Day } from '../commands/types.js';
import { intervalDaysOf, overlegBasis, overlegDue, type NextOverleg } from './model.js';

// When the overleg of each open case is due, with a fixed number of queries
// for any number of cases (src/cases/open.ts says how these queries work).

export interface OverlegState {
  /** The next overleg (planned, or due six weeks after its basis); none before help runs. */
  next?: NextOverleg;
  /** The last overleg held. */
  lastHeld?: Day;
  /** Before the first overleg: the day the six weeks count from (help started, or phase ondersteunen). */
  basis?: Day;
}

/** The next overleg and what it counts from, from pre-aggregated inputs. */
export function overlegFrom(
  kase: Pick<CaseRow, 'phase' | 'phaseSince' | 'status'>,
  heldOn: Day | undefined,
  plannedAt: Date | undefined,
  firstStart: Day | undefined,
  intervalDays: number,
): OverlegState {
  const state: OverlegState = {};
  const basis = overlegBasis(kase, firstStart);
  if (heldOn) state.lastHeld = heldOn;
  if (basis) state.basis = basis;
  const next = overlegDue(kase, heldOn, plannedAt, firstStart, intervalDays);
  if (next) state.next = next;
  return state;
}

export async function overlegStates(tx: Tx, filter: CaseFilter, openList: OpenCase[], intervalDays: number): Promise<Map<number, OverlegState>> {
  const shape = shapeOf(filter);
  const values = valuesOf(filter);
  const heldRows = await prepared(tx, 'lastHeld', shape, (s) =>
    tx
      .select({ caseId: meetings.caseId, heldOn: max(meetings.heldOn) })
      .from(meetings)
      .where(and(isNotNull(meetings.heldOn), inArray(meetings.caseId, openIds(tx, s))))
      .groupBy(meetings.caseId)
      .prepare(),
  ).execute(values);
  const held = new Map(heldRows.map((r) => [r.caseId, r.heldOn ?? undefined]));
  const plannedRows = await prepared(tx, 'pendingPlanned', shape, (s) =>
    tx
      .select({ caseId: meetings.caseId, plannedAt: min(meetings.plannedAt) })
      .from(meetings)
      .where(and(isNull(meetings.heldOn), isNull(meetings.cancelledAt), isNotNull(meetings.plannedAt), inArray(meetings.caseId, openIds(tx, s))))
      .groupBy(meetings.caseId)
      .prepare(),
  ).execute(values);
  const planned = new Map(plannedRows.map((r) => [r.caseId, asDate(r.plannedAt)]));
  const startedRows = await prepared(tx, 'firstStart', shape, (s) =>
    tx
      .select({ caseId: referrals.caseId, startedOn: min(referrals.startedOn) })
      .from(referrals)
      .where(and(isNotNull(referrals.startedOn), inArray(referrals.caseId, openIds(tx, s))))
      .groupBy(referrals.caseId)
      .prepare(),
  ).execute(values);
  const started = new Map(startedRows.map((r) => [r.caseId, r.startedOn ?? undefined]));
  const out = new Map<number, OverlegState>();
  for (const kase of openList) {
    out.set(kase.id, overlegFrom(kase, held.get(kase.id), planned.get(kase.id), started.get(kase.id), intervalDaysOf(kase, intervalDays)));
  }
  return out;
}

/**
 * Days without an overleg: since the last one held, or, before the first,
 * since help started or the case became ondersteunen. Undefined when no
 * overleg is expected yet.
 */
export function daysWithoutOverleg(state: OverlegState | undefined, today: Day): number | undefined {
  const from = state?.lastHeld ?? state?.basis;
  return from ? daysBetween(from, today) : undefined;
}

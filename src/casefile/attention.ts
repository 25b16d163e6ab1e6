import { and, eq, inArray, isNotNull, isNull, max } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, meetings, referrals, safetyScores, signals } from '../../db/schema.js';
import { asDate, openIds, prepared, shapeOf, valuesOf, type CaseFilter, type OpenCase, type Shape } from '../cases/open.js';
import { dayOf } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { OverlegState } from '../meetings/attention.js';

// What needs attention across every concept of a case, with a fixed number of
// queries for any number of cases (src/cases/open.ts says how these queries
// work; each concept's own such queries are in `<concept>/attention.ts`).

/** Roles on the provider side: their signals count as word from the providers. */
export const providerRoles = ['hoofdaannemer', 'onderaannemer', 'spoedhulp'] as const;

/**
 * For each running case (phase ondersteunen), the last day anything was heard
 * in the case: a signal filed by a provider (hoofdaannemer, onderaannemer,
 * spoedhulp), a safety score, a referral recorded, started or stopped, an
 * overleg held, or the day the phase began.
 */
export async function lastWord(tx: Tx, filter: CaseFilter, openList: OpenCase[], overleg?: Map<number, OverlegState>): Promise<Map<number, Day>> {
  const running = openList.filter((c) => c.phase === 'ondersteunen');
  const out = new Map<number, Day>();
  if (running.length === 0) return out;
  const shape = shapeOf(filter);
  const values = valuesOf(filter);
  const runningIds = (s: Shape) => openIds(tx, s, eq(cases.phase, 'ondersteunen'));
  const bump = (caseId: number, day: Day | null | undefined) => {
    if (!day) return;
    const current = out.get(caseId);
    if (!current || day > current) out.set(caseId, day);
  };
  for (const c of running) bump(c.id, dayOf(c.phaseSince));
  const fromSignals = await prepared(tx, 'wordSignals', shape, (s) =>
    tx
      .select({ caseId: signals.caseId, at: max(signals.createdAt) })
      .from(signals)
      .where(and(inArray(signals.reporterRole, [...providerRoles]), isNull(signals.withdrawnAt), inArray(signals.caseId, runningIds(s))))
      .groupBy(signals.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromSignals) {
    const at = asDate(r.at);
    if (at) bump(r.caseId, dayOf(at));
  }
  const fromScores = await prepared(tx, 'wordScores', shape, (s) =>
    tx
      .select({ caseId: safetyScores.caseId, at: max(safetyScores.at) })
      .from(safetyScores)
      .where(and(isNull(safetyScores.withdrawnAt), inArray(safetyScores.caseId, runningIds(s))))
      .groupBy(safetyScores.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromScores) {
    const at = asDate(r.at);
    if (at) bump(r.caseId, dayOf(at));
  }
  const fromReferrals = await prepared(tx, 'wordReferrals', shape, (s) =>
    tx
      .select({ caseId: referrals.caseId, created: max(referrals.createdAt), started: max(referrals.startedOn), stopped: max(referrals.stoppedOn) })
      .from(referrals)
      .where(inArray(referrals.caseId, runningIds(s)))
      .groupBy(referrals.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromReferrals) {
    const created = asDate(r.created);
    if (created) bump(r.caseId, dayOf(created));
    bump(r.caseId, r.started);
    bump(r.caseId, r.stopped);
  }
  if (overleg) {
    // The last overleg held is known already (the digest computed it).
    for (const c of running) bump(c.id, overleg.get(c.id)?.lastHeld);
    return out;
  }
  const fromMeetings = await prepared(tx, 'wordMeetings', shape, (s) =>
    tx
      .select({ caseId: meetings.caseId, heldOn: max(meetings.heldOn) })
      .from(meetings)
      .where(and(isNotNull(meetings.heldOn), inArray(meetings.caseId, runningIds(s))))
      .groupBy(meetings.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromMeetings) bump(r.caseId, r.heldOn);
  return out;
}

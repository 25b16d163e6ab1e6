import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, meetings, resultProgress, results } from '../../db/schema.js';
import { addDays, dayOf } from '../clock.js';
import type { Day } from '../commands/types.js';
import { isFinal } from './model.js';

/**
 * The plan checks (inspection findings, seed 002): a case without results a
 * month (PLAN_DUE_DAYS) after it was created, whatever its phase, a result nobody reviewed across two overleggen, a result behind
 * twice in a row. Set-based over the open cases of a team (or all, or one).
 */
export type PlanFinding =
  | { kind: 'no-results'; caseId: number; since: Day }
  | { kind: 'stale'; caseId: number; resultId: number; number: number; lastMeetingId: number }
  | { kind: 'behind'; caseId: number; resultId: number; number: number; lastProgressId: number };

export async function planFindings(
  tx: Tx,
  filter: { caseId?: number; teamId?: number },
  today: Day,
  planDueDays: number,
  /** Told the day a case without results becomes a finding, while that day is still to come. */
  upcoming?: (caseId: number, day: Day) => void,
): Promise<PlanFinding[]> {
  const where = [eq(cases.status, 'open')];
  if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
  if (filter.teamId !== undefined) where.push(eq(cases.teamId, filter.teamId));
  const open = await tx.select({ id: cases.id, createdAt: cases.createdAt }).from(cases).where(and(...where));
  if (!open.length) return [];
  const ids = tx.select({ id: cases.id }).from(cases).where(and(...where));
  const resultRows = await tx.select().from(results).where(inArray(results.caseId, ids)).orderBy(asc(results.caseId), asc(results.number));
  const progress = await tx
    .select({ id: resultProgress.id, resultId: resultProgress.resultId, status: resultProgress.status, at: resultProgress.at })
    .from(resultProgress)
    .where(inArray(resultProgress.caseId, ids))
    .orderBy(asc(resultProgress.at), asc(resultProgress.id));
  const held = await tx
    .select({ id: meetings.id, caseId: meetings.caseId, heldOn: meetings.heldOn })
    .from(meetings)
    .where(and(inArray(meetings.caseId, ids), isNotNull(meetings.heldOn)))
    .orderBy(asc(meetings.heldOn), asc(meetings.id));

  const findings: PlanFinding[] = [];
  const byCase = new Map<number, typeof resultRows>();
  for (const r of resultRows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  const progressOf = new Map<number, typeof progress>();
  for (const p of progress) progressOf.set(p.resultId, [...(progressOf.get(p.resultId) ?? []), p]);
  const heldOf = new Map<number, typeof held>();
  for (const m of held) heldOf.set(m.caseId, [...(heldOf.get(m.caseId) ?? []), m]);

  for (const kase of open) {
    const mine = byCase.get(kase.id) ?? [];
    // The norm is a plan within one month of the start of the case (seed 002), so it counts from creation.
    const since = dayOf(kase.createdAt);
    if (mine.length === 0) {
      const dueDay = addDays(since, planDueDays);
      if (today >= dueDay) findings.push({ kind: 'no-results', caseId: kase.id, since });
      else upcoming?.(kase.id, dueDay);
    }
    const meetingsHeld = heldOf.get(kase.id) ?? [];
    for (const r of mine) {
      if (isFinal(r.status)) continue;
      const steps = progressOf.get(r.id) ?? [];
      const last = steps.at(-1);
      const lastDay = last ? dayOf(last.at) : dayOf(r.createdAt);
      const since = meetingsHeld.filter((m) => m.heldOn! > lastDay);
      if (since.length >= 2) findings.push({ kind: 'stale', caseId: kase.id, resultId: r.id, number: r.number, lastMeetingId: since.at(-1)!.id });
      const [a, b] = steps.slice(-2);
      if (a && b && a.status === 'achter' && b.status === 'achter') {
        findings.push({ kind: 'behind', caseId: kase.id, resultId: r.id, number: r.number, lastProgressId: b.id });
      }
    }
  }
  return findings;
}

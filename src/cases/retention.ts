import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  cases,
  escalations,
  meetings,
  outbox,
  referrals,
  resultProgress,
  results,
  safetyScores,
  signals,
} from '../../db/schema.js';
import { audit } from '../audit/log.js';
import { DAY } from '../clock.js';

/** What erased free text reads as. Counts, dates, kinds and the audit log stay. */
export const ERASED = '[gewist]';

/**
 * RETENTION_DAYS after a case was closed, its free text goes: signal texts,
 * responses, outcomes, notes, decisions, results, escalations, titles, and the
 * copies in the outbox. Each case in its own transaction. Returns the codes.
 */
export async function eraseExpiredCases(db: Db, now: Date, retentionDays: number): Promise<string[]> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY);
  const due = await db.q
    .select({ id: cases.id, code: cases.code })
    .from(cases)
    .where(and(eq(cases.status, 'closed'), isNotNull(cases.closedAt), lte(cases.closedAt, cutoff), isNull(cases.erasedAt)));
  for (const kase of due) {
    await db.tx(async (tx) => {
      const id = kase.id;
      await tx.update(cases).set({ title: null, closeReason: null, closureOpen: null, erasedAt: now }).where(eq(cases.id, id));
      await tx.update(signals).set({ text: ERASED, ackResponse: null, outcome: null }).where(eq(signals.caseId, id));
      await tx.update(safetyScores).set({ note: null }).where(eq(safetyScores.caseId, id));
      await tx.update(referrals).set({ stopReason: null }).where(eq(referrals.caseId, id));
      await tx.update(meetings).set({ decisions: null }).where(eq(meetings.caseId, id));
      await tx.update(results).set({ text: ERASED }).where(eq(results.caseId, id));
      await tx.update(resultProgress).set({ note: null }).where(eq(resultProgress.caseId, id));
      await tx.update(escalations).set({ text: ERASED, decision: null }).where(eq(escalations.caseId, id));
      // Delivered messages are copies of the same text; undelivered ones too.
      await tx.update(outbox).set({ payload: { title: ERASED }, status: 'sent' }).where(and(eq(outbox.caseId, id), eq(outbox.status, 'pending')));
      await tx.update(outbox).set({ payload: { title: ERASED } }).where(eq(outbox.caseId, id));
      await audit(tx, { platform: 'cli', userId: 'regiebot' }, 'casus.gewist', id, `${kase.code} na ${retentionDays} dagen`, now);
    });
  }
  // Older versions of the erased rows still sit in the write-ahead log.
  if (due.length) await db.checkpoint();
  return due.map((c) => c.code);
}

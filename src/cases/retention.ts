import { and, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import {
  auditLog,
  cases,
  agreements,
  escalations,
  meetings,
  outbox,
  referrals,
  resultProgress,
  results,
  safetyScores,
  signals,
} from '../../db/schema.js';
import type { Platform } from '../actors.js';
import { audit } from '../audit/log.js';
import { DAY } from '../clock.js';
import { catalog } from '../i18n/index.js';
import type { Message } from '../kernel/message.js';
import { enqueue } from '../kernel/outbox.js';

const texts = catalog({
  nl: { closed: (code: string) => `Casus ${code} is gesloten; de inhoud is verwijderd na de bewaartermijn.` },
  en: { closed: (code: string) => `Case ${code} is closed; its content was deleted after the retention period.` },
});

/** What the pinned case card becomes: the code only, no content. */
export function closureNotice(code: string): Message {
  return { title: texts().closed(code), tone: 'info' };
}

/** What erased free text reads as. Counts, dates, kinds and the audit log stay. */
export const ERASED = '[gewist]';

/**
 * RETENTION_DAYS after a case was closed, its free text goes: signal texts,
 * responses, outcomes, notes, decisions, results, escalations, titles, and the
 * copies in the outbox. The platforms are told too, through the outbox: every
 * post and direct message the bot delivered for the case is deleted there, and
 * the pinned card becomes a notice without content. Each case in its own
 * transaction, so the erasure and its deletions are queued exactly once.
 * Returns the codes.
 */
export async function eraseExpiredCases(db: Db, now: Date, retentionDays: number): Promise<string[]> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY);
  const due = await db.q
    .select({ id: cases.id, code: cases.code, cardMessageId: cases.cardMessageId })
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
      // The log itself stays; the reasons typed for corrections are case content.
      await tx.update(auditLog).set({ reason: null }).where(eq(auditLog.caseId, id));
      await tx.update(agreements).set({ text: ERASED, doneNote: null }).where(eq(agreements.caseId, id));
      // Delivered messages are copies of the same text; undelivered ones too.
      await tx.update(outbox).set({ payload: { title: ERASED }, status: 'sent' }).where(and(eq(outbox.caseId, id), eq(outbox.status, 'pending')));
      await tx.update(outbox).set({ payload: { title: ERASED } }).where(eq(outbox.caseId, id));
      // Queued after the erasure above, so these rows keep their own payload.
      await queuePlatformDeletions(tx, id, kase.code, kase.cardMessageId, now);
      await audit(tx, { platform: 'cli', userId: 'regiebot' }, 'casus.gewist', id, `${kase.code} na ${retentionDays} dagen`, now);
    });
  }
  // Older versions of the erased rows still sit in the write-ahead log.
  if (due.length) await db.checkpoint();
  return due.map((c) => c.code);
}

/**
 * One `delete` per message the bot delivered for the case (its updates change
 * the same message, so they need none), oldest first; then the card, still
 * pinned, is replaced by the closure notice. A message that never reached the
 * platform has no platform id and nothing to delete.
 */
async function queuePlatformDeletions(tx: Tx, caseId: number, code: string, cardMessageId: number | null, now: Date): Promise<void> {
  const delivered = await tx
    .select({ id: outbox.id, platform: outbox.platform, userId: outbox.userId, platformMessageId: outbox.platformMessageId })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.status, 'sent'), inArray(outbox.kind, ['post', 'direct']), isNotNull(outbox.platformMessageId)))
    .orderBy(outbox.id);
  let card: (typeof delivered)[number] | undefined;
  for (const row of delivered) {
    if (row.id === cardMessageId) {
      card = row;
      continue;
    }
    await enqueue(tx, { kind: 'delete', platform: row.platform as Platform, relatedId: row.id, userId: row.userId, caseId }, { title: ERASED }, now);
  }
  if (card) await enqueue(tx, { kind: 'update', platform: card.platform as Platform, relatedId: card.id, caseId }, closureNotice(code), now);
}

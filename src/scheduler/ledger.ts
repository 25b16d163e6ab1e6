import { inArray } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { deliveries } from '../../db/schema.js';
import type { Day } from '../commands/types.js';

// The delivery ledger. Every timed message is claimed under one key before it
// is written to the outbox, in the same transaction: the primary key of
// `deliveries` lets exactly one claim win, however many sweeps (overlapping
// ticks, a second process, a restart) compute the same due item.
//
// A key names what, about which record, and for which due moment. When the
// moment moves (a new overleg is planned, a new silence starts), the key
// changes with it: the old key is simply never computed again, so it is
// never delivered.

export const ledgerKeys = {
  /** The 7-day and 1-day reminder before an overleg due on `due`. */
  overlegReminder: (days: 7 | 1, caseId: number, due: Day) => `overleg-reminder-${days}:case:${caseId}:due:${due}`,
  /** No overleg held 3 days (gm) or 10 days (tl) after `due`. */
  overlegOverdue: (level: 'gm' | 'tl', caseId: number, due: Day) => `overleg-overdue-${level}:case:${caseId}:due:${due}`,
  /** The weekly alert for a start overdue; week 1 is the day after the start-due date. */
  startOverdue: (referralId: number, week: number, startDue: Day) => `start-overdue:referral:${referralId}:due:${startDue}:week:${week}`,
  /** The teamleider escalation of an overdue start (verwezen + 42 days). */
  startEscalation: (referralId: number, referredOn: Day) => `start-escalation:referral:${referralId}:verwezen:${referredOn}`,
  signalReminder: (signalId: number) => `signal-reminder:signal:${signalId}`,
  signalEscalation: (signalId: number) => `signal-escalation:signal:${signalId}`,
  /** The `ask`th "Hoe staat het ervoor?" of a silence that began on `from`. */
  silence: (caseId: number, from: Day, ask: number) => `silence:case:${caseId}:from:${from}:ask:${ask}`,
  spic11: (step: 'week5' | 'end', referralId: number, start: Day) => `spic11-${step}:referral:${referralId}:start:${start}`,
  /** A SPIC 11 start not recorded by its due moment (gm and ha) or twice that (tl); `at` in epoch ms. */
  spic11Start: (level: 'due' | 'tl', referralId: number, at: Date) => `spic11-start-${level}:referral:${referralId}:at:${at.getTime()}`,
  /** The owner's reminder on the morning of an agreement's day. */
  agreementReminder: (agreementId: number, due: Day) => `afspraak-herinnering:agreement:${agreementId}:due:${due}`,
  /** The morning after an open agreement's day: its case card is redrawn to count it late (no message). */
  agreementPast: (agreementId: number, due: Day) => `afspraak-kaart:agreement:${agreementId}:due:${due}`,
  /** An agreement still open `late` (working days after `due`). */
  agreementLate: (agreementId: number, due: Day, late: Day) => `afspraak-te-laat:agreement:${agreementId}:due:${due}:late:${late}`,
  /** The weekly team digest; `week` is the ISO week of the digest day, e.g. 2026-W14. */
  digest: (teamId: number, week: string) => `digest:team:${teamId}:week:${week}`,
  /** One answer of each kind per silence question (a double click files once). */
  silenceAnswer: (answer: string, questionKey: string) => `silence-answer:${answer}:${questionKey}`,
};

/**
 * Claims a key inside the caller's transaction. True when this call inserted
 * it (deliver now); false when it was there already (delivered before).
 */
export async function claim(tx: Tx, key: string, now: Date): Promise<boolean> {
  const inserted = await tx.insert(deliveries).values({ key, at: now }).onConflictDoNothing().returning({ key: deliveries.key });
  return inserted.length > 0;
}

export async function isClaimed(tx: Tx, key: string): Promise<boolean> {
  return (await first(tx.select({ key: deliveries.key }).from(deliveries).where(inArray(deliveries.key, [key])).limit(1))) !== undefined;
}

/** Which of `keys` are in the ledger already: one read per 500 keys, to skip them without a transaction each. */
export async function claimedAmong(tx: Tx, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    for (const row of await tx.select({ key: deliveries.key }).from(deliveries).where(inArray(deliveries.key, chunk))) out.add(row.key);
  }
  return out;
}

import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { referrals } from '../../db/schema.js';
import { daysBetween, HOUR, sameTimeOn } from '../clock.js';
import type { Day } from '../commands/types.js';

export type ReferralRow = typeof referrals.$inferSelect;

export function providerKey(provider: string): string {
  return provider.trim().toLowerCase().replace(/\s+/g, ' ');
}

export async function referralsOf(tx: Tx, caseId: number): Promise<ReferralRow[]> {
  const query = prepared(tx, 'referralsOf', (q) =>
    q.select().from(referrals).where(eq(referrals.caseId, sql.placeholder('caseId'))).orderBy(asc(referrals.id)).prepare(),
  );
  return query.execute({ caseId });
}

/** The newest referral to that provider in the case. */
export async function referralOf(tx: Tx, caseId: number, provider: string): Promise<ReferralRow | undefined> {
  const key = providerKey(provider);
  return (await referralsOf(tx, caseId))
    .filter((r) => r.providerKey === key)
    .at(-1);
}

/** SPIC 11 is the crisis profile ("ernstig en acuut", seed 000): its start is counted in hours. */
export function isSpic11(spic: string | null): boolean {
  return spic !== null && spic.trim().replace(/^spic[-\s]*/i, '') === '11';
}

/**
 * When a SPIC 11 referral must have started (`hours` after it), and when the
 * teamleider is alerted (twice that). The clock starts at the moment the
 * referral was recorded; one recorded on a later day than its referral day
 * counts from the same time of day on the referral day, as signal deadlines do.
 */
export function spic11StartMoments(r: Pick<ReferralRow, 'referredOn' | 'createdAt'>, hours: number): { due: Date; teamleider: Date } {
  const from = sameTimeOn(r.referredOn, r.createdAt).getTime();
  return { due: new Date(from + hours * HOUR), teamleider: new Date(from + 2 * hours * HOUR) };
}

export type ReferralStatus = 'wacht' | 'te-laat' | 'loopt' | 'gestopt';

export function statusOf(r: ReferralRow, today: Day): ReferralStatus {
  if (r.stoppedOn && r.stoppedOn <= today) return 'gestopt';
  if (r.startedOn) return 'loopt';
  return today > r.startDue ? 'te-laat' : 'wacht';
}

/** Days the family has waited since the referral (until the start, if any). */
export function waitingDays(r: ReferralRow, today: Day): number {
  return daysBetween(r.referredOn, r.startedOn ?? today);
}

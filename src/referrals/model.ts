import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { referrals } from '../../db/schema.js';
import { daysBetween } from '../clock.js';
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

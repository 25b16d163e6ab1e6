import type { Db } from '../../db/connection.js';
import { inboundEvents } from '../../db/schema.js';

/**
 * Records a platform event id; false when it was seen before. Platforms retry
 * (Slack's x-slack-retry-num, a repeated Teams activity id): the second copy
 * must create nothing.
 */
export async function firstTime(db: Db, key: string, now: Date): Promise<boolean> {
  const inserted = await db.write((q) => q.insert(inboundEvents).values({ key, at: now }).onConflictDoNothing().returning({ key: inboundEvents.key }));
  return inserted.length === 1;
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { inboundEvents } from '../../db/schema.js';

/**
 * Records a platform request id; false when it was seen before. Platforms retry
 * (Slack's x-slack-retry-num, a repeated Teams activity id), and a captured
 * signed request can be sent again by anyone who saw it: the second copy must
 * create nothing.
 *
 * The id is claimed before the request is handled, not after, so that copies
 * arriving together cannot all pass; when the handling then fails (the core
 * threw, nothing was stored), `forget` gives the id back so that a retry of the
 * same request is handled after all.
 */
export async function firstTime(db: Db, key: string, now: Date): Promise<boolean> {
  const inserted = await db.write((q) => q.insert(inboundEvents).values({ key, at: now }).onConflictDoNothing().returning({ key: inboundEvents.key }));
  return inserted.length === 1;
}

/** Gives a claimed id back after its handling failed, so that a retry is handled. */
export async function forget(db: Db, key: string): Promise<void> {
  await db.write((q) => q.delete(inboundEvents).where(eq(inboundEvents.key, key)));
}

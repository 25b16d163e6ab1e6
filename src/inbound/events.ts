import { eq, lt } from 'drizzle-orm';
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
  await prune(db, now);
  return inserted.length === 1;
}

/**
 * Every slash command and button press leaves an id. Slack refuses requests
 * older than five minutes and retries events within the hour, Teams within
 * minutes: a day covers every copy that could still be accepted.
 */
export const inboundKeepMs = 24 * 60 * 60 * 1000;
const pruneEveryMs = 60 * 60 * 1000;
const lastPruned = new WeakMap<Db, number>();

async function prune(db: Db, now: Date): Promise<void> {
  const last = lastPruned.get(db);
  if (last !== undefined && now.getTime() - last < pruneEveryMs && now.getTime() >= last) return;
  lastPruned.set(db, now.getTime());
  try {
    await db.write((q) => q.delete(inboundEvents).where(lt(inboundEvents.at, new Date(now.getTime() - inboundKeepMs))));
  } catch {
    // Housekeeping only: the request itself was recorded; the next one tries again.
    if (last === undefined) lastPruned.delete(db);
    else lastPruned.set(db, last);
  }
}

/** Gives a claimed id back after its handling failed, so that a retry is handled. */
export async function forget(db: Db, key: string): Promise<void> {
  await db.write((q) => q.delete(inboundEvents).where(eq(inboundEvents.key, key)));
}

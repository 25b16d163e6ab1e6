import { and, asc, count, eq, inArray, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import { outbox } from '../../db/schema.js';
import type { Platform } from '../actors.js';
import type { Message } from '../message.js';

/**
 * Where a message goes. `post` goes to a conversation; `update` replaces the
 * message an earlier `post` created (`relatedId`); `direct` goes to one person,
 * and may point at the channel message it is about (`relatedId`).
 */
export type Envelope =
  | { kind: 'post'; platform: Platform; conversationId: string; caseId?: number }
  | { kind: 'update'; platform: Platform; relatedId: number; caseId?: number }
  | { kind: 'direct'; platform: Platform; userId: string; relatedId?: number; caseId?: number };

export interface OutboxItem {
  id: number;
  platform: Platform;
  kind: 'post' | 'update' | 'direct';
  conversationId: string | null;
  userId: string | null;
  caseId: number | null;
  message: Message;
  attempts: number;
  /**
   * An earlier attempt started and its outcome was never recorded (a crash):
   * the platform may already have the message, so look before sending again.
   */
  uncertainSince?: Date;
  /** For an update, or a direct message about a post: that post as delivered. */
  related?: { id: number; conversationId: string | null; platformMessageId: string | null };
}

/** Writes a message into the outbox, inside the caller's transaction. Returns its id. */
export function enqueue(tx: Tx, envelope: Envelope, message: Message, now: Date): number {
  const row = tx
    .insert(outbox)
    .values({
      createdAt: now,
      platform: envelope.platform,
      kind: envelope.kind,
      conversationId: envelope.kind === 'post' ? envelope.conversationId : null,
      userId: envelope.kind === 'direct' ? envelope.userId : null,
      relatedId: envelope.kind === 'post' ? null : (envelope.relatedId ?? null),
      caseId: envelope.caseId ?? null,
      payload: message,
      nextAttemptAt: now,
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

export interface OutboxOptions {
  maxAttempts: number;
  /** Base of the exponential backoff, in ms. */
  backoffMs?: number;
}

export class Outbox {
  private readonly backoffMs: number;
  constructor(
    private readonly db: Db,
    private readonly options: OutboxOptions,
  ) {
    this.backoffMs = options.backoffMs ?? 1000;
  }

  /** Messages due for a platform, oldest first. An update waits for its post. */
  due(platform: Platform, now: Date, limit = 50): OutboxItem[] {
    const rows = this.db.q
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), eq(outbox.platform, platform), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .all();
    const relatedIds = rows.map((r) => r.relatedId).filter((id): id is number => id !== null);
    const related = new Map(
      relatedIds.length
        ? this.db.q
            .select({ id: outbox.id, conversationId: outbox.conversationId, platformMessageId: outbox.platformMessageId, status: outbox.status })
            .from(outbox)
            .where(inArray(outbox.id, relatedIds))
            .all()
            .map((r) => [r.id, r])
        : [],
    );
    const items: OutboxItem[] = [];
    for (const r of rows) {
      const rel = r.relatedId !== null ? related.get(r.relatedId) : undefined;
      // An update can only be applied once the original is on the platform;
      // a direct message about a post waits for it too, so it can link to it.
      if (r.kind === 'update' && (!rel || rel.status !== 'sent')) {
        if (rel?.status === 'dead') this.markDead(r.id, 'het oorspronkelijke bericht is nooit afgeleverd');
        continue;
      }
      if (r.kind === 'direct' && rel?.status === 'pending') continue;
      items.push({
        id: r.id,
        platform: r.platform as Platform,
        kind: r.kind,
        conversationId: r.conversationId,
        userId: r.userId,
        caseId: r.caseId,
        message: r.payload as Message,
        attempts: r.attempts,
        ...(r.attemptStartedAt ? { uncertainSince: r.attemptStartedAt } : {}),
        ...(rel ? { related: { id: rel.id, conversationId: rel.conversationId, platformMessageId: rel.platformMessageId } } : {}),
      });
    }
    return items;
  }

  /** Written (and committed) before the platform is called. */
  markAttempting(id: number, now: Date): void {
    this.db.q.update(outbox).set({ attemptStartedAt: now }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending'))).run();
  }

  markSent(id: number, platformMessageId: string | null, now: Date): void {
    this.db.q
      .update(outbox)
      .set({ status: 'sent', platformMessageId, sentAt: now, attempts: this.attemptsOf(id) + 1, lastError: null, attemptStartedAt: null })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
      .run();
  }

  /** A failed try: back off exponentially, or as long as the platform asked. */
  markFailed(id: number, error: string, now: Date, retryAfterMs?: number): 'retry' | 'dead' {
    const attempts = this.attemptsOf(id) + 1;
    if (attempts >= this.options.maxAttempts) {
      this.db.q.update(outbox).set({ status: 'dead', attempts, lastError: error, attemptStartedAt: null }).where(eq(outbox.id, id)).run();
      return 'dead';
    }
    const wait = retryAfterMs ?? this.backoffMs * 2 ** (attempts - 1);
    this.db.q
      .update(outbox)
      // attemptStartedAt stays: a failure such as a time-out may still have
      // reached the platform, so the retry looks there first.
      .set({ attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + wait) })
      .where(eq(outbox.id, id))
      .run();
    return 'retry';
  }

  markDead(id: number, error: string): void {
    this.db.q.update(outbox).set({ status: 'dead', lastError: error }).where(eq(outbox.id, id)).run();
  }

  /** The platform id of a delivered message (Slack ts, Teams activity id, sandbox id). */
  platformMessageId(id: number): string | null {
    return this.db.q.select({ p: outbox.platformMessageId }).from(outbox).where(eq(outbox.id, id)).get()?.p ?? null;
  }

  counts(): { pending: number; sent: number; dead: number } {
    const out = { pending: 0, sent: 0, dead: 0 };
    // Counted in SQL: /healthz must not read the whole outbox into memory.
    const rows = this.db.q.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all();
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  private attemptsOf(id: number): number {
    return this.db.q.select({ a: outbox.attempts }).from(outbox).where(eq(outbox.id, id)).get()?.a ?? 0;
  }
}

import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lt, lte, max, notInArray, or, sql } from 'drizzle-orm';
import { first, type Db, type Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { cases, outbox } from '../../db/schema.js';
import type { Platform } from '../actors.js';
import type { Message } from './message.js';

/**
 * Where a message goes. `post` goes to a conversation; `update` replaces the
 * message an earlier `post` created (`relatedId`); `direct` goes to one person,
 * and may point at the channel message it is about (`relatedId`).
 *
 * Retention reaches the platform through the same durable, retried path:
 * `delete` removes what an earlier `post` or `direct` (`relatedId`, its
 * recipient in `userId`) put there; `archive` archives a conversation.
 */
export type Envelope =
  | { kind: 'post'; platform: Platform; conversationId: string; caseId?: number }
  | { kind: 'update'; platform: Platform; relatedId: number; caseId?: number }
  | { kind: 'direct'; platform: Platform; userId: string; relatedId?: number; caseId?: number }
  | { kind: 'delete'; platform: Platform; relatedId: number; userId?: string | null; caseId?: number }
  | { kind: 'archive'; platform: Platform; conversationId: string; caseId?: number };

export type OutboxKind = Envelope['kind'];

/** Kinds that carry no message of their own: what retention asks of the platform. */
export const retentionKinds = ['delete', 'archive'] as const;

/** Outbox ids looked at per prune statement: at 100,000 cases the longest of them held the event loop 0.74 s at 20,000 (load 6), so half that. */
const PRUNE_WINDOW = 10_000;

export interface OutboxItem {
  id: number;
  platform: Platform;
  kind: OutboxKind;
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
export async function enqueue(tx: Tx, envelope: Envelope, message: Message, now: Date): Promise<number> {
  const query = prepared(tx, 'enqueue', (q) =>
    q
      .insert(outbox)
      .values({
        createdAt: sql.placeholder('now'),
        platform: sql.placeholder('platform'),
        kind: sql.placeholder('kind'),
        conversationId: sql.placeholder('conversationId'),
        userId: sql.placeholder('userId'),
        relatedId: sql.placeholder('relatedId'),
        caseId: sql.placeholder('caseId'),
        payload: sql.placeholder('payload'),
        nextAttemptAt: sql.placeholder('now'),
      })
      .returning({ id: outbox.id })
      .prepare(),
  );
  const [row] = await query.execute({
    now,
    platform: envelope.platform,
    kind: envelope.kind,
    conversationId: envelope.kind === 'post' || envelope.kind === 'archive' ? envelope.conversationId : null,
    userId: envelope.kind === 'direct' || envelope.kind === 'delete' ? (envelope.userId ?? null) : null,
    relatedId: envelope.kind === 'post' || envelope.kind === 'archive' ? null : (envelope.relatedId ?? null),
    caseId: envelope.caseId ?? null,
    payload: message,
  });
  return row!.id;
}

export interface OutboxOptions {
  maxAttempts: number;
  /** Base of the exponential backoff, in ms. */
  backoffMs?: number;
  /**
   * How long a claimed row stays with the instance that claimed it. Another
   * instance takes it over only after this, and then looks on the platform
   * before sending again (the row is marked as attempted).
   */
  claimMs?: number;
  /**
   * This instance's name in row claims. Stable across restarts (host and
   * port), so a restarted instance takes back its own rows at once.
   */
  owner?: string;
}

type OutboxRow = typeof outbox.$inferSelect;

/** Conversations (and people, for direct messages) whose pace allows nothing now: not claimed. */
export interface Waiting {
  conversations: string[];
  users: string[];
}

export class Outbox {
  private readonly backoffMs: number;
  private readonly claimMs: number;
  readonly owner: string;

  constructor(
    private readonly db: Db,
    private readonly options: OutboxOptions,
  ) {
    this.backoffMs = options.backoffMs ?? 1000;
    this.claimMs = options.claimMs ?? 5 * 60_000;
    this.owner = options.owner ?? randomUUID();
  }

  /** Due for a platform and not claimed by another instance. */
  private dueWhere(platform: Platform, now: Date) {
    return and(
      eq(outbox.status, 'pending'),
      eq(outbox.platform, platform),
      // Unary plus: not by the due index, so that SQLite walks the pending rows in id order (outbox_pending_idx) and a LIMIT stops the walk.
      sql`+${outbox.nextAttemptAt} <= ${now.getTime()}`,
      or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now), eq(outbox.claimedBy, this.owner)),
    );
  }

  /**
   * One conversation strictly in order: a post (or a direct message to one
   * person) waits while an earlier one of the same conversation is still
   * pending and cannot be taken now, because it waits for a retry or a
   * platform's Retry-After, or another instance holds it. Card updates and
   * deletions change a message already there and do not wait.
   */
  private inOrderWhere(now: Date) {
    const at = now.getTime();
    const held = sql`(earlier.next_attempt_at > ${at} or (earlier.claimed_until >= ${at} and earlier.claimed_by <> ${this.owner}))`;
    // Two lookups, not one with OR: each walks one index (its conversation's,
    // its user's pending rows); an OR made it a scan of every pending row per
    // row, quadratic in the backlog (64 s a claim at 30,000 pending rows).
    return sql`not exists (select 1 from ${outbox} as earlier where ${outbox.kind} in ('post', 'archive')
        and earlier.conversation_id = ${outbox.conversationId} and earlier.status = 'pending' and earlier.id < ${outbox.id} and ${held})
      and not exists (select 1 from ${outbox} as earlier where ${outbox.kind} = 'direct'
        and earlier.user_id = ${outbox.userId} and earlier.status = 'pending' and earlier.kind = 'direct' and earlier.id < ${outbox.id} and ${held})`;
  }

  /** Not in a conversation that must wait for its pace (`waiting`: conversation and user ids). */
  private notWaitingWhere(waiting: Waiting | undefined) {
    const conversations = waiting?.conversations ?? [];
    const users = waiting?.users ?? [];
    return and(
      conversations.length ? or(isNull(outbox.conversationId), notInArray(outbox.conversationId, conversations)) : undefined,
      users.length ? or(isNull(outbox.userId), notInArray(outbox.userId, users)) : undefined,
    );
  }

  /** Messages due for a platform, oldest first, without claiming them. An update waits for its post. */
  async due(platform: Platform, now: Date, limit = 50, waiting?: Waiting): Promise<OutboxItem[]> {
    const rows = await this.db.q
      .select()
      .from(outbox)
      .where(and(this.dueWhere(platform, now), this.inOrderWhere(now), this.notWaitingWhere(waiting)))
      .orderBy(asc(outbox.id))
      .limit(limit);
    return this.items(this.db.q, rows);
  }

  /**
   * Takes what is due for this instance to deliver. The claim is a write in a
   * serialised transaction, so two instances on one database never take the
   * same row; a row that must wait (an update whose post is not out yet, a
   * post behind an earlier one of its conversation) is not claimed.
   *
   * At most `perConversation` rows of one conversation are taken, so that one
   * busy channel cannot fill the batch and hold the others up, and none of a
   * conversation in `waiting` (its pace allows nothing now). A card update
   * that a newer update of the same message replaces (pending, or already
   * sent while this one waited) is marked `superseded` here and never sent:
   * only the latest state goes out.
   */
  async claim(platform: Platform, now: Date, limit = 50, options: { perConversation?: number; waiting?: Waiting } = {}): Promise<OutboxItem[]> {
    const perConversation = options.perConversation ?? limit;
    return this.db.tx(async (tx) => {
      // The first due rows only, walked oldest first (outbox_pending_idx), so
      // that the LIMIT stops the walk: ranking the whole backlog inside the
      // write lock grew with it. Only a conversation with more than this many
      // due rows at the head of the outbox, and no pace to set it aside,
      // could still hold the others up for a round.
      const candidates = tx
        .select({ id: outbox.id, conversationId: outbox.conversationId, userId: outbox.userId, relatedId: outbox.relatedId })
        .from(outbox)
        .where(and(this.dueWhere(platform, now), this.inOrderWhere(now), this.notWaitingWhere(options.waiting)))
        .orderBy(asc(outbox.id))
        .limit(limit * 4)
        .as('candidates');
      const ranked = tx
        .select({
          id: candidates.id,
          rank: sql<number>`row_number() over (partition by coalesce(${candidates.conversationId}, ${candidates.userId}, cast(${candidates.relatedId} as text)) order by ${candidates.id})`.as('rank'),
        })
        .from(candidates)
        .as('ranked');
      const picked = await tx.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, perConversation)).orderBy(asc(ranked.id)).limit(limit);
      if (!picked.length) return [];
      const rows = await tx
        .select()
        .from(outbox)
        .where(
          inArray(
            outbox.id,
            picked.map((p) => p.id),
          ),
        )
        .orderBy(asc(outbox.id));
      const superseded = await this.supersede(tx, platform, rows);
      const items = await this.items(
        tx,
        rows.filter((r) => !superseded.has(r.id)),
      );
      if (items.length) {
        await tx
          .update(outbox)
          .set({ claimedBy: this.owner, claimedUntil: new Date(now.getTime() + this.claimMs) })
          .where(
            inArray(
              outbox.id,
              items.map((i) => i.id),
            ),
          );
      }
      this.supersededCount += superseded.size;
      return items;
    });
  }

  /** Card updates replaced by a newer pending update of the same message, so never sent: counted for /metrics. */
  supersededCount = 0;

  /** Marks the updates among `rows` that a newer update of the same message replaces; returns their ids. */
  private async supersede(tx: Tx, platform: Platform, rows: OutboxRow[]): Promise<Set<number>> {
    const updates = rows.filter((r) => r.kind === 'update' && r.relatedId !== null);
    if (!updates.length) return new Set();
    const newest = await tx
      .select({ relatedId: outbox.relatedId, id: max(outbox.id) })
      .from(outbox)
      .where(
        and(
          // Sent too: an update that waited (a retry, a 429) must never
          // overwrite a newer state already on the platform.
          inArray(outbox.status, ['pending', 'sent']),
          eq(outbox.platform, platform),
          eq(outbox.kind, 'update'),
          inArray(
            outbox.relatedId,
            updates.map((u) => u.relatedId!),
          ),
        ),
      )
      .groupBy(outbox.relatedId);
    const latest = new Map(newest.map((n) => [n.relatedId, n.id ?? 0]));
    const older = updates.filter((u) => u.id < (latest.get(u.relatedId) ?? 0)).map((u) => u.id);
    if (older.length) {
      await tx
        .update(outbox)
        .set({ status: 'superseded', lastError: null, attemptStartedAt: null, claimedBy: null, claimedUntil: null })
        .where(and(inArray(outbox.id, older), eq(outbox.status, 'pending')));
    }
    return new Set(older);
  }

  /** Hands back claimed rows this instance did not get to (a rate limit stopped the pass). */
  async release(ids: number[]): Promise<void> {
    if (!ids.length) return;
    await this.db.write((q) =>
      q
        .update(outbox)
        .set({ claimedBy: null, claimedUntil: null })
        .where(and(inArray(outbox.id, ids), eq(outbox.claimedBy, this.owner))),
    );
  }

  private async items(tx: Tx, rows: OutboxRow[]): Promise<OutboxItem[]> {
    const relatedIds = rows.map((r) => r.relatedId).filter((id): id is number => id !== null);
    const relatedRows = relatedIds.length
      ? await tx
          .select({ id: outbox.id, conversationId: outbox.conversationId, platformMessageId: outbox.platformMessageId, status: outbox.status })
          .from(outbox)
          .where(inArray(outbox.id, relatedIds))
      : [];
    const related = new Map(relatedRows.map((r) => [r.id, r]));
    // An archive waits for the case's deletions and card update still queued:
    // Slack takes no changes in an archived channel, and a rate-limited
    // deletion must not be overtaken.
    const archiveCases = rows.filter((r) => r.kind === 'archive' && r.caseId !== null).map((r) => r.caseId!);
    const busyCases = new Set(
      archiveCases.length
        ? (
            await tx
              .select({ caseId: outbox.caseId })
              .from(outbox)
              .where(and(eq(outbox.status, 'pending'), inArray(outbox.kind, ['delete', 'update']), inArray(outbox.caseId, archiveCases)))
          ).map((r) => r.caseId)
        : [],
    );
    const items: OutboxItem[] = [];
    for (const r of rows) {
      const rel = r.relatedId !== null ? related.get(r.relatedId) : undefined;
      // An update can only be applied once the original is on the platform;
      // a direct message about a post waits for it too, so it can link to it.
      if (r.kind === 'update' && (!rel || rel.status !== 'sent')) {
        if (rel?.status === 'dead') await this.markDeadIn(tx, r.id, 'het oorspronkelijke bericht is nooit afgeleverd');
        // Gone (pruned): nothing will ever send it, so it must not wait for ever.
        else if (!rel) await this.markDeadIn(tx, r.id, 'het bericht om bij te werken is onbekend');
        continue;
      }
      if (r.kind === 'direct' && rel?.status === 'pending') continue;
      if (r.kind === 'archive' && busyCases.has(r.caseId)) continue;
      if (r.kind === 'delete' && !rel) {
        await this.markDeadIn(tx, r.id, 'het bericht om te verwijderen is onbekend');
        continue;
      }
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
  async markAttempting(id: number, now: Date): Promise<void> {
    await this.db.write((q) => q.update(outbox).set({ attemptStartedAt: now }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending'))));
  }

  async markSent(id: number, platformMessageId: string | null, now: Date): Promise<void> {
    // One statement: the attempt count is raised in SQL, not read first.
    await this.db.write((q) =>
      q
        .update(outbox)
        .set({
          status: 'sent',
          platformMessageId,
          sentAt: now,
          attempts: sql`${outbox.attempts} + 1`,
          lastError: null,
          attemptStartedAt: null,
          claimedBy: null,
          claimedUntil: null,
        })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'pending'))),
    );
  }

  /** A failed try: back off exponentially, or as long as the platform asked. */
  async markFailed(id: number, error: string, now: Date, retryAfterMs?: number): Promise<'retry' | 'dead'> {
    const attempts = (await this.attemptsOf(id)) + 1;
    if (attempts >= this.options.maxAttempts) {
      await this.db.write((q) =>
        q
          .update(outbox)
          .set({ status: 'dead', attempts, lastError: error, attemptStartedAt: null, claimedBy: null, claimedUntil: null })
          .where(eq(outbox.id, id)),
      );
      return 'dead';
    }
    const wait = retryAfterMs ?? this.backoffMs * 2 ** (attempts - 1);
    await this.db.write((q) =>
      q
        .update(outbox)
        // attemptStartedAt stays: a failure such as a time-out may still have
        // reached the platform, so the retry looks there first.
        .set({ attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + wait), claimedBy: null, claimedUntil: null })
        .where(eq(outbox.id, id)),
    );
    return 'retry';
  }

  async markDead(id: number, error: string): Promise<void> {
    await this.markDeadIn(this.db.q, id, error);
  }

  private async markDeadIn(tx: Tx, id: number, error: string): Promise<void> {
    await tx.update(outbox).set({ status: 'dead', lastError: error, claimedBy: null, claimedUntil: null }).where(eq(outbox.id, id));
  }

  /** The platform id of a delivered message (Slack ts, Teams activity id, sandbox id). */
  async platformMessageId(id: number): Promise<string | null> {
    return (await first(this.db.q.select({ p: outbox.platformMessageId }).from(outbox).where(eq(outbox.id, id)).limit(1)))?.p ?? null;
  }

  async counts(): Promise<{ pending: number; sent: number; dead: number }> {
    const out = { pending: 0, sent: 0, dead: 0 };
    // Counted in SQL: /healthz must not read the whole outbox into memory.
    const rows = await this.db.q.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
    for (const r of rows) if (r.status !== 'superseded') out[r.status] = r.n;
    return out;
  }

  /**
   * For /metrics: waiting to be sent, being sent now (claimed by an instance),
   * and given up. Counted in SQL over the pending rows (the due index) and the dead ones.
   */
  async gauges(now: Date): Promise<{ pending: number; inFlight: number; dead: number }> {
    const rows = await this.db.q
      .select({ status: outbox.status, claimed: sql<number>`case when ${outbox.claimedUntil} >= ${now.getTime()} then 1 else 0 end`, n: count() })
      .from(outbox)
      .where(inArray(outbox.status, ['pending', 'dead']))
      .groupBy(outbox.status, sql`2`);
    const out = { pending: 0, inFlight: 0, dead: 0 };
    for (const r of rows) {
      if (r.status === 'dead') out.dead += Number(r.n);
      else if (Number(r.claimed) === 1) out.inFlight += Number(r.n);
      else out.pending += Number(r.n);
    }
    return out;
  }

  /**
   * Deletes what was sent (or superseded) more than `keepDays` ago and that
   * nothing needs any more, window by window of ids; returns how many went. Kept whatever
   * their age: a case's posts and direct messages until retention erased the
   * case (it deletes them on the platform by their ids), the message a pinned
   * card or signal is updated through (a case's card row), and any row a
   * pending row still points at. Dead rows stay for the operator (/healthz).
   */
  async prune(platform: Platform, now: Date, keepDays: number, window = PRUNE_WINDOW): Promise<number> {
    const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
    const top = (await first(this.db.q.select({ id: max(outbox.id) }).from(outbox)))?.id ?? 0;
    let total = 0;
    // The table is walked in windows of ids, one statement each, with the event loop free in between.
    // Most old rows are kept (a live case's posts), so one statement over all of them read every row:
    // 22 s of SQLite at 100,000 cases (2.1 million rows), during which no request was answered.
    for (let from = 0; from < top; from += window) {
      const inWindow = (column: typeof outbox.id | typeof outbox.relatedId | typeof cases.cardMessageId) => and(gt(column, from), lte(column, from + window));
      total += await this.db.write(async (q) => {
        const old = q
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              inWindow(outbox.id),
              eq(outbox.platform, platform),
              inArray(outbox.status, ['sent', 'superseded']),
              or(lt(outbox.sentAt, cutoff), and(isNull(outbox.sentAt), lt(outbox.createdAt, cutoff))),
              or(
                inArray(outbox.kind, ['update', 'delete', 'archive']),
                isNull(outbox.caseId),
                inArray(outbox.caseId, q.select({ id: cases.id }).from(cases).where(isNotNull(cases.erasedAt))),
              ),
              notInArray(outbox.id, q.select({ id: cases.cardMessageId }).from(cases).where(inWindow(cases.cardMessageId))),
              notInArray(
                outbox.id,
                q
                  .select({ id: outbox.relatedId })
                  .from(outbox)
                  .where(and(eq(outbox.status, 'pending'), inWindow(outbox.relatedId))),
              ),
            ),
          );
        const ids = (await old).map((r) => r.id);
        if (ids.length) await q.delete(outbox).where(inArray(outbox.id, ids));
        return ids.length;
      });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return total;
  }

  /**
   * What retention asked of the platforms: still to do, and what could not be
   * done (a refusal, or tries exhausted). Counted in SQL, for /healthz.
   */
  async retentionCounts(): Promise<{ pending: number; undeletable: number }> {
    // Only the pending and dead rows, which the status index finds: there is no index on kind, and
    // the sent rows (millions after a year) read one by one held the first /healthz for 15 s.
    const rows = await this.db.q
      .select({ status: outbox.status, n: count() })
      .from(outbox)
      .where(and(inArray(outbox.status, ['pending', 'dead']), inArray(outbox.kind, [...retentionKinds])))
      .groupBy(outbox.status);
    const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return { pending: of('pending'), undeletable: of('dead') };
  }

  private async attemptsOf(id: number): Promise<number> {
    return (await first(this.db.q.select({ a: outbox.attempts }).from(outbox).where(eq(outbox.id, id)).limit(1)))?.a ?? 0;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { and, asc, count, eq, inArray, isNull, lt, min, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import { UNFINISHED } from '../../db/inbox-state.js';
import { inbox } from '../../db/schema.js';
import type { Platform } from '../actors.js';

// The durable inbox (db/schema.ts `inbox`): a platform request is stored here
// in its own short transaction before it is acknowledged, and worked off after
// the ack by the processor (./processor.ts). Its key is unique, so storing it
// is also the duplicate check.
//
// A row's life: `pending` -> `done` (the core's effect committed; marked in
// the core's own transaction where it writes, see `markDoneInTransaction`) and
// answered (`answered_at`, written just before the answer is sent: an answer
// is sent at most once; a crash between the two loses it, the case keeps what
// was recorded). `failed`: nothing was
// recorded (the database was gone for the core); the key is freed so that the
// same request, sent again, is handled.

export type InboxKind = 'text' | 'action' | 'form' | 'seen';

export interface NewInboxRow {
  key: string;
  platform: Platform;
  /** The ordering key: rows of one conversation are processed one after another, in arrival order. */
  conversationId: string;
  kind: Exclude<InboxKind, 'seen'>;
  /** What the platform's handler needs to run the core and answer: JSON-safe. */
  payload: unknown;
}

export interface InboxRow {
  id: number;
  key: string;
  platform: Platform;
  conversationId: string;
  kind: InboxKind;
  payload: unknown;
  receivedAt: Date;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
}

interface Waiting {
  row: NewInboxRow;
  now: Date;
  resolve(id: number | undefined): void;
  reject(err: unknown): void;
}

// Group commit: requests that arrive while a write of the inbox is under way
// wait for it and are then written together, in one transaction (one lock
// taken, one commit). Per database handle, since each thread has its own.
const groups = new WeakMap<Db, { waiting: Waiting[]; writing: boolean }>();

/**
 * Stores a request; its id, or undefined when a request with this key was
 * stored before (or earlier in the same group). Resolves only after the
 * row's transaction committed; when it fails, every request of the group
 * rejects and none of them is stored.
 */
export function enqueue(db: Db, row: NewInboxRow, now: Date): Promise<number | undefined> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { waiting: [], writing: false }));
  const g = group;
  return new Promise((resolve, reject) => {
    g.waiting.push({ row, now, resolve, reject });
    if (g.writing) return;
    g.writing = true;
    // Started after this turn's other requests joined the group.
    queueMicrotask(() => void writeGroups(db, g));
  });
}

async function writeGroups(db: Db, g: { waiting: Waiting[]; writing: boolean }): Promise<void> {
  while (g.waiting.length) {
    const taken = g.waiting.splice(0);
    try {
      const ids = await db.batch(async (q) => {
        const out: Array<number | undefined> = [];
        for (const { row, now } of taken) {
          const inserted = await q
            .insert(inbox)
            .values({
              key: row.key,
              platform: row.platform,
              conversationId: row.conversationId,
              kind: row.kind,
              payload: JSON.stringify(row.payload),
              receivedAt: now,
              state: 'pending',
            })
            .onConflictDoNothing()
            .returning({ id: inbox.id });
          out.push(inserted[0]?.id);
        }
        return out;
      });
      taken.forEach((w, i) => w.resolve(ids[i]));
    } catch (err) {
      for (const w of taken) w.reject(err);
    }
  }
  g.writing = false;
}

/**
 * Records the key of a request handled on the spot (an event, a modal
 * submission, a Teams invoke); false when it was seen before.
 */
export async function recordSeen(db: Db, key: string, platform: string, now: Date): Promise<boolean> {
  const inserted = await db.write((q) =>
    q
      .insert(inbox)
      .values({ key, platform, conversationId: '', kind: 'seen', payload: '{}', receivedAt: now, state: 'done', doneAt: now, answeredAt: now })
      .onConflictDoNothing()
      .returning({ id: inbox.id }),
  );
  return inserted.length === 1;
}

/** Gives a key back (a request handled on the spot that recorded nothing), so that a retry is handled. */
export async function forgetKey(db: Db, key: string): Promise<void> {
  await db.write((q) => q.delete(inbox).where(and(eq(inbox.key, key), eq(inbox.kind, 'seen'))));
}

/** Unfinished: not yet processed, or processed and the person not yet told. */
const open = sql`(${sql.raw(UNFINISHED)})`;

/**
 * Takes up to `limit` unfinished rows for this instance, oldest first. A row
 * is not taken while an earlier unfinished row of its conversation is held by
 * another instance, so each conversation stays in order across instances.
 * `skip`: ids this instance is working on already; `platforms`: those it has a handler for.
 */
export async function claim(db: Db, owner: string, now: Date, leaseMs: number, limit: number, skip: readonly number[], platforms: readonly string[]): Promise<InboxRow[]> {
  if (!platforms.length) return [];
  const at = now.getTime();
  const free = or(isNull(inbox.claimedUntil), lt(inbox.claimedUntil, now), eq(inbox.claimedBy, owner));
  const inOrder = sql`not exists (select 1 from ${inbox} as earlier where earlier.conversation_id = ${inbox.conversationId}
    and earlier.id < ${inbox.id} and earlier.kind <> 'seen'
    and (${sql.raw(UNFINISHED.replace(/\b(state|answered_at)\b/g, 'earlier.$1'))})
    and earlier.claimed_until >= ${at} and earlier.claimed_by <> ${owner})`;
  return db.tx(async (tx) => {
    const picked = await tx
      .select({ id: inbox.id })
      .from(inbox)
      .where(and(open, free, inOrder, inArray(inbox.platform, [...platforms]), skip.length ? sql`${inbox.id} not in (${sql.join(skip.map((id) => sql`${id}`), sql`, `)})` : undefined))
      .orderBy(asc(inbox.id))
      .limit(limit);
    if (!picked.length) return [];
    const ids = picked.map((p) => p.id);
    const rows = await tx
      .update(inbox)
      .set({ claimedBy: owner, claimedUntil: new Date(at + leaseMs), attempts: sql`${inbox.attempts} + 1` })
      .where(and(inArray(inbox.id, ids), free))
      .returning();
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        id: r.id,
        key: r.key,
        platform: r.platform as Platform,
        conversationId: r.conversationId,
        kind: r.kind as InboxKind,
        payload: JSON.parse(r.payload) as unknown,
        receivedAt: r.receivedAt,
        state: r.state as InboxRow['state'],
        attempts: r.attempts,
      }));
  });
}

// The row being processed, so that the core's write transaction marks it done
// before it commits: a crash after the commit cannot make it run twice.
const processing = new AsyncLocalStorage<{ id: number }>();

/** Runs the core for one row; its write transactions mark the row done (see below). */
export function whileProcessing<T>(id: number, run: () => Promise<T>): Promise<T> {
  return processing.run({ id }, run);
}

/**
 * Called inside every write transaction of the core (the composition root
 * hands it in with `afterWrite`): when the transaction runs for an inbox row,
 * the row is marked done in it, so the core's effect and "done" commit together.
 */
export async function markDoneInTransaction(tx: Tx, now: Date): Promise<void> {
  const row = processing.getStore();
  if (!row) return;
  await tx.update(inbox).set({ state: 'done', doneAt: now }).where(and(eq(inbox.id, row.id), eq(inbox.state, 'pending')));
}

/**
 * The core answered: the row is done (if its transaction did not mark it
 * already) and counted as answered, since the answer goes out right after.
 * What was typed is dropped from the row (the case holds what was recorded);
 * the key stays for the duplicate check.
 */
export async function markDone(db: Db, id: number, now: Date): Promise<void> {
  await db.write((q) =>
    q
      .update(inbox)
      .set({ state: 'done', doneAt: sql`coalesce(${inbox.doneAt}, ${now.getTime()})`, answeredAt: now, payload: '{}', claimedBy: null, claimedUntil: null })
      .where(eq(inbox.id, id)),
  );
}

/**
 * Nothing was recorded (the core answered "niet vastgelegd"): the row is
 * failed and its key freed, so the same request sent again is handled.
 */
export async function markFailed(db: Db, id: number, now: Date): Promise<void> {
  await db.write((q) =>
    q
      .update(inbox)
      .set({ state: 'failed', key: sql`${inbox.key} || ':failed:' || ${String(id)}`, doneAt: now, answeredAt: now, payload: '{}' })
      .where(eq(inbox.id, id)),
  );
}

/** A row the core finished before a crash: the person is told it was handled. */
export async function markAnswered(db: Db, id: number, now: Date): Promise<void> {
  await db.write((q) => q.update(inbox).set({ answeredAt: now, payload: '{}', claimedBy: null, claimedUntil: null }).where(eq(inbox.id, id)));
}

/** Depth (unfinished rows) and the age of the oldest, for /metrics. */
export async function inboxStats(db: Db, now: Date): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const [row] = await db.q.select({ depth: count(), oldest: min(inbox.receivedAt) }).from(inbox).where(and(open, ne(inbox.kind, 'seen')));
  const oldest = row?.oldest ? new Date(row.oldest as unknown as number | Date).getTime() : undefined;
  return { depth: Number(row?.depth ?? 0), oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) };
}

/**
 * Deletes finished rows older than `keepMs`. Slack refuses requests older
 * than five minutes and retries events within the hour, Teams within minutes:
 * any retention of a day or more covers every copy that could still arrive.
 */
export async function pruneInbox(db: Db, now: Date, keepMs: number): Promise<number> {
  const before = new Date(now.getTime() - keepMs);
  const gone = await db.write((q) =>
    q
      .delete(inbox)
      .where(and(or(eq(inbox.state, 'failed'), and(eq(inbox.state, 'done'), lt(inbox.answeredAt, before))), lt(inbox.receivedAt, before)))
      .returning({ id: inbox.id }),
  );
  return gone.length;
}

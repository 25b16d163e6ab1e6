import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection.js';
import { inbox } from '../../db/schema.js';
import { enqueue, type NewInboxRow } from '../../src/inbound/inbox.js';
import { testDatabaseUrl, testDialect } from '../helpers/database.js';

// The inbox's group commit: requests stored while a write is under way are
// written together in one transaction; each caller still learns its own row
// (or that its key was there already), and a failed write stores none.

const now = new Date('2026-11-30T09:00:00Z');
const row = (key: string, payload: unknown = { text: `signaal ${key}` }): NewInboxRow => ({ key, platform: 'slack', conversationId: 'C1', kind: 'text', payload });

describe(`inbox group commit (${testDialect})`, () => {
  let dir: string;
  let url: string;
  let db: Db;
  let batches: number;
  let counted: Db;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-group-'));
    url = testDatabaseUrl(dir);
    db = await openDatabase(url);
    batches = 0;
    counted = { ...db, batch: (fn) => (batches++, db.batch(fn)) };
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () => db.q.select({ id: inbox.id, key: inbox.key }).from(inbox).orderBy(asc(inbox.id));

  it('writes concurrent requests in one transaction and gives each caller its own id', async () => {
    const ids = await Promise.all(['K1', 'K2', 'K3', 'K4', 'K5'].map((k) => enqueue(counted, row(k), now)));
    expect(batches).toBe(1);
    expect(new Set(ids).size).toBe(5);
    const rows = await stored();
    expect(rows.map((r) => [r.id, r.key])).toEqual(ids.map((id, i) => [id, `K${i + 1}`]));
  });

  it('gathers the requests that arrive while a write is under way into the next one', async () => {
    const first = enqueue(counted, row('A1'), now);
    await Promise.resolve();
    await Promise.resolve();
    // The first group is being written now: these wait for it and go together.
    const later = ['A2', 'A3', 'A4'].map((k) => enqueue(counted, row(k), now));
    const ids = await Promise.all([first, ...later]);
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect(batches).toBe(2);
    expect((await stored()).map((r) => r.key)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('answers undefined for a key stored before, and for the second of one key in the same group', async () => {
    const before = await enqueue(counted, row('D1'), now);
    expect(before).toBeTypeOf('number');
    const [again, fresh, twice] = await Promise.all([enqueue(counted, row('D1'), now), enqueue(counted, row('D2'), now), enqueue(counted, row('D2'), now)]);
    expect(again).toBeUndefined();
    expect(fresh).toBeTypeOf('number');
    expect(twice).toBeUndefined();
    expect((await stored()).map((r) => r.key)).toEqual(['D1', 'D2']);
  });

  it('rejects every caller of a failed group and stores none of it; the next group is written', async () => {
    // A payload that cannot be stored fails the write after the group's first rows were inserted.
    const results = await Promise.allSettled([enqueue(counted, row('F1'), now), enqueue(counted, row('F2', { n: 1n }), now), enqueue(counted, row('F3'), now)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await stored()).toEqual([]);
    const id = await enqueue(counted, row('F1'), now);
    expect(id).toBeTypeOf('number');
    expect((await stored()).map((r) => r.key)).toEqual(['F1']);
  });

  it.skipIf(testDialect !== 'sqlite')('waits for another connection’s write lock without blocking the event loop', async () => {
    const other = new Database(url.slice('file:'.length));
    try {
      other.exec('BEGIN IMMEDIATE');
      let settled = false;
      const pending = enqueue(counted, row('L1'), now).finally(() => (settled = true));
      // Timers still fire while the insert waits: the loop is free.
      const started = Date.now();
      await new Promise((r) => setTimeout(r, 50));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(settled).toBe(false);
      other.exec('COMMIT');
      expect(await pending).toBeTypeOf('number');
      expect((await stored()).map((r) => r.key)).toEqual(['L1']);
    } finally {
      other.close();
    }
  });

  // The work thread's connection, saturated: each transaction holds the
  // write lock across awaits and the next begins right after the commit.
  // The acknowledging thread's writes wait for one of them, not for a backlog.
  const writes: Array<[string, (ack: Db) => Promise<unknown>]> = [
    ['a transaction (a modal submission’s core)', (ack) => ack.tx((q) => q.insert(inbox).values({ ...row('T1'), payload: '{}', receivedAt: now, state: 'pending' }))],
    ['a single write (the replay check)', (ack) => ack.write((q) => q.insert(inbox).values({ ...row('W1'), payload: '{}', receivedAt: now, state: 'pending' }))],
  ];
  for (const [what, write] of writes) {
    it(`on the acknowledging thread's connection, ${what} goes before a busy connection too`, async () => {
      const ack = await openDatabase(url, { acknowledging: true });
      const worker = await openDatabase(url);
      try {
        let held = 0;
        let stop = false;
        const busy = (async () => {
          while (!stop) {
            await worker.tx(() => new Promise((r) => setTimeout(r, 5)));
            held++;
          }
        })();
        await new Promise((r) => setTimeout(r, 20));
        const before = held;
        await write(ack);
        const waitedFor = held - before;
        stop = true;
        await busy;
        expect(waitedFor).toBeLessThanOrEqual(2);
      } finally {
        await ack.close();
        await worker.close();
      }
    });
  }

  it.skipIf(testDialect !== 'sqlite')('goes before a busy connection of another thread of this process: it waits for one transaction, not for a backlog', async () => {
    const worker = await openDatabase(url);
    try {
      let held = 0;
      let stop = false;
      let inFlight = false;
      const busy = (async () => {
        while (!stop) {
          await worker.tx(async () => {
            inFlight = true;
            await new Promise((r) => setTimeout(r, 5));
            inFlight = false;
          });
          held++;
        }
      })();
      await new Promise((r) => setTimeout(r, 20));
      await expect.poll(() => inFlight).toBe(true);
      const before = held;
      const id = await enqueue(counted, row('P1'), now);
      const waitedFor = held - before;
      stop = true;
      await busy;
      expect(id).toBeTypeOf('number');
      // The transaction that held the lock, and at most the one begun as the insert claimed its turn.
      expect(waitedFor).toBeLessThanOrEqual(2);
    } finally {
      await worker.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/connection.js';
import { inbox, outbox } from '../../db/schema.js';
import { claim } from '../../src/inbound/inbox.js';
import { Outbox } from '../../src/kernel/outbox.js';
import { testDialect } from '../helpers/database.js';

// The claims of the inbox and the outbox run inside the write lock, often,
// with a backlog behind them when the bot is busy. They must walk their rows
// in id order by index and stop at their limit: with a filter over the whole
// backlog and a sort (an OR in the in-order check, or an index on the state),
// a claim at 30,000 pending rows took 64 s (outbox) and 0.3 s (inbox), and
// every ack waited for it. SQLite's plan for the statements the claims
// really run tells which it is; the rows they return tell that it still
// takes the right ones.

const now = new Date('2026-11-30T09:00:00Z');

describe.skipIf(testDialect !== 'sqlite')('claim plans on SQLite', () => {
  let dir: string;
  let file: string;
  let db: Db;
  const statements: string[] = [];
  const prepare = Database.prototype.prepare;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-plans-'));
    file = join(dir, 'plans.db');
    // Seen before the connection binds it: every statement the claims prepare.
    Database.prototype.prepare = function (this: Database.Database, source: string) {
      statements.push(source);
      return prepare.call(this, source);
    } as typeof prepare;
    db = await openDatabase(`file:${file}`);
    const at = new Date(now.getTime() - 60_000);
    // Sent history first, then a backlog: 40 conversations, 10 pending each, and direct messages.
    await db.q.insert(outbox).values(Array.from({ length: 200 }, (_, i) => ({ platform: 'slack', kind: 'post' as const, conversationId: `C${i % 40}`, payload: '{}', status: 'sent' as const, nextAttemptAt: at, sentAt: at, createdAt: at })));
    await db.q.insert(outbox).values(Array.from({ length: 400 }, (_, i) => ({ platform: 'slack', kind: 'post' as const, conversationId: `C${i % 40}`, payload: '{}', status: 'pending' as const, nextAttemptAt: at, createdAt: at })));
    await db.q.insert(outbox).values(Array.from({ length: 40 }, (_, i) => ({ platform: 'slack', kind: 'direct' as const, userId: `U${i % 4}`, payload: '{}', status: 'pending' as const, nextAttemptAt: at, createdAt: at })));
    await db.q.insert(inbox).values(Array.from({ length: 200 }, (_, i) => ({ key: `done-${i}`, platform: 'slack', conversationId: `C${i % 40}`, kind: 'text', payload: '{}', receivedAt: at, state: 'done', doneAt: at, answeredAt: at })));
    await db.q.insert(inbox).values(Array.from({ length: 400 }, (_, i) => ({ key: `new-${i}`, platform: 'slack', conversationId: `C${i % 40}`, kind: 'text', payload: '{}', receivedAt: at, state: 'pending' })));
  });
  afterAll(async () => {
    Database.prototype.prepare = prepare;
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** SQLite's plan of the last statement prepared that starts with `head`. */
  function planOf(head: string): string {
    const source = statements.filter((s) => s.startsWith(head)).at(-1);
    expect(source, `no statement starting with ${head}`).toBeDefined();
    const raw = new Database(file, { readonly: true });
    try {
      const params = (source!.match(/\?/g) ?? []).map(() => null);
      return (raw.prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    } finally {
      raw.close();
    }
  }

  it('the outbox claim walks the pending rows by id and looks up each one’s conversation and user by index', async () => {
    const items = await new Outbox(db, { maxAttempts: 5, owner: 'plans' }).claim('slack', now, 50, { perConversation: 2 });
    // The oldest two of each conversation, in id order, and the first direct message of each user.
    expect(items.length).toBe(50);
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => a - b));
    const perConversation = new Map<string, number>();
    for (const i of items) if (i.conversationId) perConversation.set(i.conversationId, (perConversation.get(i.conversationId) ?? 0) + 1);
    expect(Math.max(...perConversation.values())).toBeLessThanOrEqual(2);

    const plan = planOf('select "id" from (select "id", row_number()');
    expect(plan).toContain('USING INDEX outbox_pending_idx');
    expect(plan).toMatch(/SEARCH earlier USING INDEX outbox_conversation_idx/);
    expect(plan).toMatch(/SEARCH earlier USING INDEX outbox_user_idx/);
    expect(plan).not.toMatch(/SCAN earlier/);
  });

  it('the inbox claim walks the unfinished rows by id, without a sort, and checks order among unfinished rows only', async () => {
    const rows = await claim(db, 'plans', now, 60_000, 100, [], ['slack']);
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.state === 'pending')).toBe(true);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));

    const plan = planOf('select "id" from "inbox" where');
    expect(plan).toContain('SCAN inbox USING INDEX inbox_unfinished_idx');
    expect(plan).toContain('USING INDEX inbox_unfinished_conversation_idx');
    expect(plan).not.toContain('USE TEMP B-TREE');
  });
});

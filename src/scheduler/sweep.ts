import type { Db, Tx } from '../../db/connection.js';
import type { Settings } from '../config.js';
import type { Logger } from '../log.js';
import { isDatabaseFault } from '../../db/faults.js';
import { claim, claimedAmong } from './ledger.js';

/** What a rule is asked about: every open case, one team's or one case's. */
export interface CaseFilter {
  caseId?: number;
  teamId?: number;
}

/**
 * One piece of due work: a ledger key and the messages it stands for.
 * `deliver` writes to the outbox in the transaction that claims the key.
 */
export interface DueItem {
  key: string;
  /**
   * Earlier steps this one replaces when they were never delivered (a sweep
   * after an outage sends the latest step only). Claimed with it, so they are
   * never sent afterwards.
   */
  supersedes?: string[];
  /** How to compute this item again for its own record only (the re-check in the transaction). */
  scope: CaseFilter;
  /** For the log: codes and ids only. */
  caseCode?: string;
  recordId?: number;
  deliver(tx: Tx, now: Date): Promise<void>;
}

/**
 * What the rules of one sweep share (the open cases, read once). Only given
 * for the sweep-wide query, never for the re-check of one item.
 */
export type SweepMemo = Map<string, unknown>;

export function remembered<T>(memo: SweepMemo | undefined, key: string, compute: () => T): T {
  if (!memo) return compute();
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  // An asynchronous value is remembered as its promise; a failure is not remembered (the next rule computes it again).
  if (value instanceof Promise) void value.catch(() => memo.delete(key));
  return value;
}

/** A kind of timed work: from the stored state and the time, what is due now. */
export interface Rule {
  name: string;
  due(tx: Tx, now: Date, settings: Settings, filter: CaseFilter, memo?: SweepMemo): Promise<DueItem[]>;
}

export interface SweepReport {
  at: Date;
  /** Keys delivered by this sweep, in order. */
  delivered: string[];
  /** Items that failed (their keys stay unclaimed, so the next sweep tries again). */
  failed: number;
}

/**
 * One pass. For each rule, one set-based query finds what is due; what the
 * ledger already holds is skipped with one read. Each remaining item is then
 * delivered in a transaction of its own, which computes the item again for
 * its record only (the state may have changed since), claims the key (if
 * another sweep won, nothing happens) and writes the outbox messages. A
 * failure in one item is logged with codes and ids only and does not stop
 * the others; a failure of the database itself ends the sweep (see tick's guard).
 */
export async function sweep(
  deps: { db: Db; settings: Settings; log: Logger },
  rules: Rule[],
  now: Date,
  /**
   * Keys this process knows to be in the ledger (a claim is never undone), so
   * that a long-standing item is not looked up again every minute. Pruned to
   * the keys still computed as due.
   */
  known: Set<string> = new Set(),
): Promise<SweepReport> {
  const { db, settings, log } = deps;
  const report: SweepReport = { at: now, delivered: [], failed: 0 };
  const stillDue = new Set<string>();
  let lastYield = performance.now();
  const memo: SweepMemo = new Map();
  for (const rule of rules) {
    // On SQLite a rule's queries never yield to the event loop (awaiting a
    // synchronous driver does not); after a long stretch, let requests in
    // (Slack wants its ack within 3 s).
    if (performance.now() - lastYield > 20) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    let items: DueItem[];
    try {
      items = await rule.due(db.q, now, settings, {}, memo);
    } catch (err) {
      // The database is down: the whole sweep fails, once, and the tick's guard retries it.
      if (isDatabaseFault(err)) throw err;
      report.failed++;
      log.error({ rule: rule.name, err: errorInfo(err) }, 'scheduler rule failed');
      continue;
    }
    if (items.length === 0) continue;
    for (const item of items) stillDue.add(item.key);
    const unknown = items.filter((i) => !known.has(i.key)).map((i) => i.key);
    for (const key of await claimedAmong(db.q, unknown)) known.add(key);
    for (const item of items) {
      if (known.has(item.key)) continue;
      // Items can be heavy (a digest renders a chart): let requests in between.
      if (performance.now() - lastYield > 20) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      try {
        const delivered = await db.tx(async (tx) => {
          const fresh = (await rule.due(tx, now, settings, item.scope)).find((i) => i.key === item.key);
          if (!fresh) return false;
          if (!(await claim(tx, fresh.key, now))) {
            known.add(fresh.key);
            return false;
          }
          await fresh.deliver(tx, now);
          for (const key of fresh.supersedes ?? []) await claim(tx, key, now);
          return true;
        });
        if (delivered) {
          report.delivered.push(item.key);
          known.add(item.key);
        }
      } catch (err) {
        if (isDatabaseFault(err)) throw err;
        report.failed++;
        log.error(
          { rule: rule.name, key: item.key, caseCode: item.caseCode, recordId: item.recordId, err: errorInfo(err) },
          'scheduler delivery failed',
        );
      }
    }
  }
  for (const key of known) if (!stillDue.has(key)) known.delete(key);
  return report;
}

/** The kind of error only: messages of query errors can hold parameters, which can hold free text. */
function errorInfo(err: unknown): { name: string; code?: string } {
  const e = err as { name?: unknown; code?: unknown };
  return { name: typeof e?.name === 'string' ? e.name : 'Error', ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}

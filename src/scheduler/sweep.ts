import type { Db } from '../../db/connection.js';
import type { Settings } from '../config.js';
import type { Logger } from '../log.js';
import { isDatabaseFault } from '../../db/faults.js';
import { claim, claimedAmong } from './ledger.js';
import { dueRows, ensureFilled, WakeSet, writeDue } from './due.js';
import type { DueItem, Rule, SweepMemo } from './rule.js';

export type { CaseFilter, DueItem, Rule, SweepMemo } from './rule.js';
export { remembered } from './rule.js';

export interface SweepReport {
  at: Date;
  /** Keys delivered by this sweep, in order. */
  delivered: string[];
  /** Items that failed (their keys stay unclaimed, so the next sweep tries again). */
  failed: number;
  /** Cases whose due rows were looked at (rules that keep their due moments). */
  looked: number;
  /** Due rows left for the next sweep because this one spent its budget (the Monday wave). */
  deferred: boolean;
}

/** Due rows read at a time (after every case in it, requests get their turn). */
const BATCH = 200;

export interface SweepOptions {
  /**
   * Wall time one sweep may spend on due rows before it leaves the rest to the
   * next tick (the most urgent rules come first in every sweep, so a wave of
   * 09:00 reminders never holds up a signal's escalation for long).
   */
  budgetMs?: number;
  /** Due rows read at a time (tests make it small). */
  batch?: number;
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
  options: SweepOptions = {},
): Promise<SweepReport> {
  const { db, settings, log } = deps;
  const report: SweepReport = { at: now, delivered: [], failed: 0, looked: 0, deferred: false };
  const stillDue = new Set<string>();
  let lastYield = performance.now();
  const started = lastYield;
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const memo: SweepMemo = new Map();
  // The first sweep after an upgrade (or a new rule, or a changed setting) fills the due rows.
  await ensureFilled(db, rules, now, settings, log);
  for (const rule of rules) {
    // On SQLite a rule's queries never yield to the event loop (awaiting a
    // synchronous driver does not); after a long stretch, let requests in
    // (Slack wants its ack within 3 s).
    if (performance.now() - lastYield > 20) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (rule.keepsDue) {
      // Every rule moves by at least one batch per sweep, most urgent first; more batches within the budget.
      await sweepKept(deps, rule, now, report, options.batch ?? BATCH, () => performance.now() - started > budgetMs);
      lastYield = performance.now();
      continue;
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

const DEFAULT_BUDGET_MS = 20_000;

/**
 * A rule that keeps its due moments: only the cases whose row is due, in
 * batches, earliest first. Per case one transaction derives the rule for
 * that case, claims and delivers what the ledger does not hold yet, and
 * writes the case's next moment. A failure rolls back that case's work for
 * the rule only and moves its row just past this sweep, so the next tick
 * tries again.
 */
async function sweepKept(
  deps: { db: Db; settings: Settings; log: Logger },
  rule: Rule,
  now: Date,
  report: SweepReport,
  batchSize: number,
  overBudget: () => boolean,
): Promise<void> {
  const { db, settings, log } = deps;
  const seen = new Set<number>();
  for (;;) {
    const batch = (await dueRows(db.q, rule.name, now, batchSize)).filter((id) => !seen.has(id));
    if (!batch.length) return;
    for (const caseId of batch) {
      seen.add(caseId);
      // Between cases, requests waiting for the event loop go first (a case costs about a millisecond; the yield, microseconds).
      await new Promise<void>((resolve) => setImmediate(resolve));
      report.looked++;
      try {
        const delivered = await db.tx(async (tx) => {
          const wake = new WakeSet();
          const out: string[] = [];
          for (const item of await rule.due(tx, now, settings, { caseId }, undefined, wake)) {
            // Claimed already: delivered before, here or by another instance.
            if (!(await claim(tx, item.key, now))) continue;
            await item.deliver(tx, now);
            for (const key of item.supersedes ?? []) await claim(tx, key, now);
            out.push(item.key);
          }
          await writeDue(tx, rule.name, caseId, wake.of(caseId));
          return out;
        });
        report.delivered.push(...delivered);
      } catch (err) {
        if (isDatabaseFault(err)) throw err;
        report.failed++;
        log.error({ rule: rule.name, recordId: caseId, err: errorInfo(err) }, 'scheduler delivery failed');
        await db.tx((tx) => writeDue(tx, rule.name, caseId, new Date(now.getTime() + 1)));
      }
    }
    if (overBudget()) {
      if ((await dueRows(db.q, rule.name, now, 1)).length) report.deferred = true;
      return;
    }
  }
}

/** The kind of error only: messages of query errors can hold parameters, which can hold free text. */
function errorInfo(err: unknown): { name: string; code?: string } {
  const e = err as { name?: unknown; code?: unknown };
  return { name: typeof e?.name === 'string' ? e.name : 'Error', ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}

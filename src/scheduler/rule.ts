import type { Tx } from '../../db/connection.js';
import type { Settings } from '../config.js';

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
  /**
   * The rule keeps its due moments in the `due` table (due.ts): `due` reports
   * through `wake` every future moment at which its answer for a case would
   * change (compare with `reachedBy`), and each item names its case in
   * `scope.caseId`. A sweep then asks it only about the cases whose moment
   * has come. A rule without it is derived over all open cases every sweep.
   */
  keepsDue?: boolean;
  due(tx: Tx, now: Date, settings: Settings, filter: CaseFilter, memo?: SweepMemo, wake?: Wake): Promise<DueItem[]>;
}

/** Where a rule that keeps its due moments reports the future moments its answer changes at (due.ts). */
export interface Wake {
  at(caseId: number, moment: Date): void;
}

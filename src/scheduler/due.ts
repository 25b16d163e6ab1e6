import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection.js';
import { cases, due } from '../../db/schema.js';
import { isDatabaseFault } from '../../db/faults.js';
import type { Settings } from '../config.js';
import type { Logger } from '../log.js';
import { claim, claimedAmong, isClaimed } from './ledger.js';
import type { CaseFilter, DueItem, Rule, SweepMemo, Wake } from './rule.js';

export type { Wake };

// Due-ness kept, not re-derived (issue 19). A rule that keeps its due moments
// (`keepsDue`) reports, while it derives what is due for a case, every future
// moment at which that answer would change (`Wake`). The earliest of them is
// the case's row in `due`. Three writers keep the rows true:
//   - every write transaction of the core, for the cases it touched
//     (`keepDue`, wired by the composition root), so any change, by any
//     command, moves the moments without the services knowing;
//   - the sweep, after it fired the rule for a case;
//   - the backfill (`fillDue`), once per set of rules and settings.
// A row is a hint of when to look, never the truth: the sweep derives the
// rule again for that one case and the ledger decides what is new. A row too
// early costs one look; so the backfill only ever moves rows earlier.

/** The earliest reported moment per case. */
export class WakeSet implements Wake {
  private readonly next = new Map<number, number>();
  at(caseId: number, moment: Date): void {
    const t = moment.getTime();
    const current = this.next.get(caseId);
    if (current === undefined || t < current) this.next.set(caseId, t);
  }
  of(caseId: number): Date | undefined {
    const t = this.next.get(caseId);
    return t === undefined ? undefined : new Date(t);
  }
  cases(): IterableIterator<number> {
    return this.next.keys();
  }
}

/**
 * The comparison a keeping rule writes instead of `now >= moment`: true when
 * the moment has come; a moment still to come is reported as a wake-up.
 */
export function reachedBy(now: Date, wake: Wake | undefined): (caseId: number, moment: Date) => boolean {
  return (caseId, moment) => {
    if (moment.getTime() <= now.getTime()) return true;
    wake?.at(caseId, moment);
    return false;
  };
}

export const dueKey = (rule: string, caseId: number) => `${rule}:${caseId}`;

/** Sets (or, without a moment, removes) a case's row for a rule. */
export async function writeDue(tx: Tx, rule: string, caseId: number, at: Date | undefined): Promise<void> {
  const key = dueKey(rule, caseId);
  if (!at) {
    await tx.delete(due).where(eq(due.key, key));
    return;
  }
  await tx.insert(due).values({ key, rule, caseId, dueAt: at }).onConflictDoUpdate({ target: due.key, set: { dueAt: at } });
}

/**
 * Recomputes the rows of the touched cases for every rule that keeps them, in
 * the caller's transaction (one case costs a few indexed reads per rule). The
 * core calls it at the end of each write transaction. A rule is next due for
 * a case now, when it has something the ledger does not hold yet; else at
 * the earliest moment it reported; else never (no row).
 */
export async function keepDue(tx: Tx, rules: readonly Rule[], caseIds: Iterable<number>, now: Date, settings: Settings): Promise<void> {
  const keeping = rules.filter((r) => r.keepsDue);
  if (!keeping.length) return;
  for (const caseId of caseIds) {
    const keys = keeping.map((r) => dueKey(r.name, caseId));
    const current = new Map((await tx.select({ key: due.key, dueAt: due.dueAt }).from(due).where(inArray(due.key, keys))).map((row) => [row.key, row.dueAt.getTime()]));
    // The rules share what they read of this one case (its row, its reachability), and one ledger read serves them all.
    const memo: SweepMemo = new Map();
    const found: Array<{ rule: Rule; items: DueItem[]; wake: WakeSet }> = [];
    for (const rule of keeping) {
      const wake = new WakeSet();
      found.push({ rule, items: await rule.due(tx, now, settings, { caseId }, memo, wake), wake });
    }
    const claimed = await claimedAmong(
      tx,
      found.flatMap((f) => f.items.map((i) => i.key)),
    );
    for (const { rule, items, wake } of found) {
      const at = items.some((i) => !claimed.has(i.key)) ? now : wake.of(caseId);
      // Most writes move nothing: only what changed is written.
      if (at?.getTime() !== current.get(dueKey(rule.name, caseId))) await writeDue(tx, rule.name, caseId, at);
    }
  }
}

/** The rows of one rule that are due, earliest first. */
export async function dueRows(tx: Tx, rule: string, now: Date, limit: number): Promise<number[]> {
  const rows = await tx
    .select({ caseId: due.caseId })
    .from(due)
    .where(and(eq(due.rule, rule), lte(due.dueAt, now)))
    .orderBy(asc(due.dueAt), asc(due.caseId))
    .limit(limit);
  return rows.map((r) => r.caseId);
}

/**
 * What the due rows were filled for: the keeping rules and every setting that
 * can move a moment (the numbers and the zone; never a secret). A change of
 * either (a new rule merged, SILENCE_DAYS changed) fills them again.
 */
export function fillKey(rules: readonly Rule[], settings: Settings): string {
  const kept = rules.filter((r) => r.keepsDue).map((r) => r.name);
  const moving = Object.entries(settings)
    .filter(([k, v]) => (typeof v === 'number' || typeof v === 'boolean' || k === 'TIMEZONE' || k.startsWith('DIGEST_')) && !HOW_NOT_WHEN.test(k))
    .sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha256').update(JSON.stringify({ version: FILL_VERSION, kept, moving })).digest('hex').slice(0, 16);
  return `due-fill:${hash}`;
}

/**
 * Numbers and switches of how the process talks, never of when something is
 * due: a new PORT (every start of the benchmark's servers has one) must not
 * fill the rows again, which at 100,000 cases is a minute of work.
 */
const HOW_NOT_WHEN = /^(PORT$|METRICS|OUTBOX_|TEAMS_)/;

/** Raised when what a rule reports changes meaning, so that every installation fills its rows again. */
const FILL_VERSION = 1;

const CHUNK = 500;

/**
 * The backfill: for every keeping rule, the set-based derivation (as a sweep
 * did before issue 19) with the wake-ups collected, team by team (the cases
 * without a team one by one), and the rows written per team. Idempotent, and
 * safe beside running commands and other instances: a row is only ever moved
 * earlier (a write that moved it meanwhile keeps its own moment when that is
 * earlier; an early row costs one look). Returns the number of rows written.
 *
 * Team by team, because it runs in the process that answers requests: one
 * derivation over all 100,000 open cases holds the event loop for seconds on
 * SQLite (whose driver never yields), one team's few hundred cases for
 * milliseconds, and requests get their turn between teams.
 *
 * It runs at the start of the first sweep that finds its key missing from the
 * ledger (so a new database, an upgrade, a new rule or a changed setting), not
 * as a SQL migration: the moments need the working days, the zone and each
 * rule's own logic, which only the code has.
 */
export async function fillDue(
  db: Db,
  rules: readonly Rule[],
  now: Date,
  settings: Settings,
  /** A rule that fails (not the database) is skipped and reported here; the others are filled. */
  onRuleError: (rule: Rule, err: unknown) => void = (_rule, err) => {
    throw err;
  },
): Promise<number> {
  const keeping = rules.filter((r) => r.keepsDue);
  if (!keeping.length) return 0;
  let written = 0;
  const failed = new Set<Rule>();
  for (const filter of await fillScopes(db)) {
    // What the rules read is remembered per scope only (the open cases of this team).
    const memo: SweepMemo = new Map();
    for (const rule of keeping) {
      if (failed.has(rule)) continue;
      const wake = new WakeSet();
      let items;
      try {
        items = await rule.due(db.q, now, settings, filter, memo, wake);
      } catch (err) {
        if (isDatabaseFault(err)) throw err;
        failed.add(rule);
        onRuleError(rule, err);
        continue;
      }
      const claimed = await claimedAmong(
        db.q,
        items.map((i) => i.key),
      );
      const next = new Map<number, Date>();
      for (const caseId of wake.cases()) next.set(caseId, wake.of(caseId)!);
      for (const item of items) if (!claimed.has(item.key) && item.scope.caseId !== undefined) next.set(item.scope.caseId, now);
      const rows = [...next].map(([caseId, at]) => ({ key: dueKey(rule.name, caseId), rule: rule.name, caseId, dueAt: at }));
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await db.tx((tx) =>
          tx
            .insert(due)
            .values(chunk)
            .onConflictDoUpdate({
              target: due.key,
              set: { dueAt: sql`case when excluded.due_at < ${due.dueAt} then excluded.due_at else ${due.dueAt} end` },
            }),
        );
      }
      written += rows.length;
      // Let requests in between rules and teams (on SQLite nothing else yields).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return written;
}

/** The teams with open cases, then each open case without a team: the slices the backfill derives one at a time. */
async function fillScopes(db: Db): Promise<CaseFilter[]> {
  const open = eq(cases.status, 'open');
  const teamIds = await db.q.selectDistinct({ teamId: cases.teamId }).from(cases).where(and(open, isNotNull(cases.teamId))).orderBy(asc(cases.teamId));
  const loose = await db.q.select({ id: cases.id }).from(cases).where(and(open, isNull(cases.teamId))).orderBy(asc(cases.id));
  return [...teamIds.map((t) => ({ teamId: t.teamId! })), ...loose.map((c) => ({ caseId: c.id }))];
}

/**
 * Fills the rows unless the ledger says they were filled for these rules and
 * settings. Returns whether it filled. A rule that fails is logged and
 * skipped, and the key stays unclaimed, so the next sweep fills again.
 */
export async function ensureFilled(db: Db, rules: readonly Rule[], now: Date, settings: Settings, log?: Logger): Promise<boolean> {
  if (!rules.some((r) => r.keepsDue)) return false;
  const key = fillKey(rules, settings);
  if (await isClaimed(db.q, key)) return false;
  let failed = false;
  await fillDue(db, rules, now, settings, (rule, err) => {
    failed = true;
    log?.error({ rule: rule.name, err: { name: err instanceof Error ? err.name : 'Error' } }, 'scheduler backfill of due moments failed');
  });
  if (!failed) await db.tx((tx) => claim(tx, key, now));
  return true;
}

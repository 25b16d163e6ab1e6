import { and, asc, eq, inArray, isNotNull, isNull, like, max, min, ne, notExists, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared as preparedOnce } from '../../db/prepared.js';
import { cases, meetings, members, referrals, safetyScores, signals } from '../../db/schema.js';
import type { Day } from '../commands/types.js';
import { overlegBasis, overlegDue, type NextOverleg } from '../meetings/model.js';
import type { ReferralRow } from '../referrals/model.js';
import { flagsOf, type ScoreFlags, type ScoreRow } from '../safety/model.js';
import { dayOf, daysBetween } from '../clock.js';
import type { SignalRow } from '../signals/model.js';
import type { CaseFilter } from '../scheduler/sweep.js';
import type { CaseRow } from './model.js';

// What needs attention, derived from the stored state with set-based queries:
// each function answers for every open case of a team (the digest), of the
// whole installation (the scheduler's sweep) or of one case (the re-check
// inside a delivery's transaction) with a fixed number of queries, never one
// query per case. The queries are prepared once per connection and filter
// shape, because building a query costs more than running it on a small table.

export type { CaseFilter };

type Shape = 'all' | 'team' | 'case';

const shapeOf = (f: CaseFilter): Shape => (f.caseId !== undefined ? 'case' : f.teamId !== undefined ? 'team' : 'all');

const valuesOf = (f: CaseFilter): Record<string, number> =>
  f.caseId !== undefined ? { caseId: f.caseId } : f.teamId !== undefined ? { teamId: f.teamId } : {};

function openWhere(shape: Shape, ...extra: SQL[]): SQL {
  const parts: SQL[] = [eq(cases.status, 'open'), ...extra];
  if (shape === 'team') parts.push(eq(cases.teamId, sql.placeholder('teamId')));
  if (shape === 'case') parts.push(eq(cases.id, sql.placeholder('caseId')));
  return and(...parts)!;
}

/** The ids of the open cases in the filter, as a subquery. */
function openIds(tx: Tx, shape: Shape, ...extra: SQL[]) {
  return tx.select({ id: cases.id }).from(cases).where(openWhere(shape, ...extra));
}

/** A query per shape, built once per connection (db/prepared.ts). */
function prepared<T>(tx: Tx, name: string, shape: Shape, build: (shape: Shape) => T): T {
  return preparedOnce(tx, `attention:${name}:${shape}`, () => build(shape));
}

/** What the digest and the sweep need of a case (narrow: rows are read for every open case). */
export type OpenCase = Pick<CaseRow, 'id' | 'code' | 'phase' | 'phaseSince' | 'status' | 'teamId' | 'platform' | 'conversationId'>;

const openCaseColumns = {
  id: cases.id,
  code: cases.code,
  phase: cases.phase,
  phaseSince: cases.phaseSince,
  status: cases.status,
  teamId: cases.teamId,
  platform: cases.platform,
  conversationId: cases.conversationId,
};

export async function openCases(tx: Tx, filter: CaseFilter = {}): Promise<OpenCase[]> {
  return prepared(tx, 'openCases', shapeOf(filter), (s) =>
    tx.select(openCaseColumns).from(cases).where(openWhere(s)).orderBy(asc(cases.code)).prepare(),
  ).execute(valuesOf(filter));
}

/** Open cases nobody holds regie op veiligheid in: no active gezinsmanager (she left, or was taken out). */
export async function casesWithoutManager(tx: Tx, filter: CaseFilter = {}): Promise<Set<number>> {
  const rows = await prepared(tx, 'withoutManager', shapeOf(filter), (s) =>
    tx
      .select({ id: cases.id })
      .from(cases)
      .where(
        openWhere(
          s,
          notExists(
            tx
              .select({ one: sql`1` })
              .from(members)
              .where(and(eq(members.caseId, cases.id), eq(members.role, 'gezinsmanager'), eq(members.active, true))),
          ),
        ),
      )
      .prepare(),
  ).execute(valuesOf(filter));
  return new Set(rows.map((r) => r.id));
}

const asDate = (v: unknown): Date | undefined =>
  v === null || v === undefined ? undefined : v instanceof Date ? v : new Date(typeof v === 'number' ? v : Number(v));

// ---------------------------------------------------------------- overleg

export interface OverlegState {
  /** The next overleg (planned, or due six weeks after its basis); none before help runs. */
  next?: NextOverleg;
  /** The last overleg held. */
  lastHeld?: Day;
  /** Before the first overleg: the day the six weeks count from (help started, or phase ondersteunen). */
  basis?: Day;
}

/** The next overleg and what it counts from, from pre-aggregated inputs. */
export function overlegFrom(
  kase: Pick<CaseRow, 'phase' | 'phaseSince' | 'status'>,
  heldOn: Day | undefined,
  plannedAt: Date | undefined,
  firstStart: Day | undefined,
  intervalDays: number,
): OverlegState {
  const state: OverlegState = {};
  const basis = overlegBasis(kase, firstStart);
  if (heldOn) state.lastHeld = heldOn;
  if (basis) state.basis = basis;
  const next = overlegDue(kase, heldOn, plannedAt, firstStart, intervalDays);
  if (next) state.next = next;
  return state;
}

export async function overlegStates(tx: Tx, filter: CaseFilter, openList: OpenCase[], intervalDays: number): Promise<Map<number, OverlegState>> {
  const shape = shapeOf(filter);
  const values = valuesOf(filter);
  const heldRows = await prepared(tx, 'lastHeld', shape, (s) =>
    tx
      .select({ caseId: meetings.caseId, heldOn: max(meetings.heldOn) })
      .from(meetings)
      .where(and(isNotNull(meetings.heldOn), inArray(meetings.caseId, openIds(tx, s))))
      .groupBy(meetings.caseId)
      .prepare(),
  ).execute(values);
  const held = new Map(heldRows.map((r) => [r.caseId, r.heldOn ?? undefined]));
  const plannedRows = await prepared(tx, 'pendingPlanned', shape, (s) =>
    tx
      .select({ caseId: meetings.caseId, plannedAt: min(meetings.plannedAt) })
      .from(meetings)
      .where(and(isNull(meetings.heldOn), isNotNull(meetings.plannedAt), inArray(meetings.caseId, openIds(tx, s))))
      .groupBy(meetings.caseId)
      .prepare(),
  ).execute(values);
  const planned = new Map(plannedRows.map((r) => [r.caseId, asDate(r.plannedAt)]));
  const startedRows = await prepared(tx, 'firstStart', shape, (s) =>
    tx
      .select({ caseId: referrals.caseId, startedOn: min(referrals.startedOn) })
      .from(referrals)
      .where(and(isNotNull(referrals.startedOn), inArray(referrals.caseId, openIds(tx, s))))
      .groupBy(referrals.caseId)
      .prepare(),
  ).execute(values);
  const started = new Map(startedRows.map((r) => [r.caseId, r.startedOn ?? undefined]));
  const out = new Map<number, OverlegState>();
  for (const kase of openList) {
    out.set(kase.id, overlegFrom(kase, held.get(kase.id), planned.get(kase.id), started.get(kase.id), intervalDays));
  }
  return out;
}

/**
 * Days without an overleg: since the last one held, or, before the first,
 * since help started or the case became ondersteunen. Undefined when no
 * overleg is expected yet.
 */
export function daysWithoutOverleg(state: OverlegState | undefined, today: Day): number | undefined {
  const from = state?.lastHeld ?? state?.basis;
  return from ? daysBetween(from, today) : undefined;
}

// ---------------------------------------------------------------- signals

export type SignalLite = Pick<
  SignalRow,
  'id' | 'caseId' | 'number' | 'kind' | 'urgency' | 'cause' | 'createdAt' | 'reporterRole' | 'messageId' | 'confidential'
>;

const signalLite = {
  id: signals.id,
  caseId: signals.caseId,
  number: signals.number,
  kind: signals.kind,
  urgency: signals.urgency,
  cause: signals.cause,
  createdAt: signals.createdAt,
  reporterRole: signals.reporterRole,
  messageId: signals.messageId,
  confidential: signals.confidential,
};

/**
 * Open signals nobody acknowledged yet, oldest first. Signals the
 * gezinsmanager filed herself are left out: she has seen them.
 */
export async function unacknowledgedSignals(tx: Tx, filter: CaseFilter): Promise<SignalLite[]> {
  return prepared(tx, 'unacked', shapeOf(filter), (s) =>
    tx
      .select(signalLite)
      .from(signals)
      .where(
        and(isNull(signals.ackAt), isNull(signals.closedAt), ne(signals.reporterRole, 'gezinsmanager'), inArray(signals.caseId, openIds(tx, s))),
      )
      .orderBy(asc(signals.createdAt), asc(signals.id))
      .prepare(),
  ).execute(valuesOf(filter));
}

/** Open stagnatie signals (acknowledged or not), oldest first. */
export async function openStagnations(tx: Tx, filter: CaseFilter): Promise<SignalLite[]> {
  return prepared(tx, 'stagnations', shapeOf(filter), (s) =>
    tx
      .select(signalLite)
      .from(signals)
      .where(and(eq(signals.kind, 'stagnatie'), isNull(signals.closedAt), inArray(signals.caseId, openIds(tx, s))))
      .orderBy(asc(signals.createdAt), asc(signals.id))
      .prepare(),
  ).execute(valuesOf(filter));
}

// ---------------------------------------------------------------- referrals

export type WaitingReferral = Pick<ReferralRow, 'id' | 'caseId' | 'provider' | 'referredOn' | 'startDue' | 'role' | 'spic'>;

/** Referrals still waiting for their start (not started, not stopped). */
export async function waitingReferrals(tx: Tx, filter: CaseFilter): Promise<WaitingReferral[]> {
  return prepared(tx, 'waiting', shapeOf(filter), (s) =>
    tx
      .select({
        id: referrals.id,
        caseId: referrals.caseId,
        provider: referrals.provider,
        referredOn: referrals.referredOn,
        startDue: referrals.startDue,
        role: referrals.role,
        spic: referrals.spic,
      })
      .from(referrals)
      .where(and(isNull(referrals.startedOn), isNull(referrals.stoppedOn), inArray(referrals.caseId, openIds(tx, s))))
      .orderBy(asc(referrals.referredOn), asc(referrals.id))
      .prepare(),
  ).execute(valuesOf(filter));
}

export function isSpic11(spic: string | null): boolean {
  return spic !== null && spic.trim().replace(/^spic[-\s]*/i, '') === '11';
}

/** Started SPIC 11 referrals that have not stopped. */
export async function runningSpic11(tx: Tx, filter: CaseFilter): Promise<ReferralRow[]> {
  const rows = await prepared(tx, 'spic11', shapeOf(filter), (s) =>
    tx
      .select()
      .from(referrals)
      .where(and(isNotNull(referrals.startedOn), isNull(referrals.stoppedOn), like(referrals.spic, '%11'), inArray(referrals.caseId, openIds(tx, s))))
      .orderBy(asc(referrals.id))
      .prepare(),
  ).execute(valuesOf(filter));
  return rows.filter((r) => isSpic11(r.spic));
}

/** Per case, the newest referral day (for "a follow-up was referred after the SPIC 11 started"). */
export async function latestReferralDays(tx: Tx, filter: CaseFilter): Promise<Map<number, Day>> {
  const rows = await prepared(tx, 'latestReferral', shapeOf(filter), (s) =>
    tx
      .select({ caseId: referrals.caseId, d: max(referrals.referredOn) })
      .from(referrals)
      .where(inArray(referrals.caseId, openIds(tx, s)))
      .groupBy(referrals.caseId)
      .prepare(),
  ).execute(valuesOf(filter));
  const out = new Map<number, Day>();
  for (const r of rows) if (r.d) out.set(r.caseId, r.d);
  return out;
}

// ---------------------------------------------------------------- silence

/** Roles on the provider side: their signals count as word from the providers. */
export const providerRoles = ['hoofdaannemer', 'onderaannemer', 'spoedhulp'] as const;

/**
 * For each running case (phase ondersteunen), the last day anything was heard
 * in the case: a signal filed by a provider (hoofdaannemer, onderaannemer,
 * spoedhulp), a safety score, a referral recorded, started or stopped, an
 * overleg held, or the day the phase began.
 */
export async function lastWord(tx: Tx, filter: CaseFilter, openList: OpenCase[], overleg?: Map<number, OverlegState>): Promise<Map<number, Day>> {
  const running = openList.filter((c) => c.phase === 'ondersteunen');
  const out = new Map<number, Day>();
  if (running.length === 0) return out;
  const shape = shapeOf(filter);
  const values = valuesOf(filter);
  const runningIds = (s: Shape) => openIds(tx, s, eq(cases.phase, 'ondersteunen'));
  const bump = (caseId: number, day: Day | null | undefined) => {
    if (!day) return;
    const current = out.get(caseId);
    if (!current || day > current) out.set(caseId, day);
  };
  for (const c of running) bump(c.id, dayOf(c.phaseSince));
  const fromSignals = await prepared(tx, 'wordSignals', shape, (s) =>
    tx
      .select({ caseId: signals.caseId, at: max(signals.createdAt) })
      .from(signals)
      .where(and(inArray(signals.reporterRole, [...providerRoles]), inArray(signals.caseId, runningIds(s))))
      .groupBy(signals.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromSignals) {
    const at = asDate(r.at);
    if (at) bump(r.caseId, dayOf(at));
  }
  const fromScores = await prepared(tx, 'wordScores', shape, (s) =>
    tx
      .select({ caseId: safetyScores.caseId, at: max(safetyScores.at) })
      .from(safetyScores)
      .where(inArray(safetyScores.caseId, runningIds(s)))
      .groupBy(safetyScores.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromScores) {
    const at = asDate(r.at);
    if (at) bump(r.caseId, dayOf(at));
  }
  const fromReferrals = await prepared(tx, 'wordReferrals', shape, (s) =>
    tx
      .select({ caseId: referrals.caseId, created: max(referrals.createdAt), started: max(referrals.startedOn), stopped: max(referrals.stoppedOn) })
      .from(referrals)
      .where(inArray(referrals.caseId, runningIds(s)))
      .groupBy(referrals.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromReferrals) {
    const created = asDate(r.created);
    if (created) bump(r.caseId, dayOf(created));
    bump(r.caseId, r.started);
    bump(r.caseId, r.stopped);
  }
  if (overleg) {
    // The last overleg held is known already (the digest computed it).
    for (const c of running) bump(c.id, overleg.get(c.id)?.lastHeld);
    return out;
  }
  const fromMeetings = await prepared(tx, 'wordMeetings', shape, (s) =>
    tx
      .select({ caseId: meetings.caseId, heldOn: max(meetings.heldOn) })
      .from(meetings)
      .where(and(isNotNull(meetings.heldOn), inArray(meetings.caseId, runningIds(s))))
      .groupBy(meetings.caseId)
      .prepare(),
  ).execute(values);
  for (const r of fromMeetings) bump(r.caseId, r.heldOn);
  return out;
}

// ---------------------------------------------------------------- scores

export type ScoreLite = Pick<ScoreRow, 'actueel' | 'blijvend'>;

export interface ScoreTrend {
  latest: ScoreLite;
  previous?: ScoreLite;
  flags: ScoreFlags;
}

// Written out: in a select list the query builder leaves column names
// unqualified, which inside a correlated subquery would bind to the wrong
// table. Both scores travel as one number: actueel * 100 + blijvend.
const scoreOf = (k: 0 | 1) =>
  sql<number | null>`(select s.actueel * 100 + s.blijvend from safety_scores as s where s.case_id = "cases"."id" order by s.at desc, s.id desc limit 1 offset ${sql.raw(String(k))})`;

function parseScore(v: number | null): ScoreLite | undefined {
  if (v === null || v === undefined) return undefined;
  return { actueel: Math.floor(v / 100), blijvend: v % 100 };
}

/**
 * Per case, the newest score and the one before it: two index seeks per case
 * (safety_scores by case and moment), however many scores a case has.
 */
export async function scoreTrends(tx: Tx, filter: CaseFilter): Promise<Map<number, ScoreTrend>> {
  const rows = await prepared(tx, 'scoreTrends', shapeOf(filter), (s) =>
    tx.select({ caseId: cases.id, latest: scoreOf(0), previous: scoreOf(1) }).from(cases).where(openWhere(s)).prepare(),
  ).execute(valuesOf(filter));
  const out = new Map<number, ScoreTrend>();
  for (const r of rows) {
    const latest = parseScore(r.latest);
    if (!latest) continue;
    const previous = parseScore(r.previous);
    out.set(r.caseId, { latest, ...(previous ? { previous } : {}), flags: flagsOf(latest as ScoreRow, previous as ScoreRow | undefined) });
  }
  return out;
}

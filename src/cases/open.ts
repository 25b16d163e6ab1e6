import { and, asc, eq, notExists, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared as preparedOnce } from '../../db/prepared.js';
import { cases, members } from '../../db/schema.js';
import type { CaseFilter } from '../scheduler/sweep.js';
import type { CaseRow } from './model.js';

// What needs attention, derived from the stored state with set-based queries:
// each function answers for every open case of a team (the digest), of the
// whole installation (the scheduler's sweep) or of one case (the re-check
// inside a delivery's transaction) with a fixed number of queries, never one
// query per case. The queries are prepared once per connection and filter
// shape, because building a query costs more than running it on a small table.
//
// This file holds what those queries share: the open cases of a filter and
// the prepared-query cache by filter shape. Each concept keeps its own such
// queries in `<concept>/attention.ts`; the ones that read every concept are in
// src/casefile/attention.ts.

export type { CaseFilter };

export type Shape = 'all' | 'team' | 'case';

export const shapeOf = (f: CaseFilter): Shape => (f.caseId !== undefined ? 'case' : f.teamId !== undefined ? 'team' : 'all');

export const valuesOf = (f: CaseFilter): Record<string, number> =>
  f.caseId !== undefined ? { caseId: f.caseId } : f.teamId !== undefined ? { teamId: f.teamId } : {};

export function openWhere(shape: Shape, ...extra: SQL[]): SQL {
  const parts: SQL[] = [eq(cases.status, 'open'), ...extra];
  if (shape === 'team') parts.push(eq(cases.teamId, sql.placeholder('teamId')));
  if (shape === 'case') parts.push(eq(cases.id, sql.placeholder('caseId')));
  return and(...parts)!;
}

/** The ids of the open cases in the filter, as a subquery. */
export function openIds(tx: Tx, shape: Shape, ...extra: SQL[]) {
  return tx.select({ id: cases.id }).from(cases).where(openWhere(shape, ...extra));
}

/** A query per shape, built once per connection (db/prepared.ts). */
export function prepared<T>(tx: Tx, name: string, shape: Shape, build: (shape: Shape) => T): T {
  return preparedOnce(tx, `attention:${name}:${shape}`, () => build(shape));
}

/** What the digest and the sweep need of a case (narrow: rows are read for every open case). */
export type OpenCase = Pick<CaseRow, 'id' | 'code' | 'phase' | 'phaseSince' | 'status' | 'teamId' | 'platform' | 'conversationId' | 'overlegWeeks'>;

const openCaseColumns = {
  id: cases.id,
  code: cases.code,
  phase: cases.phase,
  phaseSince: cases.phaseSince,
  status: cases.status,
  teamId: cases.teamId,
  platform: cases.platform,
  conversationId: cases.conversationId,
  overlegWeeks: cases.overlegWeeks,
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

export const asDate = (v: unknown): Date | undefined =>
  v === null || v === undefined ? undefined : v instanceof Date ? v : new Date(typeof v === 'number' ? v : Number(v));

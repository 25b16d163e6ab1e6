import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases } from '../../db/schema.js';
import { openWhere, prepared, shapeOf, valuesOf, type CaseFilter } from '../cases/open.js';
import { flagsOf, type ScoreFlags, type ScoreRow } from './model.js';

// The safety scores of the open cases and how they move, with a fixed number
// of queries for any number of cases (src/cases/open.ts says how these queries work).

export type ScoreLite = Pick<ScoreRow, 'actueel' | 'blijvend'>;

export interface ScoreTrend {
  latest: ScoreLite;
  previous?: ScoreLite;
  flags: ScoreFlags;
}

// Written out: in a select list the query builder leaves column names
// unqualified, which inside a correlated subquery would bind to the wrong
// table. Both scores travel as one number: actueel * 100 + blijvend. A
// withdrawn score is as if it was never given.
const scoreOf = (k: 0 | 1) =>
  sql<number | null>`(select s.actueel * 100 + s.blijvend from safety_scores as s where s.case_id = "cases"."id" and s.withdrawn_at is null order by s.at desc, s.id desc limit 1 offset ${sql.raw(String(k))})`;

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

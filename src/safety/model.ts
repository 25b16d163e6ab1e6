import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { safetyScores } from '../../db/schema.js';

export type ScoreRow = typeof safetyScores.$inferSelect;

/** Newest first; a withdrawn score is as if it was never given. */
export async function recentScores(tx: Tx, caseId: number, limit = 2): Promise<ScoreRow[]> {
  const query = prepared(tx, 'recentScores', (q) =>
    q
      .select()
      .from(safetyScores)
      .where(and(eq(safetyScores.caseId, sql.placeholder('caseId')), isNull(safetyScores.withdrawnAt)))
      .orderBy(desc(safetyScores.at), desc(safetyScores.id))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );
  return query.execute({ caseId, limit });
}

/** The level a safety plan must hold (DOMAIN.md: keep current safety "at a 6"). */
export const SAFE_LEVEL = 6;

export interface ScoreFlags {
  low: boolean;
  drop: boolean;
}

export function flagsOf(latest: ScoreRow, previous?: ScoreRow): ScoreFlags {
  return {
    low: latest.actueel < SAFE_LEVEL,
    drop: previous !== undefined && (previous.actueel - latest.actueel >= 2 || previous.blijvend - latest.blijvend >= 2),
  };
}

export function trendArrow(now: number, before?: number): string {
  if (before === undefined) return '';
  if (now > before) return '↑';
  if (now < before) return '↓';
  return '→';
}

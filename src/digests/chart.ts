import { and, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, referrals, signals } from '../../db/schema.js';
import type { TeamRow } from '../basisteams/service.js';
import { teamWeeksChartAsync, type TeamWeek } from '../charts/team.js';
import { addDays, dayOf, mondayOf, zonedTime } from '../clock.js';
import type { Settings } from '../config.js';
import type { Message } from '../kernel/message.js';
import { buildDigest } from './build.js';

const WEEKS = 12;

/** 1 when `condition` holds, summed: one count per chart week in a single pass over the rows. */
const countWhere = (condition: SQL | undefined) => sql<number | string | null>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Open signals and overdue starts at the end of each of the last twelve weeks,
 * for the team's open cases. Counted by the database, twelve sums over one
 * indexed read per table, instead of bringing every signal of the team over:
 * a signal is open at the end of a week when it was filed before the next
 * Monday began (local time) and not closed before it; a start is overdue when
 * its norm day lies before the week's Sunday and it had neither started nor
 * stopped by then.
 */
export async function teamWeeks(tx: Tx, teamId: number, now: Date): Promise<TeamWeek[]> {
  const ids = tx.select({ id: cases.id }).from(cases).where(and(eq(cases.teamId, teamId), eq(cases.status, 'open')));
  const thisMonday = mondayOf(dayOf(now));
  const weeks = Array.from({ length: WEEKS }, (_, i) => {
    const weekStart = addDays(thisMonday, -7 * (WEEKS - 1 - i));
    const weekEnd = addDays(weekStart, 6);
    return { weekStart, weekEnd, after: zonedTime(addDays(weekEnd, 1)) };
  });
  const signalCounts: Record<string, SQL> = {};
  const startCounts: Record<string, SQL> = {};
  weeks.forEach((w, i) => {
    signalCounts[`w${i}`] = countWhere(and(lt(signals.createdAt, w.after), or(isNull(signals.closedAt), gte(signals.closedAt, w.after))));
    startCounts[`w${i}`] = countWhere(
      and(lt(referrals.startDue, w.weekEnd), or(isNull(referrals.startedOn), gt(referrals.startedOn, w.weekEnd)), or(isNull(referrals.stoppedOn), gt(referrals.stoppedOn, w.weekEnd))),
    );
  });
  // Only signals still open at the end of the first chart week count in any week.
  const [openSignals] = await tx
    .select(signalCounts)
    .from(signals)
    .where(and(inArray(signals.caseId, ids), isNull(signals.withdrawnAt), or(isNull(signals.closedAt), gte(signals.closedAt, weeks[0]!.after))));
  const [overdueStarts] = await tx.select(startCounts).from(referrals).where(inArray(referrals.caseId, ids));
  // PostgreSQL sums as bigint, which arrives as a string; no rows sum to null.
  const count = (row: Record<string, unknown> | undefined, i: number) => Number(row?.[`w${i}`] ?? 0);
  return weeks.map((w, i) => ({ weekStart: w.weekStart, openSignals: count(openSignals, i), overdueStarts: count(overdueStarts, i) }));
}

/**
 * The digest with its small chart of the last twelve weeks (what is posted and
 * what /digest shows). The chart is drawn on libuv's thread pool while this
 * thread builds the text, so the two overlap.
 */
export async function digestWithChart(tx: Tx, team: TeamRow, now: Date, settings: Settings): Promise<Message> {
  const drawing = teamWeeksChartAsync(await teamWeeks(tx, team.id, now));
  // Awaited below either way: a failed text must not leave the chart's rejection unhandled.
  drawing.catch(() => undefined);
  const digest = await buildDigest(tx, team, now, settings);
  const chart = await drawing;
  return {
    ...digest,
    image: { png: chart.png, alt: chart.alt, filename: `weekoverzicht-${team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png` },
    context: [digest.context, chart.alt].filter(Boolean).join(' · '),
  };
}

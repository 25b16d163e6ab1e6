import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, referrals, signals } from '../../db/schema.js';
import type { TeamRow } from '../basisteams/service.js';
import { teamWeeksChart } from '../charts/team.js';
import { addDays, dayOf, mondayOf, zonedTime } from '../clock.js';
import type { Settings } from '../config.js';
import type { Message } from '../kernel/message.js';
import { buildDigest } from './build.js';

const WEEKS = 12;

/** Open signals and overdue starts at the end of each of the last twelve weeks, for the team's open cases. */
export async function teamWeeks(tx: Tx, teamId: number, now: Date): Promise<Array<{ weekStart: string; openSignals: number; overdueStarts: number }>> {
  const ids = tx.select({ id: cases.id }).from(cases).where(and(eq(cases.teamId, teamId), eq(cases.status, 'open')));
  const thisMonday = mondayOf(dayOf(now));
  const firstWeekEnd = addDays(thisMonday, -7 * (WEEKS - 1) + 6);
  // Only signals still open at the end of the first chart week count in any week.
  const windowStart = zonedTime(addDays(firstWeekEnd, 1));
  const rows = await tx
    .select({ createdAt: signals.createdAt, closedAt: signals.closedAt })
    .from(signals)
    .where(and(inArray(signals.caseId, ids), isNull(signals.withdrawnAt), or(isNull(signals.closedAt), gte(signals.closedAt, windowStart))));
  // Each moment converted to its day once, not once per week.
  const sigs = rows.map((s) => ({ created: dayOf(s.createdAt), closed: s.closedAt ? dayOf(s.closedAt) : null }));
  const refs = await tx
    .select({ startDue: referrals.startDue, startedOn: referrals.startedOn, stoppedOn: referrals.stoppedOn })
    .from(referrals)
    .where(inArray(referrals.caseId, ids));
  return Array.from({ length: WEEKS }, (_, i) => {
    const weekStart = addDays(thisMonday, -7 * (WEEKS - 1 - i));
    const weekEnd = addDays(weekStart, 6);
    const openSignals = sigs.filter((s) => s.created <= weekEnd && (!s.closed || s.closed > weekEnd)).length;
    const overdueStarts = refs.filter((r) => r.startDue < weekEnd && (!r.startedOn || r.startedOn > weekEnd) && (!r.stoppedOn || r.stoppedOn > weekEnd)).length;
    return { weekStart, openSignals, overdueStarts };
  });
}

/** The digest with its small chart of the last twelve weeks (what is posted and what /digest shows). */
export async function digestWithChart(tx: Tx, team: TeamRow, now: Date, settings: Settings): Promise<Message> {
  const digest = await buildDigest(tx, team, now, settings);
  const chart = teamWeeksChart(await teamWeeks(tx, team.id, now));
  return {
    ...digest,
    image: { png: chart.png, alt: chart.alt, filename: `weekoverzicht-${team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png` },
    context: [digest.context, chart.alt].filter(Boolean).join(' · '),
  };
}

import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, referrals, signals } from '../../db/schema.js';
import type { TeamRow } from '../basisteams/service.js';
import { dayOf, daysBetween } from '../clock.js';
import type { Settings } from '../config.js';
import { catalog } from '../i18n/index.js';
import type { Message } from '../message.js';

const texts = catalog({
  nl: {
    title: (team: string) => `Weekoverzicht team ${team}`,
    totals: (open: number, unacked: number, overdue: number) =>
      `${open} open casussen · ${unacked} onbevestigde signalen · ${overdue} te late starts`,
    unacked: (n: number) => `${n} onbevestigd`,
    overdue: (p: string, d: number) => `start ${p} te laat (${d} dagen)`,
    quiet: (n: number) => `${n} casussen zonder bijzonderheden`,
  },
  en: {
    title: (team: string) => `Weekly digest, team ${team}`,
    totals: (open: number, unacked: number, overdue: number) => `${open} open cases · ${unacked} unacknowledged signals · ${overdue} overdue starts`,
    unacked: (n: number) => `${n} unacknowledged`,
    overdue: (p: string, d: number) => `start of ${p} overdue (${d} days)`,
    quiet: (n: number) => `${n} cases without issues`,
  },
});

/** The team's digest as it stands at `now`. */
export function buildDigest(tx: Tx, team: TeamRow, now: Date, _settings: Settings): Message {
  const t = texts();
  const today = dayOf(now);
  const open = tx.select().from(cases).where(and(eq(cases.teamId, team.id), eq(cases.status, 'open'))).orderBy(asc(cases.code)).all();
  let unackedTotal = 0;
  let overdueTotal = 0;
  const lines: string[] = [];
  for (const kase of open) {
    const items: string[] = [];
    const unacked = tx
      .select({ id: signals.id })
      .from(signals)
      .where(and(eq(signals.caseId, kase.id), isNull(signals.ackAt), isNull(signals.closedAt)))
      .all().length;
    if (unacked) items.push(t.unacked(unacked));
    unackedTotal += unacked;
    for (const r of tx.select().from(referrals).where(eq(referrals.caseId, kase.id)).all()) {
      if (!r.startedOn && !r.stoppedOn && today > r.startDue) {
        items.push(t.overdue(r.provider, daysBetween(r.referredOn, today)));
        overdueTotal++;
      }
    }
    if (items.length) lines.push(`${kase.code}: ${items.join(' · ')}`);
  }
  const quiet = open.length - lines.length;
  if (quiet) lines.push(t.quiet(quiet));
  return { title: t.title(team.name), text: t.totals(open.length, unackedTotal, overdueTotal), lines, tone: 'info' };
}

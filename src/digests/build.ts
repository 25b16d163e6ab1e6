import type { Tx } from '../../db/connection.js';
import type { TeamRow } from '../basisteams/service.js';
import { lastWord } from '../casefile/attention.js';
import { casesWithoutManager, openCases } from '../cases/open.js';
import { daysWithoutOverleg, overlegStates } from '../meetings/attention.js';
import { waitingReferrals } from '../referrals/attention.js';
import { scoreTrends } from '../safety/attention.js';
import { openStagnations, unacknowledgedSignals, type SignalLite } from '../signals/attention.js';
import { intervalDaysOf } from '../meetings/model.js';
import { isSpic11, spic11StartMoments } from '../referrals/model.js';
import { addDays, dayOf, daysBetween, formatDay, formatMoment, formatTime, isoWeek } from '../clock.js';
import type { Settings } from '../config.js';
import { words } from '../commands/words.js';
import { catalog, plural } from '../i18n/index.js';
import { texts as meetingTexts } from '../meetings/messages.js';
import type { Message } from '../kernel/message.js';
import { openEscalations } from '../escalations/model.js';
import { whereOf } from '../escalations/service.js';
import { planFindings } from '../results/checks.js';
import { planDigestLine } from '../results/scheduled.js';
import { escalationDay } from '../referrals/scheduled.js';
import { isYouthCare, referralLabel } from '../referrals/messages.js';

const texts = catalog({
  nl: {
    title: (team: string, week: string) => `Weekoverzicht team ${team} (${week})`,
    totals: (open: number, attention: number) =>
      `${plural(open, 'open casus', 'open casussen')}, waarvan ${attention} ${attention === 1 ? 'vraagt' : 'vragen'} om aandacht.`,
    noCases: 'Dit team heeft geen open casussen.',
    fields: {
      unacked: 'Onbevestigde signalen',
      stagnations: 'Stagnaties',
      lateStarts: 'Te late starts',
      overleg: 'Overleg te laat of deze week',
      silent: 'Stille casussen',
      scores: 'Lage of dalende scores',
      noOverleg: 'Langer dan zes weken geen overleg',
      plan: 'Controles gezinsplan',
      escalations: 'Open escalaties',
      withoutManager: 'Zonder gezinsmanager',
      lateBeyond: 'Wachten op hulp buiten de jeugdhulp',
    },
    lateBeyond: (kind: string, provider: string, days: number) => `${kind} bij ${provider}: ${plural(days, 'dag', 'dagen')} wachten`,
    withoutManager: 'zonder gezinsmanager: niemand houdt de regie op veiligheid',
    unacked: (n: number, kind: string, urgency: string, age: string) => `S-${n} ${kind} (${urgency}) onbevestigd, ${age}`,
    unackedConfidential: (n: number, age: string) => `S-${n} vertrouwelijk signaal onbevestigd, ${age}`,
    stagnation: (n: number, cause?: string) => `stagnatie S-${n}${cause ? ` (oorzaak ${cause})` : ''}`,
    lateStart: (provider: string, days: number) => `start ${provider} te laat: ${plural(days, 'dag', 'dagen')} wachten`,
    escalated: ' (teamleider gealarmeerd)',
    overlegLate: (d: string, days: number) => `overleg te laat: verwacht ${d} (${plural(days, 'dag', 'dagen')})`,
    overlegSoon: (when: string) => `overleg ${when}`,
    silent: (days: number) => `stil: ${plural(days, 'dag', 'dagen')} niets van de hulpverlening`,
    low: (a: number) => `actuele veiligheid ${a} (onder de 6)`,
    dropActueel: (from: number, to: number) => `actuele veiligheid gedaald ${from} → ${to}`,
    dropBlijvend: (from: number, to: number) => `blijvende veiligheid gedaald ${from} → ${to}`,
    noOverleg: (days: number) => `${plural(days, 'dag', 'dagen')} geen overleg`,
    escalation: (n: number, days: number) => `escalatie E-${n} open sinds ${days === 0 ? 'vandaag' : plural(days, 'dag', 'dagen')}`,
    quiet: (n: number) => `${plural(n, 'casus', 'casussen')} zonder bijzonderheden`,
    age: (days: number) => (days === 0 ? 'vandaag' : plural(days, 'dag', 'dagen')),
    asOf: (at: string) => `Stand van ${at}. Typ /digest in dit kanaal voor de stand van nu.`,
  },
  en: {
    title: (team: string, week: string) => `Weekly digest, team ${team} (${week})`,
    totals: (open: number, attention: number) =>
      `${plural(open, 'open case', 'open cases')}, ${attention} of which ${attention === 1 ? 'needs' : 'need'} attention.`,
    noCases: 'This team has no open cases.',
    fields: {
      unacked: 'Unacknowledged signals',
      stagnations: 'Stagnations',
      lateStarts: 'Overdue starts',
      overleg: 'Meeting overdue or this week',
      silent: 'Silent cases',
      scores: 'Low or dropping scores',
      noOverleg: 'No meeting for over six weeks',
      plan: 'Family plan checks',
      escalations: 'Open escalations',
      withoutManager: 'Without family manager',
      lateBeyond: 'Waiting for help beyond youth care',
    },
    lateBeyond: (kind: string, provider: string, days: number) => `${kind} at ${provider}: ${plural(days, 'day', 'days')} of waiting`,
    withoutManager: 'without family manager: nobody holds regie op veiligheid',
    unacked: (n: number, kind: string, urgency: string, age: string) => `S-${n} ${kind} (${urgency}) unacknowledged, ${age}`,
    unackedConfidential: (n: number, age: string) => `S-${n} confidential signal unacknowledged, ${age}`,
    stagnation: (n: number, cause?: string) => `stagnation S-${n}${cause ? ` (cause: ${cause})` : ''}`,
    lateStart: (provider: string, days: number) => `start of ${provider} overdue: ${plural(days, 'day', 'days')} of waiting`,
    escalated: ' (team leader alerted)',
    overlegLate: (d: string, days: number) => `meeting overdue: due ${d} (${plural(days, 'day', 'days')})`,
    overlegSoon: (when: string) => `meeting ${when}`,
    silent: (days: number) => `silent: nothing from the providers for ${plural(days, 'day', 'days')}`,
    low: (a: number) => `current safety ${a} (below 6)`,
    dropActueel: (from: number, to: number) => `current safety dropped ${from} → ${to}`,
    dropBlijvend: (from: number, to: number) => `lasting safety dropped ${from} → ${to}`,
    noOverleg: (days: number) => `no meeting for ${plural(days, 'day', 'days')}`,
    escalation: (n: number, days: number) => (days === 0 ? `escalation E-${n} open since today` : `escalation E-${n} open for ${plural(days, 'day', 'days')}`),
    quiet: (n: number) => `${plural(n, 'case', 'cases')} without issues`,
    age: (days: number) => (days === 0 ? 'today' : plural(days, 'day', 'days')),
    asOf: (at: string) => `As of ${at}. Type /digest in this channel for the state right now.`,
  },
});

interface Row {
  code: string;
  /** The oldest unacknowledged signal, for the order: oldest first. */
  oldest?: number;
  items: string[];
}

/**
 * The team's digest as it stands at `now`: totals at the top, one line per
 * case that needs attention (cases with unacknowledged signals first, oldest
 * signal first; then by case code), the quiet cases counted. A fixed number
 * of set-based queries per team, whatever its number of cases.
 */
export async function buildDigest(tx: Tx, team: TeamRow, now: Date, settings: Settings): Promise<Message> {
  const t = texts();
  const w = words();
  const today = dayOf(now);
  const interval = settings.OVERLEG_INTERVAL_DAYS;
  const filter = { teamId: team.id };
  const list = await openCases(tx, filter);
  const title = t.title(team.name, isoWeek(today));
  if (list.length === 0) return { title, text: t.noCases, tone: 'info', context: t.asOf(formatMoment(now)) };

  const rows = new Map<number, Row>(list.map((c) => [c.id, { code: c.code, items: [] }]));
  const add = (caseId: number, item: string) => rows.get(caseId)?.items.push(item);
  const totals = { unacked: 0, stagnations: 0, lateStarts: 0, overleg: 0, silent: 0, scores: 0, noOverleg: 0 };

  // A case nobody holds regie op veiligheid in comes first of all its lines, until someone takes it over.
  const withoutManager = await casesWithoutManager(tx, filter);
  for (const id of withoutManager) {
    const row = rows.get(id);
    if (!row) continue;
    row.items.push(t.withoutManager);
    row.oldest = 0;
  }

  const unacked = await unacknowledgedSignals(tx, filter);
  const listed = new Set<number>();
  for (const s of unacked) {
    const row = rows.get(s.caseId);
    if (!row) continue;
    totals.unacked++;
    listed.add(s.id);
    if (row.oldest === undefined) row.oldest = s.createdAt.getTime();
    const age = t.age(daysBetween(dayOf(s.createdAt), today));
    row.items.push(s.confidential ? t.unackedConfidential(s.number, age) : t.unacked(s.number, w.kind[s.kind], w.urgency[s.urgency], age));
  }

  for (const s of (await openStagnations(tx, filter)) as SignalLite[]) {
    totals.stagnations++;
    // Counted like any other, but a line would name the kind of a confidential signal.
    if (!listed.has(s.id) && !s.confidential) add(s.caseId, t.stagnation(s.number, s.cause ? w.cause[s.cause] : undefined));
  }

  let lateBeyond = 0;
  for (const r of await waitingReferrals(tx, filter)) {
    if (today <= r.startDue) continue;
    const escalated = r.spic && isSpic11(r.spic) ? now >= spic11StartMoments(r, settings.SPIC11_START_HOURS).teamleider : today >= escalationDay(r, settings);
    // Help beyond youth care under its own heading: the family waits for it too, but no youth-care provider is late.
    if (!isYouthCare(r)) {
      lateBeyond++;
      add(r.caseId, t.lateBeyond(referralLabel(r), r.provider, daysBetween(r.referredOn, today)));
      continue;
    }
    totals.lateStarts++;
    add(r.caseId, t.lateStart(r.provider, daysBetween(r.referredOn, today)) + (escalated ? t.escalated : ''));
  }

  const overleg = await overlegStates(tx, filter, list, interval);
  const weekEnd = addDays(today, 6);
  const whenCache = new Map<number, string>();
  const plannedWhen = (planned: Date | undefined, due: string) => {
    if (!planned) return formatDay(due);
    let when = whenCache.get(planned.getTime());
    if (when === undefined) {
      when = formatTime(planned) !== '00:00' ? meetingTexts().at(planned) : formatDay(due);
      whenCache.set(planned.getTime(), when);
    }
    return when;
  };
  const longWithout: Array<[number, number]> = [];
  for (const kase of list) {
    const state = overleg.get(kase.id);
    const next = state?.next;
    let late = false;
    if (next && next.due < today) {
      late = true;
      totals.overleg++;
      add(kase.id, t.overlegLate(formatDay(next.due), daysBetween(next.due, today)));
    } else if (next && next.due <= weekEnd) {
      totals.overleg++;
      add(kase.id, t.overlegSoon(plannedWhen(next.planned, next.due)));
    }
    const without = daysWithoutOverleg(state, today);
    if (without !== undefined && without > intervalDaysOf(kase, interval)) {
      totals.noOverleg++;
      // An overdue overleg already says it; do not say it twice.
      if (!late) longWithout.push([kase.id, without]);
    }
  }

  const heard = await lastWord(tx, filter, list, overleg);
  for (const [caseId, from] of heard) {
    const silent = daysBetween(from, today);
    if (silent >= settings.SILENCE_DAYS) {
      totals.silent++;
      add(caseId, t.silent(silent));
    }
  }

  for (const [caseId, trend] of await scoreTrends(tx, filter)) {
    const { latest, previous, flags } = trend;
    if (!flags.low && !flags.drop) continue;
    totals.scores++;
    if (flags.low) add(caseId, t.low(latest.actueel));
    if (flags.drop && previous) {
      if (previous.actueel - latest.actueel >= 2) add(caseId, t.dropActueel(previous.actueel, latest.actueel));
      if (previous.blijvend - latest.blijvend >= 2) add(caseId, t.dropBlijvend(previous.blijvend, latest.blijvend));
    }
  }

  for (const [caseId, days] of longWithout) add(caseId, t.noOverleg(days));

  // The plan (issue: one family, one plan) and disagreements waiting for a decision.
  const plan = await planFindings(tx, filter, today, settings.PLAN_DUE_DAYS);
  for (const finding of plan) add(finding.caseId, planDigestLine(finding));
  const escalationsOpen = await openEscalations(tx, filter);
  for (const e of escalationsOpen) add(e.caseId, `${t.escalation(e.number, daysBetween(dayOf(e.createdAt), today))}, ${whereOf(e)}`);

  const attention = [...rows.values()]
    .filter((r) => r.items.length > 0)
    .sort((a, b) => {
      if (a.oldest !== undefined && b.oldest !== undefined) return a.oldest - b.oldest || a.code.localeCompare(b.code);
      if (a.oldest !== undefined) return -1;
      if (b.oldest !== undefined) return 1;
      return a.code.localeCompare(b.code);
    });
  const quiet = list.length - attention.length;
  const lines = attention.map((r) => `${r.code}: ${r.items.join(' · ')}`);
  if (quiet > 0) lines.push(t.quiet(quiet));
  const f = t.fields;
  return {
    title,
    text: t.totals(list.length, attention.length),
    fields: [
      { label: f.unacked, value: String(totals.unacked) },
      { label: f.stagnations, value: String(totals.stagnations) },
      { label: f.lateStarts, value: String(totals.lateStarts) },
      { label: f.overleg, value: String(totals.overleg) },
      { label: f.silent, value: String(totals.silent) },
      { label: f.scores, value: String(totals.scores) },
      { label: f.noOverleg, value: String(totals.noOverleg) },
      { label: f.plan, value: String(plan.length) },
      { label: f.escalations, value: String(escalationsOpen.length) },
      { label: f.withoutManager, value: String(withoutManager.size) },
      ...(lateBeyond ? [{ label: f.lateBeyond, value: String(lateBeyond) }] : []),
    ],
    lines,
    tone: attention.length > 0 ? 'warning' : 'success',
    context: t.asOf(formatMoment(now)),
  };
}

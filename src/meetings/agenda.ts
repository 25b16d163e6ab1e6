import { first, type Tx } from '../../db/connection.js';
import { meetings, safetyScores, signals } from '../../db/schema.js';
import { and, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { CaseRow } from '../cases/model.js';
import { dayOf, formatDay, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { Message } from '../kernel/message.js';
import { isYouthCare, referralLabel, referralStatusLine, texts as referralTexts } from '../referrals/messages.js';
import { referralsOf } from '../referrals/model.js';
import { texts as resultTexts } from '../results/messages.js';
import { isFinal, linksOf, progressOf, resultsOf } from '../results/model.js';
import { recentScores } from '../safety/model.js';
import { signalLabel, signalState } from '../signals/messages.js';
import { signalsOf } from '../signals/model.js';
import { truncateGraphemes } from '../text/truncate.js';
import { agendaAgreements } from '../agreements/service.js';
import { texts } from './messages.js';
import { lastHeld, nextOverleg, pendingPlanned, type MeetingRow } from './model.js';

/** How much of a result's text and note the agenda shows; /resultaat lijst has all of it. */
const AGENDA_TEXT = 200;

/**
 * The plan first: every open result with its last status (its date and note)
 * and what is linked to it (signals, overleg decisions that named it), so the
 * table walks through the plan before the signals.
 */
async function openResultLines(tx: Tx, caseId: number): Promise<string[]> {
  const t = texts();
  const rt = resultTexts();
  const open = (await resultsOf(tx, caseId)).filter((r) => !isFinal(r.status));
  if (!open.length) return [];
  const ids = open.map((r) => r.id);
  const progress = await progressOf(tx, ids);
  const links = await linksOf(tx, ids);
  const signalIds = links.flatMap((l) => (l.signalId ? [l.signalId] : []));
  const meetingIds = links.flatMap((l) => (l.meetingId ? [l.meetingId] : []));
  const signalNumbers = new Map(
    signalIds.length ? (await tx.select({ id: signals.id, number: signals.number }).from(signals).where(inArray(signals.id, signalIds))).map((r) => [r.id, r.number]) : [],
  );
  const meetingDays = new Map(
    meetingIds.length ? (await tx.select({ id: meetings.id, heldOn: meetings.heldOn }).from(meetings).where(inArray(meetings.id, meetingIds))).map((r) => [r.id, r.heldOn]) : [],
  );
  return open.map((r) => {
    // progressOf is newest first.
    const last = progress.find((p) => p.resultId === r.id);
    const status = last
      ? t.resultStatus(rt.status[last.status], formatDay(dayOf(last.at)), last.note ? truncateGraphemes(last.note, AGENDA_TEXT) : undefined)
      : rt.status.open;
    const mine = links.filter((l) => l.resultId === r.id);
    const sigs = [...new Set(mine.flatMap((l) => (l.signalId && signalNumbers.has(l.signalId) ? [`S-${signalNumbers.get(l.signalId)}`] : [])))];
    const meets = [...new Set(mine.flatMap((l) => (l.meetingId && meetingDays.get(l.meetingId) ? [formatDay(meetingDays.get(l.meetingId)!)] : [])))];
    const linked = sigs.length || meets.length ? ` (${rt.linked.toLowerCase()}: ${rt.links(sigs, meets)})` : '';
    return `R-${r.number} ${truncateGraphemes(r.text, AGENDA_TEXT)}: ${status}${linked}`;
  });
}

/**
 * When the last overleg took place, to the moment, so a signal filed later on
 * its day is new to the table: its planned time when it was held on the day it
 * was planned for; else the moment it was recorded, when that was on its day;
 * else (recorded afterwards, its hour unknown) the end of its day.
 */
function heldMoment(held: MeetingRow): Date {
  const day = held.heldOn!;
  if (held.plannedAt && dayOf(held.plannedAt) === day) return held.plannedAt;
  if (dayOf(held.createdAt) === day) return held.createdAt;
  return zonedTime(day, '23:59');
}

/**
 * The automatic agenda: what the table needs to see, straight from the record.
 * Used by `/overleg agenda` and by the 7-day reminder.
 */
export async function buildAgenda(tx: Tx, kase: CaseRow, today: Day, intervalDays: number): Promise<Message> {
  const t = texts();
  const held = await lastHeld(tx, kase.id);
  const refs = await referralsOf(tx, kase.id);
  const youth = refs.filter(isYouthCare);
  const beyond = refs.filter((r) => !isYouthCare(r));
  const next = nextOverleg(kase, held, await pendingPlanned(tx, kase.id), refs, intervalDays);
  // A withdrawn signal was filed by mistake: it is not on the table.
  const all = (await signalsOf(tx, kase.id)).filter((s) => !s.withdrawnAt);
  const sinceDay = held?.heldOn;
  const signalLine = (s: (typeof all)[number]) => `S-${s.number} ${signalLabel(s)}, ${signalState(s)}`;
  const open = all.filter((s) => !s.closedAt).map(signalLine);
  const since = held ? heldMoment(held) : undefined;
  const fresh = all.filter((s) => !since || s.createdAt > since).map(signalLine);
  const [latest] = await recentScores(tx, kase.id, 1);
  let scoreLine = t.noScores;
  if (latest) {
    const before = sinceDay
      ? await first(
          tx
            .select()
            .from(safetyScores)
            .where(and(eq(safetyScores.caseId, kase.id), isNull(safetyScores.withdrawnAt), lte(safetyScores.at, zonedTime(sinceDay, '23:59'))))
            .orderBy(desc(safetyScores.at), desc(safetyScores.id))
            .limit(1),
        )
      : undefined;
    scoreLine = before
      ? t.scoreChange(before.actueel, latest.actueel, before.blijvend, latest.blijvend)
      : t.scoreNow(latest.actueel, latest.blijvend);
  }
  const plan = await openResultLines(tx, kase.id);
  const agreed = await agendaAgreements(tx, kase.id, today, AGENDA_TEXT);
  const fields = [
    { label: t.openResults, value: plan.length ? plan.join('\n') : t.noOpenResults, more: '/resultaat lijst' },
    { label: t.openAgreements, value: agreed.lines.length ? agreed.lines.join('\n') : t.noOpenAgreements, more: '/afspraak lijst' },
    { label: t.openSignals, value: open.length ? open.join('\n') : t.none, more: '/signaal lijst' },
    { label: t.newSignals, value: fresh.length ? fresh.join('\n') : t.none },
    { label: t.scores, value: scoreLine },
    { label: t.referrals, value: youth.length ? youth.map((r) => `${r.provider}: ${referralStatusLine(r, today)}`).join('\n') : t.none },
    { label: t.lastDecisions, value: held?.decisions ?? t.none },
  ];
  // Help beyond youth care under its own heading, only when there is any.
  if (beyond.length) {
    fields.splice(4, 0, { label: referralTexts().beyond, value: beyond.map((r) => `${r.provider} (${referralLabel(r)}): ${referralStatusLine(r, today)}`).join('\n') });
  }
  return {
    title: t.agendaTitle(kase.code),
    text: next ? t.due(formatDay(next.due)) : t.noneDue,
    fields,
    names: agreed.names,
    tone: 'info',
  };
}

import type { Tx } from '../../db/connection.js';
import { latestReferralDays, runningSpic11, type WaitingReferral, waitingReferrals } from './attention.js';
import { addDays, dayOf, daysBetween, formatDay, formatMoment } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { Settings } from '../config.js';
import type { Message } from '../kernel/message.js';
import { ledgerKeys } from '../scheduler/ledger.js';
import { texts as sharedTexts } from '../scheduler/messages.js';
import { morningOf } from '../scheduler/moments.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { reachedBy } from '../scheduler/due.js';
import { caseTarget, type CaseTarget, directAbout, holder, leaderFor, postToCase, reachableCases } from '../cases/target.js';
import { isSpic11, spic11StartMoments, type ReferralRow } from './model.js';
import { scheduledTexts } from './messages.js';

/** The scheduler's shared words with this concept's own. */
const texts = () => ({ ...sharedTexts(), ...scheduledTexts() });

// Overdue start. A referral's start is due on `startDue` (start-uiterlijk, or
// verwezen + START_NORM_DAYS). From the day after, at 09:00, an alert in the
// case channel mentions the gezinsmanager and the hoofdaannemer, with the
// waiting days; it repeats every 7 days (week 1, 2, …) until the start or
// stop is recorded. At verwezen + START_ESCALATION_DAYS (never before the
// first alert) the teamleider is alerted too, in the channel and directly;
// later weekly alerts mention her as well. The digest lists the referral.
// Catch-up: only the current week's alert is sent (missed weeks are not);
// when the escalation and a weekly alert are both new, one message (the
// escalation) is sent for both.

/** The first overdue day: the day after the start-due date. */
export function firstOverdueDay(r: Pick<ReferralRow, 'startDue'>): Day {
  return addDays(r.startDue, 1);
}

/** The day the teamleider is alerted. */
export function escalationDay(r: Pick<ReferralRow, 'startDue' | 'referredOn'>, settings: Pick<Settings, 'START_ESCALATION_DAYS'>): Day {
  const byNorm = addDays(r.referredOn, settings.START_ESCALATION_DAYS);
  const first = firstOverdueDay(r);
  return byNorm > first ? byNorm : first;
}

/** The overdue week whose alert moment is the latest at or before `now` (0: none yet). */
export function overdueWeek(r: Pick<ReferralRow, 'startDue'>, now: Date): number {
  const first = firstOverdueDay(r);
  const today = dayOf(now);
  if (today < first) return 0;
  let week = Math.floor(daysBetween(first, today) / 7) + 1;
  if (now < morningOf(addDays(first, 7 * (week - 1)))) week--;
  return week;
}

export const startRule: Rule = {
  name: 'start',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const reached = reachedBy(now, wake);
    const reachableById = (await reachableCases(tx, filter, memo)).byId;
    const items: DueItem[] = [];
    for (const r of await waitingReferrals(tx, filter)) {
      const kase = reachableById.get(r.caseId);
      // SPIC 11 has its own clock, in hours (spic11StartRule).
      if (!kase || isSpic11(r.spic)) continue;
      const week = overdueWeek(r, now);
      // The next week's alert (or the first) is the next moment this referral changes by time alone.
      wake?.at(kase.id, morningOf(addDays(firstOverdueDay(r), 7 * week)));
      if (week < 1) continue;
      const base = { scope: { caseId: kase.id }, caseCode: kase.code, recordId: r.id };
      const weekKey = ledgerKeys.startOverdue(r.id, week, r.startDue);
      const escalated = reached(kase.id, morningOf(escalationDay(r, settings)));
      if (escalated) {
        items.push({
          ...base,
          key: ledgerKeys.startEscalation(r.id, r.referredOn),
          supersedes: [weekKey],
          deliver: (t, at) => escalate(t, r, at),
        });
      }
      items.push({ ...base, key: weekKey, deliver: (t, at) => weekly(t, r, escalated, at) });
    }
    return items;
  },
};

function who(target: CaseTarget, withTeamleider: boolean): string {
  const people = [holder(target, 'gezinsmanager'), holder(target, 'hoofdaannemer'), withTeamleider ? target.leader : undefined];
  return people
    .filter((m) => m !== undefined)
    .map((m) => `<@${m.userId}>`)
    .join(' ');
}

async function weekly(tx: Tx, r: WaitingReferral, escalated: boolean, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target) return;
  const t = texts();
  const days = t.days(daysBetween(r.referredOn, dayOf(now)));
  const message: Message = {
    title: t.startOverdueTitle(r.provider, days),
    text: t.startOverdue(who(target, escalated), r.provider, formatDay(r.referredOn), formatDay(r.startDue), days).trim(),
    tone: escalated ? 'danger' : 'warning',
  };
  await postToCase(tx, target, message, now);
}

async function escalate(tx: Tx, r: WaitingReferral, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target) return;
  const t = texts();
  const days = t.days(daysBetween(r.referredOn, dayOf(now)));
  const tl = await leaderFor(tx, target, now);
  const others = who(target, false);
  const message: Message = {
    title: t.startEscalationTitle(r.provider, days),
    text: t.startEscalation(tl ? `<@${tl.userId}>` : '', r.provider, formatDay(r.referredOn), days).trim(),
    tone: 'danger',
  };
  const lines = [t.startOverdue(others, r.provider, formatDay(r.referredOn), formatDay(r.startDue), days).trim()];
  message.lines = lines;
  const postId = await postToCase(tx, target, message, now);
  if (tl) await directAbout(tx, target, tl.userId, { title: t.startEscalationDirect(target.kase.code, r.provider, days), text: t.seeChannel, tone: 'danger' }, now, postId);
}

// SPIC 11 start. A SPIC 11 referral must start within SPIC11_START_HOURS of
// the referral (spic11StartMoments). When that moment passes without a start
// (or stop), the gezinsmanager and the hoofdaannemer are alerted in the case
// channel and each directly; at twice the hours the teamleider too, in the
// channel and directly. The keys carry the moment. Catch-up: the teamleider's
// alert replaces an unsent first alert.

export const spic11StartRule: Rule = {
  name: 'spic11-start',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const reached = reachedBy(now, wake);
    const reachableById = (await reachableCases(tx, filter, memo)).byId;
    const items: DueItem[] = [];
    for (const r of await waitingReferrals(tx, filter)) {
      const kase = reachableById.get(r.caseId);
      if (!kase || !isSpic11(r.spic)) continue;
      const m = spic11StartMoments(r, settings.SPIC11_START_HOURS);
      if (!reached(kase.id, m.due)) continue;
      const base = { scope: { caseId: kase.id }, caseCode: kase.code, recordId: r.id };
      const first = ledgerKeys.spic11Start('due', r.id, m.due);
      if (reached(kase.id, m.teamleider)) {
        items.push({
          ...base,
          key: ledgerKeys.spic11Start('tl', r.id, m.teamleider),
          supersedes: [first],
          deliver: (t, at) => spic11Late(t, r, m.due, settings.SPIC11_START_HOURS * 2, true, at),
        });
      } else {
        items.push({ ...base, key: first, deliver: (t, at) => spic11Late(t, r, m.due, settings.SPIC11_START_HOURS, false, at) });
      }
    }
    return items;
  },
};

async function spic11Late(tx: Tx, r: WaitingReferral, due: Date, hours: number, escalated: boolean, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target) return;
  const t = texts();
  const tl = escalated ? await leaderFor(tx, target, now) : undefined;
  const message: Message = {
    title: escalated ? t.spic11StartTlTitle(r.provider, hours) : t.spic11StartTitle(r.provider, hours),
    text: t.spic11StartLate(who(target, escalated), r.provider, formatMoment(due), hours).trim(),
    tone: 'danger',
  };
  const postId = await postToCase(tx, target, message, now);
  // Directly too: an emergency does not wait until someone reads the channel. Only the case code, never the provider.
  const people = escalated ? [tl] : [holder(target, 'gezinsmanager'), holder(target, 'hoofdaannemer')];
  for (const m of people) {
    if (m) await directAbout(tx, target, m.userId, { title: t.spic11StartDirect(target.kase.code, hours), text: t.seeChannel, tone: 'danger' }, now, postId);
  }
}

// SPIC 11, the crisis profile: a window of SPIC11_WEEKS (6) weeks from the
// recorded start of the SPIC 11 referral. At the start of the second-last
// week (week five of six: start + 28 days) the gezinsmanager is reminded in
// the case channel to decide what follows; at the end (start + 42 days) an
// alert goes to the channel, mentioning the gezinsmanager and the
// teamleider, and to the teamleider directly. Both stop once the SPIC 11
// referral is stopped or a later referral (referred after its start) records
// the follow-up. Catch-up: the end alert replaces an unsent week-five reminder.

export function spic11Window(startedOn: Day, weeks: number): { decideOn: Day; endOn: Day } {
  return { decideOn: addDays(startedOn, Math.max(0, weeks - 2) * 7), endOn: addDays(startedOn, weeks * 7) };
}

export const spic11Rule: Rule = {
  name: 'spic11',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const reached = reachedBy(now, wake);
    const reachableById = (await reachableCases(tx, filter, memo)).byId;
    const latest = await latestReferralDays(tx, filter);
    const items: DueItem[] = [];
    for (const r of await runningSpic11(tx, filter)) {
      const kase = reachableById.get(r.caseId);
      const start = r.startedOn;
      if (!kase || !start) continue;
      const followUp = latest.get(r.caseId);
      if (followUp && followUp > start) continue;
      const w = spic11Window(start, settings.SPIC11_WEEKS);
      const base = { scope: { caseId: kase.id }, caseCode: kase.code, recordId: r.id };
      const week5 = ledgerKeys.spic11('week5', r.id, start);
      if (reached(kase.id, morningOf(w.endOn))) {
        items.push({ ...base, key: ledgerKeys.spic11('end', r.id, start), supersedes: [week5], deliver: (t, at) => end(t, r, w.endOn, settings.SPIC11_WEEKS, at) });
      } else if (reached(kase.id, morningOf(w.decideOn))) {
        items.push({ ...base, key: week5, deliver: (t, at) => decide(t, r, w.endOn, at) });
      }
    }
    return items;
  },
};

async function decide(tx: Tx, r: ReferralRow, endOn: Day, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target || !r.startedOn) return;
  const t = texts();
  const gm = holder(target, 'gezinsmanager');
  await postToCase(
    tx,
    target,
    { title: t.spicWeek5Title, text: t.spicWeek5(gm ? `<@${gm.userId}>` : '', r.provider, formatDay(r.startedOn), formatDay(endOn)).trim(), tone: 'warning' },
    now,
  );
}

async function end(tx: Tx, r: ReferralRow, endOn: Day, weeks: number, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target) return;
  const t = texts();
  const gm = holder(target, 'gezinsmanager');
  const tl = await leaderFor(tx, target, now);
  const who = [gm, tl]
    .filter((m) => m !== undefined)
    .map((m) => `<@${m.userId}>`)
    .join(' ');
  const message: Message = { title: t.spicEndTitle, text: t.spicEnd(who, r.provider, t.weeks(weeks), formatDay(endOn)).trim(), tone: 'danger' };
  const postId = await postToCase(tx, target, message, now);
  if (tl) await directAbout(tx, target, tl.userId, { title: t.spicEndDirect(target.kase.code), text: t.seeChannel, tone: 'danger' }, now, postId);
}

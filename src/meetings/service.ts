import { eq } from 'drizzle-orm';
import { meetings } from '../../db/schema.js';
import { addDays, dayOf, formatDay, formatTime, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { resultLinks } from '../../db/schema.js';
import { resultStatuses } from '../commands/types.js';
import type { Form, Reply } from '../kernel/message.js';
import { texts as resultTexts } from '../results/messages.js';
import { isFinal, resultByNumber, resultsOf } from '../results/model.js';
import { linkNamedResults, recordProgress } from '../results/service.js';
import { buildAgenda } from './agenda.js';
import { FORM_AGREEMENTS, unchangedValue, type FormAgreement, type ResultReview } from './form.js';
import { agreementLine, checkAgreement, ownerNames, storeAgreement } from '../agreements/service.js';
import { truncateGraphemes } from '../text/truncate.js';
import { texts } from './messages.js';
import { heldOn as heldThatDay, intervalDaysOf, lastHeld, nextOverleg, pendingPlanned, plannedMeetings } from './model.js';
import { cases } from '../../db/schema.js';
import { referralsOf } from '../referrals/model.js';

export async function planMeeting(s: Scope, date: Day, time?: string): Promise<Reply> {
  const t = texts();
  if (date < s.today) return refusal(t.pastPlanned, t.pastPlanned);
  const plannedAt = zonedTime(date, time ?? '00:00');
  const existing = await pendingPlanned(s.tx, s.kase.id);
  // One pending plan per case: planning again moves it.
  if (existing) await s.tx.update(meetings).set({ plannedAt }).where(eq(meetings.id, existing.id));
  else await s.tx.insert(meetings).values({ caseId: s.kase.id, plannedAt, byId: s.ctx.actor.userId, createdAt: s.now });
  const when = time ? t.at(plannedAt) : formatDay(date);
  await s.post({ title: t.planned(when), tone: 'info' });
  await s.audit('overleg.gepland', `${date}${time ? ` ${time}` : ''}`);
  return answer({ title: t.plannedDone, tone: 'success' });
}

/**
 * Records the overleg: its decisions, any R-n they name as links, and (from the
 * review form) each result's status, so the record shows which decisions
 * belong to which result.
 */
export async function recordMeeting(s: Scope, decisions: string, date?: Day, reviews: ResultReview[] = [], agreements: FormAgreement[] = []): Promise<Reply> {
  const t = texts();
  const rt = resultTexts();
  const heldOn = date ?? s.today;
  if (heldOn > s.today) return refusal(t.futureHeld(formatDay(heldOn), formatDay(s.today)), t.futureHeld(formatDay(heldOn), formatDay(s.today)));
  for (const r of reviews) {
    if (!(await resultByNumber(s.tx, s.kase.id, r.number))) return refusal(rt.notFound(r.number), rt.notFound(r.number));
  }
  // Every agreement is checked before anything is written: a refusal changes nothing.
  const checked = [];
  for (const a of agreements) {
    const c = await checkAgreement(s, a);
    if (!c.ok) return refusal(c.error, c.error);
    checked.push(c);
  }
  // A held overleg is its own record: it takes the planned one only when both are on the same day.
  const planned = await plannedMeetings(s.tx, s.kase.id);
  const sameDay = planned.find((m) => dayOf(m.plannedAt!) === heldOn);
  const otherDay = planned.filter((m) => m !== sameDay);
  const twice = (await heldThatDay(s.tx, s.kase.id, heldOn)).length > 0;
  const meetingId = sameDay
    ? (await s.tx.update(meetings).set({ heldOn, decisions }).where(eq(meetings.id, sameDay.id)).returning({ id: meetings.id }))[0]!.id
    : (await s.tx.insert(meetings).values({ caseId: s.kase.id, heldOn, decisions, byId: s.ctx.actor.userId, createdAt: s.now }).returning({ id: meetings.id }))[0]!.id;
  const reviewLines: string[] = [];
  const reviewed = new Set<number>();
  for (const r of reviews) {
    const result = (await resultByNumber(s.tx, s.kase.id, r.number))!;
    if (r.status) {
      const outcome = await recordProgress(s, result, r.status, r.note, meetingId);
      if (outcome === 'settled') continue;
    }
    if (r.status || r.note) {
      reviewed.add(r.number);
      await linkResult(s, result.id, meetingId);
      reviewLines.push(`R-${r.number}: ${r.status ? rt.status[r.status] : rt.status[result.status]}${r.note ? `, ${r.note}` : ''}`);
    }
  }
  const named = await linkNamedResults(s.tx, s.kase.id, decisions, { meetingId }, s.now, reviewed);
  const fields = [{ label: t.decisions, value: decisions }];
  if (reviewLines.length) fields.unshift({ label: t.review, value: reviewLines.join('\n') });
  if (named.length) fields.push({ label: t.linkedResults, value: named.map((n) => `R-${n}`).join(', ') });
  const made = [];
  for (const c of checked) made.push(await storeAgreement(s, c, meetingId));
  if (made.length) fields.push({ label: t.agreementsMade, value: made.map((a) => agreementLine(a, s.today)).join('\n') });
  await s.post({
    title: t.held(formatDay(heldOn)),
    fields,
    context: t.next(formatDay(addDays(heldOn, intervalDaysOf(s.kase, s.settings.OVERLEG_INTERVAL_DAYS)))),
    tone: 'success',
    ...(made.length ? { names: ownerNames(made) } : {}),
  });
  await s.audit('overleg.gehouden', `${heldOn} overleg #${meetingId}`);
  const lines = otherDay.map((m) => t.plannedStays(plannedWhen(m.plannedAt!), formatDay(dayOf(m.plannedAt!))));
  if (twice) lines.unshift(t.twiceHeld(formatDay(heldOn)));
  return answer({ title: t.heldDone, tone: twice || lines.length ? 'warning' : 'success', ...(lines.length ? { lines } : {}) });
}

/** 'dd-mm-jjjj', with 'om hh:mm' when a time was planned. */
function plannedWhen(at: Date): string {
  return formatTime(at) === '00:00' ? formatDay(dayOf(at)) : texts().at(at);
}

/** The planned overleg on that day, or the refusal that names the ones that are planned. */
async function plannedOn(s: Scope, date: Day): Promise<{ id: number; plannedAt: Date } | Reply> {
  const t = texts();
  const planned = await plannedMeetings(s.tx, s.kase.id);
  const found = planned.find((m) => dayOf(m.plannedAt!) === date);
  if (found) return { id: found.id, plannedAt: found.plannedAt! };
  const why = planned.length ? t.noneOnDayButOthers(formatDay(date), planned.map((m) => plannedWhen(m.plannedAt!)).join(', ')) : t.noneOnDay(formatDay(date));
  return refusal(why, why);
}

/** `/overleg verzet`: the planned overleg moves; its reminders and due moments follow the new day. */
export async function moveMeeting(s: Scope, date: Day, newDate: Day, time?: string): Promise<Reply> {
  const t = texts();
  if (newDate < s.today) return refusal(t.pastPlanned, t.pastPlanned);
  const found = await plannedOn(s, date);
  if (!('plannedAt' in found)) return found;
  // Without a new time the overleg keeps the hour it had.
  const plannedAt = zonedTime(newDate, time ?? formatTime(found.plannedAt));
  if (plannedAt.getTime() === found.plannedAt.getTime()) return answer({ title: t.notMoved(plannedWhen(plannedAt)), tone: 'info' });
  await s.tx.update(meetings).set({ plannedAt }).where(eq(meetings.id, found.id));
  await s.post({ title: t.moved(plannedWhen(found.plannedAt), plannedWhen(plannedAt)), tone: 'info' });
  const newTime = formatTime(plannedAt);
  await s.audit('overleg.verzet', `${date} -> ${newDate}${newTime !== '00:00' ? ` ${newTime}` : ''}`);
  return answer({ title: t.movedDone(plannedWhen(plannedAt)), tone: 'success' });
}

/** `/overleg afgezegd`: the planned overleg will not take place; the rhythm counts from the last one held again. */
export async function cancelMeeting(s: Scope, date: Day, reason?: string): Promise<Reply> {
  const t = texts();
  const found = await plannedOn(s, date);
  if (!('plannedAt' in found)) return found;
  await s.tx.update(meetings).set({ cancelledAt: s.now }).where(eq(meetings.id, found.id));
  await s.post({ title: t.cancelled(plannedWhen(found.plannedAt)), ...(reason ? { fields: [{ label: t.reason, value: reason }] } : {}), tone: 'info' });
  await s.audit('overleg.afgezegd', date, reason);
  return answer({ title: t.cancelledDone(plannedWhen(found.plannedAt)), tone: 'success' });
}

async function linkResult(s: Scope, resultId: number, meetingId: number): Promise<void> {
  await s.tx.insert(resultLinks).values({ resultId, caseId: s.kase.id, meetingId, createdAt: s.now });
}

/** `/overleg gehouden` without decisions: the review form, one status and note per open result. */
export async function meetingForm(s: Scope, date?: Day): Promise<Form> {
  const t = texts();
  const rt = resultTexts();
  const open = (await resultsOf(s.tx, s.kase.id)).filter((r) => !isFinal(r.status));
  const statusOptions = [
    // A real value: an empty one is invalid in Slack and Teams choice lists.
    { value: unchangedValue, label: t.unchanged },
    ...resultStatuses.map((st) => ({ value: st, label: rt.status[st] })),
  ];
  return {
    id: 'overleg',
    title: t.formTitle,
    submitLabel: t.formSubmit,
    overflow: t.formOverflow,
    fields: [
      { name: 'datum', label: t.formDate, type: 'date', required: true, initial: date ?? s.today },
      ...open.flatMap((r) => [
        {
          name: `r${r.number}`,
          // A label to recognise the result by, not the whole text (up to 4,000 characters) fifty times over.
          label: `R-${r.number} ${truncateGraphemes(r.text, 200)} (${rt.status[r.status]})`,
          type: 'select' as const,
          required: false,
          options: statusOptions,
          initial: unchangedValue,
          group: `R-${r.number}`,
        },
        { name: `r${r.number}-toelichting`, label: `R-${r.number}: ${rt.note.toLowerCase()}`, type: 'text' as const, required: false, group: `R-${r.number}` },
      ]),
      // Agreements made at the table; ungrouped, so a platform that must shorten the form keeps them.
      ...Array.from({ length: FORM_AGREEMENTS }, (_, k) => k + 1).flatMap((i) => [
        {
          name: `a${i}-wie`,
          label: t.formAgreementOwner(i),
          type: 'select' as const,
          required: false,
          options: s.members.filter((m) => m.active).map((m) => ({ value: m.userId, label: truncateGraphemes(m.displayName, 60) })),
        },
        { name: `a${i}-datum`, label: t.formAgreementDate(i), type: 'date' as const, required: false },
        { name: `a${i}-tekst`, label: t.formAgreementText(i), type: 'text' as const, required: false },
      ]),
      { name: 'besluiten', label: t.decisions, type: 'textarea', required: true, hint: t.formHint },
    ],
  };
}

export async function agenda(s: Scope): Promise<Reply> {
  return answer(await buildAgenda(s.tx, s.kase, s.today, s.settings.OVERLEG_INTERVAL_DAYS));
}

/** `/overleg ritme <weken>`: this case's interval; the card, the agenda, the reminders and the due moments follow it. */
export async function setRhythm(s: Scope, weeks: number): Promise<Reply> {
  const t = texts();
  if (s.kase.overlegWeeks === weeks) return answer({ title: t.rhythmSame(weeks), tone: 'info' });
  await s.tx.update(cases).set({ overlegWeeks: weeks }).where(eq(cases.id, s.kase.id));
  Object.assign(s.kase, { overlegWeeks: weeks });
  const next = nextOverleg(s.kase, await lastHeld(s.tx, s.kase.id), await pendingPlanned(s.tx, s.kase.id), await referralsOf(s.tx, s.kase.id), s.settings.OVERLEG_INTERVAL_DAYS);
  await s.post({ title: t.rhythmSet(weeks), ...(next ? { text: t.rhythmNext(formatDay(next.due), next.basis === 'gepland') } : {}), tone: 'info' });
  await s.audit('overleg.ritme', `${weeks} weken`);
  return answer({ title: t.rhythmSet(weeks), tone: 'success' });
}

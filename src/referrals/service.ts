import { eq } from 'drizzle-orm';
import { first } from '../../db/connection.js';
import { cases, referrals, results } from '../../db/schema.js';
import { addDays, dayOf, formatDay, formatMoment } from '../clock.js';
import type { Day, ReferralKind } from '../commands/types.js';
import { holderOf } from '../cases/model.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import type { Form, Reply } from '../kernel/message.js';
import { referralMessage, referralStatusLine, texts } from './messages.js';
import { isSpic11, providerKey, referralOf, spic11StartMoments, statusOf, type ReferralRow } from './model.js';

export async function refer(
  s: Scope,
  input: { provider: string; role: ReferralKind; spic?: string | undefined; referredOn: Day; startDue?: Day | undefined },
): Promise<Reply> {
  const t = texts();
  if (input.referredOn > s.today) return refusal(t.futureReferral(formatDay(input.referredOn), formatDay(s.today)), t.futureReferral(formatDay(input.referredOn), formatDay(s.today)));
  const existing = await referralOf(s.tx, s.kase.id, input.provider);
  if (existing && statusOf(existing, s.today) !== 'gestopt') return refusal(t.duplicate(existing.provider), t.duplicate(existing.provider));
  // SPIC 11 starts within hours (DOMAIN.md), not within the 28-day norm of the other profiles.
  const crisis = input.spic && isSpic11(input.spic) ? spic11StartMoments({ referredOn: input.referredOn, createdAt: s.now }, s.settings.SPIC11_START_HOURS) : undefined;
  const [row] = await s.tx
    .insert(referrals)
    .values({
      caseId: s.kase.id,
      provider: input.provider,
      providerKey: providerKey(input.provider),
      role: input.role,
      spic: input.spic ?? null,
      referredOn: input.referredOn,
      startDue: crisis ? earlier(input.startDue, dayOf(crisis.due)) : (input.startDue ?? addDays(input.referredOn, s.settings.START_NORM_DAYS)),
      createdAt: s.now,
    })
    .returning();
  // The hoofdaannemer's SPIC is the case's support profile.
  if (input.role === 'ha' && input.spic) await s.tx.update(cases).set({ spic: input.spic }).where(eq(cases.id, s.kase.id));
  const message = referralMessage(row!, 'referred', s.today);
  if (crisis) {
    const due = formatMoment(crisis.due);
    // The hour it is due, unless an earlier start-uiterlijk was given.
    if (row!.startDue === dayOf(crisis.due)) message.fields = message.fields?.map((f) => (f.label === t.startDue ? { ...f, value: due } : f));
    message.context = t.spic11Start(s.settings.SPIC11_START_HOURS, due);
  }
  await s.post(message);
  await s.audit('inzet.verwezen', `${input.role} spic ${input.spic ?? '-'} referral #${row!.id}`);
  // The plan comes first (seed 002): the referral stands, but the gezinsmanager hears the plan is empty.
  const planned = await first(s.tx.select({ id: results.id }).from(results).where(eq(results.caseId, s.kase.id)).limit(1));
  const notes = [crisis ? t.spic11Start(s.settings.SPIC11_START_HOURS, formatMoment(crisis.due)) : undefined, planned ? undefined : t.noPlanYet].filter(
    (n): n is string => n !== undefined,
  );
  return answer({ title: t.done, tone: 'success', ...(notes.length ? { text: notes.join('\n') } : {}) });
}

/** A later start-uiterlijk does not stretch the SPIC 11 hours. */
const earlier = (a: Day | undefined, b: Day): Day => (a !== undefined && a < b ? a : b);

/**
 * Providers record their own start and end; the gezinsmanager may record any.
 * "That provider's workers" are the people tied to the provider
 * (`/casus lid … <aanbieder>`); a worker added without one stands for the
 * referral of their role (hoofdaannemer: ha, onderaannemer: oa).
 */
function mayRecord(s: Scope, r: ReferralRow): boolean {
  const me = s.me;
  if (!me) return false;
  if (me.role === 'gezinsmanager') return true;
  if (me.provider) return providerKey(me.provider) === r.providerKey;
  return (r.role === 'ha' && me.role === 'hoofdaannemer') || (r.role === 'oa' && me.role === 'onderaannemer');
}

export async function recordStart(s: Scope, provider: string, date?: Day): Promise<Reply> {
  const t = texts();
  const r = await referralOf(s.tx, s.kase.id, provider);
  if (!r) return refusal(t.unknownProvider(provider), t.unknownProvider(provider));
  if (!mayRecord(s, r)) return refusal(t.notYourReferral(r.provider), t.notYourReferral(r.provider));
  if (r.startedOn) return answer({ title: t.alreadyStarted(r.provider, formatDay(r.startedOn)), tone: 'info' });
  const startedOn = date ?? s.today;
  if (startedOn > s.today) return refusal(t.futureStart(formatDay(startedOn), formatDay(s.today)), t.futureStart(formatDay(startedOn), formatDay(s.today)));
  if (startedOn < r.referredOn) return refusal(t.startBeforeReferral, t.startBeforeReferral);
  const [row] = await s.tx.update(referrals).set({ startedOn }).where(eq(referrals.id, r.id)).returning();
  await s.post(referralMessage(row!, 'started', s.today));
  await s.audit('inzet.gestart', `${r.role} referral #${r.id} ${startedOn}`);
  return answer({ title: t.started(r.provider), tone: 'success' });
}

/**
 * Ends a referral now, or (`/inzet afronden`, `announce`) announces a planned
 * end when the date lies ahead; a planned end tells the gezinsmanager at once
 * (seed 000: providers announce the end too late). A stop (`/inzet gestopt`)
 * is a fact, so it cannot lie in the future.
 */
export async function recordStop(s: Scope, provider: string, reason?: string, date?: Day, announce = false): Promise<Reply> {
  const t = texts();
  const r = await referralOf(s.tx, s.kase.id, provider);
  if (!r) return refusal(t.unknownProvider(provider), t.unknownProvider(provider));
  if (!mayRecord(s, r)) return refusal(t.notYourReferral(r.provider), t.notYourReferral(r.provider));
  if (r.stoppedOn && r.stoppedOn <= s.today) return answer({ title: t.alreadyStopped(r.provider, formatDay(r.stoppedOn)), tone: 'info' });
  const stoppedOn = date ?? s.today;
  if (stoppedOn > s.today && !announce) {
    const why = t.futureStop(r.provider, formatDay(stoppedOn), formatDay(s.today));
    return refusal(why, why);
  }
  if (stoppedOn < r.referredOn) return refusal(t.stopBeforeReferral, t.stopBeforeReferral);
  const planned = stoppedOn > s.today;
  const [row] = await s.tx
    .update(referrals)
    .set({ stoppedOn, stopReason: reason ?? r.stopReason ?? null })
    .where(eq(referrals.id, r.id))
    .returning();
  const postId = await s.post(referralMessage(row!, planned ? 'planned-stop' : 'stopped', s.today));
  await s.audit(planned ? 'inzet.afronden' : 'inzet.gestopt', `${r.role} referral #${r.id} ${stoppedOn}`);
  const gm = holderOf(s.members, 'gezinsmanager');
  if (planned && gm && gm.userId !== s.ctx.actor.userId) {
    await s.direct(gm.userId, { title: t.plannedStopDirect(s.kase.code, r.provider, formatDay(stoppedOn)), tone: 'warning' }, postId);
  }
  return answer({ title: planned ? t.plannedStop(r.provider, formatDay(stoppedOn)) : t.stopped(r.provider), tone: 'success' });
}

/** What `/inzet wijzig` may correct, with its new value (`null`: not started, not stopped). */
export type ReferralChange =
  | { field: 'verwezen'; value: Day }
  | { field: 'start-uiterlijk'; value: Day }
  | { field: 'gestart'; value: Day | null }
  | { field: 'gestopt'; value: Day | null }
  | { field: 'spic'; value: string };

const column = { verwezen: 'referredOn', 'start-uiterlijk': 'startDue', gestart: 'startedOn', gestopt: 'stoppedOn', spic: 'spic' } as const;

/**
 * `/inzet wijzig`: the card, the waiting days, the overdue alerts (their keys
 * carry the dates) and the overleg rhythm follow the corrected date. Who may
 * record a field may correct it: the start and the end the provider's own
 * workers too, the rest the gezinsmanager.
 */
export async function changeReferral(s: Scope, provider: string, change: ReferralChange): Promise<Reply> {
  const t = texts();
  const r = await referralOf(s.tx, s.kase.id, provider);
  if (!r) return refusal(t.unknownProvider(provider), t.unknownProvider(provider));
  const fieldName = t.fieldName[change.field];
  const isDate = change.field !== 'spic';
  const gmOnly = change.field !== 'gestart' && change.field !== 'gestopt';
  if (gmOnly && s.me?.role !== 'gezinsmanager') return refusal(t.onlyGm(fieldName), t.onlyGm(fieldName));
  if (!mayRecord(s, r)) return refusal(t.notYourReferral(r.provider), t.notYourReferral(r.provider));
  const before = r[column[change.field]];
  const shown = (v: string | null) => (v === null ? t.notSet : isDate ? formatDay(v) : v);
  if (before === change.value) {
    const same = t.unchangedField(r.provider, fieldName, shown(before));
    return answer({ title: same.charAt(0).toUpperCase() + same.slice(1), tone: 'info' });
  }
  const next = { referredOn: r.referredOn, startDue: r.startDue, startedOn: r.startedOn, stoppedOn: r.stoppedOn, spic: r.spic, [column[change.field]]: change.value };
  // A start-due date that was the norm's default moves with the referral date.
  if (change.field === 'verwezen' && r.startDue === addDays(r.referredOn, s.settings.START_NORM_DAYS)) next.startDue = addDays(change.value, s.settings.START_NORM_DAYS);
  const why = checkDates(t, r.provider, next, s.today, change.field);
  if (why) return refusal(why, why);
  const [row] = await s.tx
    .update(referrals)
    .set({ ...next, ...(change.field === 'gestopt' && change.value === null ? { stopReason: null } : {}) })
    .where(eq(referrals.id, r.id))
    .returning();
  if (change.field === 'spic' && r.role === 'ha') await s.tx.update(cases).set({ spic: change.value }).where(eq(cases.id, s.kase.id));
  await s.post({
    title: t.changedPost(r.provider, s.ctx.actor.displayName, fieldName, shown(before), shown(change.value)),
    fields: [{ label: t.status, value: referralStatusLine(row!, s.today) }],
    tone: 'info',
  });
  await s.audit('inzet.gewijzigd', `${r.role} referral #${r.id} ${change.field} ${before ?? '-'} -> ${change.value ?? '-'}`);
  return answer({ title: t.changeDone(r.provider, fieldName, shown(before), shown(change.value)), tone: 'success' });
}

/** The dates of a corrected referral must still tell a possible story; the refusal says which date is possible. */
function checkDates(
  t: ReturnType<typeof texts>,
  provider: string,
  r: { referredOn: Day; startDue: Day; startedOn: Day | null; stoppedOn: Day | null },
  today: Day,
  field: ReferralChange['field'],
): string | undefined {
  if (field === 'verwezen' && r.referredOn > today) return t.futureReferral(formatDay(r.referredOn), formatDay(today));
  if (field === 'gestart' && r.startedOn && r.startedOn > today) return t.futureStart(formatDay(r.startedOn), formatDay(today));
  if (field === 'gestopt' && r.stoppedOn && r.stoppedOn > today) return t.futureStop(provider, formatDay(r.stoppedOn), formatDay(today));
  if (r.startDue < r.referredOn) return t.startBeforeReferral;
  if ((r.startedOn && r.startedOn < r.referredOn) || (r.stoppedOn && r.stoppedOn < r.referredOn)) return field === 'verwezen' ? t.referralAfterStart : field === 'gestopt' ? t.stopBeforeReferral : t.startBeforeReferral;
  if (r.startedOn && r.stoppedOn && r.startedOn > r.stoppedOn) return t.startAfterStop;
  return undefined;
}

export function referralForm(): Form {
  const t = texts();
  return {
    id: 'inzet',
    title: t.formTitle,
    submitLabel: t.formSubmit,
    fields: [
      { name: 'aanbieder', label: t.provider, type: 'text', required: true },
      {
        name: 'rol',
        label: t.role,
        type: 'select',
        required: true,
        initial: 'ha',
        options: [
          { value: 'ha', label: t.ha },
          { value: 'oa', label: t.oa },
        ],
      },
      { name: 'spic', label: t.spicOptional, type: 'text', required: false },
      { name: 'verwezen', label: t.referredOn, type: 'date', required: true },
      { name: 'start-uiterlijk', label: t.startDue, type: 'date', required: false },
    ],
  };
}

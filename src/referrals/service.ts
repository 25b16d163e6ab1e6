import { eq } from 'drizzle-orm';
import { cases, referrals } from '../../db/schema.js';
import { addDays, formatDay } from '../clock.js';
import type { Day, ReferralKind } from '../commands/types.js';
import { holderOf } from '../cases/model.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import type { Form, Reply } from '../kernel/message.js';
import { referralMessage, texts } from './messages.js';
import { providerKey, referralOf, statusOf, type ReferralRow } from './model.js';

export async function refer(
  s: Scope,
  input: { provider: string; role: ReferralKind; spic?: string | undefined; referredOn: Day; startDue?: Day | undefined },
): Promise<Reply> {
  const t = texts();
  const existing = await referralOf(s.tx, s.kase.id, input.provider);
  if (existing && statusOf(existing, s.today) !== 'gestopt') return refusal(t.duplicate(existing.provider), t.duplicate(existing.provider));
  const [row] = await s.tx
    .insert(referrals)
    .values({
      caseId: s.kase.id,
      provider: input.provider,
      providerKey: providerKey(input.provider),
      role: input.role,
      spic: input.spic ?? null,
      referredOn: input.referredOn,
      startDue: input.startDue ?? addDays(input.referredOn, s.settings.START_NORM_DAYS),
      createdAt: s.now,
    })
    .returning();
  // The hoofdaannemer's SPIC is the case's support profile.
  if (input.role === 'ha' && input.spic) await s.tx.update(cases).set({ spic: input.spic }).where(eq(cases.id, s.kase.id));
  await s.post(referralMessage(row!, 'referred', s.today));
  await s.audit('inzet.verwezen', `${input.role} spic ${input.spic ?? '-'} referral #${row!.id}`);
  return answer({ title: t.done, tone: 'success' });
}

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
  if (startedOn < r.referredOn) return refusal(t.startBeforeReferral, t.startBeforeReferral);
  const [row] = await s.tx.update(referrals).set({ startedOn }).where(eq(referrals.id, r.id)).returning();
  await s.post(referralMessage(row!, 'started', s.today));
  await s.audit('inzet.gestart', `${r.role} referral #${r.id}`);
  return answer({ title: t.started(r.provider), tone: 'success' });
}

/**
 * Ends a referral now, or announces a planned end when the date lies ahead; a
 * planned end tells the gezinsmanager at once (seed 000: providers announce
 * the end too late).
 */
export async function recordStop(s: Scope, provider: string, reason?: string, date?: Day): Promise<Reply> {
  const t = texts();
  const r = await referralOf(s.tx, s.kase.id, provider);
  if (!r) return refusal(t.unknownProvider(provider), t.unknownProvider(provider));
  if (!mayRecord(s, r)) return refusal(t.notYourReferral(r.provider), t.notYourReferral(r.provider));
  if (r.stoppedOn && r.stoppedOn <= s.today) return answer({ title: t.alreadyStopped(r.provider, formatDay(r.stoppedOn)), tone: 'info' });
  const stoppedOn = date ?? s.today;
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

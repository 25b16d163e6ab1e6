import type { Tx } from '../../../db/connection.js';
import type { Context } from '../../actors.js';
import { lastWord } from '../../cases/attention.js';
import { texts as caseTexts } from '../../cases/messages.js';
import { activeMembers, caseById, membershipOf } from '../../cases/model.js';
import { refreshCard } from '../../cases/service.js';
import { addDays, dayOf, daysBetween } from '../../clock.js';
import type { Day, SignalKind, Urgency } from '../../commands/types.js';
import type { Settings } from '../../config.js';
import { refusal } from '../../kernel/replies.js';
import { Scope } from '../../kernel/scope.js';
import type { ActionId, Message, Reply } from '../../kernel/message.js';
import { fileSignal } from '../../signals/service.js';
import { claim, ledgerKeys } from '../ledger.js';
import { texts } from '../messages.js';
import { morningOf } from '../moments.js';
import type { DueItem, Rule } from '../sweep.js';
import { caseTarget, mentionOf, postToCase, reachableCases } from '../target.js';

// Silence. A running case (phase ondersteunen) where nothing was heard for
// SILENCE_DAYS (see lastWord in cases/attention.ts: a provider's signal, a
// score, a referral recorded, started or stopped, an overleg held, the start
// of the phase) gets "Hoe staat het ervoor?" in its channel at 09:00,
// addressed to the hoofdaannemer, with three quick answers. While the silence
// lasts it is asked again every SILENCE_DAYS. Catch-up: only the latest ask.

/** The latest ask of the silence that began on `from` whose moment has passed (0: none). */
export function silenceAsk(from: Day, now: Date, silenceDays: number): number {
  const today = dayOf(now);
  let ask = Math.floor(daysBetween(from, today) / silenceDays);
  if (ask >= 1 && now < morningOf(addDays(from, ask * silenceDays))) ask--;
  return Math.max(0, ask);
}

export const silenceRule: Rule = {
  name: 'silence',
  async due(tx, now, settings, filter, memo) {
    const list = (await reachableCases(tx, filter, memo)).list.filter((c) => c.phase === 'ondersteunen');
    const heard = await lastWord(tx, filter, list);
    const items: DueItem[] = [];
    for (const kase of list) {
      const from = heard.get(kase.id);
      if (!from) continue;
      const ask = silenceAsk(from, now, settings.SILENCE_DAYS);
      if (ask < 1) continue;
      const key = ledgerKeys.silence(kase.id, from, ask);
      items.push({
        key,
        scope: { caseId: kase.id },
        caseCode: kase.code,
        recordId: kase.id,
        deliver: (t, at) => postQuestion(t, kase.id, key, daysBetween(from, dayOf(at)), at),
      });
    }
    return items;
  },
};

async function postQuestion(tx: Tx, caseId: number, key: string, silentDays: number, now: Date): Promise<void> {
  const target = await caseTarget(tx, caseId);
  if (!target) return;
  const t = texts();
  const message: Message = {
    title: t.silenceTitle,
    text: t.silence(mentionOf(target, 'hoofdaannemer'), t.days(silentDays)),
    tone: 'warning',
    context: t.silenceContext,
    actions: [
      { id: 'silence.ok', label: t.silenceOk, value: key, style: 'primary' },
      { id: 'silence.stagnatie', label: t.silenceStagnatie, value: key },
      { id: 'silence.zorg', label: t.silenceZorg, value: key, style: 'danger' },
    ],
  };
  await postToCase(tx, target, message, now);
}

export type SilenceAction = Extract<ActionId, 'silence.ok' | 'silence.stagnatie' | 'silence.zorg'>;

export function isSilenceAction(id: ActionId): id is SilenceAction {
  return id === 'silence.ok' || id === 'silence.stagnatie' || id === 'silence.zorg';
}

const answers: Record<SilenceAction, { kind: SignalKind; urgency: Urgency; text: () => string; explain: boolean }> = {
  'silence.ok': { kind: 'positief', urgency: 'laag', text: () => texts().silenceOkText, explain: false },
  'silence.stagnatie': { kind: 'stagnatie', urgency: 'normaal', text: () => texts().silenceStagnatieText, explain: true },
  'silence.zorg': { kind: 'zorg', urgency: 'hoog', text: () => texts().silenceZorgText, explain: true },
};

const questionKey = /^silence:case:(\d+):from:\d{4}-\d{2}-\d{2}:ask:\d+$/;

/**
 * A quick answer to "Hoe staat het ervoor?": files the matching signal
 * (positief / stagnatie / zorg) through the signal service, as the person who
 * pressed, in the transaction the core gives. Members only; each answer once
 * per question (a double click files one signal).
 */
export async function answerSilence(tx: Tx, ctx: Context, settings: Settings, actionId: SilenceAction, value: string): Promise<Reply> {
  const t = texts();
  const ct = caseTexts();
  const match = questionKey.exec(value);
  const kase = match ? await caseById(tx, Number(match[1])) : undefined;
  if (!kase || kase.status !== 'open') return refusal(ct.refusedTitle, t.silenceUnknown);
  const me = await membershipOf(tx, kase.id, ctx.actor.platform, ctx.actor.userId);
  if (!me) return refusal(ct.refusedTitle, ct.notMember(kase.code));
  if (!(await claim(tx, ledgerKeys.silenceAnswer(actionId, value), ctx.now))) return { message: { title: t.silenceAnswered, tone: 'info' } };
  const answer = answers[actionId];
  const s = new Scope(tx, ctx, settings, dayOf(ctx.now), kase, me, await activeMembers(tx, kase.id));
  const reply = await fileSignal(s, { kind: answer.kind, urgency: answer.urgency, text: answer.text() });
  if (reply.error) return reply;
  await refreshCard(s);
  if (answer.explain && reply.message) reply.message.text = [reply.message.text, t.silenceExplain].filter(Boolean).join('\n');
  return reply;
}

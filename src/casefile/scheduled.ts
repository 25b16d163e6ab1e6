import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { cases, deliveries, teams } from '../../db/schema.js';
import type { Context, Platform } from '../actors.js';
import { addDays, DAY, dayOf, daysBetween } from '../clock.js';
import type { Day, SignalKind, Urgency } from '../commands/types.js';
import type { Settings } from '../config.js';
import type { ActionId, Message, Reply } from '../kernel/message.js';
import { refusal } from '../kernel/replies.js';
import { Scope } from '../kernel/scope.js';
import { enqueue } from '../kernel/outbox.js';
import { claim, ledgerKeys } from '../scheduler/ledger.js';
import { texts as sharedTexts } from '../scheduler/messages.js';
import { morningOf } from '../scheduler/moments.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { caseTarget, mentionOf, postToCase, reachableCases } from '../cases/target.js';
import { fileSignal } from '../signals/service.js';
import { lastWord } from './attention.js';
import { followUpQuestion } from '../cases/followup.js';
import { texts as caseTexts, scheduledTexts } from '../cases/messages.js';
import { activeMembers, caseById, holderOf, membershipOf } from '../cases/model.js';
import { refreshCard } from './service.js';

/** The scheduler's shared words with this concept's own. */
const texts = () => ({ ...sharedTexts(), ...scheduledTexts() });

// Silence. A running case (phase ondersteunen) where nothing was heard for
// SILENCE_DAYS (see lastWord in casefile/attention.ts: a provider's signal, a
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
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const list = (await reachableCases(tx, filter, memo)).list.filter((c) => c.phase === 'ondersteunen');
    const heard = await lastWord(tx, filter, list);
    const items: DueItem[] = [];
    for (const kase of list) {
      const from = heard.get(kase.id);
      if (!from) continue;
      const ask = silenceAsk(from, now, settings.SILENCE_DAYS);
      // The next ask of this silence, unless a word is heard first (a write, which moves the row).
      wake?.at(kase.id, morningOf(addDays(from, (ask + 1) * settings.SILENCE_DAYS)));
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

// "Vinger aan de pols": three months after closure, ask the gezinsmanager
// personally (or, without one, the team channel) whether the family is still
// doing well. Once per case; an answer already given means no question.

export const FOLLOW_UP_MONTHS = 3;

function threeMonthsAfter(closedAt: Date): string {
  const day = dayOf(closedAt);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = m - 1 + FOLLOW_UP_MONTHS;
  const target = new Date(Date.UTC(y + Math.floor(month / 12), month % 12, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return addDays(`${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-01`, Math.min(d, lastDay) - 1);
}

export const followUpRule: Rule = {
  name: 'followup',
  async due(tx, now, _settings, filter) {
    if (filter.teamId !== undefined) return [];
    const where = [eq(cases.status, 'closed'), isNotNull(cases.closedAt), isNull(cases.followUpAnswer), isNull(cases.erasedAt)];
    if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
    const items: DueItem[] = [];
    for (const kase of await tx.select().from(cases).where(and(...where))) {
      if (now < morningOf(threeMonthsAfter(kase.closedAt!))) continue;
      items.push({
        key: `followup:case:${kase.id}`,
        scope: { caseId: kase.id },
        caseCode: kase.code,
        recordId: kase.id,
        deliver: async (t, at) => {
          const question = followUpQuestion(kase);
          const gm = holderOf(await activeMembers(t, kase.id), 'gezinsmanager');
          if (gm && kase.platform) {
            await enqueue(t, { kind: 'direct', platform: kase.platform as Platform, userId: gm.userId, caseId: kase.id }, question, at);
            return;
          }
          const team = kase.teamId ? await first(t.select().from(teams).where(eq(teams.id, kase.teamId)).limit(1)) : undefined;
          if (team?.platform && team.conversationId) {
            await enqueue(t, { kind: 'post', platform: team.platform as Platform, conversationId: team.conversationId, caseId: kase.id }, question, at);
          }
        },
      });
    }
    return items;
  },
};

// ARCHIVE_AFTER_DAYS after closure a Slack case channel is archived: it leaves
// people's sidebars and takes no new messages. Once per closure (the ledger
// key names the moment the case closed). Teams needs Microsoft Graph for that
// and the sandbox has no archive, so only Slack channels. 0 means never.

export const archiveKey = (caseId: number, closedAt: Date) => `archive:case:${caseId}:closed:${closedAt.getTime()}`;

export const archiveRule: Rule = {
  name: 'archive',
  async due(tx, now, settings, filter) {
    const days = settings.ARCHIVE_AFTER_DAYS;
    if (days === 0 || filter.teamId !== undefined) return [];
    const where = [
      eq(cases.status, 'closed'),
      isNotNull(cases.closedAt),
      lte(cases.closedAt, new Date(now.getTime() - days * DAY)),
      eq(cases.platform, 'slack'),
      isNotNull(cases.conversationId),
      // Closed cases pile up over the years: those archived already are left out in SQL, not read every minute.
      sql`not exists (select 1 from ${deliveries} where ${deliveries.key} = 'archive:case:' || ${cases.id} || ':closed:' || ${cases.closedAt})`,
    ];
    if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
    const rows = await tx
      .select({ id: cases.id, code: cases.code, closedAt: cases.closedAt, conversationId: cases.conversationId })
      .from(cases)
      .where(and(...where));
    const items: DueItem[] = [];
    for (const kase of rows) {
      const conversationId = kase.conversationId!;
      items.push({
        key: archiveKey(kase.id, kase.closedAt!),
        scope: { caseId: kase.id },
        caseCode: kase.code,
        recordId: kase.id,
        deliver: async (t, at) => {
          await enqueue(t, { kind: 'archive', platform: 'slack', conversationId, caseId: kase.id }, { title: 'archiveren' }, at);
        },
      });
    }
    return items;
  },
};

import { eq } from 'drizzle-orm';
import { first } from '../../db/connection.js';
import { escalations, teams } from '../../db/schema.js';
import { leaderOf, tellNoLeaderOnce } from '../cases/leader.js';
import { dayOf, daysBetween } from '../clock.js';
import type { EscalationBody, EscalationTopic } from '../commands/types.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { enqueue } from '../kernel/outbox.js';
import type { Platform } from '../actors.js';
import type { Reply } from '../kernel/message.js';
import { texts } from './messages.js';
import { escalationByNumber, escalationsOf, nextEscalationNumber, type EscalationRow } from './model.js';

export async function escalate(s: Scope, topic: EscalationTopic, text: string): Promise<Reply> {
  const t = texts();
  const number = await nextEscalationNumber(s.tx, s.kase.id);
  await s.tx
    .insert(escalations)
    .values({ caseId: s.kase.id, number, topic, text, byId: s.ctx.actor.userId, byRole: s.me?.role ?? 'onbekend', createdAt: s.now });
  const postId = await s.post({
    title: t.filed(number, t.topic[topic]),
    text,
    fields: [{ label: t.by, value: `<@${s.ctx.actor.userId}>` }],
    tone: 'warning',
    names: { [s.ctx.actor.userId]: s.ctx.actor.displayName },
  });
  await s.audit('escalatie.nieuw', `E-${number} ${topic}`);
  // The teamleider decides: the case's own or else the team's, personally; else the team's channel hears it.
  const notice = { title: t.directTitle(s.kase.code, number), text: t.directText, tone: 'warning' as const };
  const leader = await leaderOf(s.tx, s.kase, s.members);
  if (leader) {
    await s.direct(leader.userId, notice, postId);
    return answer({ title: t.filedReply(number), text: t.leaderTold, tone: 'success' });
  }
  const team = s.kase.teamId ? await first(s.tx.select().from(teams).where(eq(teams.id, s.kase.teamId)).limit(1)) : undefined;
  if (team?.platform && team.conversationId) {
    await enqueue(s.tx, { kind: 'post', platform: team.platform as Platform, conversationId: team.conversationId, caseId: s.kase.id }, notice, s.now);
    return answer({ title: t.filedReply(number), text: t.leaderTold, tone: 'success' });
  }
  await tellNoLeaderOnce(s.tx, s.kase, s.members, s.now);
  return answer({ title: t.filedNoLeader(number), tone: 'warning' });
}

/**
 * `/escalatie doorzetten`: the escalation went beyond the team (seed 000:
 * the escalatietafel, an independent expert; help that does not start:
 * zorgbemiddeling). The bot cannot reach them; it records where it lies.
 */
export async function forward(s: Scope, number: number, body: EscalationBody, note?: string): Promise<Reply> {
  const t = texts();
  const row = await escalationByNumber(s.tx, s.kase.id, number);
  if (!row) return refusal(t.notFound(number), t.notFound(number));
  if (row.decidedAt) return refusal(t.forwardDecided(number), t.forwardDecided(number));
  if (row.forwardedTo === body) return answer({ title: t.alreadyForwarded(number, t.body[body]), tone: 'info' });
  await s.tx
    .update(escalations)
    .set({ forwardedTo: body, forwardedAt: s.now, forwardedById: s.ctx.actor.userId, forwardedNote: note ?? null })
    .where(eq(escalations.id, row.id));
  const fields = [{ label: t.forwardedBy, value: `<@${s.ctx.actor.userId}>` }];
  if (note) fields.push({ label: t.note, value: note });
  await s.post({ title: t.forwarded(number, t.body[body]), fields, tone: 'warning', names: { [s.ctx.actor.userId]: s.ctx.actor.displayName } });
  await s.audit('escalatie.doorgezet', `E-${number} ${body}`);
  // How to go on is the gezinsmanager's own: it stays beside the "Geplaatst".
  return answer({ title: t.forwarded(number, t.body[body]), text: t.forwardedHow(number), tone: 'success' });
}

/**
 * `/escalatie besluit`: the teamleider's decision, or, once the escalation
 * went further, the outside body's, which the gezinsmanager may record too.
 */
export async function decide(s: Scope, number: number, decision: string): Promise<Reply> {
  const t = texts();
  const row = await escalationByNumber(s.tx, s.kase.id, number);
  if (!row) return refusal(t.notFound(number), t.notFound(number));
  if (row.decidedAt) return answer({ title: t.alreadyDecided(number), tone: 'info' });
  const asLeader = s.me?.role === 'teamleider' || (await leaderOf(s.tx, s.kase, s.members))?.userId === s.ctx.actor.userId;
  if (!row.forwardedTo && !asLeader) return refusal(t.gmNotForwarded(number), t.gmNotForwarded(number));
  await s.tx.update(escalations).set({ decision, decidedById: s.ctx.actor.userId, decidedAt: s.now }).where(eq(escalations.id, row.id));
  await s.post({
    title: row.forwardedTo ? t.decidedBy(number, t.body[row.forwardedTo]) : t.decided(number),
    fields: [
      { label: t.decision, value: decision },
      { label: t.recordedBy, value: `<@${s.ctx.actor.userId}>` },
    ],
    tone: 'success',
    names: { [s.ctx.actor.userId]: s.ctx.actor.displayName },
  });
  await s.audit('escalatie.besluit', `E-${number}${row.forwardedTo ? ` ${row.forwardedTo}` : ''}`);
  return answer({ title: t.decidedReply(number), tone: 'success' });
}

/** Where an undecided escalation lies: with the teamleider, or the body it was taken to. */
export function whereOf(e: Pick<EscalationRow, 'forwardedTo'>): string {
  const t = texts();
  return t.where(e.forwardedTo ? t.body[e.forwardedTo] : t.teamleider);
}

export function escalationLine(e: EscalationRow, now: Date): string {
  const t = texts();
  const by = e.forwardedTo ? t.body[e.forwardedTo] : t.teamleider;
  const state = e.decision ? t.decidedLineBy(by, e.decision) : `${t.open(daysBetween(dayOf(e.createdAt), dayOf(now)))}, ${whereOf(e)}`;
  return `E-${e.number} ${t.topic[e.topic]}: ${state}`;
}

export async function listEscalations(s: Scope): Promise<Reply> {
  const t = texts();
  const rows = await escalationsOf(s.tx, s.kase.id);
  return answer({ title: t.listTitle(s.kase.code), ...(rows.length ? { lines: rows.map((e) => escalationLine(e, s.now)) } : { text: t.listEmpty }) });
}

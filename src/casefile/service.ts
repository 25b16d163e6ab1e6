import { eq } from 'drizzle-orm';
import { cases, members, teams } from '../../db/schema.js';
import type { Context, Platform, Role } from '../actors.js';
import { audit } from '../audit/log.js';
import { formatDay } from '../clock.js';
import type { Consent, Phase } from '../commands/types.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { first, type Tx } from '../../db/connection.js';
import { words } from '../commands/words.js';
import type { Message, Reply } from '../kernel/message.js';
import { caseCard } from './card.js';
import { reportLeft } from '../cases/handover.js';
import { texts } from '../cases/messages.js';
import { activeMembers, caseByCode, caseById, caseByConversation, membershipOf, type CaseRow } from '../cases/model.js';
import { timelineSentences } from './timeline.js';
import { enqueue } from '../kernel/outbox.js';

/** Creates the case with its creator as gezinsmanager, in the given conversation. */
export async function createCase(tx: Tx, ctx: Context, code: string, conversationId: string, title?: string): Promise<CaseRow | 'taken'> {
  if (await caseByCode(tx, code)) return 'taken';
  const [kase] = await tx
    .insert(cases)
    .values({ code, title: title ?? null, phaseSince: ctx.now, platform: ctx.actor.platform, conversationId, createdAt: ctx.now })
    .returning();
  await tx
    .insert(members)
    .values({
      caseId: kase!.id,
      platform: ctx.actor.platform,
      userId: ctx.actor.userId,
      displayName: ctx.actor.displayName,
      role: 'gezinsmanager',
      addedAt: ctx.now,
    });
  await audit(tx, ctx.actor, 'casus.aangemaakt', kase!.id, code, ctx.now);
  return kase!;
}

/** `/casus koppel`: this conversation becomes the case's channel. */
export async function linkCase(tx: Tx, ctx: Context, code: string): Promise<{ reply: Reply; kase?: CaseRow }> {
  const t = texts();
  const here = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
  if (here) return { reply: refusal(t.alreadyLinked(here.code), t.alreadyLinked(here.code)) };
  const existing = await caseByCode(tx, code);
  if (!existing) {
    const kase = await createCase(tx, ctx, code, ctx.conversationId);
    if (kase === 'taken') return { reply: refusal(t.codeTaken(code), t.codeTaken(code)) };
    return { reply: answer({ title: t.created(code), tone: 'success' }), kase };
  }
  const me = await membershipOf(tx, existing.id, ctx.actor.platform, ctx.actor.userId);
  if (me?.role !== 'gezinsmanager') return { reply: refusal(t.refusedTitle, t.notYourCase(code)) };
  if (existing.status === 'closed') return { reply: refusal(t.refusedTitle, t.closedCase(code)) };
  await tx
    .update(cases)
    .set({ platform: ctx.actor.platform, conversationId: ctx.conversationId, cardMessageId: null })
    .where(eq(cases.id, existing.id));
  await audit(tx, ctx.actor, 'casus.gekoppeld', existing.id, code, ctx.now);
  const kase = { ...existing, platform: ctx.actor.platform, conversationId: ctx.conversationId, cardMessageId: null };
  // Moving does not take anything out of the old channel: say so, so nobody assumes it.
  return { reply: answer({ title: t.linked(code), lines: [t.oldChannelStays], tone: 'success' }), kase };
}

export async function caseInfo(s: Scope): Promise<Reply> {
  return answer(await caseCard(s.tx, s.kase, s.now, s.settings.OVERLEG_INTERVAL_DAYS));
}

/**
 * Redraws a case's pinned card outside a command, when time alone changes
 * what it shows (an agreement passing its date). Nothing without a card.
 */
export async function redrawCard(tx: Tx, caseId: number, now: Date, intervalDays: number): Promise<void> {
  const kase = await caseById(tx, caseId);
  if (!kase || kase.status !== 'open' || !kase.cardMessageId || !kase.platform) return;
  const card = await caseCard(tx, kase, now, intervalDays);
  await enqueue(tx, { kind: 'update', platform: kase.platform as Platform, relatedId: kase.cardMessageId, caseId }, card, now);
}

/** Posts the card (pinned) the first time, and updates it in place after that. */
export async function refreshCard(s: Scope): Promise<void> {
  const card = await caseCard(s.tx, s.kase, s.now, s.settings.OVERLEG_INTERVAL_DAYS);
  if (s.kase.cardMessageId) {
    await s.update(s.kase.cardMessageId, card);
    return;
  }
  const id = await s.post({ ...card, pin: true });
  await s.tx.update(cases).set({ cardMessageId: id }).where(eq(cases.id, s.kase.id));
}

const singleHolder: Role[] = ['gezinsmanager', 'hoofdaannemer'];
/** The roles of a provider's workers. */
const providerWorkers: Role[] = ['hoofdaannemer', 'hulpverlener', 'onderaannemer', 'spoedhulp'];

export async function addMember(s: Scope, userId: string, displayName: string | undefined, role: Role, provider?: string): Promise<Reply> {
  const t = texts();
  const w = words();
  const platform = s.platform;
  const existing = await membershipOf(s.tx, s.kase.id, platform, userId);
  const name = displayName ?? existing?.displayName ?? userId;
  const who = `<@${userId}>`;
  const names = { [userId]: name };
  // A worker keeps their provider when it is not named again; a role that works for none has none.
  const worksFor = provider ?? (existing && existing.role === role ? existing.provider : null) ?? null;
  const roleLabel = worksFor ? t.roleOf(w.role[role], worksFor) : w.role[role];
  if (existing && existing.role === role && existing.provider === worksFor) return answer({ title: t.memberUnchanged(name, roleLabel), tone: 'info' });
  if (existing?.role === 'gezinsmanager' && userId === s.ctx.actor.userId) return refusal(t.refusedTitle, t.selfDemote);

  const lines: string[] = [];
  // One regisseur each: a new gezinsmanager or hoofdaannemer takes over.
  if (singleHolder.includes(role)) {
    const holder = s.members.find((m) => m.role === role && m.userId !== userId);
    if (holder) {
      await s.tx.update(members).set({ active: false, removedAt: s.now }).where(eq(members.id, holder.id));
      names[holder.userId] = holder.displayName;
      lines.push(t.handedOver(`<@${holder.userId}>`, who, w.role[role]));
      await s.audit('casus.lid-overgedragen', `${role} ${holder.userId} -> ${userId}`);
    }
  }
  if (existing) {
    await s.tx.update(members).set({ role, displayName: name, provider: worksFor }).where(eq(members.id, existing.id));
    lines.unshift(t.memberChanged(who, roleLabel));
  } else {
    await s.tx.insert(members).values({ caseId: s.kase.id, platform, userId, displayName: name, role, provider: worksFor, addedAt: s.now });
    lines.unshift(t.memberAdded(who, roleLabel));
  }
  await s.audit('casus.lid', `${role} ${userId}`);
  s.members = await activeMembers(s.tx, s.kase.id);
  const [first, ...rest] = lines;
  const message: Message = { title: first!, names, tone: 'info' };
  if (rest.length) message.lines = rest;
  const postId = await s.post(message);
  // Someone else added (not a role change): told personally, with a link to the channel post; no case content.
  if (!existing && userId !== s.ctx.actor.userId) {
    await s.direct(userId, { title: t.welcomeTitle(s.kase.code, w.role[role]), text: t.welcomeText, tone: 'info' }, postId);
  }
  // Only the gezinsmanager adds people: her answer is where the reminder of the family's consent belongs.
  const consentLine = providerWorkers.includes(role) && s.kase.consent !== 'ja' && s.kase.consent !== 'deels' ? t.consentReminder(s.kase.consent === 'nee' ? t.consentStateNee : t.consentStateUnknown) : undefined;
  return answer({ ...message, ...(consentLine ? { lines: [...(message.lines ?? []), consentLine] } : {}), tone: 'success' });
}

/** `/casus toestemming`: the family's consent to share information (seed 002), dated today. */
export async function recordConsent(s: Scope, consent: Consent, note?: string): Promise<Reply> {
  const t = texts();
  const label = t.consentValue[consent];
  if (s.kase.consent === consent && (note ?? null) === s.kase.consentNote) return answer({ title: t.consentSame(label), tone: 'info' });
  await s.tx.update(cases).set({ consent, consentOn: s.today, consentNote: note ?? null }).where(eq(cases.id, s.kase.id));
  Object.assign(s.kase, { consent, consentOn: s.today, consentNote: note ?? null });
  await s.audit('casus.toestemming', consent);
  const message: Message = { title: t.consentSet(label, formatDay(s.today)), tone: 'info' };
  if (note) message.text = note;
  await s.post(message);
  return answer({ ...message, tone: 'success' });
}

export async function setPhase(s: Scope, phase: Phase): Promise<Reply> {
  const t = texts();
  const label = words().phase[phase];
  if (s.kase.phase === phase) return answer({ title: t.phaseSame(label), tone: 'info' });
  await s.tx.update(cases).set({ phase, phaseSince: s.now }).where(eq(cases.id, s.kase.id));
  Object.assign(s.kase, { phase, phaseSince: s.now });
  await s.post({ title: t.phaseSet(label), tone: 'info' });
  await s.audit('casus.fase', phase);
  return answer({ title: t.phaseSet(label), tone: 'success' });
}

export async function findOrCreateTeam(tx: Tx, name: string, now: Date): Promise<{ id: number; name: string }> {
  const clean = name.trim().replace(/\s+/g, ' ');
  const found = await first(tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.name, clean)).limit(1));
  if (found) return found;
  const [row] = await tx.insert(teams).values({ name: clean, createdAt: now }).returning({ id: teams.id, name: teams.name });
  return row!;
}

export async function setTeam(s: Scope, name: string): Promise<Reply> {
  const t = texts();
  const team = await findOrCreateTeam(s.tx, name, s.now);
  await s.tx.update(cases).set({ teamId: team.id }).where(eq(cases.id, s.kase.id));
  s.kase.teamId = team.id;
  await s.audit('casus.team', `team #${team.id}`);
  return answer({ title: t.teamSet(team.name), tone: 'success' });
}

/**
 * `/casus verwijder`. `manualStep` is there when the platform cannot take the
 * person out of the channel (Teams without Graph): then the answer does not
 * claim they lost access, and names the step the gezinsmanager must take.
 */
export async function removeMember(s: Scope, userId: string, manualStep?: (who: string) => Promise<string>): Promise<Reply> {
  const t = texts();
  const member = s.members.find((m) => m.userId === userId);
  if (!member) return refusal(t.refusedTitle, t.notAMember(userId));
  if (member.role === 'gezinsmanager') return refusal(t.refusedTitle, t.selfDemote);
  await s.tx.update(members).set({ active: false, removedAt: s.now }).where(eq(members.id, member.id));
  s.members = await activeMembers(s.tx, s.kase.id);
  await s.audit('casus.lid-verwijderd', `${member.role} ${userId}`);
  const who = `<@${userId}>`;
  const role = words().role[member.role];
  const names = { [userId]: member.displayName };
  if (manualStep) {
    const message: Message = { title: t.memberRemovedHere(who, role), lines: [t.stillReads(who)], names, tone: 'info' };
    await s.post(message);
    const left = await reportLeft(s, member);
    return answer({ ...message, lines: [...message.lines!, ...left, await manualStep(who)], tone: 'warning' });
  }
  const message: Message = { title: t.memberRemoved(who, role), names, tone: 'info' };
  await s.post(message);
  const left = await reportLeft(s, member);
  return answer({ ...message, ...(left.length ? { lines: left } : {}), tone: 'success' });
}

/** The latest fifty entries as sentences; the export holds them all. */
export async function timeline(s: Scope): Promise<Reply> {
  const t = texts();
  const lines = await timelineSentences(s.tx, s.kase.id);
  return answer({
    title: t.timelineTitle(s.kase.code),
    ...(lines.length ? { lines: lines.slice(-50) } : { text: t.timelineEmpty }),
  });
}

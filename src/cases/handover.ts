import { eq } from 'drizzle-orm';
import { first } from '../../db/connection.js';
import { members, teams } from '../../db/schema.js';
import type { Platform } from '../actors.js';
import { enqueue } from '../kernel/outbox.js';
import type { Message, Reply } from '../kernel/message.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { leaderOf } from './leader.js';
import { texts } from './messages.js';
import { activeMembers, holderOf, type MemberRow } from './model.js';

// Handovers (issue 21, item 4). Youth protection has high staff turnover: a
// case must never silently lose the person who holds regie op veiligheid, and
// someone must be able to give it a new one.

/**
 * `/casus overdragen <@gebruiker>`: that person becomes the gezinsmanager. The
 * former one leaves the case (the timeline keeps them); the new one is let
 * into the channel after the commit (the entry's membership), and the
 * channel is told.
 */
export async function handOver(s: Scope, userId: string, displayName: string | undefined): Promise<Reply> {
  const t = texts();
  const former = holderOf(s.members, 'gezinsmanager');
  const existing = s.members.find((m) => m.userId === userId);
  const name = displayName ?? existing?.displayName ?? userId;
  const who = `<@${userId}>`;
  const names: Record<string, string> = { [userId]: name };
  if (former?.userId === userId) return answer({ title: t.alreadyManager(who), names, tone: 'info' });
  const lines: string[] = [];
  if (former) {
    await s.tx.update(members).set({ active: false, removedAt: s.now }).where(eq(members.id, former.id));
    names[former.userId] = former.displayName;
    lines.push(t.formerStays(`<@${former.userId}>`));
  }
  if (existing) await s.tx.update(members).set({ role: 'gezinsmanager', displayName: name }).where(eq(members.id, existing.id));
  else await s.tx.insert(members).values({ caseId: s.kase.id, platform: s.platform, userId, displayName: name, role: 'gezinsmanager', addedAt: s.now });
  await s.audit('casus.overgedragen', `${former?.userId ?? '-'} -> ${userId}`);
  s.members = await activeMembers(s.tx, s.kase.id);
  // The one who held regie op zorg cannot hold both: the case now has no hoofdaannemer.
  if (existing?.role === 'hoofdaannemer') lines.push(t.mainLeft(who));
  const message: Message = { title: former ? t.handOver(`<@${former.userId}>`, who) : t.takeOver(who), names, tone: 'info' };
  if (lines.length) message.lines = lines;
  await s.post(message);
  return answer({ ...message, tone: 'success' });
}

/**
 * Someone left the case (left the channel, or was taken out). A gezinsmanager
 * leaving is reported to the teamleider at once, and the channel is told; a
 * hoofdaannemer leaving tells the gezinsmanager that regie op zorg is vacant.
 * Returns the lines the person who removed them should read.
 */
export async function reportLeft(s: Scope, gone: Pick<MemberRow, 'userId' | 'displayName' | 'role'>): Promise<string[]> {
  const t = texts();
  const who = `<@${gone.userId}>`;
  const names: Record<string, string> = { [gone.userId]: gone.displayName };
  if (gone.role === 'gezinsmanager' && !holderOf(s.members, 'gezinsmanager')) {
    await s.audit('casus.zonder-gezinsmanager', gone.userId);
    const leader = await leaderOf(s.tx, s.kase, s.members);
    const lines = [leader ? t.leaderTold(`<@${leader.userId}>`) : t.noLeaderToTell];
    if (leader) {
      names[leader.userId] = leader.displayName;
      const postId = await s.post({ title: t.managerLeftTitle(s.kase.code), text: t.managerLeft(who), lines, names, tone: 'danger' });
      await s.direct(leader.userId, { title: t.managerLeftTitle(s.kase.code), text: t.managerLeftDirect(s.kase.code), tone: 'danger' }, postId);
    } else {
      await s.post({ title: t.managerLeftTitle(s.kase.code), text: t.managerLeft(who), lines, names, tone: 'danger' });
      await postToTeam(s, { title: t.managerLeftTitle(s.kase.code), text: t.managerLeftDirect(s.kase.code), tone: 'danger' });
    }
    return [t.managerLeft(who), ...lines];
  }
  if (gone.role === 'hoofdaannemer' && !holderOf(s.members, 'hoofdaannemer')) {
    const gm = holderOf(s.members, 'gezinsmanager');
    const message: Message = { title: t.mainLeftTitle(s.kase.code), text: t.mainLeft(who), names, tone: 'warning' };
    const postId = await s.post(message);
    if (gm && gm.userId !== s.ctx.actor.userId) await s.direct(gm.userId, { title: t.mainLeftTitle(s.kase.code), tone: 'warning' }, postId);
    return [t.mainLeft(who)];
  }
  return [];
}

/** The team channel, when the case's team has one on the case's platform. */
async function postToTeam(s: Scope, message: Message): Promise<void> {
  if (!s.kase.teamId) return;
  const team = await first(s.tx.select({ platform: teams.platform, conversationId: teams.conversationId }).from(teams).where(eq(teams.id, s.kase.teamId)).limit(1));
  if (!team?.platform || !team.conversationId) return;
  await enqueue(s.tx, { kind: 'post', platform: team.platform as Platform, conversationId: team.conversationId, caseId: s.kase.id }, message, s.now);
}

import { and, eq } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import type { Context } from '../actors.js';
import { audit } from '../audit/log.js';
import { findOrCreateTeam } from '../casefile/service.js';
import { answer, refusal } from '../kernel/replies.js';
import { enqueue } from '../kernel/outbox.js';
import type { Message } from '../kernel/message.js';
import { catalog } from '../i18n/index.js';
import type { Reply } from '../kernel/message.js';

export const texts = catalog({
  nl: {
    linked: (name: string) => `Dit kanaal is nu het teamkanaal van ${name}. Hier komt elke week de digest.`,
    noTeam: 'Dit kanaal is nog geen teamkanaal.',
    noTeamHow: 'Koppel het aan een team met /team koppel <teamnaam>.',
    caseChannel: 'Dit is een casuskanaal. Koppel een team in een eigen teamkanaal.',
    leaderSet: (who: string, team: string) => `${who} is nu de teamleider van ${team}. Meldingen en escalaties van casussen van dit team zonder eigen teamleider gaan naar deze persoon.`,
    leaderHandedOn: (from: string, to: string, team: string) => `Teamleider van ${team}: overgedragen van ${from} aan ${to}.`,
    leaderSame: (who: string, team: string) => `${who} is al de teamleider van ${team}. Er is niets veranderd.`,
    leaderRefused: 'Niet toegestaan',
    leaderOnly: (who: string, team: string) => `${team} heeft al een teamleider: ${who}. Alleen die kan de rol doorgeven, met /team teamleider <@gebruiker>.`,
  },
  en: {
    linked: (name: string) => `This channel is now the team channel of ${name}. The weekly digest goes here.`,
    noTeam: 'This channel is not a team channel yet.',
    noTeamHow: 'Link it to a team with /team koppel <teamnaam>.',
    caseChannel: 'This is a case channel. Link a team in a team channel of its own.',
    leaderSet: (who: string, team: string) => `${who} now leads ${team}. Alerts and escalations of the team’s cases without a team leader of their own go to this person.`,
    leaderHandedOn: (from: string, to: string, team: string) => `Team leader of ${team}: handed on from ${from} to ${to}.`,
    leaderSame: (who: string, team: string) => `${who} already leads ${team}. Nothing changed.`,
    leaderRefused: 'Not allowed',
    leaderOnly: (who: string, team: string) => `${team} already has a team leader: ${who}. Only they can hand the role on, with /team teamleider <@gebruiker>.`,
  },
});

export type TeamRow = typeof teams.$inferSelect;

export async function teamByConversation(tx: Tx, ctx: Context): Promise<TeamRow | undefined> {
  return first(
    tx
      .select()
      .from(teams)
      .where(and(eq(teams.platform, ctx.actor.platform), eq(teams.conversationId, ctx.conversationId)))
      .limit(1),
  );
}

export async function linkTeam(tx: Tx, ctx: Context, name: string): Promise<Reply> {
  const team = await findOrCreateTeam(tx, name, ctx.now);
  // A channel serves one team; linking again moves it.
  await tx
    .update(teams)
    .set({ platform: null, conversationId: null })
    .where(and(eq(teams.platform, ctx.actor.platform), eq(teams.conversationId, ctx.conversationId)));
  await tx.update(teams).set({ platform: ctx.actor.platform, conversationId: ctx.conversationId }).where(eq(teams.id, team.id));
  await audit(tx, ctx.actor, 'team.gekoppeld', null, `team #${team.id}`, ctx.now);
  return answer({ title: texts().linked(team.name), tone: 'success' });
}

export function notATeamChannel(): Reply {
  const t = texts();
  return refusal(t.noTeam, t.noTeamHow);
}

/**
 * `/team teamleider <@gebruiker>` in a team channel. Anyone may set it while
 * the team has none (someone has to be first); after that only the teamleider,
 * who hands it on. The team channel is told.
 */
export async function setLeader(tx: Tx, ctx: Context, userId: string, displayName: string | undefined): Promise<Reply> {
  const t = texts();
  const team = await teamByConversation(tx, ctx);
  if (!team) return notATeamChannel();
  const who = `<@${userId}>`;
  const name = displayName ?? (team.leaderId === userId ? team.leaderName : undefined) ?? userId;
  const names: Record<string, string> = { [userId]: name };
  const current = team.leaderId && team.leaderPlatform === ctx.actor.platform ? team.leaderId : undefined;
  if (current) names[current] = team.leaderName ?? current;
  if (current === userId) return answer({ title: t.leaderSame(who, team.name), names, tone: 'info' });
  if (current && current !== ctx.actor.userId) return refusal(t.leaderRefused, t.leaderOnly(`<@${current}>`, team.name));
  await tx.update(teams).set({ leaderPlatform: ctx.actor.platform, leaderId: userId, leaderName: name }).where(eq(teams.id, team.id));
  await audit(tx, ctx.actor, 'team.teamleider', null, `team #${team.id} ${userId}`, ctx.now);
  const message: Message = { title: current ? t.leaderHandedOn(`<@${current}>`, who, team.name) : t.leaderSet(who, team.name), names, tone: 'info' };
  if (current) message.lines = [t.leaderSet(who, team.name)];
  await enqueue(tx, { kind: 'post', platform: ctx.actor.platform, conversationId: ctx.conversationId }, message, ctx.now);
  return answer({ ...message, tone: 'success' });
}

import { and, eq } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import type { Context } from '../actors.js';
import { audit } from '../audit/log.js';
import { findOrCreateTeam } from '../casefile/service.js';
import { answer, refusal } from '../kernel/replies.js';
import { catalog } from '../i18n/index.js';
import type { Reply } from '../kernel/message.js';

export const texts = catalog({
  nl: {
    linked: (name: string) => `Dit kanaal is nu het teamkanaal van ${name}. Hier komt elke week de digest.`,
    noTeam: 'Dit kanaal is nog geen teamkanaal.',
    noTeamHow: 'Koppel het aan een team met /team koppel <teamnaam>.',
    caseChannel: 'Dit is een casuskanaal. Koppel een team in een eigen teamkanaal.',
  },
  en: {
    linked: (name: string) => `This channel is now the team channel of ${name}. The weekly digest goes here.`,
    noTeam: 'This channel is not a team channel yet.',
    noTeamHow: 'Link it to a team with /team koppel <teamnaam>.',
    caseChannel: 'This is a case channel. Link a team in a team channel of its own.',
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

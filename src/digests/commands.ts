import { z } from 'zod';
import { notATeamChannel, teamByConversation } from '../basisteams/service.js';
import { commandsWith, type Outside } from '../kernel/command.js';
import { answer } from '../kernel/replies.js';
import type { Reply } from '../kernel/message.js';
import { digestWithChart } from './chart.js';

// The /digest command (src/kernel/command.ts says what an entry holds).

const command = commandsWith<never>();
export const commands = [
  command({
    name: 'digest',
    topic: 'digest',
    schema: z.object({ name: z.literal('digest') }),
    // `/digest` takes no words: it reads the rest, which must be empty.
    otherwise: true,
    usage: '/digest',
    example: '/digest',
    help: {
      nl: 'Toon nu het overzicht van het team.',
      en: 'Show the team overview now.',
    },
    who: { nl: 'iedereen in een teamkanaal', en: 'anyone in a team channel' },
    access: 'anyone',
    mode: 'outside',
    handler: digestHere,
  }),
] as const;

/** Only in a team channel: the overview of that team, now. */
async function digestHere(env: Outside): Promise<Reply> {
  const team = await teamByConversation(env.db.q, env.ctx);
  if (!team) return notATeamChannel();
  return answer(await digestWithChart(env.db.q, team, env.ctx.now, env.settings));
}

import { z } from 'zod';
import { commandsWith, name } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { linkTeam } from './service.js';

// The /team commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<never>();
export const commands = [
  command({
    name: 'team.koppel',
    topic: 'team',
    schema: z.object({ name: z.literal('team.koppel'), team: name }),
    words: ['koppel'],
    // The team name is the rest of the line.
    read: (a) => ({ name: 'team.koppel', team: a.name(1, a.length, say().missingTeam, 'team.koppel') }),
    usage: '/team koppel <teamnaam>',
    example: '/team koppel Basisteam Noord',
    help: {
      nl: 'Maak van dit kanaal het teamkanaal van een basisteam.',
      en: 'Make this channel the team channel of a basisteam.',
    },
    who: { nl: 'iedereen in een teamkanaal', en: 'anyone in a team channel' },
    access: 'anyone',
    mode: 'outside',
    handler: (env, c) => env.write((tx) => linkTeam(tx, env.ctx, c.team)),
  }),
] as const;

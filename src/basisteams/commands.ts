import { z } from 'zod';
import { commandsWith, displayName, name, userId } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { readLeader } from './grammar.js';
import { linkTeam, setLeader } from './service.js';

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
  command({
    name: 'team.teamleider',
    topic: 'team',
    schema: z.object({ name: z.literal('team.teamleider'), userId, displayName }),
    words: ['teamleider'],
    read: readLeader,
    usage: '/team teamleider <@gebruiker>',
    example: '/team teamleider @Marloes',
    help: {
      nl: 'Stel in wie de teamleider van dit basisteam is. Meldingen en escalaties van casussen van het team zonder eigen teamleider gaan naar deze persoon.',
      en: 'Set who leads this basisteam. Alerts and escalations of the team’s cases without a team leader of their own go to this person.',
    },
    who: {
      nl: 'iedereen in het teamkanaal zolang er geen teamleider is; daarna de teamleider',
      en: 'anyone in the team channel while none is set; then the team leader',
    },
    // Refined in setLeader: anyone while the team has none, then only its teamleider.
    access: 'anyone',
    mode: 'outside',
    handler: (env, c) => env.write((tx) => setLeader(tx, env.ctx, c.userId, c.displayName)),
  }),
] as const;

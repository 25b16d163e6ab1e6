import { fail, type Args } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { parseMention } from '../commands/tokens.js';

// How the typed /team lines read (the registry entries in commands.ts point here).

/** `teamleider <@gebruiker>` */
export function readLeader(a: Args) {
  const N = 'team.teamleider';
  const t = a.at(1);
  if (!t) fail(say().missingLeader, N);
  const who = parseMention(t.text);
  if (!who) fail(say().badMention(t.text), N);
  a.end(2, N);
  return { name: N, ...who };
}

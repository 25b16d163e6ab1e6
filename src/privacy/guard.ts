import type { Context } from '../actors.js';
import { containsBsn, idHoldsBsn, safeName } from './bsn.js';

// The core's boundary: everything that enters through the CoreApi passes here
// first, so no adapter has to remember the BSN rule for each string it hands in.

/** The context with a display name fit to store and show: one holding a BSN is hidden. */
export function guardContext(ctx: Context): Context {
  const displayName = safeName(ctx.actor.displayName);
  return displayName === ctx.actor.displayName ? ctx : { ...ctx, actor: { ...ctx.actor, displayName } };
}

/** Every string in a value, however deep (a parsed command, form values). */
export function stringsOf(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object' && depth < 8) for (const v of Object.values(value)) stringsOf(v, out, depth + 1);
  return out;
}

/**
 * A command handed in ready-made: a member's display name (a platform label)
 * is hidden when it holds a BSN; 'bsn' when any other field does.
 */
export function guardCommand<C extends { name: string }>(command: C): C | 'bsn' {
  const named = 'displayName' in command && typeof command.displayName === 'string' ? { ...command, displayName: safeName(command.displayName) } : command;
  // A platform user id is read as in a mention token: on its own, a GUID never.
  const { userId, ...rest } = named as C & { userId?: unknown };
  if (typeof userId === 'string' && idHoldsBsn(userId)) return 'bsn';
  return stringsOf(rest).some((s) => containsBsn(s)) ? 'bsn' : named;
}

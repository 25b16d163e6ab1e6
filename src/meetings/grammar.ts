import { formatDay } from '../clock.js';
import { fail, type Args } from '../commands/args.js';
import { looksLikeDate, parseTime } from '../commands/dates.js';
import { say } from '../commands/messages.js';

// How the typed /overleg lines read (the registry entries in commands.ts point
// here). `a` holds the words after /overleg, its first the word that chose the entry.

/** `gepland <datum> [om] [tijd]` */
export function readPlanned(a: Args) {
  const N = 'overleg.gepland';
  const d = a.at(1);
  if (!d) fail(say().missingDate, N);
  const date = a.date(d, N);
  let i = 2;
  if (a.at(i)?.word === 'om') i++;
  const t = a.at(i);
  if (!t) return { name: N, date };
  const time = parseTime(t.text);
  if (!time) fail(say().badTime(t.text), N);
  a.end(i + 1, N);
  return { name: N, date, time };
}

/** `gehouden [datum] <besluiten…>`: with decisions it records the meeting; without, it opens the review form. */
export function readHeld(a: Args) {
  const first = a.at(1);
  const dated = first !== undefined && !first.quoted && looksLikeDate(first.text);
  const decisions = a.rest(dated ? 2 : 1, 'overleg.gehouden');
  if (!decisions) return readMeetingForm(a);
  const N = 'overleg.gehouden';
  const date = dated ? a.date(first, N) : undefined;
  if (date && date > a.today) fail(say().heldInFuture(formatDay(date)), N);
  return date ? { name: N, date, decisions } : { name: N, decisions };
}

/** `gehouden [datum]` (or `formulier [datum]`) with nothing after it. */
export function readMeetingForm(a: Args) {
  const N = 'overleg.formulier';
  const d = a.at(1);
  if (!d) return { name: N };
  const date = a.date(d, N);
  if (date > a.today) fail(say().heldFormInFuture(formatDay(date)), N);
  a.end(2, N);
  return { name: N, date };
}

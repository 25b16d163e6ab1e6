import { formatDay } from '../clock.js';
import { fail, unlead, type Args } from '../commands/args.js';
import { looksLikeDate, parseTime } from '../commands/dates.js';
import { charCount } from '../commands/tokens.js';
import { say } from '../commands/messages.js';
import { rhythmParseTexts } from './messages.js';

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
  if (date && date > a.today) fail(say().heldInFuture(formatDay(date), formatDay(a.today)), N);
  return date ? { name: N, date, decisions } : { name: N, decisions };
}

/** `gehouden [datum]` (or `formulier [datum]`) with nothing after it. */
export function readMeetingForm(a: Args) {
  const N = 'overleg.formulier';
  const d = a.at(1);
  if (!d) return { name: N };
  const date = a.date(d, N);
  if (date > a.today) fail(say().heldFormInFuture(formatDay(date), formatDay(a.today)), N);
  a.end(2, N);
  return { name: N, date };
}

/** `verzet <datum> <nieuwe-datum> [om] [tijd]` */
export function readMove(a: Args) {
  const N = 'overleg.verzet';
  const d = a.at(1);
  if (!d) fail(say().missingDate, N);
  const date = a.date(d, N);
  const n = a.at(2);
  if (!n) fail(say().missingNewDate, N);
  const newDate = a.date(n, N);
  let i = 3;
  if (a.at(i)?.word === 'om') i++;
  const t = a.at(i);
  if (!t) return { name: N, date, newDate };
  const time = parseTime(t.text);
  if (!time) fail(say().badTime(t.text), N);
  a.end(i + 1, N);
  return { name: N, date, newDate, time };
}

/** `afgezegd <datum> [reden…]` */
export function readCancel(a: Args) {
  const N = 'overleg.afgezegd';
  const d = a.at(1);
  if (!d) fail(say().missingDate, N);
  const date = a.date(d, N);
  const reason = unlead(a.rest(2, N));
  return reason ? { name: N, date, reason } : { name: N, date };
}
/** `ritme <weken>`: 2 to 12; "4", "4w" and "4 weken" alike. */
export function readRhythm(a: Args) {
  const N = 'overleg.ritme';
  const r = rhythmParseTexts();
  const t = a.at(1);
  if (!t) fail(r.missingWeeks, N);
  const m = /^(\d{1,2})(?:w|wk|weken)?$/i.exec(t.text);
  const weeks = m ? Number(m[1]) : NaN;
  if (!(weeks >= 2 && weeks <= 12)) fail(r.badWeeks(quoted(t.text)), N);
  a.end(a.at(2)?.word === 'weken' || a.at(2)?.word === 'week' ? 3 : 2, N);
  return { name: N, weeks };
}

/** A typed word quoted back, cut short when it is long. */
const quoted = (w: string) => (charCount(w) > 40 ? `${[...w].slice(0, 39).join('')}…` : w);

import { formatDay } from '../clock.js';
import { fail, failTopic, unlead, type Args } from '../commands/args.js';
import { looksLikeDate, parseDay } from '../commands/dates.js';
import { say } from '../commands/messages.js';
import { charCount, MAX_NAME, MAX_TEXT, openQuotes, parseSpic, referralRoleWords, type Token } from '../commands/tokens.js';
import { helpKinds, type Day, type HelpKind } from '../commands/types.js';

// How the typed /inzet lines read (the registry entries in commands.ts point
// here). `a` holds the words after /inzet.
//
// A provider's name of several words can always be quoted ("Jeugdhulp Noord",
// also with curly quotes); a quoted word is never a keyword or a date. Without
// quotes a name may still have several words where something fixed follows it:
//   <aanbieder…> <ha|oa> spic …       the name runs up to the ha|oa before spic
//   gestart <aanbieder…> [datum]      the name is all but a trailing date
//   afronden <aanbieder…> <datum> …   the name runs up to the first date
//   wijzig <aanbieder…> <veld> <waarde> the name runs up to the field word
// Where free text follows the name, nothing marks its end, so it is one word
// or a quoted phrase:
//   gestopt <aanbieder> [datum] [reden…]  (a trailing ':' on the name is dropped,
//                                          and a leading ':' or '-' on the reason;
//                                          a date-shaped first word is the date)

const isHelpKind = (w: string): w is HelpKind => (helpKinds as readonly string[]).includes(w);

/**
 * `<aanbieder…> ha spic <code> verwezen <datum> [start-uiterlijk <datum>]`,
 * `<aanbieder…> <volwassenenzorg|schuldhulp|lokaal-team|overig> verwezen <datum> …` (inzet.overig) and
 * `<aanbieder…> oa [spic <code>] verwezen <datum> [start-uiterlijk <datum>]`:
 * the role is the first such word followed by "spic" or "verwezen"; the
 * name runs up to it. An OA without a SPIC works under the HA's arrangement.
 */
export function readReferral(a: Args) {
  const N = 'inzet.nieuw';
  const isKind = (w: string) => referralRoleWords.has(w) || isHelpKind(w);
  const at = a.tokens.findIndex((t, i) => i >= 1 && !t.quoted && isKind(t.word) && ['spic', 'verwezen'].includes(a.at(i + 1)?.word ?? ''));
  const spicWord = a.tokens.findIndex((t, i) => i >= 1 && t.word === 'spic');
  // Without a role before "spic" or "verwezen" this may as well be a mistyped gestart/gestopt: show all forms.
  if (at < 0 && spicWord < 0) failTopic(say().missingSpic, 'inzet');
  const roleAt = at >= 0 ? at : spicWord - 1;
  const roleToken = a.at(roleAt)!;
  if (at >= 0 && isHelpKind(roleToken.word)) return readHelp(a, roleAt, roleToken.word);
  const role = referralRoleWords.get(roleToken.word);
  if (!role) fail(say().badReferralRole(roleToken.text), N);
  const name = role === 'oa' ? 'inzet.oa' : N;
  const provider = a.name(0, roleAt, say().missingProvider, name);
  let next = roleAt + 1;
  let spic: string | undefined;
  if (a.at(next)?.word === 'spic') {
    const codeToken = a.at(next + 1);
    if (!codeToken) fail(say().missingSpicCode, name);
    const code = codeToken.quoted ? null : parseSpic(codeToken.text);
    if (!code) fail(say().badSpic(codeToken.text), name);
    spic = code;
    next += 2;
  } else if (role === 'ha') fail(say().missingSpic, N);

  const { referredOn, startDue } = readDates(a, next, name);
  const command = { name, provider, role, ...(spic ? { spic } : {}), referredOn };
  return startDue ? { ...command, startDue } : command;
}

/** `<aanbieder…> <volwassenenzorg|schuldhulp|lokaal-team|overig> verwezen <datum> [start-uiterlijk <datum>]`: no SPIC. */
function readHelp(a: Args, roleAt: number, role: HelpKind) {
  const N = 'inzet.overig';
  const provider = a.name(0, roleAt, say().missingProvider, N);
  if (a.at(roleAt + 1)?.word === 'spic') fail(say().helpWithoutSpic(role), N);
  const { referredOn, startDue } = readDates(a, roleAt + 1, N);
  return { name: N, provider, role, referredOn, ...(startDue ? { startDue } : {}) };
}

/** `verwezen <datum> [start-uiterlijk <datum>]`, in either order, from `from` on. */
function readDates(a: Args, from: number, name: string): { referredOn: Day; startDue?: Day } {
  let referredOn: Day | undefined;
  let startDue: Day | undefined;
  for (let i = from; i < a.length; i += 2) {
    const key = a.at(i)!;
    const isReferred = key.word === 'verwezen';
    const isDue = key.word === 'start-uiterlijk' || key.word === 'uiterlijk';
    if (!isReferred && !isDue) fail(say().badInzetWord(key.text), name);
    if ((isReferred && referredOn) || (isDue && startDue)) fail(say().twice(key.text), name);
    const value = a.at(i + 1);
    if (!value) fail(say().missingDate, name);
    const day = a.date(value, name);
    if (isReferred) referredOn = day;
    else startDue = day;
  }
  if (!referredOn) fail(say().missingReferred, name);
  if (startDue && startDue < referredOn) fail(say().startBeforeReferral(formatDay(startDue), formatDay(referredOn)), name);
  return startDue ? { referredOn, startDue } : { referredOn };
}

/** `gestart <aanbieder…> [datum]`: a trailing date-shaped word is the date. */
export function readStarted(a: Args) {
  const N = 'inzet.gestart';
  const last = a.at(a.length - 1)!;
  const dateShaped = a.length >= 2 && !last.quoted && looksLikeDate(last.text);
  if (dateShaped && a.length === 2) fail(say().missingProvider, N);
  const hasDate = dateShaped && a.length >= 3;
  const to = hasDate ? a.length - 1 : a.length;
  // "gestart Levvel 16-03-2026 extra" is not a provider called "Levvel 16-03-2026 extra".
  for (let i = 1; i < to - 1; i++) {
    const t = a.at(i)!;
    if (!t.quoted && looksLikeDate(t.text)) fail(say().unexpected(a.at(i + 1)!.text), N);
  }
  const provider = a.name(1, to, say().missingProvider, N);
  if (!hasDate) return { name: N, provider };
  return { name: N, provider, date: a.date(last, N) };
}

/**
 * `gestopt <aanbieder> [datum] [reden…]`: one word or a quoted name, then free
 * text. "Levvel: reden" and "Levvel:reden" read as provider Levvel. A
 * date-shaped first word of the rest is the date (a future one: a planned end).
 */
export function readStopped(a: Args) {
  const N = 'inzet.gestopt';
  const t = a.at(1);
  if (!t) fail(say().missingProvider, N);
  let provider: string;
  let after: string;
  const colon = t.quoted ? -1 : t.text.indexOf(':');
  if (colon >= 0) {
    provider = t.text.slice(0, colon);
    after = a.line.slice(t.start + colon + 1);
  } else {
    provider = t.quoted ? a.name(1, 2, say().missingProvider, N) : t.text;
    const next = a.at(2);
    after = next ? a.line.slice(next.start) : '';
  }
  if (!provider) fail(say().missingProvider, N);
  if (charCount(provider) > MAX_NAME) fail(say().nameTooLong(charCount(provider), MAX_NAME), N);
  let reason = unlead(after.trim());
  let date: Day | undefined;
  const first = reason === undefined ? undefined : /^\S+/.exec(reason)?.[0];
  if (first !== undefined && !openQuotes.includes(first[0]!)) {
    const word = first.replace(/[:,]$/, '');
    if (looksLikeDate(word)) {
      date = parseDay(word, a.today) ?? fail(say().badDate(first), N);
      reason = unlead(reason!.slice(first.length).trim());
    }
  }
  if (reason !== undefined && charCount(reason) > MAX_TEXT) fail(say().tooLong(charCount(reason), MAX_TEXT), N);
  return { name: N, provider, ...(date ? { date } : {}), ...(reason ? { reason } : {}) };
}

/**
 * `afronden <aanbieder…> <datum> [reden…]`: the date is required, so it marks
 * where the name ends; the first date-shaped word is the date.
 */
export function readFinish(a: Args) {
  const N = 'inzet.afronden';
  const dateShaped = (t: Token) => !t.quoted && looksLikeDate(t.text.replace(/[:,]$/, ''));
  const at = a.tokens.findIndex((t, i) => i >= 1 && dateShaped(t));
  if (a.length < 2 || at === 1) fail(say().missingProvider, N);
  if (at < 0) {
    const open = a.tokens.find((t) => t.unterminated);
    fail(open ? say().unclosedQuote(open.text) : say().missingEndDate, N);
  }
  // "Levvel: 30-04-2026 …": the colon is not part of the name.
  const provider = a.name(1, at, say().missingProvider, N).replace(/\s*:$/, '');
  if (!provider) fail(say().missingProvider, N);
  const d = a.at(at)!;
  const date = parseDay(d.text.replace(/[:,]$/, ''), a.today) ?? fail(say().badDate(d.text), N);
  const reason = unlead(a.rest(at + 1, N));
  return reason ? { name: N, provider, date, reason } : { name: N, provider, date };
}

const changeFields = new Map([
  ['verwezen', 'verwezen'],
  ['start-uiterlijk', 'start-uiterlijk'],
  ['uiterlijk', 'start-uiterlijk'],
  ['gestart', 'gestart'],
  ['gestopt', 'gestopt'],
  ['spic', 'spic'],
] as const);

/**
 * `wijzig <aanbieder…> <verwezen|start-uiterlijk|gestart|gestopt|spic> <waarde>`:
 * the field word before the value marks where the name ends. `gestart nee`
 * and `gestopt nee` undo a start or a stop recorded by mistake.
 */
export function readChange(a: Args) {
  const N = 'inzet.wijzig';
  if (a.length < 2) fail(say().missingProvider, N);
  const fieldAt = a.length - 2;
  const f = fieldAt >= 2 ? a.at(fieldAt)! : undefined;
  const field = f && !f.quoted ? changeFields.get(f.word as 'spic') : undefined;
  if (!field) {
    // "wijzig Brug gestart" (no value) or "wijzig Brug kleur rood".
    const last = a.at(a.length - 1)!;
    const lastField = !last.quoted && a.length >= 3 ? changeFields.get(last.word as 'spic') : undefined;
    if (lastField) fail(say().missingValue(last.text), N);
    fail(f && a.length >= 4 ? say().badReferralField(f.text) : say().missingReferralField, N);
  }
  const provider = a.name(1, fieldAt, say().missingProvider, N);
  const v = a.at(fieldAt + 1)!;
  if (field === 'spic') {
    const spic = v.quoted ? null : parseSpic(v.text);
    if (!spic) fail(say().badSpic(v.text), N);
    return { name: N, provider, change: { field, value: spic } };
  }
  if ((field === 'gestart' || field === 'gestopt') && !v.quoted && v.word === 'nee') return { name: N, provider, change: { field, value: null } };
  return { name: N, provider, change: { field, value: a.date(v, N) } };
}

import { catalog } from '../i18n/index.js';

// A BSN (burgerservicenummer) must never be stored or sent: cases are
// identified by a pseudonymous code. This is the one detector for every string
// that enters regiebot (typed lines, form fields, button values, display names,
// mention and channel labels), written for the careless and the sly alike.
//
// How a text is read:
// 1. Normalised: NFKC (full-width, superscript and circled digits become
//    0-9), every other decimal digit (Arabic-Indic, Devanagari, …) counts as
//    the digit it stands for, and Unicode format characters (category Cf: zero-
//    width space, soft hyphen, word joiner, …) are dropped, so what looks like
//    a plain number is read as one.
// 2. Mention and channel tokens (`<@U1|label>`, `<#C1|label>`): the label is
//    read as text, the id on its own (so its digits never join the text
//    around it), except an Entra object id (a GUID), whose hex groups would
//    now and then read as nine digits. A typed `<@U123456782>` is caught; a
//    real Slack or Teams id holds nine digits in a row about once in a million.
//    Tokens are found before format characters are dropped: the Teams adapter
//    defuses a typed `<@…>` with a word joiner, and that text is read whole.
// 3. Digit runs are chained through gaps of 1 to 3 characters that are neither
//    letters nor digits (spaces, tabs, line breaks, dashes of every kind, dots,
//    slashes, underscores, commas, …). Letters break a chain but do not hide a
//    number: "BSN123456782x" is found.
// 4. A candidate is a stretch of whole runs of a chain with nine digits in all
//    that passes the elfproef (9*d1 + 8*d2 + … + 2*d8 − 1*d9 ≡ 0 mod 11, not
//    all zeros). A single run of more than nine digits is never part of one,
//    so phone numbers (0612345678), IBAN digits and other long numbers pass.
// 5. A stretch that is only part of a longer number is not a candidate: when
//    the run next to it is joined by a gap at least as tight as the loosest gap
//    inside the stretch, the digits read as one longer number ("+31 6 1234
//    5678", "12-03-2026 123" where "03-2026 123" has nine digits) - unless that
//    neighbour is itself bound tighter to its own other side, which makes it a
//    number of its own ("12-03-2026 123 456 782": a date, then a BSN; "S-1 123
//    456 782": a signal number, then a BSN). Gap tightness, tight to loose:
//    none (one run), punctuation only, with whitespace, with a line break.
// 6. An amount with cents next to a currency sign or "euro" ("€ 1.234.567,82")
//    is money, not a BSN; a time with seconds and a fraction (07:30:00.000)
//    is a time; a stretch that starts or ends with a whole date (day, month
//    and a year 19xx/20xx joined by punctuation) set apart by whitespace
//    ("12-03-2026 5", "2026/03/12 7") is a date and a number.
// An eight-digit BSN with an implied leading zero is legal, but eight digits
// are also every date written ddmmjjjj; only nine-digit forms are flagged.

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** The 11-test on exactly nine digits. */
export function elfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * Number(digits[i]);
  return sum % 11 === 0;
}

const isDecimal = /\p{Nd}/u;

/** The value of any decimal digit: Unicode assigns them in blocks of ten, zero first. */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  let steps = 0;
  while (steps < 60 && isDecimal.test(String.fromCodePoint(cp - 1))) {
    cp--;
    steps++;
  }
  return String(steps % 10);
}

/** NFKC, every decimal digit as 0-9, and no format characters. */
export function normaliseForBsn(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/(?![0-9])\p{Nd}/gu, digitValue);
}

/** Platform mention tokens: `<@id>`, `<@id|label>`, `<#C1|label>`, `<!subteam^S1|label>`. */
const mentionToken = /<[@#!]([^\s<>|]{1,200})(?:\|([^<>]{0,500}))?>/g;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a platform user id holds a BSN: read on its own; an Entra object id (GUID) never does. */
export function idHoldsBsn(id: string): boolean {
  return !guid.test(id) && checked(normaliseForBsn(id));
}

interface Run {
  digits: string;
  start: number;
  end: number;
}

/** Tighter gaps bind digits more: 3 none, 2 punctuation, 1 whitespace, 0 a line break. */
function tightness(gap: string): number {
  if (gap === '') return 3;
  if (/[\n\r\u2028\u2029\v\f]/.test(gap)) return 0;
  if (/\s/u.test(gap)) return 1;
  return 2;
}

const separator = /^[^\p{L}\p{N}]{1,3}$/u;

interface Chain {
  runs: Run[];
  gaps: string[];
  /** How tight the first run is bound to a word before it ("S-1", "TST-401"); -1 when it is not. */
  lead: number;
  /** The same for the last run and a word after it ("12a", "3-B"). */
  tail: number;
}

/** The tightness of a short gap between a letter and the digit run at `from`..`to`; -1 for none. */
function boundToWord(text: string, from: number, to: number, before: boolean): number {
  const gap = before ? /[^\p{L}\p{N}]{0,3}$/u.exec(text.slice(Math.max(0, from - 3), from))![0] : /^[^\p{L}\p{N}]{0,3}/u.exec(text.slice(to, to + 3))![0];
  const at = before ? from - gap.length : to + gap.length;
  const letter = before ? /\p{L}$/u.test(text.slice(Math.max(0, at - 2), at)) : /^\p{L}/u.test(text.slice(at, at + 2));
  return letter ? tightness(gap) : -1;
}

/** Runs of digits joined by short gaps without letters or digits. */
function* chains(text: string): Generator<Chain> {
  const digitRun = /\d+/g;
  let runs: Run[] = [];
  let gaps: string[] = [];
  const done = (): Chain => ({
    runs,
    gaps,
    lead: boundToWord(text, runs[0]!.start, runs[0]!.end, true),
    tail: boundToWord(text, runs[runs.length - 1]!.start, runs[runs.length - 1]!.end, false),
  });
  for (let m = digitRun.exec(text); m !== null; m = digitRun.exec(text)) {
    const run = { digits: m[0], start: m.index, end: m.index + m[0].length };
    const prev = runs[runs.length - 1];
    const gap = prev ? text.slice(prev.end, run.start) : '';
    // A run of more than nine digits is a number of its own and no BSN: it ends the chain.
    if (prev && run.digits.length <= 9 && prev.digits.length <= 9 && separator.test(gap)) {
      runs.push(run);
      gaps.push(gap);
    } else {
      if (runs.length > 0) yield done();
      runs = [run];
      gaps = [];
    }
  }
  if (runs.length > 0) yield done();
}

const amount = /^\d{1,3}(?:\.\d{3})+,\d{2}$|^\d{1,3}(?:,\d{3})+\.\d{2}$/;
/** A time with seconds and a fraction, as in a timestamp: 07:30:00.000. */
const time = /^(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d[.,]\d{1,3}$/;

function isAmount(text: string, start: number, end: number): boolean {
  if (!amount.test(text.slice(start, end))) return false;
  return /\p{Sc}\s{0,2}$|\beur\s{0,2}$/iu.test(text.slice(Math.max(0, start - 6), start)) || /^\s{0,2}(?:\p{Sc}|eur)/iu.test(text.slice(end, end + 6));
}

export const datePattern = /^(?:(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d|(?:19|20)\d\d([-/.])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01]))$/;

/**
 * Whether runs i..j are a date and a number: the stretch starts or ends with
 * a whole date (runs joined by punctuation only, a year 19xx or 20xx), set
 * apart from the rest by whitespace.
 */
function holdsDate(text: string, runs: Run[], gaps: string[], i: number, j: number): boolean {
  let k = i;
  while (k < j && tightness(gaps[k]!) === 2) k++;
  if (k < j && tightness(gaps[k]!) < 2 && datePattern.test(text.slice(runs[i]!.start, runs[k]!.end))) return true;
  k = j;
  while (k > i && tightness(gaps[k - 1]!) === 2) k--;
  return k > i && tightness(gaps[k - 1]!) < 2 && datePattern.test(text.slice(runs[k]!.start, runs[j]!.end));
}

/**
 * Whether runs i..j stand together as a number, not as a part of a longer one.
 * A neighbour's own other side is the next gap, or a word it is part of.
 */
function standsAlone({ runs, gaps, lead, tail }: Chain, i: number, j: number): boolean {
  let loosest = 3;
  for (let k = i; k < j; k++) loosest = Math.min(loosest, tightness(gaps[k]!));
  if (i > 0) {
    const joined = tightness(gaps[i - 1]!);
    const otherSide = i > 1 ? tightness(gaps[i - 2]!) : lead;
    if (joined >= loosest && !(otherSide > joined)) return false;
  }
  if (j < runs.length - 1) {
    const joined = tightness(gaps[j]!);
    const otherSide = j < runs.length - 2 ? tightness(gaps[j + 1]!) : tail;
    if (joined >= loosest && !(otherSide > joined)) return false;
  }
  return true;
}

function checked(text: string): boolean {
  for (const chain of chains(text)) {
    const { runs, gaps } = chain;
    for (let i = 0; i < runs.length; i++) {
      let digits = '';
      for (let j = i; j < runs.length && digits.length < 9; j++) {
        digits += runs[j]!.digits;
        if (digits.length !== 9) continue;
        if (elfproef(digits) && standsAlone(chain, i, j) && !isAmount(text, runs[i]!.start, runs[j]!.end) && !time.test(text.slice(runs[i]!.start, runs[j]!.end)) && !holdsDate(text, runs, gaps, i, j)) return true;
      }
    }
  }
  return false;
}

/** True when the text holds a BSN in any of the forms above. */
export function containsBsn(text: string): boolean {
  if (typeof text !== 'string' || text === '') return false;
  const ids: string[] = [];
  const rest = text.normalize('NFKC').replace(mentionToken, (_whole, id: string, label: string | undefined) => {
    ids.push(id);
    return ` ${label ?? ''} `;
  });
  return checked(normaliseForBsn(rest)) || ids.some(idHoldsBsn);
}

const texts = catalog({
  nl: {
    refusal:
      'Je bericht lijkt een BSN te bevatten. Ik heb niets opgeslagen. Gebruik de pseudonieme casuscode in plaats van een BSN (of naam) en stuur je bericht opnieuw zonder het nummer.',
    fieldRefusal: 'Hier lijkt een BSN in te staan. Er is niets opgeslagen. Gebruik de casuscode in plaats van een BSN of naam.',
    hiddenName: '(naam verborgen)',
    refusedEcho: '(bericht geweigerd: bevat een BSN)',
  },
  en: {
    refusal:
      'Your message seems to contain a BSN (citizen service number). Nothing was stored. Use the pseudonymous case code instead of a BSN (or name) and send your message again without the number.',
    fieldRefusal: 'This seems to hold a BSN (citizen service number). Nothing was stored. Use the case code instead of a BSN or name.',
    hiddenName: '(name hidden)',
    refusedEcho: '(message refused: contains a BSN)',
  },
});

/** Why a message was refused; shown only to the person who sent it. */
export function bsnRefusal(): string {
  return texts().refusal;
}

/** The same, under the form field that holds the number. */
export function bsnFieldRefusal(): string {
  return texts().fieldRefusal;
}

/** What stands in the place of a refused line wherever it would be echoed. */
export function refusedEcho(): string {
  return texts().refusedEcho;
}

/**
 * A display name or label as regiebot may store and show it: one that holds a
 * BSN becomes "(naam verborgen)". Names come from the platform, so the person
 * is not refused for them.
 */
export function safeName(name: string): string;
export function safeName(name: string | undefined): string | undefined;
export function safeName(name: string | null | undefined): string | null | undefined;
export function safeName(name: string | null | undefined): string | null | undefined {
  return typeof name === 'string' && containsBsn(name) ? texts().hiddenName : name;
}

/** Mention labels that hold a BSN become "(naam verborgen)"; the rest of the text is untouched. */
export function maskMentionLabels(text: string): string {
  return text.replace(/<@([^\s<>|]{1,200})\|([^<>]{0,500})>/g, (whole, id: string, label: string) =>
    containsBsn(label) ? `<@${id}|${texts().hiddenName}>` : whole,
  );
}

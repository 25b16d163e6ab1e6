import { roles, type Role } from '../actors.js';
import {
  causes,
  escalationTopics,
  phases,
  referralRoles,
  resultStatuses,
  signalKinds,
  urgencies,
  type Cause,
  type EscalationTopic,
  type Phase,
  type ReferralRole,
  type ResultStatus,
  type SignalKind,
  type Topic,
  type Urgency,
} from './types.js';

// The words and values of the command language: splitting a line into tokens,
// the aliases people type, and the values they spell.

/** Free text (signal text, results, reasons, decisions): room for a summary, not a report. */
export const MAX_TEXT = 4000;
/** Names of providers and teams. */
export const MAX_NAME = 100;
/** A case title; it ends up in channel topics, which are short. */
export const MAX_TITLE = 200;
/**
 * Longer lines (in UTF-16 units, as `length` counts) are refused before any
 * work is done on them; room for MAX_TEXT emoji plus the command words.
 */
export const MAX_INPUT = 2 * MAX_TEXT + 1000;
export const MAX_NUMBER = 999_999;

export interface Token {
  /** As typed, without surrounding quotes. */
  text: string;
  /** Lower case for keyword matching; '' for quoted tokens, so "gestart" in quotes is a name, never a keyword. */
  word: string;
  start: number;
  end: number;
  quoted: boolean;
  /** An opening quote without its closing quote: the token ran to the end of the line. */
  unterminated: boolean;
}

/**
 * Control characters go: they make no sense in a chat line and PostgreSQL
 * refuses NUL in text columns. Tabs and newlines stay (multi-line free text).
 */
export function clean(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g, '');
}

// Phones and Office turn " into curly quotes; Dutch typography opens with „.
export const openQuotes = '"“”„';
const closeQuotes = '"“”';
const mentionToken = /^<@[^\s|<>]+(?:\|[^<>]*)?>$/;
const MAX_MENTION = 300;

const isSpace = (c: string) => /\s/.test(c);

/**
 * Splits on whitespace. A token starting with a double quote runs to the next
 * double quote; a `<@id|name>` mention is one token even when the name has spaces.
 */
export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(line[i]!)) i++;
    if (i >= n) break;
    const start = i;
    if (openQuotes.includes(line[i]!)) {
      let j = i + 1;
      while (j < n && !closeQuotes.includes(line[j]!)) j++;
      const text = line.slice(i + 1, j);
      const end = Math.min(j + 1, n);
      out.push({ text, word: '', start, end, quoted: true, unterminated: j >= n });
      i = end;
      continue;
    }
    if (line.startsWith('<@', i)) {
      const close = line.indexOf('>', i);
      if (close > i && close - i < MAX_MENTION && mentionToken.test(line.slice(i, close + 1))) {
        const text = line.slice(i, close + 1);
        out.push({ text, word: text.toLowerCase(), start, end: close + 1, quoted: false, unterminated: false });
        i = close + 1;
        continue;
      }
    }
    let j = i;
    while (j < n && !isSpace(line[j]!)) j++;
    const text = line.slice(i, j);
    out.push({ text, word: text.toLowerCase(), start, end: j, quoted: false, unterminated: false });
    i = j;
  }
  return out;
}

/** Counts characters as people do (an emoji is one), without building an array. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Aliases. Maps, not object literals, so 'constructor' is not a word we know.

export const topicWords = new Map<string, Topic>([
  ['casus', 'casus'],
  ['signaal', 'signaal'],
  ['signalen', 'signaal'],
  ['veiligheid', 'veiligheid'],
  ['inzet', 'inzet'],
  ['overleg', 'overleg'],
  ['resultaat', 'resultaat'],
  ['resultaten', 'resultaat'],
  ['escalatie', 'escalatie'],
  ['escalaties', 'escalatie'],
  ['escaleer', 'escalatie'],
  ['team', 'team'],
  ['digest', 'digest'],
  ['help', 'help'],
  ['hulp', 'help'],
  ['?', 'help'],
]);

export const roleWords = new Map<string, Role>([
  ...roles.map((r) => [r, r] as const),
  ['gm', 'gezinsmanager'],
  ['ha', 'hoofdaannemer'],
  ['trajectbegeleider', 'hoofdaannemer'],
  ['oa', 'onderaannemer'],
  ['tl', 'teamleider'],
  ['gd', 'gedragsdeskundige'],
  ['spoed', 'spoedhulp'],
]);

export const phaseWords = new Map<string, Phase>([
  ...phases.map((p) => [p, p] as const),
  ['1', 'verbinden'],
  ['verbinden-motiveren', 'verbinden'],
  ['2', 'ondersteunen'],
  ['ondersteunen-volgen', 'ondersteunen'],
  ['3', 'borgen'],
  ['generaliseren', 'borgen'],
  ['generaliseren-borgen', 'borgen'],
]);

export const kindWords = new Map<string, SignalKind>([
  ...signalKinds.map((k) => [k, k] as const),
  ['zorgen', 'zorg'],
  ['stagnering', 'stagnatie'],
]);

export const urgencyWords = new Map<string, Urgency>(urgencies.map((u) => [u, u] as const));
export const causeWords = new Map<string, Cause>(causes.map((c) => [c, c] as const));

/** `op koers` (two words) is read by the parser; these are the one-word spellings. */
export const resultStatusWords = new Map<string, ResultStatus>([
  ...resultStatuses.map((s) => [s, s] as const),
  ['opkoers', 'op-koers'],
  ['op_koers', 'op-koers'],
  ['loopt', 'op-koers'],
  ['achterstand', 'achter'],
  ['gehaald', 'behaald'],
  ['vervalt', 'vervallen'],
]);

export const escalationTopicWords = new Map<string, EscalationTopic>([
  ...escalationTopics.map((t) => [t, t] as const),
  ['inzet', 'hulp'],
  ['sluiting', 'afsluiting'],
  ['afsluiten', 'afsluiting'],
  ['einde', 'afsluiting'],
]);

export const referralRoleWords = new Map<string, ReferralRole>([
  ...referralRoles.map((r) => [r, r] as const),
  ['hoofdaannemer', 'ha'],
  ['onderaannemer', 'oa'],
]);

// Values.

const caseCode = /^[A-Za-z0-9-]{3,32}$/;

/** 3–32 letters, digits and hyphens, upper case; null when it is not a code. */
export function parseCaseCode(text: string): string | null {
  return caseCode.test(text) && /[A-Za-z0-9]/.test(text) ? text.toUpperCase() : null;
}

/** A code must hold a digit: letters alone can spell a name ("JAN"), and a code must be pseudonymous. */
export function isPseudonymousCode(code: string): boolean {
  return /[0-9]/.test(code);
}

const numbered = (letter: string) => {
  const re = new RegExp(`^(?:${letter}-?|#)?(\\d{1,6})$`, 'i');
  return (text: string): number | null => {
    const m = re.exec(text);
    if (!m) return null;
    const n = Number(m[1]);
    return n >= 1 && n <= MAX_NUMBER ? n : null;
  };
};

/** `S-3`, `s3`, `S3`, `3` (and `#3`) → 3. */
export const parseSignalNumber = numbered('s');
/** `R-3`, `r3`, `R3`, `3` (and `#3`) → 3. */
export const parseResultNumber = numbered('r');
/** `E-3`, `e3`, `E3`, `3` (and `#3`) → 3. */
export const parseEscalationNumber = numbered('e');

/** A whole number 0..10; '6.5' and '06' are refused, they are typos more often than not. */
export function parseScore(text: string): number | null {
  return /^(?:10|\d)$/.test(text) ? Number(text) : null;
}

const spicCode = /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/;

export function parseSpic(text: string): string | null {
  return spicCode.test(text) ? text.toUpperCase() : null;
}

export interface Mention {
  userId: string;
  displayName?: string;
}

const mention = /^<@([^\s|<>]+)(?:\|([^<>]*))?>$/;

/** `<@U123|name>` or `<@U123>`: the form every adapter hands us. */
export function parseMention(text: string): Mention | null {
  const m = mention.exec(text);
  if (!m) return null;
  const displayName = m[2]?.trim();
  return displayName ? { userId: m[1]!, displayName } : { userId: m[1]! };
}

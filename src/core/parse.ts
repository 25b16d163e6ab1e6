import { formatDay } from '../clock.js';
import { looksLikeDate, parseDay, parseTime } from '../commands/dates.js';
import { say } from '../commands/messages.js';
import {
  MAX_INPUT,
  MAX_NAME,
  MAX_TEXT,
  MAX_TITLE,
  causeWords,
  charCount,
  clean,
  confirmWords,
  escalationTopicWords,
  isPseudonymousCode,
  kindWords,
  openQuotes,
  parseCaseCode,
  parseEscalationNumber,
  parseMention,
  parseResultNumber,
  parseScore,
  parseSignalNumber,
  parseSpic,
  phaseWords,
  referralRoleWords,
  removeWords,
  resultStatusWords,
  roleWords,
  tokenize,
  topicWords,
  urgencyWords,
  type Token,
} from '../commands/tokens.js';
import { nearest } from '../commands/suggest.js';
import type { Day, Topic, Urgency, Cause, ResultStatus } from '../commands/types.js';
import { commandSchema, overviewLines, subWords, topicUsage, usageOf, type Command, type CommandName } from './registry.js';

/*
 * Text → Command, for every adapter alike.
 *
 * Names of several words (providers, teams): double quotes always work
 * ("Jeugdhulp Noord", also with curly quotes), and a quoted word is never read
 * as a keyword or a date. Without quotes a name may still have several words
 * where something fixed follows it and so marks where it ends:
 *   /inzet <aanbieder…> <ha|oa> spic …   the name runs up to the ha|oa before spic
 *   /inzet gestart <aanbieder…> [datum] the name is all but a trailing date
 *   /inzet afronden <aanbieder…> <datum> [reden…]
 *                                        the name runs up to the first date
 *   /casus team, /team koppel            the name is the rest of the line
 * Where free text follows the name, nothing marks its end, so the name is one
 * word or a quoted phrase:
 *   /inzet gestopt <aanbieder> [datum] [reden…]
 *                                        (a trailing ':' on the name is dropped,
 *                                         and a leading ':' or '-' on the reason;
 *                                         a date-shaped first word is the date)
 *
 * Where a keyword and free text compete, the keyword wins: `/escalatie besluit …`
 * and `/escalatie lijst` are never read as an escalation about "besluit", and
 * `/casus afsluiten bevestig …` confirms. Quote the word to mean the text.
 */

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage: string[] };

export interface ParseOptions {
  /** The caller's calendar day (Europe/Amsterdam), for vandaag/gisteren/morgen. */
  today: Day;
}

/** Thrown inside the parser only; parseCommand turns it into a result. */
class Refusal {
  constructor(
    readonly error: string,
    readonly usage: string[],
  ) {}
}

function fail(error: string, ...names: CommandName[]): never {
  throw new Refusal(error, names.map(usageOf));
}

/** The words a topic takes, for its error texts: from the registry's usage lines. */
const options = (topic: Topic) => subWords(topic).join(', ');

/** "… past niet bij /signaal": with the nearest sub-word when one is within two edits, else the list. */
function unknownSubText(topic: Topic, sub: Token): string {
  const near = nearest(sub.word, subWords(topic));
  return near ? say().unknownSubNear(topic, sub.text, near) : say().unknownSub(topic, sub.text, options(topic));
}

function failTopic(error: string, topic: Topic): never {
  throw new Refusal(error, topicUsage(topic));
}

/** The words after the topic, with the cleaned line they came from. */
class Args {
  constructor(
    readonly line: string,
    readonly tokens: Token[],
    readonly today: Day,
  ) {}

  at(i: number): Token | undefined {
    return this.tokens[i];
  }

  get length(): number {
    return this.tokens.length;
  }

  /** Free text from token i on, exactly as typed (quotes included), trimmed. */
  rest(i: number, command: CommandName, max = MAX_TEXT): string | undefined {
    const t = this.tokens[i];
    if (!t) return undefined;
    const text = this.line.slice(t.start).trim();
    const n = charCount(text);
    if (n > max) fail(say().tooLong(n, max), command);
    return text || undefined;
  }

  /** Nothing may follow token i - 1. */
  end(i: number, name: CommandName): void {
    const t = this.tokens[i];
    if (t) fail(say().unexpected(t.text), name);
  }

  /** Tokens [from, to) as one name; quotes removed, inner whitespace collapsed. */
  name(from: number, to: number, missing: string, command: CommandName): string {
    const parts = this.tokens.slice(from, to);
    const open = parts.find((t) => t.unterminated);
    if (open) fail(say().unclosedQuote(open.text), command);
    const name = parts
      .map((t) => t.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!name) fail(missing, command);
    const n = charCount(name);
    if (n > MAX_NAME) fail(say().nameTooLong(n, MAX_NAME), command);
    return name;
  }

  date(t: Token, command: CommandName): Day {
    const day = t.quoted ? null : parseDay(t.text, this.today);
    if (!day) fail(say().badDate(t.text), command);
    return day;
  }
}

/** "Levvel: reden", "achter - reden": a separator typed before free text is not part of it. */
function unlead(text: string | undefined): string | undefined {
  return text?.replace(/^[:\-–—]\s*/, '') || undefined;
}

// One function per topic. `a` holds the words after the topic word.

function casus(a: Args): Command {
  const sub = a.at(0);
  if (!sub) return { name: 'casus.info' };
  switch (sub.word) {
    case 'nieuw': {
      const code = caseCode(a.at(1), 'casus.nieuw');
      const title = a.rest(2, 'casus.nieuw', MAX_TITLE);
      return title ? { name: 'casus.nieuw', code, title } : { name: 'casus.nieuw', code };
    }
    case 'koppel': {
      const code = caseCode(a.at(1), 'casus.koppel');
      a.end(2, 'casus.koppel');
      return { name: 'casus.koppel', code };
    }
    case 'info':
    case 'tijdlijn':
    case 'export': {
      const name = `casus.${sub.word}` as const;
      a.end(1, name);
      return { name };
    }
    case 'lid':
      return member(a);
    case 'verwijder':
    case 'verwijderen':
      return removal(a);
    case 'fase': {
      const t = a.at(1);
      if (!t) fail(say().missingPhase, 'casus.fase');
      const phase = phaseWords.get(t.word);
      if (!phase) fail(say().badPhase(t.text), 'casus.fase');
      a.end(2, 'casus.fase');
      return { name: 'casus.fase', phase };
    }
    case 'team':
      return { name: 'casus.team', team: a.name(1, a.length, say().missingTeam, 'casus.team') };
    case 'afsluiten':
    case 'sluiten': {
      // Without "bevestig" the core shows the borging check and closes nothing.
      const next = a.at(1);
      const confirm = next !== undefined && confirmWords.has(next.word);
      const reason = a.rest(confirm ? 2 : 1, 'casus.afsluiten');
      return { name: 'casus.afsluiten', ...(confirm ? { confirm: true } : {}), ...(reason ? { reason } : {}) };
    }
    default:
      return failTopic(
        unknownSubText('casus', sub),
        'casus',
      );
  }
}

function caseCode(t: Token | undefined, command: CommandName): string {
  if (!t) fail(say().missingCode, command);
  const code = t.quoted ? null : parseCaseCode(t.text);
  if (!code) fail(say().badCode(t.text), command);
  // Not echoed: a code without a digit is likely a name, and on Teams the answer is seen by the channel.
  if (!isPseudonymousCode(code)) fail(say().codeWithoutDigit, command);
  return code;
}

/**
 * `lid <@gebruiker> <rol>`; the other order is accepted too, it cannot be mistaken.
 * `lid <@gebruiker> weg` removes, as `verwijder <@gebruiker>` does.
 */
function member(a: Args): Command {
  const args = a.tokens.slice(1);
  a.end(3, 'casus.lid');
  const found = args.map((t) => parseMention(t.text));
  const at = found.findIndex((m) => m !== null);
  const who = found[at];
  if (!who) {
    const notRole = args.find((t) => !roleWords.has(t.word) && !removeWords.has(t.word));
    return fail(notRole ? say().badMention(notRole.text) : say().missingMember, 'casus.lid');
  }
  const roleToken = args[at === 0 ? 1 : 0];
  if (!roleToken) fail(say().missingRole, 'casus.lid');
  if (removeWords.has(roleToken.word)) return { name: 'casus.verwijder', ...who };
  const role = roleWords.get(roleToken.word);
  if (!role) fail(say().badRole(roleToken.text), 'casus.lid');
  return { name: 'casus.lid', ...who, role };
}

/** `verwijder <@gebruiker>` */
function removal(a: Args): Command {
  const N = 'casus.verwijder';
  const t = a.at(1);
  if (!t) fail(say().missingRemoveMember, N);
  const who = parseMention(t.text);
  if (!who) fail(say().badMention(t.text), N);
  a.end(2, N);
  return { name: N, ...who };
}

function signaal(a: Args): Command {
  const sub = a.at(0);
  if (!sub || (sub.word === 'formulier' && a.length === 1)) return { name: 'signaal.formulier' };
  switch (sub.word) {
    case 'lijst':
      a.end(1, 'signaal.lijst');
      return { name: 'signaal.lijst' };
    case 'bevestig': {
      const number = signalNumber(a.at(1), 'signaal.bevestig');
      const response = a.rest(2, 'signaal.bevestig');
      return response ? { name: 'signaal.bevestig', number, response } : { name: 'signaal.bevestig', number };
    }
    case 'sluit': {
      const number = signalNumber(a.at(1), 'signaal.sluit');
      const outcome = a.rest(2, 'signaal.sluit');
      return outcome ? { name: 'signaal.sluit', number, outcome } : { name: 'signaal.sluit', number };
    }
  }
  const kind = kindWords.get(sub.word);
  if (!kind) {
    return failTopic(
      unknownSubText('signaal', sub),
      'signaal',
    );
  }
  // Urgency, cause and "vertrouwelijk" are optional, in any order, each once;
  // the first other word starts the text.
  let urgency: Urgency | undefined;
  let cause: Cause | undefined;
  let confidential = false;
  let i = 1;
  for (;;) {
    const t = a.at(i);
    if (!t) break;
    if (!urgency && urgencyWords.has(t.word)) {
      urgency = urgencyWords.get(t.word);
      i++;
    } else if (!cause && t.word.startsWith('oorzaak:')) {
      let value = t.word.slice('oorzaak:'.length);
      let shown = t.text;
      if (!value && a.at(i + 1)) {
        // "oorzaak: hulp"
        value = a.at(i + 1)!.word;
        shown = `${t.text} ${a.at(i + 1)!.text}`;
        i++;
      }
      cause = causeWords.get(value);
      if (!cause) fail(say().badCause(shown), 'signaal.nieuw');
      i++;
    } else if (!confidential && t.word === 'vertrouwelijk') {
      confidential = true;
      i++;
    } else break;
  }
  const text = a.rest(i, 'signaal.nieuw');
  if (!text) fail(say().missingSignalText, 'signaal.nieuw');
  return { name: 'signaal.nieuw', kind, urgency: urgency ?? 'normaal', ...(cause ? { cause } : {}), ...(confidential ? { confidential } : {}), text };
}

function signalNumber(t: Token | undefined, command: CommandName): number {
  if (!t) fail(say().missingSignalNumber, command);
  const n = parseSignalNumber(t.text);
  if (n === null) fail(say().badSignalNumber(t.text), command);
  return n;
}

function veiligheid(a: Args): Command {
  const sub = a.at(0);
  if (!sub || (sub.word === 'formulier' && a.length === 1)) return { name: 'veiligheid.formulier' };
  if (sub.word === 'grafiek') {
    a.end(1, 'veiligheid.grafiek');
    return { name: 'veiligheid.grafiek' };
  }
  if (sub.word !== 'actueel' && sub.word !== 'blijvend') {
    return failTopic(unknownSubText('veiligheid', sub), 'veiligheid');
  }
  // "actueel 6 blijvend 4", or the other way round.
  const scores: { actueel?: number; blijvend?: number } = {};
  let i = 0;
  for (const which of [sub.word, sub.word === 'actueel' ? 'blijvend' : 'actueel'] as const) {
    const label = which === 'actueel' ? say().current : say().lasting;
    const key = a.at(i);
    // "blijfend" is a misspelt word, not a missing score.
    if (key && key.word !== which && nearest(key.word, [which])) fail(say().misspeltWord(key.text, which), 'veiligheid.score');
    if (!key || key.word !== which) fail(say().missingScore(label), 'veiligheid.score');
    const value = a.at(i + 1);
    if (!value) fail(say().missingScore(label), 'veiligheid.score');
    const score = parseScore(value.text);
    if (score === null) fail(say().badScore(label, value.text), 'veiligheid.score');
    scores[which] = score;
    i += 2;
  }
  const note = a.rest(i, 'veiligheid.score');
  const command: Command = { name: 'veiligheid.score', actueel: scores.actueel!, blijvend: scores.blijvend! };
  return note ? { ...command, note } : command;
}

function inzet(a: Args): Command {
  const sub = a.at(0);
  if (!sub || (sub.word === 'formulier' && a.length === 1)) return { name: 'inzet.formulier' };
  if (sub.word === 'gestart') return started(a);
  if (sub.word === 'gestopt') return stopped(a);
  if (sub.word === 'afronden') return finish(a);
  return referral(a);
}

/** `<aanbieder…> <ha|oa> spic <code> verwezen <datum> [start-uiterlijk <datum>]` */
function referral(a: Args): Command {
  const N = 'inzet.nieuw';
  const spicAt = a.tokens.findIndex((t, i) => i >= 1 && t.word === 'spic');
  // Without "spic" this may as well be a mistyped gestart/gestopt: show all forms.
  if (spicAt < 0) failTopic(say().missingSpic, 'inzet');
  const roleToken = a.at(spicAt - 1)!;
  const role = referralRoleWords.get(roleToken.word);
  if (!role) fail(say().badReferralRole(roleToken.text), N);
  const provider = a.name(0, spicAt - 1, say().missingProvider, N);
  const codeToken = a.at(spicAt + 1);
  if (!codeToken) fail(say().missingSpicCode, N);
  const spic = codeToken.quoted ? null : parseSpic(codeToken.text);
  if (!spic) fail(say().badSpic(codeToken.text), N);

  let referredOn: Day | undefined;
  let startDue: Day | undefined;
  for (let i = spicAt + 2; i < a.length; i += 2) {
    const key = a.at(i)!;
    const isReferred = key.word === 'verwezen';
    const isDue = key.word === 'start-uiterlijk' || key.word === 'uiterlijk';
    if (!isReferred && !isDue) fail(say().badInzetWord(key.text), N);
    if ((isReferred && referredOn) || (isDue && startDue)) fail(say().twice(key.text), N);
    const value = a.at(i + 1);
    if (!value) fail(say().missingDate, N);
    const day = a.date(value, N);
    if (isReferred) referredOn = day;
    else startDue = day;
  }
  if (!referredOn) fail(say().missingReferred, N);
  if (startDue && startDue < referredOn) fail(say().startBeforeReferral(formatDay(startDue), formatDay(referredOn)), N);
  const command: Command = { name: N, provider, role, spic, referredOn };
  return startDue ? { ...command, startDue } : command;
}

/** `gestart <aanbieder…> [datum]`: a trailing date-shaped word is the date. */
function started(a: Args): Command {
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
function stopped(a: Args): Command {
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
function finish(a: Args): Command {
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

function overleg(a: Args): Command {
  const sub = a.at(0);
  switch (sub?.word) {
    case 'gepland': {
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
    case 'gehouden': {
      // With decisions it records the meeting; without, it opens the review form.
      const first = a.at(1);
      const dated = first !== undefined && !first.quoted && looksLikeDate(first.text);
      const decisions = a.rest(dated ? 2 : 1, 'overleg.gehouden');
      if (!decisions) return meetingForm(a);
      const N = 'overleg.gehouden';
      const date = dated ? a.date(first, N) : undefined;
      if (date && date > a.today) fail(say().heldInFuture(formatDay(date)), N);
      return date ? { name: N, date, decisions } : { name: N, decisions };
    }
    case 'formulier':
      return meetingForm(a);
    case 'agenda':
      a.end(1, 'overleg.agenda');
      return { name: 'overleg.agenda' };
    default:
      if (!sub) failTopic(say().missingSub('overleg', options('overleg')), 'overleg');
      return failTopic(unknownSubText('overleg', sub), 'overleg');
  }
}

/** `gehouden [datum]` (or `formulier [datum]`) with nothing after it. */
function meetingForm(a: Args): Command {
  const N = 'overleg.formulier';
  const d = a.at(1);
  if (!d) return { name: N };
  const date = a.date(d, N);
  if (date > a.today) fail(say().heldFormInFuture(formatDay(date)), N);
  a.end(2, N);
  return { name: N, date };
}

function resultaat(a: Args): Command {
  const sub = a.at(0);
  if (!sub) return { name: 'resultaat.lijst' };
  switch (sub.word) {
    case 'lijst':
      a.end(1, 'resultaat.lijst');
      return { name: 'resultaat.lijst' };
    case 'nieuw': {
      const text = a.rest(1, 'resultaat.nieuw');
      if (!text) fail(say().missingResultText, 'resultaat.nieuw');
      return { name: 'resultaat.nieuw', text };
    }
    case 'voortgang':
      return progress(a);
    default:
      return failTopic(unknownSubText('resultaat', sub), 'resultaat');
  }
}

/** `voortgang <R-n> <status> [toelichting…]`; "op koers" may be two words, nothing else is. */
function progress(a: Args): Command {
  const N = 'resultaat.voortgang';
  const t = a.at(1);
  if (!t) fail(say().missingResultNumber, N);
  const number = parseResultNumber(t.text);
  if (number === null) fail(say().badResultNumber(t.text), N);
  const s = a.at(2);
  if (!s) fail(say().missingStatus, N);
  // "achter: reden" is "achter" and a reason.
  const word = (i: number) => a.at(i)?.word.replace(/:$/, '');
  let status: ResultStatus | undefined;
  let i = 3;
  if (word(2) === 'op' && word(3) === 'koers') {
    status = 'op-koers';
    i = 4;
  } else {
    status = resultStatusWords.get(word(2)!);
  }
  if (!status) fail(say().badStatus(s.text), N);
  const note = unlead(a.rest(i, N));
  return note ? { name: N, number, status, note } : { name: N, number, status };
}

/**
 * `besluit <E-n> <besluit…>` and `lijst` first; anything else is a new
 * escalation, its first word the topic when it is one.
 */
function escalatie(a: Args): Command {
  const sub = a.at(0);
  if (!sub) return failTopic(say().missingEscalation, 'escalatie');
  switch (sub.word) {
    case 'lijst':
      a.end(1, 'escalatie.lijst');
      return { name: 'escalatie.lijst' };
    case 'besluit': {
      const N = 'escalatie.besluit';
      const t = a.at(1);
      if (!t) fail(say().missingEscalationNumber, N);
      const number = parseEscalationNumber(t.text);
      if (number === null) fail(say().badEscalationNumber(t.text), N);
      const decision = unlead(a.rest(2, N));
      if (!decision) fail(say().missingEscalationDecision, N);
      return { name: N, number, decision };
    }
  }
  const N = 'escalatie.nieuw';
  const topic = escalationTopicWords.get(sub.word.replace(/:$/, ''));
  if (!topic) return { name: N, topic: 'anders', text: a.rest(0, N)! };
  const text = unlead(a.rest(1, N));
  if (!text) fail(say().missingEscalationText(sub.text.replace(/:$/, '')), N);
  return { name: N, topic, text };
}

function team(a: Args): Command {
  const sub = a.at(0);
  if (sub?.word === 'koppel') return { name: 'team.koppel', team: a.name(1, a.length, say().missingTeam, 'team.koppel') };
  if (!sub) failTopic(say().missingSub('team', options('team')), 'team');
  return failTopic(unknownSubText('team', sub), 'team');
}

function help(a: Args): Command {
  const t = a.at(0);
  // Extra words are forgiven: "/help signaal bevestig" still helps.
  if (!t) return { name: 'help' };
  const word = t.word.replace(/^\//, '');
  const topic = topicWords.get(word);
  if (topic) return { name: 'help', topic };
  return fail(say().unknownHelpTopic(t.text), 'help');
}

const byTopic: Record<Topic, (a: Args) => Command> = {
  casus,
  signaal,
  veiligheid,
  inzet,
  overleg,
  resultaat,
  escalatie,
  team,
  digest: (a) => {
    a.end(0, 'digest');
    return { name: 'digest' };
  },
  help,
};

function parse(input: string, today: Day): Command {
  if (input.length > MAX_INPUT) {
    // Counting a megabyte of characters buys nothing; its length says enough.
    const n = input.length > 100_000 ? input.length : charCount(input);
    const head = tokenize(clean(input.slice(0, 100)).replace(/^\s*\//, ''))[0];
    const topic = head && topicWords.get(head.word.replace(/^\//, ''));
    throw new Refusal(say().tooLong(n, MAX_TEXT), topic ? topicUsage(topic) : overviewLines());
  }
  const line = clean(input).trim().replace(/^\//, '');
  const tokens = tokenize(line);
  const head = tokens[0];
  if (!head) throw new Refusal(say().empty, overviewLines());
  const word = head.word.replace(/^\//, '');
  const topic = topicWords.get(word);
  if (!topic) {
    // A typo gets the command it nearly was, and that command's forms; anything else the list.
    const near = nearest(word, topicWords.keys());
    const nearTopic = near ? topicWords.get(near) : undefined;
    if (nearTopic) throw new Refusal(say().unknownCommandNear(head.text, nearTopic), topicUsage(nearTopic));
    throw new Refusal(say().unknownCommand(head.text), overviewLines());
  }
  const args = new Args(line, tokens.slice(1), today);
  // "/signaal help" is "/help signaal".
  if (topic !== 'help' && args.length === 1 && (args.at(0)!.word === 'help' || args.at(0)!.word === '?')) {
    return { name: 'help', topic };
  }
  return byTopic[topic](args);
}

/** Never throws: bad input gives a localized error and the right form(s) of the command. */
export function parseCommand(text: string, opts: ParseOptions): ParseResult {
  try {
    const command = parse(typeof text === 'string' ? text : '', opts.today);
    // The parser's promise to the core: whatever it returns is valid.
    if (!commandSchema.safeParse(command).success) return { ok: false, error: say().internal, usage: overviewLines() };
    return { ok: true, command };
  } catch (e) {
    if (e instanceof Refusal) {
      return { ok: false, error: e.error, usage: e.usage.length > 0 ? e.usage : overviewLines() };
    }
    return { ok: false, error: say().internal, usage: overviewLines() };
  }
}

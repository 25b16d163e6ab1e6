import { fail, failTopic, unlead, type Args } from '../commands/args.js';
import { parseDay } from '../commands/dates.js';
import { say } from '../commands/messages.js';
import { charCount, parseAgreementNumber, parseMention } from '../commands/tokens.js';
import { parseTexts } from './messages.js';

// How the typed /afspraak lines read (the registry entries in commands.ts point
// here). `a` holds the words after /afspraak, its first the word that chose the entry.

/** A typed word quoted back, cut short when it is long. */
const quoted = (w: string) => (charCount(w) > 40 ? `${[...w].slice(0, 39).join('')}…` : w);

/** `<@wie> <datum> <tekst…>`: whatever no word of /afspraak selects. */
export function readAgreement(a: Args) {
  const N = 'afspraak.nieuw';
  const p = parseTexts();
  const sub = a.at(0);
  if (!sub) return failTopic(p.missingOwner, 'afspraak');
  const who = parseMention(sub.text);
  if (!who) return failTopic(p.badOwner(quoted(sub.text)), 'afspraak');
  const d = a.at(1);
  if (!d) fail(p.missingDate, N);
  // "morgen: belt de school": the separator is not part of the date.
  const date = d.quoted ? null : parseDay(d.text.replace(/[:,]$/, ''), a.today);
  if (!date) fail(say().badDate(d.text), N);
  const text = unlead(a.rest(2, N));
  if (!text) fail(p.missingText, N);
  return { name: N, ...who, date, text };
}

/** `klaar <A-n> [toelichting…]` */
export function readDone(a: Args) {
  const N = 'afspraak.klaar';
  const p = parseTexts();
  const t = a.at(1);
  if (!t) fail(p.missingNumber, N);
  const number = parseAgreementNumber(t.text);
  if (number === null) fail(p.badNumber(quoted(t.text)), N);
  const note = unlead(a.rest(2, N));
  return note ? { name: N, number, note } : { name: N, number };
}

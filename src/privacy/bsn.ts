import { catalog } from '../i18n/index.js';

// A BSN (burgerservicenummer) must never be stored: cases are identified by a
// pseudonymous code. This finds one in any text a user sends, so the core can
// refuse the message before anything is written.
//
// What counts:
// - nine digits passing the elfproef: 9*d1 + 8*d2 + … + 2*d8 − 1*d9 ≡ 0 (mod 11),
//   not all zeros;
// - written contiguous (123456782) or in groups of at least two digits with
//   one and the same separator, '.', '-' or a space (1234.56.782, 123 456 782,
//   12.34.56.782). Mixed separators or one-digit groups are read as separate
//   numbers ("12-03-2026 123", "1 2 3 4 5 6 7 8 2"), which keeps dates and
//   lists from looking like a BSN;
// - only whole digit runs: digits that belong to a longer run (an IBAN, a
//   ten-digit phone number) are not a BSN.
// An eight-digit BSN with an implied leading zero is legal, but eight digits
// are also every date written ddmmjjjj or dd-mm-jjjj; only nine-digit forms
// are flagged, and a BSN with its leading zero written out is still found.

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** The 11-test on exactly nine digits. */
export function elfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * Number(digits[i]);
  return sum % 11 === 0;
}

interface Run {
  digits: string;
  start: number;
  end: number;
}

const separators = new Set(['.', '-', ' ']);

/** Runs of digits that touch through single separators: candidates are windows of whole runs. */
function* chains(text: string): Generator<{ runs: Run[]; seps: string[] }> {
  const digitRun = /\d+/g;
  let runs: Run[] = [];
  let seps: string[] = [];
  for (let m = digitRun.exec(text); m !== null; m = digitRun.exec(text)) {
    const run = { digits: m[0], start: m.index, end: m.index + m[0].length };
    const prev = runs[runs.length - 1];
    const gap = prev && run.start === prev.end + 1 ? text[prev.end]! : undefined;
    if (prev && gap !== undefined && separators.has(gap)) {
      runs.push(run);
      seps.push(gap);
    } else {
      if (runs.length > 0) yield { runs, seps };
      runs = [run];
      seps = [];
    }
  }
  if (runs.length > 0) yield { runs, seps };
}

export function containsBsn(text: string): boolean {
  if (typeof text !== 'string') return false;
  // Full-width and other compatibility digits count as digits; NBSP as a space.
  // Mentions and channel references carry platform ids, not people's numbers.
  const s = text.normalize('NFKC').replace(/<[@#!][^\s<>|]{1,100}(?:\|[^<>]{0,200})?>/g, ' ');
  for (const { runs, seps } of chains(s)) {
    for (let k = 0; k < runs.length; k++) {
      let digits = '';
      for (let j = k; j < runs.length; j++) {
        const run = runs[j]!;
        const grouped = j > k;
        if (grouped && (run.digits.length < 2 || runs[k]!.digits.length < 2 || seps[j - 1] !== seps[k])) break;
        digits += run.digits;
        if (digits.length >= 9) {
          if (digits.length === 9 && elfproef(digits)) return true;
          break;
        }
      }
    }
  }
  return false;
}

const texts = catalog({
  nl: 'Je bericht lijkt een BSN te bevatten. Ik heb niets opgeslagen. Gebruik de pseudonieme casuscode in plaats van een BSN (of naam) en stuur je bericht opnieuw zonder het nummer.',
  en: 'Your message seems to contain a BSN (citizen service number). Nothing was stored. Use the pseudonymous case code instead of a BSN (or name) and send your message again without the number.',
});

/** Why a message was refused; shown only to the person who sent it. */
export function bsnRefusal(): string {
  return texts();
}

import { fail, unlead, type Args } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { parseResultNumber, resultStatusWords } from '../commands/tokens.js';
import type { ResultStatus } from '../commands/types.js';

// How the typed /resultaat lines read (the registry entries in commands.ts
// point here). `a` holds the words after /resultaat, its first the word that chose the entry.

/** `nieuw <tekst…>` */
export function readNew(a: Args) {
  const text = a.rest(1, 'resultaat.nieuw');
  if (!text) fail(say().missingResultText, 'resultaat.nieuw');
  return { name: 'resultaat.nieuw', text };
}

/** `voortgang <R-n> <status> [toelichting…]`; "op koers" may be two words, nothing else is. */
export function readProgress(a: Args) {
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

import { fail, type Args } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { causeWords, kindWords, parseSignalNumber, urgencyWords, type Token } from '../commands/tokens.js';
import type { Cause, Urgency } from '../commands/types.js';

// How the typed /signaal lines read (the registry entries in commands.ts point
// here). `a` holds the words after /signaal, its first the word that chose the entry.

/** `<soort> [urgentie] [oorzaak:…] [vertrouwelijk] <tekst…>` */
export function readSignal(a: Args) {
  const kind = kindWords.get(a.at(0)!.word)!;
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

/** `bevestig <S-n> [reactie…]` */
export function readAcknowledge(a: Args) {
  const number = signalNumber(a.at(1), 'signaal.bevestig');
  const response = a.rest(2, 'signaal.bevestig');
  return response ? { name: 'signaal.bevestig', number, response } : { name: 'signaal.bevestig', number };
}

/** `sluit <S-n> [uitkomst…]` */
export function readClose(a: Args) {
  const number = signalNumber(a.at(1), 'signaal.sluit');
  const outcome = a.rest(2, 'signaal.sluit');
  return outcome ? { name: 'signaal.sluit', number, outcome } : { name: 'signaal.sluit', number };
}

function signalNumber(t: Token | undefined, command: string): number {
  if (!t) fail(say().missingSignalNumber, command);
  const n = parseSignalNumber(t.text);
  if (n === null) fail(say().badSignalNumber(t.text), command);
  return n;
}

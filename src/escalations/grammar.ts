import { fail, failTopic, unlead, type Args } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { escalationTopicWords, parseEscalationNumber } from '../commands/tokens.js';
import { escalationBodies } from '../commands/types.js';

// How the typed /escalatie lines read (the registry entries in commands.ts
// point here). `besluit`, `doorzetten` and `lijst` are words of their own; anything else is
// a new escalation, so a keyword wins over free text (quote it to mean the text).

/** `besluit <E-n> <besluit…>` */
export function readDecision(a: Args) {
  const N = 'escalatie.besluit';
  const t = a.at(1);
  if (!t) fail(say().missingEscalationNumber, N);
  const number = parseEscalationNumber(t.text);
  if (number === null) fail(say().badEscalationNumber(t.text), N);
  const decision = unlead(a.rest(2, N));
  if (!decision) fail(say().missingEscalationDecision, N);
  return { name: N, number, decision };
}

/** `doorzetten <E-n> <escalatietafel|zorgbemiddeling|deskundige|anders> [toelichting…]` */
export function readForward(a: Args) {
  const N = 'escalatie.doorzetten';
  const t = a.at(1);
  if (!t) fail(say().missingEscalationNumber, N);
  const number = parseEscalationNumber(t.text);
  if (number === null) fail(say().badEscalationNumber(t.text), N);
  const b = a.at(2);
  if (!b) fail(say().missingEscalationBody, N);
  const body = escalationBodies.find((x) => x === b.word);
  if (!body || b.quoted) fail(say().badEscalationBody(b.text), N);
  const note = unlead(a.rest(3, N));
  return { name: N, number, body, ...(note ? { note } : {}) };
}

/** `<onderwerp…>`: its first word the topic when it is one. */
export function readEscalation(a: Args) {
  const sub = a.at(0);
  if (!sub) return failTopic(say().missingEscalation, 'escalatie');
  const N = 'escalatie.nieuw';
  const topic = escalationTopicWords.get(sub.word.replace(/:$/, ''));
  if (!topic) return { name: N, topic: 'anders', text: a.rest(0, N)! };
  const text = unlead(a.rest(1, N));
  if (!text) fail(say().missingEscalationText(sub.text.replace(/:$/, '')), N);
  return { name: N, topic, text };
}

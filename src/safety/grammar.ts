import { fail, unlead, type Args } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { nearest } from '../commands/suggest.js';
import { parseScore } from '../commands/tokens.js';

// How the typed /veiligheid line reads (the registry entries in commands.ts point here).

/** `actueel <0-10> blijvend <0-10> [toelichting…]`, or the two the other way round. */
export function readScores(a: Args) {
  const first = a.at(0)!.word as 'actueel' | 'blijvend';
  const scores: { actueel?: number; blijvend?: number } = {};
  let i = 0;
  for (const which of [first, first === 'actueel' ? 'blijvend' : 'actueel'] as const) {
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
  const command = { name: 'veiligheid.score', actueel: scores.actueel!, blijvend: scores.blijvend! };
  return note ? { ...command, note } : command;
}

/** `intrekken <reden…>`: the latest score. */
export function readWithdrawScore(a: Args) {
  const N = 'veiligheid.intrekken';
  const reason = unlead(a.rest(1, N));
  if (!reason) fail(say().missingScoreWithdrawReason, N);
  return { name: N, reason };
}

// "Bedoel je …?": the nearest known word to a misspelt one. Distance is the
// optimal-string-alignment edit distance (an insertion, a deletion, a changed
// letter or two swapped neighbours each count one), so `sigaal`, `signal` and
// `sginaal` are all one step from `signaal`.

/** The number of single-letter edits between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The known word nearest to `word`, within two edits (one for words of up to
 * four letters, where two edits reach almost anything); the first of equals.
 * Undefined when nothing is that near, or when the word is itself known.
 */
export function nearest(word: string, known: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = [...w].length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const k of known) {
    if (k === w) return undefined;
    const distance = editDistance(w, k);
    if (distance <= limit && (!best || distance < best.distance)) best = { word: k, distance };
  }
  return best?.word;
}

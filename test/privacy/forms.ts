// The ways a careless or sly user writes a BSN, shared by the tests that send
// them through the core, Slack, Teams and the sandbox. The numbers are invented
// and pass the elfproef; none belongs to a person.

export const testBsn = '111222333';

/** Zero-width space, soft hyphen, word joiner: invisible, but they break a naive match. */
const ZWSP = '\u200b';
const SHY = '\u00ad';
const WJ = '\u2060';

export function bsnForms(d = testBsn): Array<[string, string]> {
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return [
    ['contiguous', d],
    ['mixed dot and hyphen', `${a}.${b}-${c}`],
    ['space and dot', `${a} ${b}.${c}`],
    ['slashes', `${a}/${b}/${c}`],
    ['underscores', `${a}_${b}_${c}`],
    ['commas', `${a},${b},${c}`],
    ['double spaces', `${a}  ${b}  ${c}`],
    ['a tab', `${a}\t${b}${c}`],
    ['an en dash', `${a}–${b}–${c}`],
    ['one digit at a time', d.split('').join(' ')],
    ['a zero-width space', `${a}${ZWSP}${b}${c}`],
    ['soft hyphens', `${a}${SHY}${b}${SHY}${c}`],
    ['a word joiner', `${a}${b}${WJ}${c}`],
    ['full-width digits', d.replace(/\d/g, (x) => String.fromCodePoint(0xff10 + Number(x)))],
    ['inside a word', `bsn${d}x`],
  ];
}

/** Every trace of a form as it would sit in a UTF-8 file read as latin1, and the bare digits. */
export function tracesOf(d = testBsn): string[] {
  const forms = bsnForms(d).map(([, w]) => w);
  return [d, ...forms, ...forms.map((w) => Buffer.from(w, 'utf8').toString('latin1'))];
}

/** The traces that occur in `haystack` (empty when there are none). */
export function tracesIn(haystack: string, d = testBsn): string[] {
  return [...new Set(tracesOf(d))].filter((t) => haystack.includes(t));
}

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import { bsnRefusal, containsBsn, datePattern, elfproef, maskMentionLabels, safeName } from '../../src/privacy/bsn.js';

// Every number here is generated or made up to pass or fail the elfproef;
// none belongs to a person.

afterEach(() => setLocale('nl'));

/** The check digit that makes eight digits pass the elfproef, if one exists. */
function checkDigit(eight: number[]): number | null {
  const sum = eight.reduce((acc, d, i) => acc + (9 - i) * d, 0);
  const d9 = sum % 11;
  return d9 <= 9 ? d9 : null;
}

const validBsn = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
  .map((eight) => {
    const d9 = checkDigit(eight);
    return d9 === null ? null : [...eight, d9].join('');
  })
  .filter((s): s is string => s !== null && s !== '000000000');

/** Separators a careless or sly writer puts between digits: 1 to 3 of any non-alphanumeric kind. */
const sepChar = fc.constantFrom(' ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\ufe63', '\uff0d', '.', '/', '_', ',', ':', '·', '*', '#', '(', ')');
const separator = fc.array(sepChar, { minLength: 1, maxLength: 3 }).map((a) => a.join('')).filter((s) => s.length <= 3);
/** Invisible characters: zero-width space, soft hyphen, word joiner, ZWNJ, ZWJ, BOM, LRM. */
const invisible = fc.constantFrom('\u200b', '\u00ad', '\u2060', '\u200c', '\u200d', '\ufeff', '\u200e');

/**
 * A BSN cut into groups at random places (one digit at a time included), each
 * gap its own separator. Forms that start or end with a whole date set apart by
 * whitespace ("1-3-2026 5") are read as a date and a number, by design.
 */
const grouped = fc
  .tuple(validBsn, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.array(separator, { minLength: 8, maxLength: 8 }))
  .map(([d, cuts, seps]) => {
    let out = d[0]!;
    for (let i = 1; i < 9; i++) out += (cuts[i - 1] ? seps[i - 1]! : '') + d[i]!;
    return { bsn: d, written: out };
  })
  .filter(({ written }) => !readsAsDate(written));

function readsAsDate(written: string): boolean {
  const parts = written.normalize('NFKC').split(/[^\p{L}\p{N}]*\s[^\p{L}\p{N}]*/u);
  return [parts[0]!, parts[parts.length - 1]!].some((p) => parts.length > 1 && datePattern.test(p));
}

/** Digits in other scripts: full-width, Arabic-Indic, Devanagari, mathematical bold. */
const scripts: Array<(d: string) => string> = [
  (d) => d,
  (d) => d.replace(/\d/g, (c) => String.fromCodePoint(0xff10 + Number(c))),
  (d) => d.replace(/\d/g, (c) => String.fromCodePoint(0x0660 + Number(c))),
  (d) => d.replace(/\d/g, (c) => String.fromCodePoint(0x0966 + Number(c))),
  (d) => d.replace(/\d/g, (c) => String.fromCodePoint(0x1d7ce + Number(c))),
];

/** Surrounding text that cannot add digits of its own. */
const words = fc.string({ maxLength: 30 }).filter((s) => !/\p{N}|[<>]/u.test(s.normalize('NFKC')));
const letters = fc.string({ unit: fc.constantFrom(...'abcxyzBSNé'), maxLength: 5 });

/** Where the number stands: in a sentence, glued to words, as a mention or channel label. */
const settings: Array<[string, (n: string, before: string, after: string) => string]> = [
  ['alone', (n) => n],
  ['in a sentence', (n, b, a) => `${b} ${n} ${a}`],
  ['inside a word', (n, b, a) => `x${b.replace(/\s/g, '')}${n}${a.replace(/\s/g, '')}y`],
  ['as a mention label', (n, b) => `/casus lid <@U0HA|${b}${n}> ha`],
  ['as a channel label', (n) => `zie <#C01|${n}>`],
  ['as a mention id', (n) => `zie <@${n}>`],
  ['after a label', (n) => `BSN:${n}.`],
];

describe('elfproef', () => {
  it.each(['123456782', '111222333', '100000009'])('%s passes', (d) => expect(elfproef(d)).toBe(true));
  it.each(['123456789', '123456781', '000000000', '12345678', '1234567820', '12345678a'])('%s fails', (d) => expect(elfproef(d)).toBe(false));
});

describe('containsBsn finds a BSN however it is written', () => {
  it.each(settings)('grouped with mixed separators, %s', (_name, place) => {
    fc.assert(
      fc.property(grouped, words, words, ({ written }, before, after) => {
        expect(containsBsn(place(written, before, after))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('with invisible format characters anywhere between the digits', () => {
    fc.assert(
      fc.property(grouped, fc.array(fc.tuple(fc.nat(), invisible), { minLength: 1, maxLength: 6 }), ({ written }, inserts) => {
        let s = written;
        for (const [at, ch] of inserts) {
          const i = at % (s.length + 1);
          s = s.slice(0, i) + ch + s.slice(i);
        }
        expect(containsBsn(s)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('in full-width and other digits', () => {
    fc.assert(
      fc.property(grouped, fc.constantFrom(...scripts), letters, ({ written }, script, around) => {
        expect(containsBsn(`${around}${script(written)}${around}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('next to, but apart from, other numbers', () => {
    expect(containsBsn('op 12-03-2026 123456782 gemeld')).toBe(true);
    expect(containsBsn('op 12-03-2026 123 456 782 gemeld')).toBe(true);
    expect(containsBsn('06-12345678 of 123.456.782')).toBe(true);
    expect(containsBsn('0612345678 123456782')).toBe(true);
    expect(containsBsn('tel +31 6 12345678, bsn 123 456 782')).toBe(true);
    expect(containsBsn('/signaal bevestig S-1 123 456 782')).toBe(true);
    expect(containsBsn('/casus nieuw TST-401 1 2 3 4 5 6 7 8 2')).toBe(true);
  });

  it.each([
    ['mixed dots and a hyphen', '123.456-782'],
    ['a space and a dot', '123 456.782'],
    ['one digit at a time', '1 2 3 4 5 6 7 8 2'],
    ['one digit a line', '1\n2\n3\n4\n5\n6\n7\n8\n2'],
    ['en dashes', '123–456–782'],
    ['tabs and double spaces', '123\t456  782'],
    ['a zero-width space', '1234\u200b56782'],
    ['a soft hyphen', '123\u00ad456\u00ad782'],
    ['a word joiner', '12345\u20606782'],
    ['a channel link', '<#C1|123456782>'],
    ['a mention label', '<@U1|Piet 123456782>'],
    ['a typed mention of an id', '<@U123456782> kijk even'],
    ['a typed mention of bare digits', '<@123456782>'],
    ['a typed mention Teams defused with a word joiner', '<\u2060@U123456782>'],
    ['glued to letters', 'BSN123456782x'],
    ['full-width digits', '１２３４５６７８２'],
  ])('e.g. %s', (_name, text) => {
    expect(containsBsn(text)).toBe(true);
  });
});

describe('containsBsn lets look-alikes pass', () => {
  const d = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const two = fc.integer({ min: 1, max: 28 }).map((n) => String(n).padStart(2, '0'));
  const month = fc.integer({ min: 1, max: 12 }).map((n) => String(n).padStart(2, '0'));
  const year = fc.integer({ min: 1990, max: 2040 }).map(String);
  const look: Array<[string, fc.Arbitrary<string>]> = [
    ['mobile numbers 06-12345678', d(8).map((n) => `06-${n}`)],
    ['mobile numbers 06 12345678', d(8).map((n) => `06 ${n}`)],
    ['mobile numbers 0612345678', d(8).map((n) => `06${n}`)],
    ['mobile numbers +31 6 12345678', d(8).map((n) => `+31 6 ${n}`)],
    ['mobile numbers +31 6 1234 5678', d(8).map((n) => `+31 6 ${n.slice(0, 4)} ${n.slice(4)}`)],
    ['mobile numbers +31 (0)6 12345678', d(8).map((n) => `+31 (0)6 ${n}`)],
    ['landlines 020-1234567', d(7).map((n) => `020-${n}`)],
    ['landlines 020 123 4567', d(7).map((n) => `020 ${n.slice(0, 3)} ${n.slice(3)}`)],
    ['landlines +31 20 1234567', d(7).map((n) => `+31 20 ${n}`)],
    ['postcodes with house numbers', fc.tuple(d(4), d(3)).map(([p, h]) => `${p} AB ${Number(h)}`)],
    ['dates', fc.tuple(two, month, year).map(([a, m, y]) => `${a}-${m}-${y}`)],
    ['dates and a time', fc.tuple(two, month, year, fc.integer({ min: 0, max: 23 }), two).map(([a, m, y, h, mm]) => `${a}-${m}-${y} ${h}:${mm}`)],
    ['dates and a short number', fc.tuple(two, month, year, fc.integer({ min: 0, max: 99999 })).map(([a, m, y, n]) => `op ${a}-${m}-${y} ${n} keer`)],
    ['dates written with slashes and a number', fc.tuple(two, month, year, fc.integer({ min: 0, max: 999 })).map(([a, m, y, n]) => `${a}/${m}/${y} ${n}`)],
    ['ISO dates and a number', fc.tuple(year, month, two, fc.integer({ min: 0, max: 999 })).map(([y, m, a, n]) => `${y}-${m}-${a} ${n}`)],
    ['amounts', fc.integer({ min: 0, max: 999_999_999 }).map((c) => `€ ${(c / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}`)],
    ['amounts in euro', fc.integer({ min: 0, max: 999_999_999 }).map((c) => `${(c / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })} euro`)],
    ['times', fc.tuple(fc.integer({ min: 0, max: 23 }), two, two).map(([h, m, s]) => `${h}:${m}:${s}`)],
    ['timestamps', fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((t) => `gemeld ${t.toISOString()} en ${t.toISOString().slice(0, 16).replace('T', ' ')}`)],
    ['case codes', fc.tuple(fc.constantFrom('TST', 'AMS', 'JB-2026'), d(3)).map(([p, n]) => `${p}-${n}`)],
    ['ten-plus digit numbers', fc.integer({ min: 10, max: 30 }).chain((n) => d(n))],
    ['IBANs', d(10).map((n) => `NL91ABNA${n}`)],
    ['IBANs in groups', d(10).map((n) => `NL91 ABNA ${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`)],
    ['Slack ids', fc.tuple(fc.constantFrom('U', 'C', 'W'), fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'), minLength: 8, maxLength: 10 })).filter(([, b]) => !/\d{9}/.test(b)).map(([p, b]) => `<@${p}${b}> <#${p}${b}|overleg>`)],
    ['Entra object ids (GUIDs)', fc.uuid().map((u) => `<@${u}|Joris> <@${u}>`)],
  ];

  it.each(look)('%s', (_name, arb) => {
    fc.assert(
      fc.property(arb, (s) => {
        expect(containsBsn(s)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('nine digits that fail the elfproef, however written', () => {
    fc.assert(
      fc.property(grouped, fc.integer({ min: 1, max: 9 }), ({ bsn, written }, delta) => {
        const wrong = String((Number(bsn[8]) + delta) % 10);
        expect(elfproef(bsn.slice(0, 8) + wrong)).toBe(false);
        expect(containsBsn(written.slice(0, -1) + wrong)).toBe(false);
      }),
    );
  });

  it('a BSN inside a longer digit run', () => {
    fc.assert(
      fc.property(validBsn, fc.integer({ min: 0, max: 9 }), fc.boolean(), (bsn, extra, front) => {
        expect(containsBsn(front ? `${extra}${bsn}` : `${bsn}${extra}`)).toBe(false);
      }),
    );
  });

  it.each([
    ['a compact date', '12032026'],
    ['an eight-digit number (implied leading zero is not flagged)', '12345674'],
    ['a date and one digit that would pass the elfproef', 'op 12-03-2026 5 keer'],
    ['a large amount whose digits pass the elfproef', '€ 1.234.567,82'],
    ['a phone number before a short number', '+31 6 1234 5678 12'],
    ['real Slack and Teams ids', '<@U0HA00001> <@W012A3CDE> <#C0CASE01|overleg> <@29:1GcS4EL32ISwfm8zeRuhv3FYKyDkdmH> <@aad-0000-ha>'],
    ['a Teams-defused typed mention of a GUID', 'zie <\u2060@12345678-1234-4000-8000-123456789012>'],
    ['nothing', ''],
  ])('e.g. %s', (_name, text) => {
    expect(containsBsn(text)).toBe(false);
  });

  it('never throws and stays fast on long input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => void containsBsn(s)));
    // Catastrophic backtracking would hit the test's time-out; the answers must still be right.
    expect(containsBsn('12-'.repeat(300_000))).toBe(false);
    expect(containsBsn('1 '.repeat(500_000))).toBe(false);
    expect(containsBsn('\u200b'.repeat(500_000))).toBe(false);
  });
});

describe('names and labels', () => {
  it('a name that holds a BSN is hidden; others stay', () => {
    expect(safeName('Piet 123.456.782')).toBe('(naam verborgen)');
    expect(safeName('1\u200b23456782')).toBe('(naam verborgen)');
    expect(safeName('Sanne de Wit')).toBe('Sanne de Wit');
    expect(safeName(undefined)).toBeUndefined();
    setLocale('en');
    expect(safeName('123456782')).toBe('(name hidden)');
  });

  it('a mention label that holds a BSN is masked, the id and the rest of the line stay', () => {
    expect(maskMentionLabels('/casus lid <@U0HA|123 456 782> ha')).toBe('/casus lid <@U0HA|(naam verborgen)> ha');
    expect(maskMentionLabels('/casus lid <@U0HA|Joris> ha')).toBe('/casus lid <@U0HA|Joris> ha');
  });
});

describe('bsnRefusal', () => {
  it('says a BSN was found, nothing was stored, and to use the case code', () => {
    expect(bsnRefusal()).toMatch(/BSN/);
    expect(bsnRefusal()).toMatch(/niets opgeslagen/);
    expect(bsnRefusal()).toMatch(/casuscode/);
    setLocale('en');
    expect(bsnRefusal()).toMatch(/Nothing was stored/);
    expect(bsnRefusal()).toMatch(/case code/);
  });
});

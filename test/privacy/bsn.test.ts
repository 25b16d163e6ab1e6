import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import { bsnRefusal, containsBsn, elfproef } from '../../src/privacy/bsn.js';

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

/** The ways people write one: contiguous, or grouped with one separator. */
const formats: Array<[string, (d: string) => string]> = [
  ['contiguous', (d) => d],
  ['4.2.3 dots', (d) => `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6)}`],
  ['3 3 3 spaces', (d) => `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`],
  ['3-3-3 hyphens', (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`],
  ['2.2.2.3 dots', (d) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}.${d.slice(6)}`],
  ['4 5 spaces', (d) => `${d.slice(0, 4)} ${d.slice(4)}`],
  ['non-breaking spaces', (d) => `${d.slice(0, 3)}\u00a0${d.slice(3, 6)}\u00a0${d.slice(6)}`],
];

/** Surrounding text that cannot add digits of its own. */
const words = fc.string({ maxLength: 30 }).filter((s) => !/\d/.test(s.normalize('NFKC')));

describe('elfproef', () => {
  it.each(['123456782', '111222333', '100000009'])('%s passes', (d) => expect(elfproef(d)).toBe(true));
  it.each(['123456789', '123456781', '000000000', '12345678', '1234567820', '12345678a'])('%s fails', (d) => expect(elfproef(d)).toBe(false));
});

describe('containsBsn', () => {
  it.each(formats)('finds generated numbers written %s, inside text', (_name, format) => {
    fc.assert(
      fc.property(validBsn, words, words, (d, before, after) => {
        expect(containsBsn(format(d))).toBe(true);
        expect(containsBsn(`${before} ${format(d)} ${after}`)).toBe(true);
        expect(containsBsn(`BSN:${format(d)}.`)).toBe(true);
      }),
    );
  });

  it('does not find numbers that fail the elfproef, however written', () => {
    fc.assert(
      fc.property(validBsn, fc.integer({ min: 1, max: 9 }), fc.constantFrom(...formats), (d, delta, [, format]) => {
        const wrong = d.slice(0, 8) + String((Number(d[8]) + delta) % 10);
        expect(elfproef(wrong)).toBe(false);
        expect(containsBsn(format(wrong))).toBe(false);
      }),
    );
  });

  it('does not count digits that belong to a longer run', () => {
    fc.assert(
      fc.property(validBsn, fc.integer({ min: 0, max: 9 }), fc.boolean(), (d, extra, front) => {
        expect(containsBsn(front ? `${extra}${d}` : `${d}${extra}`)).toBe(false);
      }),
    );
  });

  it('finds a number next to, but apart from, other numbers', () => {
    expect(containsBsn('op 12-03-2026 123456782 gemeld')).toBe(true);
    expect(containsBsn('06-12345678 of 123.456.782')).toBe(true);
    expect(containsBsn('１２３４５６７８２')).toBe(true);
  });

  it.each([
    ['a date', 'geboren 12-03-2026'],
    ['a compact date', '12032026'],
    ['an eight-digit number (implied leading zero is not flagged)', '12345674'],
    ['a phone number', '06-12345678'],
    ['a ten-digit run', '1234567820'],
    ['an IBAN', 'NL91ABNA0417164300'],
    ['a date followed by a short number', 'op 12-03-2026 123 keer'],
    ['mixed separators', '12.34 56.782'],
    ['one-digit groups', '1 2 3 4 5 6 7 8 2'],
    ['a mention id', '<@U123456782> kijk even'],
    ['nothing', ''],
  ])('does not flag %s', (_name, text) => {
    expect(containsBsn(text)).toBe(false);
  });

  it('never throws and stays fast on long input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => void containsBsn(s)));
    // Catastrophic backtracking would hit the test's time-out; the answers must still be right.
    expect(containsBsn('12-'.repeat(300_000))).toBe(false);
    expect(containsBsn('1 '.repeat(500_000))).toBe(false);
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDay, looksLikeDate, parseDay, parseTime } from '../../src/commands/dates.js';

const today = '2026-03-10';

describe('parseDay', () => {
  it.each([
    ['02-03-2026', '2026-03-02'],
    ['2-3-2026', '2026-03-02'],
    ['02/03/2026', '2026-03-02'],
    ['2.3.2026', '2026-03-02'],
    ['2026-03-02', '2026-03-02'],
    ['2026-3-2', '2026-03-02'],
    ['2026/03/02', '2026-03-02'],
    ['  31-12-2026 ', '2026-12-31'],
    ['29-02-2024', '2024-02-29'],
    ['29-02-2000', '2000-02-29'],
    ['vandaag', '2026-03-10'],
    ['Vandaag', '2026-03-10'],
    ['gisteren', '2026-03-09'],
    ['morgen', '2026-03-11'],
    ['eergisteren', '2026-03-08'],
    ['overmorgen', '2026-03-12'],
    ['today', '2026-03-10'],
    ['YESTERDAY', '2026-03-09'],
    ['tomorrow', '2026-03-11'],
  ])('%s → %s', (input, expected) => {
    expect(parseDay(input, today)).toBe(expected);
  });

  it('crosses month and year ends and leap days', () => {
    expect(parseDay('morgen', '2026-12-31')).toBe('2027-01-01');
    expect(parseDay('gisteren', '2026-03-01')).toBe('2026-02-28');
    expect(parseDay('gisteren', '2024-03-01')).toBe('2024-02-29');
  });

  it.each([
    '31-02-2026',
    '29-02-2026',
    '29-02-1900',
    '30-02-2024',
    '31-04-2026',
    '00-01-2026',
    '01-00-2026',
    '01-13-2026',
    '32-01-2026',
    '2026-02-30',
    '02-03-26',
    '02-03/2026',
    '2026.03-02',
    '02-03-1899',
    '02-03-2101',
    '',
    'morgenochtend',
    'constructor',
    'toString',
    '１２-03-2026',
    '12-03-2026-',
  ])('%j is not a day', (input) => {
    expect(parseDay(input, today)).toBeNull();
  });

  it('gives no relative day for a broken today', () => {
    expect(parseDay('vandaag', 'nonsense')).toBeNull();
  });

  it('never throws and only returns real days', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        const d = parseDay(s, today);
        expect(d === null || isDay(d)).toBe(true);
      }),
    );
  });

  it('reads back every day it could have written, in every spelling', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (at) => {
        const y = at.getUTCFullYear();
        const m = at.getUTCMonth() + 1;
        const d = at.getUTCDate();
        const p = (n: number) => String(n).padStart(2, '0');
        const iso = `${y}-${p(m)}-${p(d)}`;
        for (const sep of ['-', '/', '.']) {
          expect(parseDay(`${p(d)}${sep}${p(m)}${sep}${y}`, today)).toBe(iso);
          expect(parseDay(`${d}${sep}${m}${sep}${y}`, today)).toBe(iso);
          expect(parseDay(`${y}${sep}${p(m)}${sep}${p(d)}`, today)).toBe(iso);
        }
      }),
    );
  });
});

describe('looksLikeDate', () => {
  it('recognises date shapes, valid or not', () => {
    for (const s of ['31-02-2026', '2026-02-31', '1.1.2026', 'morgen', '99-99-9999']) expect(looksLikeDate(s)).toBe(true);
    for (const s of ['Levvel', '11', '14:30', '3B', '12-03']) expect(looksLikeDate(s)).toBe(false);
  });
});

describe('parseTime', () => {
  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['09.05', '09:05'],
    ['0:00', '00:00'],
    ['23:59', '23:59'],
    [' 10:30 ', '10:30'],
  ])('%s → %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it.each(['24:00', '12:60', '12:5', '1230', '12', '12:30:00', '-1:30', 'ab:cd', '', '１２:３０'])('%j is not a time', (input) => {
    expect(parseTime(input)).toBeNull();
  });

  it('reads every minute of the day, padded or not', () => {
    for (let h = 0; h < 24; h++) {
      for (let m = 0; m < 60; m++) {
        const want = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(parseTime(`${h}:${String(m).padStart(2, '0')}`)).toBe(want);
        expect(parseTime(want.replace(':', '.'))).toBe(want);
      }
    }
  });

  it('never throws and only returns hh:mm', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        const t = parseTime(s);
        expect(t === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(t)).toBe(true);
      }),
    );
  });
});

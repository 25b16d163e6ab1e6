import { describe, expect, it } from 'vitest';
import { addWorkdays, dutchHolidays, easterSunday, isWorkday, kingsDay } from '../../src/scheduler/workdays.js';
import { isoWeek, mondayOf } from '../../src/clock.js';
import { digestMomentOf } from '../../src/digests/scheduled.js';
import { loadSettings } from '../../src/config.js';
import { amsterdam } from '../helpers/app.js';

describe('Dutch public holidays, computed', () => {
  it('finds Easter by the computus', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22',
      1943: '1943-04-25',
      2000: '2000-04-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, day] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(day);
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday', () => {
    expect(kingsDay(2025)).toBe('2025-04-26');
    expect(kingsDay(2026)).toBe('2026-04-27');
    expect(kingsDay(2031)).toBe('2031-04-26');
    expect(kingsDay(2013)).toBe('2013-04-30');
  });

  it('lists the holidays of 2026', () => {
    expect(dutchHolidays(2026).map((h) => `${h.day} ${h.name}`)).toEqual([
      '2026-01-01 Nieuwjaarsdag',
      '2026-04-05 Eerste Paasdag',
      '2026-04-06 Tweede Paasdag',
      '2026-04-27 Koningsdag',
      '2026-05-05 Bevrijdingsdag',
      '2026-05-14 Hemelvaartsdag',
      '2026-05-24 Eerste Pinksterdag',
      '2026-05-25 Tweede Pinksterdag',
      '2026-12-25 Eerste Kerstdag',
      '2026-12-26 Tweede Kerstdag',
    ]);
    expect(dutchHolidays(2026, { liberationDay: false }).some((h) => h.name === 'Bevrijdingsdag')).toBe(false);
    expect(dutchHolidays(2026, { goodFriday: true }).find((h) => h.name === 'Goede Vrijdag')?.day).toBe('2026-04-03');
  });

  it('counts Monday to Friday without holidays as working days', () => {
    expect(isWorkday('2026-03-06')).toBe(true); // Friday
    expect(isWorkday('2026-03-07')).toBe(false); // Saturday
    expect(isWorkday('2026-04-03')).toBe(true); // Goede Vrijdag works by default
    expect(isWorkday('2026-04-03', { goodFriday: true })).toBe(false);
    expect(isWorkday('2026-04-06')).toBe(false); // Tweede Paasdag
    expect(isWorkday('2026-05-05')).toBe(false); // Bevrijdingsdag
    expect(isWorkday('2026-05-05', { liberationDay: false })).toBe(true);
  });

  it('adds working days after a day, never counting the day itself', () => {
    expect(addWorkdays('2026-03-02', 2)).toBe('2026-03-04'); // Mon -> Wed
    expect(addWorkdays('2026-03-06', 2)).toBe('2026-03-10'); // Fri -> Tue
    expect(addWorkdays('2026-03-07', 2)).toBe('2026-03-10'); // Sat -> Tue
    expect(addWorkdays('2026-04-02', 2)).toBe('2026-04-07'); // Thu -> Tue over Easter Monday
    expect(addWorkdays('2026-05-13', 1)).toBe('2026-05-15'); // over Hemelvaartsdag
    expect(addWorkdays('2026-12-24', 2)).toBe('2026-12-29'); // over Christmas
    expect(addWorkdays('2026-12-31', 1)).toBe('2027-01-04'); // over New Year and the weekend
    expect(addWorkdays('2026-03-27', 10)).toBe('2026-04-13');
  });
});

describe('weeks and the digest moment', () => {
  it('numbers ISO weeks', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2026-03-30')).toBe('2026-W14');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
  });

  it('puts the digest at DIGEST_DAY DIGEST_TIME local time, also in the weeks of the clock changes', () => {
    const settings = loadSettings({});
    const m = (iso: string) => {
      const d = digestMomentOf(new Date(iso), settings);
      return `${d.week} ${amsterdam(d.at)} ${d.at.toISOString()}`;
    };
    expect(m('2026-03-29T12:00:00Z')).toBe('2026-W13 2026-03-23 08:30 2026-03-23T07:30:00.000Z');
    expect(m('2026-03-30T12:00:00Z')).toBe('2026-W14 2026-03-30 08:30 2026-03-30T06:30:00.000Z');
    expect(m('2026-10-25T12:00:00Z')).toBe('2026-W43 2026-10-19 08:30 2026-10-19T06:30:00.000Z');
    expect(m('2026-10-26T12:00:00Z')).toBe('2026-W44 2026-10-26 08:30 2026-10-26T07:30:00.000Z');
    const friday = digestMomentOf(new Date('2026-03-30T12:00:00Z'), loadSettings({ DIGEST_DAY: 'vrijdag', DIGEST_TIME: '16:00' }));
    expect(amsterdam(friday.at)).toBe('2026-04-03 16:00');
  });
});

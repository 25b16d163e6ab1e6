import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import { contactWarning, findContactDetails } from '../../src/privacy/contact.js';

// Invented numbers and addresses (example.nl is reserved for examples).

afterEach(() => setLocale('nl'));

describe('findContactDetails', () => {
  it.each([
    '06-12345678',
    '06 12345678',
    '0612345678',
    '06 1234 5678',
    '06 - 12345678',
    '+31 6 1234 5678',
    '+31612345678',
    '+31 (0)6 12345678',
    '0031 6 12345678',
    '0031612345678',
    '020-1234567',
    '020 123 4567',
    '(020) 123 4567',
    '(0174) 123456',
    '+31 20 123 4567',
    'bel moeder op 06-12345678.',
    'tel:0612345678',
  ])('finds the phone number in %j', (text) => {
    expect(findContactDetails(text)).toEqual({ email: false, phone: true });
  });

  it.each([
    'jan@example.nl',
    'Mail J.de.Vries+gezin@mail.example.nl graag',
    '<mailto:ouder@example.nl|ouder@example.nl>',
    'contact: team-noord@jeugd-zorg.example.',
  ])('finds the e-mail address in %j', (text) => {
    expect(findContactDetails(text)).toEqual({ email: true, phone: false });
  });

  it('finds both', () => {
    expect(findContactDetails('ouder@example.nl of 06-12345678')).toEqual({ email: true, phone: true });
  });

  it.each([
    ['a date', 'gepland op 12-03-2026'],
    ['an ISO date', '2026-03-12'],
    ['Veilig Thuis, which the bot names itself', 'bel Veilig Thuis: 0800-2000'],
    ['112', 'bel 112'],
    ['a BSN-length number', '123456782'],
    ['two dates in a row', '01-02-2010 - 03-04-2011'],
    ['a longer digit run', '061234567890'],
    ['a mention', '<@U0123ABCD|Sanne> kijk even'],
    ['an @ without a domain', 'jan@ of @team'],
    ['a host without a top-level domain', 'jan@localhost'],
    ['a case code', 'JB-2026-014'],
    ['times', 'van 09.00-12.30 uur'],
  ])('does not flag %s', (_name, text) => {
    expect(findContactDetails(text)).toEqual({ email: false, phone: false });
  });

  it('never throws and stays fast on long input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => void findContactDetails(s)));
    // Catastrophic backtracking would hit the test's time-out; the answers must still be right.
    const none = { email: false, phone: false };
    expect(findContactDetails(`${'a'.repeat(1_000_000)}@`)).toEqual(none);
    expect(findContactDetails('@'.repeat(200_000))).toEqual(none);
    expect(findContactDetails('0 '.repeat(500_000))).toEqual(none);
    expect(findContactDetails('06-'.repeat(300_000))).toEqual(none);
  });
});

describe('contactWarning', () => {
  it('warns about what was found, in the locale', () => {
    expect(contactWarning({ email: false, phone: false })).toBeNull();
    expect(contactWarning({ email: true, phone: false })).toMatch(/^Je bericht bevat een e-mailadres\. Laat contactgegevens/);
    expect(contactWarning({ email: false, phone: true })).toMatch(/een telefoonnummer/);
    expect(contactWarning({ email: true, phone: true })).toMatch(/een e-mailadres en een telefoonnummer/);
    setLocale('en');
    expect(contactWarning({ email: false, phone: true })).toMatch(/^Your message contains a phone number/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import { coreHarness, type CoreHarness } from './harness.js';
import { mentionOf } from '../helpers/people.js';

// Consent (issue 21, item 7): the family's consent to share information,
// recorded by the gezinsmanager with its date, shown on the card; while it is
// "nee" or unknown, adding a provider's worker reminds her of it.

let h: CoreHarness;
const must = async (user: string, line: string) => {
  const r = await h.say(user, line);
  expect(r.error, `${line}: ${r.message?.text ?? r.message?.title}`).toBeFalsy();
  return r;
};
const consentField = async () => (await must('U-GM', '/casus info')).message?.fields?.find((f) => f.label === 'Toestemming informatie delen')?.value;
const reminder = /^Let op: de toestemming van het gezin om informatie te delen is (nee|nog niet vastgelegd)\./;

beforeAll(async () => {
  h = await coreHarness();
  await must('U-GM', '/casus nieuw TST-951 toestemming');
});
afterAll(async () => {
  await h.close();
});

describe('/casus toestemming', () => {
  it('unknown at first: the card says so, and adding a provider’s worker reminds the gezinsmanager', async () => {
    expect(await consentField()).toBe('nog niet vastgelegd');
    const r = await must('U-GM', `/casus lid ${mentionOf('U-HA')} trajectbegeleider Horizon`);
    expect(r.message?.lines?.some((l) => reminder.test(l))).toBe(true);
    // Someone who works for no provider brings no reminder.
    const gd = await must('U-GM', `/casus lid ${mentionOf('U-GD')} gedragsdeskundige`);
    expect(gd.message?.lines ?? []).toEqual([]);
  });

  it('bad input changes nothing; only the gezinsmanager records it', async () => {
    const bad = await h.say('U-GM', '/casus toestemming misschien');
    expect(bad.message?.text).toBe('"misschien" is geen antwoord op de toestemming. Kies uit: ja, nee, deels.');
    expect(bad.message?.lines).toContain('/casus toestemming <ja|nee|deels> [toelichting…]');
    const ha = await h.say('U-HA', '/casus toestemming ja');
    expect(ha.message?.text).toBe('Dit mag alleen de gezinsmanager van casus TST-951.');
    const [row] = await h.app.db.q.select().from(cases).where(eq(cases.code, 'TST-951'));
    expect(row?.consent).toBeNull();
  });

  it('"nee" keeps reminding; "deels" with its note is on the card with its date and stops the reminder', async () => {
    await must('U-GM', '/casus toestemming nee');
    const r = await must('U-GM', `/casus lid ${mentionOf('U-HV')} hulpverlener Horizon`);
    expect(r.message?.lines?.some((l) => l.startsWith('Let op: de toestemming van het gezin om informatie te delen is nee.'))).toBe(true);
    const set = await must('U-GM', '/casus toestemming deels niet delen met school');
    expect(set.message?.title).toBe('Geplaatst');
    expect((await h.postOf(set)).title).toBe('Toestemming van het gezin om informatie te delen: deels (vastgelegd 02-03-2026).');
    expect(await consentField()).toBe('deels (vastgelegd 02-03-2026): niet delen met school');
    const oa = await must('U-GM', `/casus lid ${mentionOf('U-OA')} oa Kompas`);
    expect(oa.message?.lines ?? []).toEqual([]);
  });
});

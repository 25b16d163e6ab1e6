import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cases, referrals, signals } from '../../db/schema.js';
import { caseByCode } from '../../src/cases/model.js';
import { local } from '../helpers/app.js';
import { mentionOf } from '../helpers/people.js';
import { coreHarness, type CoreHarness } from './harness.js';

// The corrections' finer rules through the core (the whole flow runs on every
// platform in test/{slack,teams,sandbox}/corrections*): who may correct which
// field, undoing a start or a stop, a SPIC correction reaching the case, a
// default start-due date following the referral date. Names and codes are invented.

describe('corrections through the core', () => {
  let h: CoreHarness;
  const text = async (user: string, line: string) => {
    const r = await h.say(user, line);
    // A "Geplaatst" is read with the post it confirms.
    return { error: r.error === true, said: await h.heard(r) };
  };
  const referral = async (provider: string) => (await h.app.db.q.select().from(referrals).where(eq(referrals.provider, provider)))[0]!;

  beforeAll(async () => {
    h = await coreHarness({ start: local('2026-03-10 10:00') });
    for (const [user, line] of [
      ['U-GM', '/casus nieuw TST-303'],
      ['U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`],
      ['U-GM', `/casus lid ${mentionOf('U-OA')} onderaannemer`],
      ['U-GM', '/inzet Horizon ha spic 7 verwezen 02-02-2026'],
      ['U-GM', '/inzet Kompas oa spic 3 verwezen 02-02-2026 start-uiterlijk 20-02-2026'],
      ['U-HA', '/signaal zorg normaal oorzaak:hulp wachtlijst'],
    ] as const) {
      const r = await h.say(user, line);
      if (r.error) throw new Error(`${line}: ${r.message?.text ?? r.message?.title}`);
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('a provider corrects only its own start; the referral date is the gezinsmanager’s', async () => {
    expect(await text('U-OA', '/inzet wijzig Horizon gestart 03-03-2026')).toMatchObject({ error: true, said: expect.stringContaining('Alleen de gezinsmanager of een medewerker van Horizon') });
    expect(await text('U-HA', '/inzet wijzig Horizon gestart 03-03-2026')).toMatchObject({ error: false });
    expect((await referral('Horizon')).startedOn).toBe('2026-03-03');
    expect(await text('U-HA', '/inzet wijzig Horizon spic 8')).toMatchObject({ error: true, said: expect.stringContaining('Alleen de gezinsmanager mag het SPIC-profiel') });
    // Nothing changed by the refusals.
    expect((await referral('Horizon')).spic).toBe('7');
  });

  it('a start or a stop recorded by mistake is undone with nee', async () => {
    expect(await text('U-HA', '/inzet wijzig Horizon gestart nee')).toMatchObject({ error: false, said: expect.stringContaining('startdatum 03-03-2026 → niet vastgelegd') });
    expect((await referral('Horizon')).startedOn).toBeNull();
    expect(await text('U-OA', '/inzet gestopt Kompas 09-03-2026 verkeerde aanbieder')).toMatchObject({ error: false });
    expect(await text('U-OA', '/inzet wijzig Kompas gestopt nee')).toMatchObject({ error: false });
    expect(await referral('Kompas')).toMatchObject({ stoppedOn: null, stopReason: null });
    const card = (await h.say('U-GM', '/casus info')).message?.fields?.map((f) => `${f.label}: ${f.value}`).join('\n') ?? '';
    expect(card).toMatch(/Horizon \(HA, SPIC 7\): start te laat/);
    expect(card).toMatch(/Kompas \(OA, SPIC 3\): start te laat/);
  });

  it('the hoofdaannemer’s SPIC is the case’s; a default start-due date moves with the referral date, a chosen one stays', async () => {
    expect(await text('U-GM', '/inzet wijzig Horizon spic 8')).toMatchObject({ error: false });
    expect((await caseByCode(h.app.db.q, 'TST-303'))!.spic).toBe('8');
    expect(await text('U-GM', '/inzet wijzig Horizon verwezen 09-02-2026')).toMatchObject({ error: false });
    expect(await referral('Horizon')).toMatchObject({ referredOn: '2026-02-09', startDue: '2026-03-09' });
    expect(await text('U-GM', '/inzet wijzig Kompas verwezen 03-02-2026')).toMatchObject({ error: false });
    expect(await referral('Kompas')).toMatchObject({ referredOn: '2026-02-03', startDue: '2026-02-20' });
    expect(await text('U-GM', '/inzet wijzig Kompas verwezen 11-03-2026')).toMatchObject({ error: true, said: expect.stringContaining('kies vandaag (10-03-2026) of eerder') });
    expect(await text('U-GM', '/inzet wijzig Kompas start-uiterlijk 01-02-2026')).toMatchObject({ error: true, said: expect.stringContaining('vóór de verwijsdatum') });
  });

  it('a signal’s cause can be removed; a withdrawn signal can no longer be acknowledged, closed or changed', async () => {
    expect(await text('U-HA', '/signaal wijzig S-1 oorzaak geen')).toMatchObject({ error: false, said: expect.stringContaining('oorzaak hulp → geen') });
    const [s1] = await h.app.db.q.select().from(signals);
    expect(s1!.cause).toBeNull();
    expect(await text('U-GM', '/signaal intrekken S-1 Hoort bij een andere casus')).toMatchObject({ error: false });
    expect(await text('U-GM', '/signaal intrekken S-1 nog een keer')).toMatchObject({ error: false, said: 'Signaal S-1 is al ingetrokken. Er is niets veranderd.' });
    expect(await text('U-GM', '/signaal bevestig S-1')).toMatchObject({ said: 'Signaal S-1 is al ingetrokken. Er is niets veranderd.' });
    expect(await text('U-GM', '/signaal sluit S-1')).toMatchObject({ said: 'Signaal S-1 is al ingetrokken. Er is niets veranderd.' });
    expect(await text('U-HA', '/signaal wijzig S-1 urgentie hoog')).toMatchObject({ error: true, said: expect.stringContaining('is ingetrokken en kan niet meer worden gewijzigd') });
    const [after] = await h.app.db.q.select().from(signals);
    expect(after).toMatchObject({ ackAt: null, closedAt: null, urgency: 'normaal' });
    expect(after!.withdrawnAt).not.toBeNull();
    // The closure check does not count it as open.
    const check = await text('U-GM', '/casus afsluiten');
    expect(check.said).not.toContain('S-1');
    expect((await h.app.db.q.select().from(cases))[0]!.status).toBe('open');
  });

  it('nothing to withdraw, nothing planned on that day: a clear answer that changes nothing', async () => {
    expect(await text('U-GM', '/veiligheid intrekken tikfout')).toMatchObject({ error: true, said: expect.stringContaining('Er is geen veiligheidsscore om in te trekken.') });
    expect(await text('U-GM', '/overleg afgezegd 12-03-2026')).toMatchObject({ error: true, said: expect.stringContaining('Er staat geen overleg gepland op 12-03-2026.') });
    expect(await text('U-GM', '/overleg gepland 12-03-2026')).toMatchObject({ error: false });
    expect(await text('U-GM', '/overleg verzet 12-03-2026 01-03-2026')).toMatchObject({ error: true, said: expect.stringContaining('in het verleden') });
    expect(await text('U-GM', '/resultaat wijzig R-4 iets')).toMatchObject({ error: true, said: expect.stringContaining('Resultaat R-4 bestaat niet') });
  });
});

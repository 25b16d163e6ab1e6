import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreHarness, type CoreHarness } from './harness.js';
import { mentionOf } from '../helpers/people.js';

// A provider is a team, not one person (issue 21, item 1): the trajectbegeleider
// who holds regie op zorg and the hulpverlener who does the work are both in the
// case, tied to their provider; "that provider's workers" are the people tied to it.

let h: CoreHarness;
const must = async (user: string, line: string) => {
  const r = await h.say(user, line);
  expect(r.error, `${line}: ${r.message?.text ?? r.message?.title}`).toBeFalsy();
  return r;
};

beforeAll(async () => {
  h = await coreHarness();
  await must('U-GM', '/casus nieuw TST-701 aanbieders');
});
afterAll(async () => {
  await h.close();
});

describe('provider teams', () => {
  it('a hulpverlener needs an aanbieder; a role that works for none takes nothing after it', async () => {
    const missing = await h.say('U-GM', `/casus lid ${mentionOf('U-HV')} hulpverlener`);
    expect(missing.error).toBe(true);
    expect(missing.message?.text).toBe('Een hulpverlener hoort bij een aanbieder: typ die na de rol, bijvoorbeeld /casus lid @Noor hulpverlener Horizon.');
    expect(missing.message?.lines).toContain('/casus lid <@gebruiker> <rol> [aanbieder…]');
    const extra = await h.say('U-GM', `/casus lid ${mentionOf('U-GD')} gedragsdeskundige Horizon`);
    expect(extra.message?.text).toBe('"Horizon" begrijp ik hier niet: er hoort niets meer achter.');
    const info = await must('U-GM', '/casus info');
    expect(info.message?.fields?.map((f) => f.value).join('\n')).not.toContain('U-HV');
  });

  it('two workers of the hoofdaannemer and a worker of the onderaannemer, grouped by provider on the card', async () => {
    const ha = await must('U-GM', `/casus lid ${mentionOf('U-HA')} trajectbegeleider Horizon`);
    expect(ha.message?.title).toBe('Geplaatst');
    expect((await h.postOf(ha)).title).toBe('<@U-HA> is toegevoegd als hoofdaannemer van Horizon.');
    await must('U-GM', `/casus lid ${mentionOf('U-HV')} hulpverlener Horizon`);
    await must('U-GM', `/casus lid ${mentionOf('U-OA')} oa Kompas`);
    const card = (await must('U-GM', '/casus info')).message!;
    const field = (label: string) => card.fields?.find((f) => f.label === label)?.value;
    // The hulpverlener did not replace the trajectbegeleider: she still holds regie op zorg.
    expect(field('Regie op zorg (hoofdaannemer)')).toBe('<@U-HA> (Horizon)');
    expect(field('Aanbieder Horizon')).toBe('<@U-HA> (hoofdaannemer), <@U-HV> (hulpverlener)');
    expect(field('Aanbieder Kompas')).toBe('<@U-OA> (onderaannemer)');
    expect(field('Onderaannemers')).toBeUndefined();
  });

  it("each provider's workers record the start and stop of their own provider's help, not another's", async () => {
    await must('U-GM', '/inzet Horizon ha spic 7 verwezen gisteren');
    await must('U-GM', '/inzet Kompas oa spic 3 verwezen gisteren');
    const notMine = await h.say('U-HV', '/inzet gestart Kompas');
    expect(notMine.error).toBe(true);
    expect(notMine.message?.text).toBe('Alleen de gezinsmanager of een medewerker van Kompas mag de start of het einde van deze inzet vastleggen.');
    await must('U-HV', '/inzet gestart Horizon');
    await must('U-OA', '/inzet gestart Kompas');
    const theirs = await h.say('U-OA', '/inzet gestopt Horizon');
    expect(theirs.message?.text).toBe('Alleen de gezinsmanager of een medewerker van Horizon mag de start of het einde van deze inzet vastleggen.');
    await must('U-HA', '/inzet gestopt Horizon doelen behaald');
  });

  it('a hulpverlener files signals, and may not do what only the gezinsmanager or the hoofdaannemer may', async () => {
    await must('U-HV', '/signaal zorg normaal moeder mist afspraken');
    const score = await h.say('U-HV', '/veiligheid actueel 6 blijvend 5');
    expect(score.message?.text).toBe('Dit mag alleen de gezinsmanager van casus TST-701.');
    const progress = await h.say('U-HV', '/resultaat voortgang R-1 achter');
    expect(progress.message?.text).toBe('Dit mag alleen de gezinsmanager of de hoofdaannemer van casus TST-701.');
  });
});

describe('the hoofdaannemer brings in the onderaannemer', () => {
  it('without a SPIC: the OA works under the HA’s arrangement; its worker records its start', async () => {
    const r = await must('U-HA', '/inzet "De Brug" oa verwezen gisteren');
    expect(r.message?.title).toBeTruthy();
    const posted = (await must('U-GM', '/casus info')).message!;
    const referrals = posted.fields?.find((f) => f.label === 'Inzet')?.value ?? '';
    expect(referrals).toContain('De Brug (OA): ');
    expect(referrals).toContain('Horizon (HA, SPIC 7)');
    await must('U-GM', `/casus lid ${mentionOf('U-GD')} onderaannemer De Brug`);
    await must('U-GD', '/inzet gestart De Brug');
  });

  it('the HA may bring in an OA with a SPIC too, but not another hoofdaannemer; a hulpverlener brings in nobody', async () => {
    await must('U-HA', '/inzet Altra oa spic 4 verwezen gisteren');
    const ha = await h.say('U-HA', '/inzet Levvel ha spic 7 verwezen gisteren');
    expect(ha.message?.text).toBe('Dit mag alleen de gezinsmanager van casus TST-701.');
    const hv = await h.say('U-HV', '/inzet Levvel oa verwezen gisteren');
    expect(hv.message?.text).toBe('Dit mag alleen de gezinsmanager of de hoofdaannemer van casus TST-701.');
    const noSpic = await h.say('U-GM', '/inzet Levvel ha verwezen gisteren');
    expect(noSpic.error).toBe(true);
    expect(noSpic.message?.text).toBe('Er ontbreekt "<ha|oa> spic <code>", bijvoorbeeld: ha spic 11.');
  });

  it('the referral form takes an OA without a SPIC, and refuses an HA without one', async () => {
    const oa = await h.app.core.submitForm(h.ctx('U-GM'), 'inzet', { aanbieder: 'Praktijk Noord', rol: 'oa', spic: '', verwezen: 'gisteren' });
    expect(oa.error, oa.message?.text).toBeFalsy();
    const ha = await h.app.core.submitForm(h.ctx('U-GM'), 'inzet', { aanbieder: 'Praktijk Zuid', rol: 'ha', spic: '', verwezen: 'gisteren' });
    expect(ha.message?.text).toBe('Vul de SPIC-code in, bijvoorbeeld 11 of 3B.');
  });
});

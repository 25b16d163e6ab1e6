import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { local } from '../helpers/app.js';
import { coreHarness, type CoreHarness } from './harness.js';
import { mentionOf } from '../helpers/people.js';

// Help beyond youth care (issue 21, item 3): a parent's debt help or adult
// mental-health care the family waits for, recorded without a SPIC; its
// waiting time counts the same way and shows under its own heading.

let h: CoreHarness;
const must = async (user: string, line: string, conversation = 'C-CASE') => {
  const r = await h.say(user, line, conversation);
  expect(r.error, `${line}: ${r.message?.text ?? r.message?.title}`).toBeFalsy();
  return r;
};

beforeAll(async () => {
  h = await coreHarness({ start: local('2026-03-02 10:00') });
  await must('U-GM', '/team koppel Basisteam Noord', 'C-TEAM');
  await must('U-GM', '/casus nieuw TST-901 schulden');
  await must('U-GM', `/casus lid ${mentionOf('U-HA')} trajectbegeleider Horizon`);
  await must('U-GM', `/casus lid ${mentionOf('U-HV')} hulpverlener Horizon`);
  await must('U-GM', '/casus team Basisteam Noord');
  await must('U-GM', '/inzet Horizon ha spic 7 verwezen 02-03-2026');
});
afterAll(async () => {
  await h.close();
});

describe('/inzet <aanbieder> schuldhulp …', () => {
  it('is refused with a SPIC, and to a provider’s worker who is not the hoofdaannemer', async () => {
    const spic = await h.say('U-GM', '/inzet Kredietbank schuldhulp spic 3 verwezen 02-03-2026');
    expect(spic.message?.text).toBe('Hulp buiten de jeugdhulp (schuldhulp) heeft geen SPIC. Schrijf: /inzet <aanbieder> schuldhulp verwezen <datum>.');
    const hv = await h.say('U-HV', '/inzet Kredietbank schuldhulp verwezen 02-03-2026');
    expect(hv.message?.text).toBe('Dit mag alleen de gezinsmanager of de hoofdaannemer van casus TST-901.');
  });

  it('the hoofdaannemer records it; the card and the agenda show it under its own heading with its waiting days', async () => {
    await must('U-HA', '/inzet Kredietbank schuldhulp verwezen 02-03-2026 start-uiterlijk 16-03-2026');
    h.clock.set(local('2026-03-12 10:00'));
    const card = (await must('U-GM', '/casus info')).message!;
    const field = (label: string) => card.fields?.find((f) => f.label === label)?.value ?? '';
    expect(field('Hulp buiten de jeugdhulp')).toBe('Kredietbank (schuldhulp): wacht 10 dagen, start uiterlijk 16-03-2026');
    expect(field('Inzet')).not.toContain('Kredietbank');
    const agenda = (await must('U-GM', '/overleg agenda')).message!;
    expect(agenda.fields?.find((f) => f.label === 'Hulp buiten de jeugdhulp')?.value).toContain('Kredietbank (schuldhulp): wacht 10 dagen');
  });

  it('a late start stands in the digest under its own heading', async () => {
    h.clock.set(local('2026-03-20 10:00'));
    const digest = (await must('U-GM', '/digest', 'C-TEAM')).message!;
    expect(digest.fields).toContainEqual({ label: 'Wachten op hulp buiten de jeugdhulp', value: '1' });
    expect(digest.lines?.join('\n')).toContain('schuldhulp bij Kredietbank: 18 dagen wachten');
    // Not a youth-care provider's late start.
    expect(digest.fields).toContainEqual({ label: 'Te late starts', value: '0' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrals, signals } from '../../db/schema.js';
import type { Role } from '../../src/actors.js';
import { texts as caseTexts } from '../../src/cases/messages.js';
import { allows } from '../../src/kernel/command.js';
import { registry } from '../../src/core/registry.js';
import { words } from '../../src/i18n/common.js';
import { coreHarness, fullCase, type CoreHarness } from './harness.js';

// The dispatcher checks access from the registry: every case command, run from
// its own example, is refused for exactly the people its entry's rule leaves out.

const people: Record<string, Role | undefined> = {
  'U-GM': 'gezinsmanager',
  'U-HA': 'hoofdaannemer',
  'U-OA': 'onderaannemer',
  'U-TL': 'teamleider',
  'U-GD': 'gedragsdeskundige',
  'U-SP': 'spoedhulp',
  'U-XX': undefined,
};
const asTyped = (example: string) => example.replace(/@(\w+)/g, '<@U0EXAMPLE|$1>');

/** fullCase's case, in a conversation of its own, so one command's example cannot change who the next one's members are. */
async function caseIn(h: CoreHarness, code: string, conversation: string): Promise<void> {
  const lines: Array<[string, string]> = [
    ['U-GM', `/casus nieuw ${code} proefcasus`],
    ...Object.entries(people)
      .filter(([user, role]) => role && user !== 'U-GM')
      .map(([user, role]): [string, string] => ['U-GM', `/casus lid <@${user}|${user}> ${role}`]),
    ['U-HA', '/signaal zorg normaal moeder mist afspraken'],
    ['U-GM', '/inzet Horizon ha spic 7 verwezen gisteren'],
  ];
  for (const [user, line] of lines) {
    const r = await h.say(user, line, conversation);
    if (r.error) throw new Error(`${line}: ${r.message?.text ?? r.message?.title}`);
  }
}

describe('access from the registry', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const caseCommands = registry.filter((e) => e.mode !== 'outside');

  it.each(caseCommands.map((e, i) => [e.name, e, i] as const))('%s', async (_name, e, i) => {
    const t = caseTexts();
    const code = `TST-${100 + i}`;
    await caseIn(h, code, `C-REG-${i}`);
    // Those refused first: an allowed example may change the members (a new hoofdaannemer replaces the old).
    const order = Object.entries(people).sort(([, a], [, b]) => Number(e.access !== 'anyone' && allows(e.access, a)) - Number(e.access !== 'anyone' && allows(e.access, b)));
    for (const [user, role] of order) {
      const reply = await h.say(user, asTyped(e.example), `C-REG-${i}`);
      const said = reply.message?.text ?? '';
      if (e.access !== 'anyone' && !allows(e.access, role)) {
        const who = e.access === 'member' ? '' : e.access.map((r) => `de ${words().role[r]}`).join(' of ');
        expect(reply.error, `${user}: ${said}`).toBe(true);
        expect(reply.message?.title).toBe(t.refusedTitle);
        expect(said).toBe(role ? t.roleRefused(code, who) : t.notMember(code));
      } else {
        expect(said, user).not.toBe(t.notMember(code));
        expect(said, user).not.toMatch(new RegExp(`^Dit mag alleen .* van casus ${code}\\.$`));
      }
    }
  });
});

describe('forms through the core', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreHarness();
    await fullCase(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('a form value that is a command word is refused with a Dutch field error, and nothing is stored', async () => {
    const before = await h.app.db.q.select().from(signals);
    const reply = await h.app.core.submitForm(h.ctx('U-GM'), 'signaal', { soort: 'bevestig', urgentie: 'normaal', tekst: 'S-1' });
    expect(reply.error).toBe(true);
    expect(reply.message?.text).toBe('"bevestig" is geen soort signaal. Kies uit: veiligheid, zorg, stagnatie, incident, positief.');
    expect(await h.app.db.q.select().from(signals)).toEqual(before);
    // Nor does a value in another field turn into one.
    const urgent = await h.app.core.submitForm(h.ctx('U-GM'), 'signaal', { soort: 'zorg', urgentie: 'sluit', tekst: 'S-1 opgelost' });
    expect(urgent.message?.text).toBe('"sluit" is geen urgentie. Kies uit: acuut, hoog, normaal, laag.');
    expect(await h.app.db.q.select().from(signals)).toEqual(before);
  });

  it('a provider name with a double quote is stored as it was entered', async () => {
    const provider = 'Stichting "De Brug" Noord';
    const reply = await h.app.core.submitForm(h.ctx('U-GM'), 'inzet', { aanbieder: provider, rol: 'oa', spic: '4', verwezen: '2026-03-01' });
    expect(reply.error, reply.message?.text).toBeFalsy();
    const stored = (await h.app.db.q.select().from(referrals)).map((r) => r.provider);
    expect(stored).toContain(provider);
  });

  it('the score form refuses with the typed command\'s reason, names the field, and leaves out the command syntax', async () => {
    const typed = await h.say('U-GM', '/veiligheid actueel 11 blijvend 4');
    const form = await h.app.core.submitForm(h.ctx('U-GM'), 'veiligheid', { actueel: '11', blijvend: '4' });
    expect(form.error).toBe(true);
    expect(form.field).toBe('actueel');
    expect(form.message?.text).toBe(typed.message?.text);
    expect(typed.message?.lines?.join('\n')).toContain('/veiligheid actueel <0-10>');
    expect(JSON.stringify(form.message)).not.toContain('/veiligheid');
    const later = await h.app.core.submitForm(h.ctx('U-GM'), 'veiligheid', { actueel: '6', blijvend: 'veel' });
    expect(later.field).toBe('blijvend');
  });
});

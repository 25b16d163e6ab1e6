import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrals, signals } from '../../db/schema.js';
import type { Role } from '../../src/actors.js';
import { texts as caseTexts } from '../../src/cases/messages.js';
import { allows } from '../../src/kernel/command.js';
import { registry } from '../../src/core/registry.js';
import { words } from '../../src/commands/words.js';
import { coreHarness, fullCase, type CoreHarness } from './harness.js';

// The dispatcher checks access from the registry: every case command, run from
// its own example, is refused for exactly the people its entry's rule leaves out.

const people: Record<string, Role | undefined> = {
  'U-GM': 'gezinsmanager',
  'U-HA': 'hoofdaannemer',
  // A worker of the hoofdaannemer's provider (issue 21, item 1): tied to Horizon, as its trajectbegeleider is not.
  'U-HV': 'hulpverlener',
  'U-OA': 'onderaannemer',
  'U-TL': 'teamleider',
  'U-GD': 'gedragsdeskundige',
  'U-SP': 'spoedhulp',
  // The teamleider of the case's basisteam, never added to the case: its teamleider all the same (issue 21, item 5).
  'U-GM2': 'teamleider',
  'U-XX': undefined,
};
const teamLeader = 'U-GM2';
const asTyped = (example: string) => example.replace(/@(\w+)/g, '<@U0EXAMPLE|$1>');

/** fullCase's case, in a conversation of its own, so one command's example cannot change who the next one's members are. */
async function caseIn(h: CoreHarness, code: string, conversation: string): Promise<void> {
  const lines: Array<[string, string]> = [
    ['U-GM', `/casus nieuw ${code} proefcasus`],
    ...Object.entries(people)
      .filter(([user, role]) => role && user !== 'U-GM' && user !== teamLeader)
      .map(([user, role]): [string, string] => ['U-GM', `/casus lid <@${user}|${user}> ${role}${role === 'hulpverlener' ? ' Horizon' : ''}`]),
    ['U-GM', '/casus team Basisteam Noord'],
    ['U-HA', '/signaal zorg normaal moeder mist afspraken'],
    ['U-GM', '/inzet Horizon ha spic 7 verwezen gisteren'],
    // A-1, so `/afspraak klaar A-1` finds an agreement to tick off.
    ['U-GM', '/afspraak <@U-OA|U-OA> morgen belt de school'],
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
    for (const line of ['/team koppel Basisteam Noord', `/team teamleider <@${teamLeader}|${teamLeader}>`]) {
      const r = await h.say('U-GM', line, 'C-TEAM');
      if (r.error) throw new Error(`${line}: ${r.message?.text ?? r.message?.title}`);
    }
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

describe('access refined by the service', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreHarness();
    await fullCase(h);
    await h.say('U-GM', '/afspraak <@U-OA|U-OA> morgen belt de school');
    await h.say('U-HA', '/afspraak <@U-SP|U-SP> morgen komt langs');
    await h.say('U-GM', '/afspraak <@U-GD|U-GD> morgen schrijft het advies');
  });
  afterAll(async () => {
    await h.close();
  });

  it('/afspraak klaar: the owner, the gezinsmanager or the hoofdaannemer; any other member is refused, and nothing changes', async () => {
    for (const user of ['U-TL', 'U-GD', 'U-SP']) {
      const r = await h.say(user, '/afspraak klaar A-1');
      expect(r.error, user).toBe(true);
      expect(r.message?.text).toBe('Afspraak A-1 kan alleen de eigenaar, de gezinsmanager of de hoofdaannemer afvinken.');
    }
    expect((await h.say('U-XX', '/afspraak klaar A-1')).message?.text).toBe(caseTexts().notMember('TST-001'));
    expect((await h.say('U-OA', '/afspraak klaar A-1')).error).toBeFalsy();
    expect((await h.say('U-HA', '/afspraak klaar A-2')).error).toBeFalsy();
    expect((await h.say('U-GM', '/afspraak klaar A-3')).error).toBeFalsy();
    expect((await h.say('U-OA', '/afspraak <@U-GM|U-GM> morgen belt')).message?.text).toBe(caseTexts().roleRefused('TST-001', 'de gezinsmanager of de hoofdaannemer'));
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

  it('the score form refuses for the typed command\'s reason, in form words: the form again, typed values kept, the error under its field', async () => {
    const typed = await h.say('U-GM', '/veiligheid actueel 11 blijvend 4');
    const form = await h.app.core.submitForm(h.ctx('U-GM'), 'veiligheid', { actueel: '11', blijvend: '4' });
    expect(form.error).toBe(true);
    expect(form.message?.text).toBe(typed.message?.text);
    // The typed command's usage is command syntax: not for someone filling in a form.
    expect(typed.message?.lines?.join(' ')).toContain('/veiligheid');
    expect(form.message?.lines ?? []).toEqual([]);
    expect(form.form?.fields.map((f) => [f.name, f.initial, f.error])).toEqual([
      ['actueel', '11', typed.message?.text],
      ['blijvend', '4', undefined],
      ['toelichting', undefined, undefined],
    ]);
  });
});

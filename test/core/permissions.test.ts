import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableSnapshot } from '../helpers/database.js';
import { coreHarness, fullCase, type CoreHarness } from './harness.js';

const roles = ['U-GM', 'U-HA', 'U-OA', 'U-TL', 'U-GD', 'U-SP', 'U-XX'] as const;
const members = roles.filter((r) => r !== 'U-XX');
const gm = ['U-GM'];

// Every command against every role and a non-member: who may, per shared/COMMANDS.md.
const matrix: Array<{ line: string; allowed: readonly string[]; conversation?: string }> = [
  { line: '/casus info', allowed: members },
  { line: '/casus tijdlijn', allowed: members },
  { line: '/casus lid <@U-NEW|Nieuwe Collega> gedragsdeskundige', allowed: gm },
  { line: '/casus fase ondersteunen', allowed: gm },
  { line: '/casus team Noord 2', allowed: gm },
  { line: '/casus afsluiten doelen behaald', allowed: gm },
  { line: '/casus koppel TST-001', allowed: gm, conversation: 'C-OTHER' },
  { line: '/signaal stagnatie hoog oorzaak:hulp wachtlijst', allowed: members },
  { line: '/signaal', allowed: members },
  { line: '/signaal bevestig S-1 gezien', allowed: ['U-GM', 'U-TL'] },
  { line: '/signaal sluit S-1 opgelost', allowed: ['U-GM', 'U-TL'] },
  { line: '/signaal lijst', allowed: members },
  { line: '/veiligheid actueel 6 blijvend 5 stabiel', allowed: gm },
  { line: '/veiligheid', allowed: gm },
  // The hoofdaannemer brings in the onderaannemer (issue 21, item 2).
  { line: '/inzet Altra oa spic 4 verwezen vandaag', allowed: ['U-GM', 'U-HA'] },
  { line: '/inzet Kompas2 oa verwezen vandaag', allowed: ['U-GM', 'U-HA'] },
  { line: '/inzet Altra2 ha spic 4 verwezen vandaag', allowed: gm },
  { line: '/inzet', allowed: gm },
  { line: '/inzet gestart Horizon', allowed: ['U-GM', 'U-HA'] },
  { line: '/inzet gestart Kompas', allowed: ['U-GM', 'U-OA'] },
  { line: '/inzet gestopt Kompas', allowed: ['U-GM', 'U-OA'] },
  { line: '/overleg gepland morgen 10:00', allowed: gm },
  { line: '/overleg gehouden vandaag afspraken gemaakt', allowed: gm },
  { line: '/overleg agenda', allowed: members },
  { line: '/help signaal', allowed: roles },
];

const tables = ['cases', 'members', 'signals', 'safety_scores', 'referrals', 'meetings', 'audit_log', 'outbox', 'teams'];

function snapshot(url: string): Promise<Record<string, string>> {
  return tableSnapshot(url, tables);
}

describe('permission matrix', () => {
  let h: CoreHarness;
  let n = 0;
  beforeAll(async () => {
    h = await coreHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  for (const row of matrix) {
    for (const user of roles) {
      const allowed = row.allowed.includes(user);
      it(`${row.line} as ${user}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        // A fresh case per pair, so one command's effect never decides another's.
        n++;
        const conversation = `C-CASE-${n}`;
        const code = `TST-${String(n).padStart(3, '0')}`;
        await withConversation(h, conversation, () => fullCase(h, code));
        const line = row.line.replace('TST-001', code);
        const where = row.conversation ? `${row.conversation}-${n}` : conversation;
        const before = await snapshot(h.dbUrl);
        const reply = await h.say(user, line, where);
        if (allowed) {
          expect(reply.error, reply.message?.text).toBeFalsy();
          expect(reply.message ?? reply.form).toBeDefined();
        } else {
          expect(reply.error).toBe(true);
          expect(reply.message?.tone).toBe('danger');
          expect(reply.message?.text).toMatch(/gezinsmanager|lid|teamleider|medewerker/);
          expect(await snapshot(h.dbUrl)).toEqual(before);
        }
      });
    }
  }

  it('a command in an unlinked conversation explains how to link one', async () => {
    const before = await snapshot(h.dbUrl);
    const reply = await h.say('U-GM', '/signaal zorg normaal iets', 'C-NOWHERE');
    expect(reply.error).toBe(true);
    expect(reply.message?.title).toContain('nog niet aan een casus gekoppeld');
    expect(reply.message?.text).toContain('/casus koppel <code>');
    expect(await snapshot(h.dbUrl)).toEqual(before);
  });
});

/** fullCase runs in 'C-CASE'; point it at a conversation of its own. */
async function withConversation(h: CoreHarness, conversation: string, fn: () => Promise<void>): Promise<void> {
  const say = h.say;
  h.say = (user, text, conv) => say(user, text, conv ?? conversation);
  try {
    await fn();
  } finally {
    h.say = say;
  }
}

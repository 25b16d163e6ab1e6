import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { local } from '../helpers/app.js';
import { sandboxClient, startSandboxApp, textOf, type MessageView } from './helpers.js';

// People and roles as the field has them (issue 21) in the sandbox, through its
// JSON API against the real core, as each demo user sees it. Codes and texts
// are invented.

describe('people and roles in the sandbox', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let api: ReturnType<typeof sandboxClient>;
  let caseChannel = '';
  const teamChannel = 'C-algemeen';
  const clock = new ManualClock(local('2026-03-02 10:00'));

  const view = async (userId: string, channelId: string): Promise<string[]> => {
    await env.app.flush();
    return (await api.messages(userId, channelId)).map((m: MessageView) => textOf(m.message));
  };

  beforeAll(async () => {
    env = await startSandboxApp({ clock });
    api = sandboxClient(env.base);
    caseChannel = (await api.command('U-GM', teamChannel, '/casus nieuw SBX-2101')).switchTo ?? '';
    await api.command('U-GM', caseChannel, '/casus lid @Joris hoofdaannemer');
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  describe("the team's teamleider", () => {
    it('is set in the team channel by anyone while none is set, and the channel sees it', async () => {
      await api.command('U-GM', teamChannel, '/team koppel Basisteam Noord');
      const res = await api.command('U-GM', teamChannel, '/team teamleider @Marloes');
      expect(res.reply.error).toBe(false);
      expect((await view('U-TL', teamChannel)).some((t) => t.includes('@Marloes Visser is nu de teamleider van Basisteam Noord'))).toBe(true);
      const refused = await api.command('U-HA', teamChannel, '/team teamleider @Joris');
      expect(refused.reply.error).toBe(true);
    });

    it('receives the escalation of a case where no teamleider was added, in the direct messages', async () => {
      await api.command('U-GM', caseChannel, '/casus team Basisteam Noord');
      const res = await api.command('U-HA', caseChannel, '/escalatie spic Het profiel is te licht voor dit gezin');
      expect(res.reply.message).toMatchObject({ title: 'Geplaatst', text: 'De teamleider is op de hoogte gebracht.' });
      expect((await view('U-TL', 'direct')).filter((t) => t.includes('Escalatie E-1 in casus SBX-2101'))).toHaveLength(1);
    });
  });

  describe('handovers', () => {
    it('a gezinsmanager leaving the channel is reported to the teamleider, and the case stands in the digest', async () => {
      await api.leave('U-GM', caseChannel);
      expect((await view('U-TL', 'direct')).filter((t) => t.includes('Casus SBX-2101 heeft geen gezinsmanager'))).toHaveLength(1);
      expect((await view('U-HA', caseChannel)).some((t) => t.includes('Niemand houdt nu de regie op veiligheid'))).toBe(true);
      const digest = await api.command('U-TL', teamChannel, '/digest');
      expect(textOf(digest.reply.message)).toContain('SBX-2101: zonder gezinsmanager');
      const refused = await api.command('U-HA', caseChannel, '/casus fase ondersteunen');
      expect(refused.reply.message?.text).toContain('Casus SBX-2101 heeft geen gezinsmanager');
    });

    it('the teamleider hands the case over; the channel is told', async () => {
      const res = await api.command('U-TL', caseChannel, '/casus overdragen @Sanne');
      expect(res.reply.error).toBe(false);
      expect((await view('U-HA', caseChannel)).some((t) => t.includes('@Sanne de Wit is nu de gezinsmanager en houdt de regie op veiligheid'))).toBe(true);
      const digest = await api.command('U-TL', teamChannel, '/digest');
      expect(textOf(digest.reply.message)).not.toContain('zonder gezinsmanager:');
    });
  });

  describe('provider teams', () => {
    let channel2 = '';
    it('two workers of the hoofdaannemer and a worker of the onderaannemer, grouped by provider on the card', async () => {
      channel2 = (await api.command('U-GM', teamChannel, '/casus nieuw SBX-2102')).switchTo ?? '';
      await api.command('U-GM', channel2, '/casus lid @Joris trajectbegeleider Horizon');
      await api.command('U-GM', channel2, '/casus lid @Noor hulpverlener Horizon');
      await api.command('U-GM', channel2, '/casus lid @Fatima oa Kompas');
      const card = textOf((await api.command('U-HV', channel2, '/casus info')).reply.message);
      expect(card).toContain('Regie op zorg (hoofdaannemer): @Joris Bakker (Horizon)');
      expect(card).toContain('Aanbieder Horizon: @Joris Bakker (hoofdaannemer), @Noor Smit (hulpverlener)');
      expect(card).toContain('Aanbieder Kompas: @Fatima El Amrani (onderaannemer)');
    });

    it("each worker records only their own provider's start", async () => {
      await api.command('U-GM', channel2, '/inzet Horizon ha spic 7 verwezen gisteren');
      await api.command('U-GM', channel2, '/inzet Kompas oa spic 3 verwezen gisteren');
      const refused = await api.command('U-HV', channel2, '/inzet gestart Kompas');
      expect(refused.reply.error).toBe(true);
      expect((await api.command('U-HV', channel2, '/inzet gestart Horizon')).reply.error).toBe(false);
      expect((await api.command('U-OA', channel2, '/inzet gestart Kompas')).reply.error).toBe(false);
    });

    it('the hoofdaannemer registers an onderaannemer without a SPIC', async () => {
      const res = await api.command('U-HA', channel2, '/inzet "De Brug" oa verwezen gisteren');
      expect(res.reply.error).toBe(false);
      expect((await view('U-GM', channel2)).some((t) => t.includes('geen eigen SPIC (onder het arrangement van de hoofdaannemer)'))).toBe(true);
      expect(textOf((await api.command('U-GM', channel2, '/casus info')).reply.message)).toContain('De Brug (OA)');
    });
  });

  describe('escalation beyond the team', () => {
    it('taken to the escalatietafel, reminded to the teamleider after five working days, and decided by the gezinsmanager', async () => {
      await api.command('U-HA', caseChannel, '/escalatie hulp De aanbieder kan pas over acht weken starten');
      const forwarded = await api.command('U-GM', caseChannel, '/escalatie doorzetten E-2 escalatietafel Geen overeenstemming');
      expect((await api.postOf('U-GM', caseChannel, forwarded)).title).toBe('Escalatie E-2 is doorgezet naar de escalatietafel van de gemeente');
      expect(forwarded.reply.message?.text).toContain('/escalatie besluit E-2');
      const before = (await view('U-TL', 'direct')).length;
      clock.set(local('2026-03-09 09:05'));
      await env.app.scheduler.sweep();
      expect((await view('U-TL', 'direct')).slice(before).join('\n')).toContain('Escalatie E-2 in casus SBX-2101 wacht al 7 dagen op een besluit');
      const decided = await api.command('U-GM', caseChannel, '/escalatie besluit E-2 De gemeente betaalt de overbrugging');
      expect(decided.reply.error).toBe(false);
      const card = textOf((await api.command('U-GM', caseChannel, '/casus info')).reply.message);
      expect(card).toContain('E-2 de geboden hulp: besloten door de escalatietafel van de gemeente: De gemeente betaalt de overbrugging');
    });
  });

  describe('help beyond youth care', () => {
    it('a referral to schuldhulp, with its waiting days on the card under its own heading', async () => {
      const res = await api.command('U-HA', caseChannel, '/inzet Kredietbank schuldhulp verwezen 02-03-2026');
      expect(res.reply.error).toBe(false);
      const card = textOf((await api.command('U-GM', caseChannel, '/casus info')).reply.message);
      expect(card).toContain('Hulp buiten de jeugdhulp: Kredietbank (schuldhulp): wacht 7 dagen');
    });
  });

  describe('consent', () => {
    it('recorded by the gezinsmanager and shown on the card', async () => {
      const res = await api.command('U-GM', caseChannel, '/casus toestemming nee');
      expect(res.reply.error).toBe(false);
      const card = textOf((await api.command('U-HA', caseChannel, '/casus info')).reply.message);
      expect(card).toContain('Toestemming informatie delen: nee (vastgelegd 09-03-2026)');
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { loadSettings } from '../../src/config.js';
import { buildDigest } from '../../src/digests/build.js';
import { setLocale } from '../../src/i18n/index.js';
import { local, startRig, textOf, type Rig } from '../helpers/app.js';

// The weekly team digest, and /digest in a team channel: one line per case
// that needs attention, totals at the top, quiet cases counted.

const GM = 'U-GM';
const HA = 'U-HA';
let rig: Rig | undefined;
afterEach(async () => {
  setLocale('nl');
  await rig?.close();
  rig = undefined;
});

async function teamWithCases(r: Rig, quiet: number): Promise<string> {
  const team = await r.channel('team-noord');
  await r.must(GM, '/team koppel Noord', team);
  for (let i = 1; i <= quiet; i++) {
    const code = `RUST-${String(i).padStart(2, '0')}`;
    await r.must(GM, `/casus nieuw ${code}`);
    await r.must(GM, '/casus team Noord', await r.channelOf(code));
  }
  return team;
}

async function busyCase(r: Rig, code: string): Promise<string> {
  await r.must(GM, `/casus nieuw ${code}`);
  const c = await r.channelOf(code);
  await r.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', c);
  await r.must(GM, '/casus team Noord', c);
  return c;
}

describe('the team digest', () => {
  it('/digest shows the digest as it stands now: totals, one line per case, oldest unacknowledged signal first, quiet cases counted', async () => {
    rig = await startRig({ start: local('2026-03-02 09:00') });
    const team = await teamWithCases(rig, 12);
    const a = await busyCase(rig, 'TST-701');
    await rig.must(GM, '/inzet Horizon ha spic 7 verwezen 19-01-2026', a);
    await rig.must(GM, '/veiligheid actueel 8 blijvend 7', a);
    rig.clock.set(local('2026-03-03 10:00'));
    const b = await busyCase(rig, 'TST-702');
    await rig.must(HA, '/signaal zorg normaal school meldt verzuim', b);
    await rig.must(HA, '/signaal stagnatie laag oorzaak:samenwerking geen reactie van de school', b);
    rig.clock.set(local('2026-03-04 10:00'));
    await rig.must(HA, '/signaal veiligheid hoog vader weer in huis', a);
    await rig.must(GM, '/veiligheid actueel 5 blijvend 7', a);
    // Signals the gezinsmanager filed herself wait for no one.
    await rig.must(GM, '/signaal zorg laag eigen notitie', a);
    rig.clock.set(local('2026-03-06 16:00'));

    const reply = await rig.say('U-TL', '/digest', team);
    expect(reply.error).toBeFalsy();
    const m = reply.message!;
    expect(m.title).toBe('Weekoverzicht team Noord (2026-W10)');
    expect(m.text).toBe('14 open casussen, waarvan 2 vragen om aandacht.');
    expect(m.fields).toEqual([
      { label: 'Onbevestigde signalen', value: '3' },
      { label: 'Stagnaties', value: '1' },
      { label: 'Te late starts', value: '1' },
      { label: 'Overleg te laat of deze week', value: '0' },
      { label: 'Stille casussen', value: '0' },
      { label: 'Lage of dalende scores', value: '1' },
      { label: 'Langer dan zes weken geen overleg', value: '0' },
      { label: 'Controles gezinsplan', value: '0' },
      { label: 'Open escalaties', value: '0' },
      { label: 'Zonder gezinsmanager', value: '0' },
    ]);
    expect(m.lines).toEqual([
      'TST-702: S-1 zorg (normaal) onbevestigd, 3 dagen · S-2 stagnatie (laag) onbevestigd, 3 dagen',
      'TST-701: S-1 veiligheid (hoog) onbevestigd, 2 dagen · start Horizon te laat: 46 dagen wachten (teamleider gealarmeerd) · actuele veiligheid 5 (onder de 6) · actuele veiligheid gedaald 8 → 5',
      '12 casussen zonder bijzonderheden',
    ]);
    expect(m.context).toContain('06-03-2026 16:00');
    // Nothing of the signals' text reaches the team channel.
    expect(textOf(m)).not.toMatch(/verzuim|vader|school|notitie/);
  });

  it('lists overleggen overdue or due within the week, silent cases, and cases long without an overleg', async () => {
    rig = await startRig({ start: local('2026-01-05 09:00') });
    const team = await teamWithCases(rig, 1);
    const a = await busyCase(rig, 'TST-711');
    await rig.must(GM, '/casus fase ondersteunen', a); // due 16-02-2026
    const b = await busyCase(rig, 'TST-712');
    await rig.must(GM, '/casus fase ondersteunen', b);
    rig.clock.set(local('2026-02-10 09:00'));
    await rig.must(GM, '/overleg gepland 12-02-2026 13:30', b);
    await rig.must(HA, '/signaal positief laag gaat goed op school', b);
    await rig.must(GM, '/signaal bevestig S-1', b);
    rig.clock.set(local('2026-02-10 12:00'));
    const now = await rig.say(GM, '/digest', team);
    // The plan check counts from each case's creation (PLAN_DUE_DAYS, 30), whatever its phase: the quiet case too.
    expect(now.message?.lines).toEqual([
      'RUST-01: geen resultaten in het plan',
      'TST-711: overleg 16-02-2026 · stil: 36 dagen niets van de hulpverlening · geen resultaten in het plan',
      'TST-712: overleg 12-02-2026 om 13:30 · geen resultaten in het plan',
    ]);
    rig.clock.set(local('2026-02-20 12:00'));
    const later = await rig.say(GM, '/digest', team);
    expect(later.message?.lines).toEqual([
      'RUST-01: geen resultaten in het plan',
      'TST-711: overleg te laat: verwacht 16-02-2026 (4 dagen) · stil: 46 dagen niets van de hulpverlening · geen resultaten in het plan',
      'TST-712: overleg te laat: verwacht 12-02-2026 (8 dagen) · geen resultaten in het plan',
    ]);
    // Planned again in the future, but the last overleg is long ago: still listed.
    await rig.must(GM, '/overleg gepland 02-03-2026', a);
    const planned = await rig.say(GM, '/digest', team);
    expect(planned.message?.lines?.[1]).toBe('TST-711: stil: 46 dagen niets van de hulpverlening · 46 dagen geen overleg · geen resultaten in het plan');
  });

  it('has an English version', async () => {
    rig = await startRig({ start: local('2026-03-02 09:00'), env: { LOCALE: 'en' } });
    const team = await teamWithCases(rig, 2);
    const a = await busyCase(rig, 'TST-721');
    await rig.must(HA, '/signaal veiligheid hoog vader weer in huis', a);
    const reply = await rig.say(GM, '/digest', team);
    expect(reply.message?.title).toBe('Weekly digest, team Noord (2026-W10)');
    expect(reply.message?.text).toBe('3 open cases, 1 of which needs attention.');
    expect(reply.message?.lines).toEqual(['TST-721: S-1 safety (high) unacknowledged, today', '2 cases without issues']);
  });

  it('says so when a team has no open cases, and refuses outside a team channel', async () => {
    rig = await startRig({ start: local('2026-03-02 09:00') });
    const team = await rig.channel('team-leeg');
    await rig.must(GM, '/team koppel Leeg', team);
    const reply = await rig.say(GM, '/digest', team);
    expect(reply.message?.text).toBe('Dit team heeft geen open casussen.');
    const elsewhere = await rig.say(GM, '/digest', 'C-algemeen');
    expect(elsewhere.error).toBe(true);
    const row = (await first(rig.app.db.q.select().from(teams).limit(1)))!;
    expect((await buildDigest(rig.app.db.q, row, rig.clock.now(), loadSettings({}))).title).toContain('Leeg');
  });
});

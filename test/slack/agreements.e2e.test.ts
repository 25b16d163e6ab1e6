import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../fakes/slack-api.js';
import type { SimResponse, SimUser } from '../fakes/slack-sign.js';
import { HOUR, MINUTE } from '../../src/clock.js';
import { amsterdam, local } from '../helpers/app.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// Agreements, a case's own overleg rhythm, the plan check and the SPIC 11
// start through the real Slack adapter (Bolt, Block Kit, the fake Web API),
// on the clock: what each person sees, and each timed message once.
// Codes, names and texts are invented.

const gm: SimUser = { id: 'U0GM00901', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00901', name: 'trajectbegeleider.test' };
const tl: SimUser = { id: 'U0TL00901', name: 'teamleider.test' };
const code = 'AFS-901';

let rig: SlackApp;
let channel: string;
const seen: string[] = [];

const titleOf = (c: SlackCall) => String(c.args.text ?? '').split('\n')[0]!.replace(/^:[a-z_]+: /, '');
const where = (c: SlackCall) => (c.args.channel === channel ? 'case' : String(c.args.channel));

/** A slash command as that person; what only they saw. */
async function run(user: SimUser, command: string, text: string): Promise<string> {
  const res: SimResponse = await rig.sim.command(user, channel, command, text);
  expect(res.status).toBe(200);
  await rig.slack.settled();
  await rig.app.flush();
  const responded = rig.fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
  return [res.json ? visibleText(res.json) : res.text, ...responded].filter(Boolean).join('\n');
}

/** Steps the clock to `at`, sweeping and delivering after each step; what reached Slack, with its local time. */
async function until(at: string, step: number): Promise<Array<{ label: string; call: SlackCall }>> {
  const target = local(at).getTime();
  const found: Array<{ label: string; call: SlackCall }> = [];
  while (rig.clock.now().getTime() < target) {
    rig.clock.set(new Date(Math.min(rig.clock.now().getTime() + step, target)));
    const before = rig.fake.callsOf('chat.postMessage').length;
    const report = await rig.app.scheduler.sweep();
    if (report.delivered.length === 0) continue;
    await rig.app.flush();
    for (const call of rig.fake.callsOf('chat.postMessage').slice(before)) found.push({ label: `${amsterdam(rig.clock.now())} ${where(call)} ${titleOf(call)}`, call });
  }
  seen.push(...found.map((f) => f.label));
  return found;
}

const cardNow = () => {
  const updates = rig.fake.callsOf('chat.update').filter((c) => c.args.channel === channel);
  return visibleText(updates.at(-1)?.args as never);
};

beforeAll(async () => {
  rig = await startSlackApp({ start: local('2026-03-02 10:00') });
  channel = await openCase(rig, code, gm, [
    { user: ha, role: 'hoofdaannemer' },
    { user: tl, role: 'teamleider' },
  ]);
  await run(gm, '/casus', 'fase ondersteunen');
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('agreements, rhythm, plan and SPIC 11 through Slack', () => {
  it('records an agreement for a member: the sender is told, the channel sees who and by when, the card counts it', async () => {
    rig.fake.reset();
    const said = await run(gm, '/afspraak', `<@${ha.id}|${ha.name}> 06-03-2026 belt de school over het verzuim`);
    // One confirmation: "Geplaatst" and when the owner is reminded; the agreement itself stands in the channel.
    expect(said).toContain('Geplaatst');
    expect(said).toContain("De eigenaar krijgt op 06-03-2026 's ochtends een herinnering.");
    expect(said).not.toContain('Afspraak A-1');
    const post = rig.fake.callsOf('chat.postMessage').find((c) => c.args.channel === channel)!;
    expect(visibleText(post.args as never)).toContain(`Afspraak A-1: <@${ha.id}>, uiterlijk 06-03-2026`);
    expect(visibleText(post.args as never)).toContain('belt de school over het verzuim');
    expect(cardNow()).toContain('1 open');
    const refused = await run(gm, '/afspraak', '<@U0XX00901|buitenstaander.test> morgen komt langs');
    expect(refused).toContain('is geen lid van deze casus');
  });

  it('sets this case\'s overleg rhythm; the card shows it', async () => {
    expect(await run(ha, '/overleg', 'ritme 3')).toMatch(/Dit mag alleen de gezinsmanager/);
    rig.fake.reset();
    expect(await run(gm, '/overleg', 'ritme 3')).toContain('Geplaatst');
    expect(rig.fake.callsOf('chat.postMessage').map(titleOf)).toEqual(['Het uitvoerdersoverleg van deze casus is voortaan elke 3 weken']);
    expect(cardNow()).toContain('23-03-2026 (elke 3 weken)');
  });

  it('a SPIC 11 referral: the gezinsmanager and the hoofdaannemer are alerted after 24 hours, the teamleider after 48, by DM with the code only', async () => {
    const said = await run(gm, '/inzet', 'Crisisteam ha spic 11 verwezen vandaag');
    expect(said).toContain('SPIC 11: de spoedhulp start binnen 24 uur, uiterlijk 03-03-2026 10:00');
    const first = await until('2026-03-03 12:00', 15 * MINUTE);
    expect(first.map((f) => f.label).sort()).toEqual([
      '2026-03-03 10:00 case SPIC 11: Crisisteam is na 24 uur niet gestart',
      `2026-03-03 10:00 D${gm.id} Casus ${code}: SPIC 11 na 24 uur niet gestart`,
      `2026-03-03 10:00 D${ha.id} Casus ${code}: SPIC 11 na 24 uur niet gestart`,
    ].sort());
    expect(JSON.stringify(first[0]!.call.args.blocks)).toContain(`<@${gm.id}> <@${ha.id}>`);
    expect(JSON.stringify(first[1]!.call.args)).not.toContain('Crisisteam');
    const second = await until('2026-03-04 12:00', 15 * MINUTE);
    expect(second.map((f) => f.label)).toEqual([
      '2026-03-04 10:00 case Escalatie SPIC 11: Crisisteam is na 48 uur niet gestart',
      `2026-03-04 10:00 D${tl.id} Casus ${code}: SPIC 11 na 48 uur niet gestart`,
    ]);
    await run(gm, '/inzet', 'gestart Crisisteam');
  }, 60_000);

  it('reminds the owner by DM on the morning of the day, with the case code and A-1 only; tells the channel two working days later', async () => {
    const reminded = await until('2026-03-06 12:00', HOUR);
    expect(reminded.map((f) => f.label)).toEqual([`2026-03-06 09:00 D${ha.id} Herinnering: afspraak A-1 in casus ${code} staat voor vandaag`]);
    expect(JSON.stringify(reminded[0]!.call.args)).not.toMatch(/school|verzuim/);
    const late = await until('2026-03-10 12:00', HOUR);
    expect(late.map((f) => f.label)).toEqual(['2026-03-10 09:00 case Afspraak A-1 is 2 werkdagen over de datum']);
    expect(JSON.stringify(late[0]!.call.args.blocks)).toContain(`<@${ha.id}> <@${gm.id}> afspraak A-1 had op 06-03-2026 klaar moeten zijn`);
    // The pinned card was redrawn the morning after the date; /casus info says the same.
    expect(cardNow()).toContain('1 open, waarvan 1 te laat');
    expect(await run(ha, '/casus', 'info')).toContain('1 open, waarvan 1 te laat');
  }, 60_000);

  it('the owner ticks it off; the card follows', async () => {
    expect(await run(tl, '/afspraak', 'klaar A-1')).toContain('Afspraak A-1 kan alleen de eigenaar, de gezinsmanager of de hoofdaannemer afvinken.');
    rig.fake.reset();
    expect(await run(ha, '/afspraak', 'klaar A-1 school gebeld')).toContain('Geplaatst');
    expect(rig.fake.callsOf('chat.postMessage').map(titleOf)).toEqual(['Afspraak A-1 is nagekomen']);
    expect(cardNow()).toContain('geen open afspraken');
    expect(await run(gm, '/afspraak', 'lijst')).toContain('(afgevinkt op 10-03-2026)');
  });

  it('the overleg comes on the case\'s own rhythm, and the plan check a month after the case was created', async () => {
    const got = (await until('2026-04-01 12:00', HOUR)).filter((f) => /uitvoerdersoverleg|gezinsplan/i.test(f.label));
    expect(got.map((f) => f.label)).toEqual([
      '2026-03-16 09:00 case Over 7 dagen: uitvoerdersoverleg (23-03-2026)',
      '2026-03-22 09:00 case Morgen: uitvoerdersoverleg (23-03-2026)',
      '2026-03-26 09:00 case Uitvoerdersoverleg 3 dagen te laat',
      '2026-04-01 09:00 case Controle gezinsplan',
    ]);
    // The 7-day reminder carries the agenda, with the agreements.
    expect(JSON.stringify(got[0]!.call.args.blocks)).toContain('Open afspraken');
    expect(JSON.stringify(got[3]!.call.args.blocks)).toContain('30 dagen nadat de casus op 02-03-2026 begon');
  }, 120_000);

  it('delivered each timed message once', () => {
    expect(new Set(seen).size).toBe(seen.length);
  });
});

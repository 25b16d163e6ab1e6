import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../fakes/slack-sign.js';
import { local } from '../helpers/app.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// People and roles as the field has them (issue 21) through the real Slack
// app: the basisteam's own teamleider, set in the team channel, receives the
// escalations and alerts of a case nobody added a teamleider to. Codes and
// names are invented.

const gm: SimUser = { id: 'U0GM02101', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA02101', name: 'trajectbegeleider.test' };
const tl: SimUser = { id: 'U0TL02101', name: 'teamleider.test' };
const gm2: SimUser = { id: 'U0GM02102', name: 'nieuwe-gezinsmanager.test' };

let rig: SlackApp;
let caseChannel: string;
let teamChannel: string;

/** Runs a slash command and returns what the person saw: the immediate answer and any response_url answers. */
async function run(user: SimUser, channel: string, command: string, text: string): Promise<string> {
  const res = await rig.sim.command(user, channel, command, text);
  expect(res.status).toBe(200);
  await rig.slack.settled();
  await rig.app.flush();
  const responded = rig.fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
  return [res.json ? visibleText(res.json) : (res.text ?? ''), ...responded].join('\n');
}

const postsTo = (channel: string) => rig.fake.callsOf('chat.postMessage').filter((c) => String(c.args.channel) === channel);
const texts = (channel: string) => postsTo(channel).map((c) => visibleText(c.args as never));

beforeAll(async () => {
  rig = await startSlackApp({ start: local('2026-03-02 10:00') });
  caseChannel = await openCase(rig, 'SLK-2101', gm, [{ user: ha, role: 'hoofdaannemer' }]);
  teamChannel = rig.fake.createChannel('basisteam-noord', false, [gm.id, tl.id]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe("the team's teamleider in Slack", () => {
  it('is set in the team channel, and the team channel is told', async () => {
    await run(tl, teamChannel, '/team', 'koppel Basisteam Noord');
    const answer = await run(tl, teamChannel, '/team', `teamleider <@${tl.id}|${tl.name}>`);
    expect(answer).toContain('is nu de teamleider van Basisteam Noord');
    expect(texts(teamChannel).some((t) => t.includes('is nu de teamleider van Basisteam Noord'))).toBe(true);
    // Someone else cannot take it over.
    const refused = await run(gm, teamChannel, '/team', `teamleider <@${gm.id}|${gm.name}>`);
    expect(refused).toContain('Basisteam Noord heeft al een teamleider');
  });

  it('receives an escalation of a case where no teamleider was added, personally', async () => {
    await run(gm, caseChannel, '/casus', 'team Basisteam Noord');
    const before = postsTo(`D${tl.id}`).length;
    const answer = await run(ha, caseChannel, '/escalatie', 'hulp De aanbieder kan pas over acht weken starten');
    expect(answer).toContain('Geplaatst');
    expect(answer).toContain('De teamleider is op de hoogte gebracht.');
    const direct = texts(`D${tl.id}`).slice(before);
    expect(direct).toHaveLength(1);
    expect(direct[0]).toContain('Escalatie E-1 in casus SLK-2101');
  });

  it('decides it from the case channel without being a member of the case', async () => {
    // Someone let them into the channel by hand; the case itself never had them added.
    rig.fake.addMember(caseChannel, tl.id);
    const answer = await run(tl, caseChannel, '/escalatie', 'besluit E-1 Het basisteam overbrugt tot de start');
    expect(answer).toContain('Geplaatst');
    expect(texts(caseChannel).some((t) => t.includes('Het basisteam overbrugt tot de start'))).toBe(true);
  });
});

describe('handovers in Slack', () => {
  it('a gezinsmanager leaving the channel is reported to the teamleider at once, and the case stands in the digest', async () => {
    const before = postsTo(`D${tl.id}`).length;
    const res = await rig.sim.memberLeft(gm, caseChannel);
    expect(res.status).toBe(200);
    await rig.slack.settled();
    await rig.app.flush();
    const direct = texts(`D${tl.id}`).slice(before);
    expect(direct.join('\n')).toContain('Casus SLK-2101 heeft geen gezinsmanager');
    expect(texts(caseChannel).some((t) => t.includes('Niemand houdt nu de regie op veiligheid'))).toBe(true);
    const digest = await run(tl, teamChannel, '/digest', '');
    expect(digest).toContain('SLK-2101: zonder gezinsmanager');
  });

  it('a member is told the case has no gezinsmanager when a command needs one', async () => {
    const answer = await run(ha, caseChannel, '/casus', 'fase ondersteunen');
    expect(answer).toContain('Casus SLK-2101 heeft geen gezinsmanager, en dit mag alleen de gezinsmanager. De teamleider is ingelicht');
  });

  it('the teamleider hands the case over: the new gezinsmanager is invited and the channel is told', async () => {
    const answer = await run(tl, caseChannel, '/casus', `overdragen <@${gm2.id}|${gm2.name}>`);
    expect(answer).toContain('Geplaatst');
    const invites = rig.fake.callsOf('conversations.invite').filter((c) => String(c.args.channel) === caseChannel);
    expect(invites.some((c) => String(c.args.users).includes(gm2.id))).toBe(true);
    expect(texts(caseChannel).some((t) => t.includes('is nu de gezinsmanager en houdt de regie op veiligheid'))).toBe(true);
    const digest = await run(tl, teamChannel, '/digest', '');
    expect(digest).not.toContain('zonder gezinsmanager:');
  });
});

describe('provider teams in Slack', () => {
  const hv: SimUser = { id: 'U0HV02101', name: 'hulpverlener.test' };
  const oa: SimUser = { id: 'U0OA02101', name: 'onderaannemer.test' };
  let channel2 = '';

  it('two workers of the hoofdaannemer and a worker of the onderaannemer, grouped by provider on the pinned card', async () => {
    channel2 = await openCase(rig, 'SLK-2102', gm, [
      { user: ha, role: 'trajectbegeleider Horizon' },
      { user: hv, role: 'hulpverlener Horizon' },
      { user: oa, role: 'oa Kompas' },
    ]);
    const card = await run(gm, channel2, '/casus', 'info');
    expect(card).toContain('Aanbieder Horizon');
    expect(card).toMatch(/Aanbieder Horizon[^]*\(hoofdaannemer\), [^]*\(hulpverlener\)/);
    expect(card).toMatch(/Aanbieder Kompas[^]*\(onderaannemer\)/);
    const invited = rig.fake.callsOf('conversations.invite').filter((c) => String(c.args.channel) === channel2).map((c) => String(c.args.users));
    expect(invited.join(',')).toContain(hv.id);
  });

  it("each worker records only their own provider's start", async () => {
    await run(gm, channel2, '/inzet', 'Horizon ha spic 7 verwezen gisteren');
    await run(gm, channel2, '/inzet', 'Kompas oa spic 3 verwezen gisteren');
    expect(await run(hv, channel2, '/inzet', 'gestart Kompas')).toContain('Alleen de gezinsmanager of een medewerker van Kompas');
    expect(await run(hv, channel2, '/inzet', 'gestart Horizon')).not.toContain('Alleen');
    expect(await run(oa, channel2, '/inzet', 'gestart Kompas')).not.toContain('Alleen');
    expect(texts(channel2).filter((t) => /gestart/i.test(t)).length).toBeGreaterThanOrEqual(2);
  });

  it('the hoofdaannemer registers an onderaannemer without a SPIC', async () => {
    const answer = await run(ha, channel2, '/inzet', '"De Brug" oa verwezen gisteren');
    expect(answer).not.toContain('Dit mag alleen');
    expect(texts(channel2).some((t) => t.includes('geen eigen SPIC (onder het arrangement van de hoofdaannemer)'))).toBe(true);
    expect(await run(gm, channel2, '/casus', 'info')).toContain('De Brug (OA)');
  });
});

describe('escalation beyond the team in Slack', () => {
  it('taken to the escalatietafel, reminded to the teamleider after five working days, and decided by the gezinsmanager', async () => {
    await run(ha, caseChannel, '/escalatie', 'spic Het profiel is te licht voor dit gezin');
    const forwarded = await run(gm2, caseChannel, '/escalatie', 'doorzetten E-2 escalatietafel Geen overeenstemming');
    expect(forwarded).toContain('Leg hun besluit vast met /escalatie besluit E-2');
    expect(texts(caseChannel).some((t) => t.includes('Escalatie E-2 is doorgezet naar de escalatietafel van de gemeente'))).toBe(true);
    const before = postsTo(`D${tl.id}`).length;
    rig.clock.set(local('2026-03-09 09:05'));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    expect(texts(`D${tl.id}`).slice(before).join('\n')).toContain('Escalatie E-2 in casus SLK-2101 wacht al 7 dagen op een besluit');
    expect(texts(caseChannel).some((t) => t.includes('E-2 over de SPIC ligt bij de escalatietafel van de gemeente en is al 7 dagen open zonder besluit'))).toBe(true);
    const decided = await run(gm2, caseChannel, '/escalatie', 'besluit E-2 SPIC wordt opgehoogd naar 8');
    expect(decided).toContain('Geplaatst');
    expect(texts(caseChannel).some((t) => t.includes('Besluit van de escalatietafel van de gemeente over E-2'))).toBe(true);
  });
});

describe('help beyond youth care in Slack', () => {
  it('a referral to schuldhulp, with its waiting days on the card under its own heading', async () => {
    await run(gm2, caseChannel, '/inzet', 'Kredietbank schuldhulp verwezen 02-03-2026');
    const card = await run(gm2, caseChannel, '/casus', 'info');
    expect(card).toContain('Hulp buiten de jeugdhulp');
    expect(card).toMatch(/Kredietbank \(schuldhulp\): wacht 7 dagen/);
  });
});

describe('consent in Slack', () => {
  it('recorded by the gezinsmanager and shown on the card', async () => {
    const answer = await run(gm2, caseChannel, '/casus', 'toestemming deels niet delen met school');
    expect(answer).toContain('Geplaatst');
    expect(texts(caseChannel).some((t) => t.includes('Toestemming van het gezin om informatie te delen: deels'))).toBe(true);
    expect(await run(gm2, caseChannel, '/casus', 'info')).toMatch(/Toestemming informatie delen[^]*deels \(vastgelegd 09-03-2026\): niet delen met school/);
  });
});

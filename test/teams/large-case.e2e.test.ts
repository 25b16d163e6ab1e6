/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardBytes, maxCardBytes } from '../../adapters/teams/cards.js';
import { ManualClock } from '../../src/clock.js';
import { activityBytes, maxMessageBytes } from '../fakes/teams-rules.js';
import { cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// The largest realistic case through the real Teams app and the strict fake
// Bot Connector: 50 open signals, 50 results of about 4,000 characters, 10
// referrals. Every activity must be accepted (the rig fails on any refusal),
// every card stay within 28 KB, and what is shown still be useful: it says how
// many more there are and which command shows them. Everything is invented.

const caseChannel = { ...channel, id: '19:casus-groot@thread.tacv2' };
const teamChannel = { ...channel, id: '19:team-groot@thread.tacv2' };
const words = 'het gezin werkt met de trajectbegeleider aan een vaste dagstructuur, school en rust in huis 🏠 ';
const resultText = (n: number) => `doel ${n}: ${words.repeat(60)}`.slice(0, 3990).trim();

describe('the largest realistic case through Teams', () => {
  let rig: TeamsRig;
  const sendsTo = (id: string) => rig.connector.callsOf().filter((c) => (c.kind === 'send' || c.kind === 'reply' || c.kind === 'update') && c.conversationId?.split(';')[0] === id);
  /** The card of the reply to the command typed last. */
  async function ask(text: string, user = users.gm): Promise<any> {
    rig.connector.reset();
    await rig.sim.message(user, caseChannel, text);
    await rig.app.flush();
    const reply = rig.connector.callsOf('send').at(-1);
    expect(reply, `no answer to "${text}"`).toBeDefined();
    return reply!.body.attachments[0].content;
  }

  beforeAll(async () => {
    rig = await startTeams({ clock: new ManualClock(new Date('2026-03-02T09:00:00Z')) });
    const say = (user: (typeof users)[keyof typeof users], text: string, conv = caseChannel) => rig.sim.message(user, conv, text);
    await say(users.tl, 'team koppel Groot Test', teamChannel);
    await say(users.gm, 'casus nieuw TST-350 groot gezin');
    await say(users.gm, 'casus team Groot Test');
    await rig.sim.message(users.gm, caseChannel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] });
    await say(users.gm, 'casus fase ondersteunen');
    await say(users.gm, 'inzet Horizon ha spic 7 verwezen 02-03-2026');
    for (let i = 1; i <= 9; i++) await say(users.gm, `inzet Kompas${i} oa spic 3 verwezen 02-03-2026`);
    for (let i = 1; i <= 50; i++) await say(users.gm, `resultaat nieuw ${resultText(i)}`);
    for (let i = 1; i <= 50; i++) await say(users.ha, `signaal zorg normaal zorgen over de schoolgang, melding ${i}`);
    await say(users.ha, 'resultaat voortgang R-1 achter schoolgang wisselend 👨‍👩‍👧');
    await say(users.gm, 'veiligheid actueel 5 blijvend 4 stabiel');
    await rig.app.flush();
  }, 300_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('every activity so far was accepted and within the limits', () => {
    const calls = rig.connector.callsOf();
    expect(rig.connector.refusals()).toEqual([]);
    for (const c of calls.filter((x) => x.body?.attachments)) {
      expect(activityBytes(c.body)).toBeLessThanOrEqual(maxMessageBytes);
      expect(cardBytes(c.body.attachments[0].content)).toBeLessThanOrEqual(maxCardBytes);
    }
  });

  it('the pinned case card shows every open signal and every result shortened, start and status kept', () => {
    const card = sendsTo(caseChannel.id)
      .map((c) => c.body.attachments?.[0]?.content)
      .filter((content) => content && cardText(content).includes('Casus TST-350'))
      .at(-1);
    const text = cardText(card);
    expect(text).toContain('S-50 zorg (normaal)');
    expect(text).toMatch(/^R-1 doel 1: het gezin .*…/m);
    expect(text).toMatch(/R-1 doel 1: .*: achter$/m);
    expect(text).toMatch(/Lange regels zijn ingekort voor Teams/);
  });

  it('casus info, signaal lijst and resultaat lijst fit and say how to see the rest', async () => {
    const info = cardText(await ask('casus info'));
    expect(info).toContain('Casus TST-350');
    expect(info).toContain('Kompas9');
    const signals = cardText(await ask('signaal lijst'));
    expect(signals).toContain('S-1 · zorg · normaal');
    expect(signals).toContain('S-50 · zorg · normaal');
    const results = cardText(await ask('resultaat lijst'));
    expect(results).toMatch(/^• R-1 doel 1: .*: achter$/m);
    const shown = results.match(/^• R-\d+ /gm)!.length;
    if (shown < 50) expect(results).toMatch(new RegExp(`… en ${50 - shown} meer`));
    else expect(results).toMatch(/^• R-50 doel 50: .*: nog geen voortgang$/m);
  });

  it('/overleg agenda walks through every open result with its status, before the signals', async () => {
    const agenda = cardText(await ask('overleg agenda', users.ha));
    expect(agenda).toContain('Agenda uitvoerdersoverleg, casus TST-350');
    const plan = agenda.indexOf('Het plan: open resultaten');
    expect(plan).toBeGreaterThan(0);
    expect(plan).toBeLessThan(agenda.indexOf('Open signalen'));
    expect(agenda).toMatch(/^R-1 doel 1: .*: achter sinds 02-03-2026 \(schoolgang wisselend 👨‍👩‍👧\)$/m);
    const shown = agenda.match(/^R-\d+ doel/gm)!.length;
    if (shown < 50) expect(agenda).toContain(`… en ${50 - shown} meer: alles met /resultaat lijst`);
    else expect(agenda).toMatch(/^R-50 doel 50: .*: nog geen voortgang$/m);
  });

  it('the overleg form shows the results that fit, says how to record the rest, and records what was chosen', async () => {
    rig.connector.reset();
    await rig.sim.message(users.gm, caseChannel, 'overleg gehouden');
    const reply = rig.connector.callsOf('send').at(-1)!;
    const form = reply.body.attachments[0].content;
    expect(cardBytes(form)).toBeLessThanOrEqual(maxCardBytes);
    const inputs = form.body.filter((e: any) => e.type.startsWith('Input.'));
    const statusInputs = inputs.filter((e: any) => /^f_r\d+$/.test(e.id));
    expect(statusInputs.length).toBeGreaterThanOrEqual(10);
    for (const choice of statusInputs.flatMap((e: any) => e.choices)) expect(choice.value).not.toBe('');
    if (statusInputs.length < 50) {
      expect(cardText(form)).toContain('/resultaat voortgang');
      expect(cardText(form)).toContain(`R-${statusInputs.length + 1}, `);
    }
    const res = await rig.sim.submit(users.gm, caseChannel, reply.activityId!, { datum: '02-03-2026', r1: 'op-koers', r2: 'ongewijzigd', besluiten: 'R-1 weer op koers.' });
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    await rig.app.flush();
    const held = sendsTo(caseChannel.id).map((c) => cardText(c.body.attachments?.[0]?.content)).find((t) => t.includes('Uitvoerdersoverleg gehouden'));
    expect(held).toContain('R-1: op koers');
    expect(held).not.toContain('R-2:');
  });

  it('the digest and the 7-day overleg reminder with its agenda are accepted too', async () => {
    rig.connector.reset();
    await rig.sim.message(users.tl, teamChannel, 'digest');
    await rig.app.flush();
    const digest = rig.connector.callsOf().find((c) => c.conversationId?.startsWith(teamChannel.id));
    expect(cardText(digest!.body.attachments[0].content)).toContain('Weekoverzicht team Groot Test');

    await rig.sim.message(users.gm, caseChannel, 'overleg gepland 20-03-2026 14:00');
    await rig.app.flush();
    rig.connector.reset();
    rig.clock.set(new Date('2026-03-13T08:30:00Z'));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const reminder = sendsTo(caseChannel.id).map((c) => cardText(c.body.attachments?.[0]?.content)).find((t) => t.includes('Het plan: open resultaten'));
    expect(reminder).toBeDefined();
    expect(reminder).toMatch(/^R-1 doel 1: .*: op koers sinds 02-03-2026/m);
    expect(rig.connector.refusals()).toEqual([]);
  });
});

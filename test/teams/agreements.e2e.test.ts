/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, ManualClock, MINUTE } from '../../src/clock.js';
import { amsterdam, local } from '../helpers/app.js';
import { cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// Agreements, a case's own overleg rhythm and the SPIC 11 start through Teams
// (the real Teams SDK app, activities on loopback, the fake Bot Connector), on
// the clock: channel posts on the stored conversation reference, personal
// messages in each person's own chat, each once. Codes and texts are invented.

const code = 'AFS-951';
let rig: TeamsRig;
const seen: string[] = [];

const textOfCall = (c: any) => cardText(c.body?.attachments?.[0]?.content ?? {}) || String(c.body?.text ?? '');
/** The first line, without the tone's emoji. */
const titleOf = (c: any) => textOfCall(c).split('\n')[0]!.replace(/^[^A-Za-z0-9]+\s/, '');

/** A typed message in the case channel; what the sender was answered (the reply in their thread). */
async function say(user: (typeof users)[keyof typeof users], text: string, mentions: Array<(typeof users)[keyof typeof users]> = []): Promise<string> {
  rig.connector.reset();
  const res = await rig.sim.message(user, channel, text, { mentions });
  expect(res.status).toBe(200);
  await rig.app.flush();
  return rig.connector
    .callsOf('send')
    .filter((c) => c.conversationId?.includes(';messageid='))
    .map(textOfCall)
    .join('\n');
}

/** Steps the clock, sweeping and delivering; each proactive send with its local time and where it went. */
async function until(at: string, step: number): Promise<Array<{ label: string; text: string }>> {
  const target = local(at).getTime();
  const found: Array<{ label: string; text: string }> = [];
  while (rig.clock.now().getTime() < target) {
    rig.clock.set(new Date(Math.min(rig.clock.now().getTime() + step, target)));
    rig.connector.reset();
    const report = await rig.app.scheduler.sweep();
    if (report.delivered.length === 0) continue;
    await rig.app.flush();
    for (const c of rig.connector.callsOf('send')) {
      const where = c.conversationId === channel.id ? 'channel' : 'personal';
      found.push({ label: `${amsterdam(rig.clock.now())} ${where} ${titleOf(c)}`, text: textOfCall(c) });
    }
  }
  seen.push(...found.map((f) => f.label));
  return found;
}

beforeAll(async () => {
  rig = await startTeams({ clock: new ManualClock(local('2026-03-02 10:00')) });
  await say(users.gm, `casus nieuw ${code} afspraken`);
  await say(users.gm, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha]);
  await say(users.gm, `casus lid @${users.tl.name} teamleider`, [users.tl]);
  await say(users.gm, 'casus fase ondersteunen');
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('agreements, rhythm and SPIC 11 through Teams', () => {
  it('records an agreement for the hoofdaannemer, mentioned by name', async () => {
    const answer = await say(users.gm, `afspraak @${users.ha.name} 06-03-2026 belt de school over het verzuim`, [users.ha]);
    // One confirmation: the agreement stands in the channel; the answer keeps only when its owner is reminded.
    expect(answer).toContain("De eigenaar krijgt op 06-03-2026 's ochtends een herinnering.");
    expect(answer).not.toContain('Afspraak A-1');
    const post = rig.connector.callsOf('send').find((c) => c.conversationId === channel.id)!;
    expect(textOfCall(post)).toContain('Afspraak A-1: Joris Bakker, uiterlijk 06-03-2026');
    // The rhythm is posted in the channel, below the typed line: nothing more is said to the sender.
    expect(await say(users.gm, 'overleg ritme 4')).toBe('');
    expect(rig.connector.callsOf('send').some((c) => c.conversationId === channel.id && textOfCall(c).includes('Het uitvoerdersoverleg van deze casus is voortaan elke 4 weken'))).toBe(true);
    const info = await say(users.ha, 'casus info');
    expect(info).toContain('1 open');
    expect(info).toContain('30-03-2026 (elke 4 weken)');
  });

  it('SPIC 11: the gezinsmanager and the hoofdaannemer after 24 hours, the teamleider after 48, personally with the code only', async () => {
    expect(await say(users.gm, 'inzet Crisisteam ha spic 11 verwezen vandaag')).toContain('SPIC 11: de spoedhulp start binnen 24 uur, uiterlijk 03-03-2026 10:00');
    const due = await until('2026-03-03 12:00', 15 * MINUTE);
    expect(due.map((d) => d.label).sort()).toEqual([
      '2026-03-03 10:00 channel SPIC 11: Crisisteam is na 24 uur niet gestart',
      `2026-03-03 10:00 personal Casus ${code}: SPIC 11 na 24 uur niet gestart`,
      `2026-03-03 10:00 personal Casus ${code}: SPIC 11 na 24 uur niet gestart`,
    ].sort());
    expect(due[1]!.text).not.toContain('Crisisteam');
    const escalated = await until('2026-03-04 12:00', 15 * MINUTE);
    expect(escalated.map((d) => d.label).sort()).toEqual([
      '2026-03-04 10:00 channel Escalatie SPIC 11: Crisisteam is na 48 uur niet gestart',
      `2026-03-04 10:00 personal Casus ${code}: SPIC 11 na 48 uur niet gestart`,
    ].sort());
    expect(escalated[0]!.text).toContain('Marloes Visser');
    await say(users.ha, 'inzet gestart Crisisteam');
  }, 60_000);

  it('reminds the owner personally on the morning of the day, and tells the channel two working days later; klaar ends it', async () => {
    const reminded = await until('2026-03-06 12:00', HOUR);
    expect(reminded.map((d) => d.label)).toEqual([`2026-03-06 09:00 personal Herinnering: afspraak A-1 in casus ${code} staat voor vandaag`]);
    expect(reminded[0]!.text).not.toMatch(/school|verzuim/);
    const late = await until('2026-03-10 12:00', HOUR);
    expect(late.map((d) => d.label)).toEqual(['2026-03-10 09:00 channel Afspraak A-1 is 2 werkdagen over de datum']);
    expect(late[0]!.text).toContain('Joris Bakker Sanne de Wit afspraak A-1 had op 06-03-2026 klaar moeten zijn');
    expect(await say(users.tl, 'afspraak klaar A-1')).toContain('Afspraak A-1 kan alleen de eigenaar, de gezinsmanager of de hoofdaannemer afvinken.');
    expect(await say(users.ha, 'afspraak klaar A-1 school gebeld')).toBe('');
    expect(rig.connector.callsOf('send').some((c) => c.conversationId === channel.id && textOfCall(c).includes('Afspraak A-1 is nagekomen'))).toBe(true);
    expect(await say(users.tl, 'afspraak lijst')).toContain('(afgevinkt op 10-03-2026)');
    expect((await until('2026-03-20 12:00', 6 * HOUR)).filter((d) => d.label.includes('fspraak'))).toEqual([]);
  }, 60_000);

  it('delivered each timed message once', () => {
    expect(new Set(seen.filter((s) => s.includes('channel'))).size).toBe(seen.filter((s) => s.includes('channel')).length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { local } from '../helpers/app.js';
import { cardText, channel, startTeams, users, type SimConversation, type TeamsRig } from './harness.js';

// People and roles as the field has them (issue 21) through the real Teams
// app: the basisteam's own teamleider, set in the team's channel, receives the
// escalations of a case nobody added a teamleider to, in the 1:1 chat with the
// bot. Codes and names are invented.

const code = 'TMS-2101';
const teamChannel: SimConversation = { id: '19:basisteam-noord@thread.tacv2', type: 'channel', teamId: '19:team-jb@thread.tacv2', teamGroupId: 'group-0000-jb' };

let rig: TeamsRig;

/** Sends a message and returns the Bot Connector calls it caused, and what the sender was answered in the thread. */
async function say(user: (typeof users)[keyof typeof users], conv: SimConversation, text: string, mentions: Array<(typeof users)[keyof typeof users]> = []) {
  const from = rig.connector.calls.length;
  const res = await rig.sim.message(user, conv, text, mentions.length ? { mentions } : {});
  expect(res.status).toBe(200);
  await rig.app.flush();
  const calls = rig.connector.calls.slice(from);
  const answer = calls
    .filter((c) => c.kind === 'send' && c.conversationId?.startsWith(`${conv.id};messageid=`))
    .map(textOf)
    .join('\n');
  return { calls, answer };
}

const textOf = (c: ConnectorCall) => (c.body?.attachments?.[0]?.content ? cardText(c.body.attachments[0].content) : String(c.body?.text ?? ''));
const personalOf = (user: { id: string }) => rig.connector.personal.get(user.id);
const sentTo = (calls: ConnectorCall[], conversationId: string | undefined) => calls.filter((c) => c.kind === 'send' && conversationId && c.conversationId === conversationId);

beforeAll(async () => {
  rig = await startTeams({ clock: new ManualClock(local('2026-03-02 10:00')) });
  await say(users.gm, channel, `casus nieuw ${code}`);
  await say(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe("the team's teamleider in Teams", () => {
  it('is set in the team channel; a second person cannot take it over', async () => {
    await say(users.tl, teamChannel, 'team koppel Basisteam Noord');
    const set = await say(users.tl, teamChannel, `team teamleider @${users.tl.name}`, [users.tl]);
    expect(set.answer).toContain('is nu de teamleider van Basisteam Noord');
    const refused = await say(users.gm, teamChannel, `team teamleider @${users.gm.name}`, [users.gm]);
    expect(refused.answer).toContain('Basisteam Noord heeft al een teamleider');
  });

  it('receives the escalation of a case without its own teamleider in the personal chat, and decides it', async () => {
    await say(users.gm, channel, 'casus team Basisteam Noord');
    const filed = await say(users.ha, channel, 'escalatie hulp De aanbieder kan pas over acht weken starten');
    expect(filed.answer).toContain('Escalatie E-1 is vastgelegd; de teamleider is op de hoogte gebracht.');
    const personal = sentTo(filed.calls, personalOf(users.tl));
    expect(personal.map(textOf).join('\n')).toContain(`Escalatie E-1 in casus ${code}`);
    const decided = await say(users.tl, channel, 'escalatie besluit E-1 Het basisteam overbrugt tot de start');
    expect(decided.answer).toContain('Het besluit over E-1 is vastgelegd');
  });
});

describe('handovers in Teams', () => {
  it('a gezinsmanager removed from the channel is reported to the teamleider personally; the digest lists the case', async () => {
    const from = rig.connector.calls.length;
    const res = await rig.sim.conversationUpdate(channel, users.tl, { removed: [users.gm] });
    expect(res.status).toBe(200);
    await rig.app.flush();
    const calls = rig.connector.calls.slice(from);
    expect(sentTo(calls, personalOf(users.tl)).map(textOf).join('\n')).toContain(`Casus ${code} heeft geen gezinsmanager`);
    const digest = await say(users.tl, teamChannel, 'digest');
    expect(digest.calls.map(textOf).join('\n')).toContain(`${code}: zonder gezinsmanager`);
  });

  it('the teamleider hands the case over and the channel is told', async () => {
    const handed = await say(users.tl, channel, `casus overdragen @${users.gm.name}`, [users.gm]);
    expect(handed.calls.map(textOf).join('\n')).toContain('is nu de gezinsmanager en houdt de regie op veiligheid');
  });
});

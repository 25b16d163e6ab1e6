import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { members } from '../../db/schema.js';
import { caseByCode } from '../../src/cases/model.js';
import { createLogger } from '../../src/log.js';
import { deleteRoles, FakeGraph } from '../fakes/graph.js';
import { lineSink } from '../helpers/logs.js';
import { nameOf } from '../helpers/people.js';
import { cardText, startTeams, tenantId, type SimConversation, type SimUser, type TeamsRig } from './harness.js';

// `/casus verwijder` with TEAMS_GRAPH_REMOVE=1: the real app and Teams SDK app
// on loopback, activities as Teams sends them, the fake Bot Connector, and a
// strict fake Microsoft identity platform + Graph (test/fakes/graph.ts). Each
// answer is read as the gezinsmanager reads it; the fake Graph's channel
// roster shows whether the person is really out. Names, ids and codes are invented.

const app = { clientId: 'app-0000-regiebot', clientSecret: 'test-secret-not-real' };
const teamGroupId = '6f1c2b9e-0000-4000-8000-00000000a001';
const teamThreadId = '19:team-graph@thread.tacv2';

// Entra object ids are GUIDs: Graph knows people by them.
const gm: SimUser = { id: '29:gm-graph', aadObjectId: '0b0b0b0b-0000-4000-8000-0000000000a1', name: nameOf('U-GM') };
const ha: SimUser = { id: '29:ha-graph', aadObjectId: '0b0b0b0b-0000-4000-8000-0000000000a2', name: nameOf('U-HA') };
const tl: SimUser = { id: '29:tl-graph', aadObjectId: '0b0b0b0b-0000-4000-8000-0000000000a3', name: nameOf('U-TL') };
const others = [1, 2, 3].map((n) => ({ userId: `0b0b0b0b-0000-4000-8000-0000000000b${n}`, displayName: `Collega ${n}` }));

let rig: TeamsRig;
let graph: FakeGraph;
const logs: string[] = [];
const q = () => rig.app.db.q;

/** A channel of the team; like real message payloads, its activities carry the team's Teams id but not its group id. */
const channelOf = (id: string, channelType?: SimConversation['channelType']): SimConversation => ({ id, type: 'channel', teamId: teamThreadId, ...(channelType ? { channelType } : {}) });

/** Sends a line; the answer to the sender ("Voor …") and the posts the channel got. */
async function say(user: SimUser, where: SimConversation, text: string, mentions: SimUser[] = []) {
  rig.connector.reset();
  await rig.sim.message(user, where, text, { mentions });
  await rig.app.flush();
  const cards = rig.connector
    .callsOf()
    .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId?.startsWith(where.id))
    .map((c) => cardText(c.body.attachments?.[0]?.content));
  const isAnswer = (t: string) => /^(Alleen )?[Vv]oor /.test(t);
  return { reply: cards.filter(isAnswer).join('\n'), posts: cards.filter((t) => !isAnswer(t)) };
}

/** A case in a channel of the team with the person as hoofdaannemer; the channel's roster at the fake Graph. */
async function caseWithMember(code: string, where: SimConversation, membershipType: 'private' | 'shared' | 'standard' = 'private') {
  graph.addChannel(teamGroupId, where.id, membershipType, [
    { userId: gm.aadObjectId, displayName: gm.name },
    ...others,
    { userId: ha.aadObjectId, displayName: ha.name },
  ]);
  expect((await say(gm, where, `casus nieuw ${code}`)).reply).toContain(`Casus ${code} is aangemaakt`);
  // The channel reads who was added; the answer keeps only the family's consent, which the post does not say.
  expect((await say(gm, where, `casus lid @${ha.name} hoofdaannemer`, [ha])).posts.join('\n')).toContain('toegevoegd');
}

async function active(code: string, userId: string): Promise<boolean> {
  const kase = (await caseByCode(q(), code))!;
  return (await q().select().from(members).where(and(eq(members.caseId, kase.id), eq(members.userId, userId), eq(members.active, true)))).length > 0;
}

/** Regiebot's access is gone whatever Graph did: the person's commands are refused. */
async function expectRevoked(code: string, where: SimConversation) {
  expect(await active(code, ha.aadObjectId)).toBe(false);
  expect((await say(ha, where, 'signaal zorg Nog een melding')).reply).toContain(`geen lid van casus ${code}`);
}

beforeAll(async () => {
  graph = await FakeGraph.start({ tenantId, ...app });
  rig = await startTeams({
    log: createLogger('debug', lineSink(logs)),
    env: {
      TEAMS_CLIENT_ID: app.clientId,
      TEAMS_CLIENT_SECRET: app.clientSecret,
      TEAMS_TENANT_ID: tenantId,
      TEAMS_GRAPH_REMOVE: '1',
      TEAMS_GRAPH_URL: graph.graphUrl,
      TEAMS_LOGIN_URL: graph.loginUrl,
    },
  });
  for (const u of [gm, ha, tl]) rig.connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId });
  rig.connector.addTeam({ id: teamThreadId, name: 'Jeugdbescherming Oost', aadGroupId: teamGroupId });
});

afterAll(async () => {
  await rig?.close();
  await graph?.close();
});

beforeEach(() => {
  graph.calls.length = 0;
  graph.pageSize = 100;
});

afterEach(() => {
  // A test that took the permission away gives it back; the token without it lapses.
  if (graph.roles.join() !== deleteRoles.join()) {
    graph.roles = [...deleteRoles];
    graph.expireTokens();
  }
});

describe('casus verwijder with Microsoft Graph configured', () => {
  it('takes the person out of the private channel, says so, and regiebot stops too', async () => {
    const where = channelOf('19:prive-graph-1@thread.tacv2', 'private');
    await caseWithMember('GRF-101', where);
    // The person is on the second page of the channel's members.
    graph.pageSize = 2;
    const { reply, posts } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(posts.join('\n')).toContain(`${ha.name} (hoofdaannemer) is uit de casus gehaald`);
    expect(reply).toContain('Geplaatst');
    expect(reply).toContain(`${ha.name} is ook uit het kanaal gehaald en kan het niet meer lezen`);
    expect(reply).not.toContain('kan dit kanaal nog lezen');
    expect(reply).not.toContain('Kanaal beheren');
    expect(posts.join('\n')).toContain(`${ha.name} (hoofdaannemer) is uit de casus gehaald`);
    expect(posts.join('\n')).not.toContain('nog lezen');
    // Really out at Graph; nobody else is.
    expect(graph.membersOf(teamGroupId, where.id)).not.toContain(ha.aadObjectId);
    expect(graph.membersOf(teamGroupId, where.id)).toEqual([gm.aadObjectId, ...others.map((o) => o.userId)]);
    // The group id came from the Bot Connector once, and is kept.
    expect(rig.connector.callsOf('team')).toHaveLength(1);
    expect((await rig.teams.store.conversation(where.id))?.teamGroupId).toBe(teamGroupId);
    await expectRevoked('GRF-101', where);
  });

  it('signs in once and keeps the token for the next removal; an expired token is renewed', async () => {
    const where = channelOf('19:gedeeld-graph-2@thread.tacv2', 'shared');
    await caseWithMember('GRF-102', where);
    const signIns = graph.callsOf('login').length;
    await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(graph.callsOf('login')).toHaveLength(signIns);
    expect(graph.membersOf(teamGroupId, where.id)).not.toContain(ha.aadObjectId);

    const next = channelOf('19:prive-graph-2b@thread.tacv2', 'private');
    await caseWithMember('GRF-112', next);
    graph.expireTokens();
    const { reply } = await say(gm, next, `casus verwijder @${ha.name}`, [ha]);
    expect(reply).toContain('is ook uit het kanaal gehaald');
    expect(graph.callsOf('graph').some((c) => c.status === 401)).toBe(true);
    expect(graph.callsOf('login')).toHaveLength(signIns + 1);
  });

  it('Graph refuses for a missing permission (403): the answer says so and names the manual step; regiebot still stops', async () => {
    const where = channelOf('19:prive-graph-3@thread.tacv2', 'private');
    await caseWithMember('GRF-103', where);
    // The administrator never consented: the next token carries no roles.
    graph.roles = [];
    graph.expireTokens();
    const { reply, posts } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(graph.callsOf('graph').at(-1)?.status).toBe(403);
    expect(reply).toContain(`${ha.name} kan dit kanaal nog lezen: regiebot kon deze persoon er niet uit halen`);
    expect(reply).toContain('toestemming ChannelMember.ReadWrite.All');
    expect(reply).toContain('••• (Meer opties) naast de kanaalnaam → Kanaal beheren → Leden');
    expect(reply).not.toContain('is ook uit het kanaal gehaald');
    expect(posts.join('\n')).toContain(`${ha.name} kan dit kanaal nog lezen`);
    expect(graph.membersOf(teamGroupId, where.id)).toContain(ha.aadObjectId);
    await expectRevoked('GRF-103', where);
  });

  it('Graph throttles once (429 with Retry-After): regiebot waits as asked and succeeds', async () => {
    const where = channelOf('19:prive-graph-4@thread.tacv2', 'private');
    await caseWithMember('GRF-104', where);
    graph.throttleNext('1', 1, 'DELETE');
    const { reply } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(graph.callsOf('graph', 'DELETE').map((c) => c.status)).toEqual([429, 204]);
    expect(reply).toContain('is ook uit het kanaal gehaald');
    expect(graph.membersOf(teamGroupId, where.id)).not.toContain(ha.aadObjectId);
  });

  it('Graph keeps throttling: after the retries the answer says it could not, and names the step', async () => {
    const where = channelOf('19:prive-graph-5@thread.tacv2', 'private');
    await caseWithMember('GRF-105', where);
    graph.throttleNext('1', 3);
    const { reply } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(graph.callsOf('graph').map((c) => c.status)).toEqual([429, 429, 429]);
    expect(reply).toContain('Microsoft Graph had het te druk');
    expect(reply).toContain('Kanaal beheren → Leden');
    expect(graph.membersOf(teamGroupId, where.id)).toContain(ha.aadObjectId);
    await expectRevoked('GRF-105', where);
  });

  it('Graph fails (500): honest answer with the step, nothing lost in regiebot', async () => {
    const where = channelOf('19:prive-graph-6@thread.tacv2', 'private');
    await caseWithMember('GRF-106', where);
    graph.failNext(500);
    const { reply } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(reply).toContain('Microsoft Graph was niet bereikbaar');
    expect(reply).toContain('Kanaal beheren → Leden');
    expect(graph.membersOf(teamGroupId, where.id)).toContain(ha.aadObjectId);
    await expectRevoked('GRF-106', where);
  });

  it('a standard channel: nobody can leave it alone; the answer says so and names leaving the team, without asking Graph', async () => {
    // Linked while Teams sent no type; a later message says it is a standard channel.
    const where = channelOf('19:standaard-graph-7@thread.tacv2');
    await caseWithMember('GRF-107', where, 'standard');
    graph.calls.length = 0;
    const { reply } = await say(gm, { ...where, channelType: 'standard' }, `casus verwijder @${ha.name}`, [ha]);
    expect(reply).toContain('Dit is een standaardkanaal: het hele team leest het, en niemand kan alleen uit dit kanaal worden gehaald');
    expect(reply).toContain('Team beheren → Leden');
    expect(reply).toContain(`${ha.name} kan dit kanaal nog lezen`);
    expect(graph.callsOf('graph', 'DELETE')).toEqual([]);
    await expectRevoked('GRF-107', where);
  });

  it('a standard channel whose type Teams never sent: Graph refuses the removal (400) and the answer says what to do', async () => {
    const where = channelOf('19:standaard-graph-8@thread.tacv2');
    await caseWithMember('GRF-108', where, 'standard');
    graph.calls.length = 0;
    const { reply } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(graph.callsOf('graph', 'DELETE').map((c) => c.status)).toEqual([400]);
    expect(reply).toContain('Microsoft Graph weigerde het (HTTP 400)');
    expect(reply).toContain('niemand kan alleen uit dit kanaal worden gehaald');
    expect(graph.membersOf(teamGroupId, where.id)).toContain(ha.aadObjectId);
    await expectRevoked('GRF-108', where);
  });

  it('a shared channel that lists the person not as its own member: no claim that they cannot read it', async () => {
    const where = channelOf('19:gedeeld-graph-10@thread.tacv2', 'shared');
    await caseWithMember('GRF-110', where, 'shared');
    // They read along through a team the channel is shared with: not a direct member.
    graph.addChannel(teamGroupId, where.id, 'shared', [{ userId: gm.aadObjectId, displayName: gm.name }, ...others]);
    const { reply } = await say(gm, where, `casus verwijder @${ha.name}`, [ha]);
    expect(reply).toContain(`${ha.name} staat niet zelf in de ledenlijst van dit kanaal`);
    expect(reply).toContain(`${ha.name} kan dit kanaal nog lezen`);
    expect(reply).not.toContain('is ook uit het kanaal gehaald');
    expect(graph.callsOf('graph', 'DELETE')).toEqual([]);
    await expectRevoked('GRF-110', where);
  });

  it('a group chat is not a channel: the answer says Graph is for channels and names the chat step', async () => {
    const chat: SimConversation = { id: '19:groepschat-graph@thread.v2', type: 'groupChat' };
    await say(gm, chat, 'casus nieuw GRF-109');
    await say(gm, chat, `casus lid @${tl.name} teamleider`, [tl]);
    graph.calls.length = 0;
    const { reply } = await say(gm, chat, `casus verwijder @${tl.name}`, [tl]);
    expect(reply).toContain('alleen mensen uit privé- en gedeelde kanalen, niet uit een groepschat');
    expect(reply).toContain('Uit chat verwijderen');
    expect(graph.calls).toEqual([]);
  });

  it('never logs the client secret or a token, and logs why Graph refused by status and code only', () => {
    const all = logs.join('\n');
    expect(all).not.toContain(app.clientSecret);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(all).not.toContain('Bearer');
    expect(all).toContain('"status":403');
    expect(all).toContain('"failure":"permission"');
  });
});

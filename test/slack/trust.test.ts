import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { members, signals } from '../../db/schema.js';
import type { App } from '../../src/app.js';
import type { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { signingSecret } from './harness.js';

// Trust at the Slack door: only the configured workspace, and a redelivered
// event handled once. Codes and names are invented.

const gm: SimUser = { id: 'U0GM00009', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00009', name: 'trajectbegeleider.test' };

let rig: SlackApp;
let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let caseChannel: string;

beforeAll(async () => {
  rig = await startSlackApp({ env: { SLACK_TEAM_ID: 'T0TEST' } });
  ({ fake, app, slack, sim } = rig);
  caseChannel = await openCase(rig, 'TRU-001', gm, [{ user: ha, role: 'hoofdaannemer' }]);
});

afterAll(async () => {
  await rig?.close();
});

describe('Slack: one workspace only', () => {
  it('refuses a slash command from another workspace, privately, and stores nothing', async () => {
    const other = new SlackSim(sim.eventsUrl, signingSecret, Object.assign(Object.create(fake), { teamId: 'T0ANDERS' }) as FakeSlackApi);
    const before = (await app.db.q.select().from(signals)).length;
    const res = await other.command(ha, caseChannel, '/signaal', 'zorg normaal moeder mist afspraken');
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json)).toContain('niet gekoppeld aan deze regiebot');
    await slack.settled();
    expect((await app.db.q.select().from(signals)).length).toBe(before);
  });

  it('accepts the same command from the configured workspace', async () => {
    const res = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal moeder mist afspraken');
    expect(JSON.stringify(res.json)).toContain('Geplaatst');
    expect((await app.db.q.select().from(signals)).length).toBe(1);
  });
});

describe('Slack: a redelivered event is handled once', () => {
  it('publishes the home tab once when Slack delivers the same event again', async () => {
    const event = { type: 'app_home_opened', user: gm.id, channel: `D${gm.id}`, tab: 'home', event_ts: '1772441000.000050' };
    await sim.event(event, { eventId: 'Ev0HOME1' });
    await slack.settled();
    expect(fake.callsOf('views.publish').length).toBe(1);
    const retry = await sim.event(event, { eventId: 'Ev0HOME1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await slack.settled();
    expect(fake.callsOf('views.publish').length).toBe(1);
    await sim.event(event, { eventId: 'Ev0HOME2' });
    await slack.settled();
    expect(fake.callsOf('views.publish').length).toBe(2);
  });

  it('takes away access when someone leaves the channel', async () => {
    const event = { type: 'member_left_channel', user: ha.id, channel: caseChannel, channel_type: 'G', team: fake.teamId, event_ts: '1772441000.000100' };
    const first = await sim.event(event, { eventId: 'Ev0RETRY1' });
    expect(first.status).toBe(200);
    await slack.settled();
    await app.flush();
    const cardUpdates = fake.callsOf('chat.update').length;
    expect((await app.db.q.select().from(members)).find((m) => m.userId === ha.id)?.active).toBe(false);
    const retry = await sim.event(event, { eventId: 'Ev0RETRY1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await slack.settled();
    await app.flush();
    expect(fake.callsOf('chat.update').length).toBe(cardUpdates);
    const refused = await sim.command(ha, caseChannel, '/casus', 'info');
    expect(JSON.stringify(refused.json)).toContain('geen lid van casus TRU-001');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { first } from '../../db/connection.js';
import { cases, members } from '../../db/schema.js';
import type { App } from '../../src/app.js';
import type { FakeSlackApi } from '../fakes/slack-api.js';
import type { SimResponse, SimUser, SlackSim } from '../fakes/slack-sign.js';
import { startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// What Slack refuses while the bot provisions a case channel reaches the
// person who asked, in Dutch and specifically (a missing scope, a rate limit
// with its wait), not as the core's generic "could not be created". Invented codes.

const gm: SimUser = { id: 'U0GM00016', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00016', name: 'trajectbegeleider.test' };

let rig: SlackApp;
let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let general: string;

beforeAll(async () => {
  rig = await startSlackApp();
  ({ fake, app, slack, sim } = rig);
  general = fake.createChannel('algemeen', false, [gm.id, ha.id]);
});

afterAll(async () => {
  await rig?.close();
});

/** What the person who typed the command reads. */
async function said(res: SimResponse): Promise<string> {
  await slack.settled();
  return visibleText(res.json);
}

describe('Slack refusals while provisioning, shown to the user', () => {
  it('a missing scope: says which and what to do, and stores no case', async () => {
    fake.failNext('conversations.create', 'missing_scope');
    const res = await sim.command(gm, general, '/casus', 'nieuw PRV-016');
    expect(res.json.response_type).toBe('ephemeral');
    const text = await said(res);
    expect(text).toContain('de app mist een toestemming (scope)');
    expect(text).toContain('manifest/slack.yaml');
    expect(text).not.toContain('Het casuskanaal kon niet worden aangemaakt');
    expect(await app.db.q.select().from(cases)).toHaveLength(0);
  });

  it('a 429: says Slack is busy and how long to wait', async () => {
    fake.rateLimitNext('conversations.create', 30);
    const text = await said(await sim.command(gm, general, '/casus', 'nieuw PRV-016'));
    expect(text).toContain('Slack is even te druk');
    expect(text).toContain('over 30 seconden opnieuw');
    expect(await app.db.q.select().from(cases)).toHaveLength(0);
  });

  it('an invite Slack refuses: the member is recorded and the note says why the channel was not updated', async () => {
    await sim.command(gm, general, '/casus', 'nieuw PRV-016');
    await slack.settled();
    await app.flush();
    const kase = (await first(app.db.q.select().from(cases)))!;
    fake.failNext('conversations.invite', 'user_is_restricted');
    const text = await said(await sim.command(gm, kase.conversationId!, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`));
    expect(text).toContain('die gebruiker mag niet in dit kanaal worden uitgenodigd');
    expect(text).not.toContain('Let op: het kanaal kon niet worden bijgewerkt');
    expect((await app.db.q.select().from(members)).some((m) => m.userId === ha.id)).toBe(true);
  });
});

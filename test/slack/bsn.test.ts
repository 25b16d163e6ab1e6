import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { members, signals } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { stringsOf } from '../../src/privacy/guard.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimResponse, type SimUser } from '../fakes/slack-sign.js';
import { storedText, testDatabaseUrl } from '../helpers/database.js';
import { bsnForms, tracesIn } from '../privacy/forms.js';
import { signingSecret, visibleText } from './harness.js';
import { lineSink } from '../helpers/logs.js';

// Every BSN form through Slack as Slack sends it (signed requests on loopback,
// the fake Web API recording every call): as command text, as a channel link,
// in a modal field, as a mention label and as the sender's own name. Refused
// or hidden, and no trace in the database file, the logs or any Slack call.

const gm: SimUser = { id: 'U0GM00001', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00001', name: 'trajectbegeleider.test' };

/** How Slack escapes a typed line: &, < and > as entities. */
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let dir: string;
let dbUrl: string;
let caseChannel: string;
const logs: string[] = [];

async function send(fn: () => Promise<SimResponse>): Promise<{ res: SimResponse; privately: string }> {
  const res = await fn();
  await slack.settled();
  await app.flush();
  const responded = fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
  return { res, privately: [res.json ? visibleText(res.json) : res.text, ...responded].filter(Boolean).join('\n') };
}

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-bsn-'));
  dbUrl = testDatabaseUrl(dir);
  const sink = lineSink(logs);
  app = await buildApp({
    settings: loadSettings({ DATABASE_URL: dbUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' }),
    clock: new ManualClock(new Date('2026-03-02T09:00:00Z')),
    log: createLogger('debug', sink),
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  slack = app.adapters.get('slack') as SlackAdapter;
  sim = new SlackSim(`${base}/slack/events`, signingSecret, fake, () => slack.settled());
  const general = fake.createChannel('algemeen', false, [gm.id, ha.id]);
  await send(() => sim.command(gm, general, '/casus', 'nieuw TST-601 proefgezin'));
  caseChannel = [...fake.channels.values()].find((c) => c.name === 'casus-tst-601')!.id;
  await send(() => sim.command(gm, caseChannel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`));
});

afterAll(async () => {
  await app?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Slack: a BSN in any form, any way in', () => {
  for (const [name, written] of bsnForms()) {
    it(`written with ${name}: refused as command text and as a channel link`, async () => {
      for (const text of [`zorg normaal vader noemde ${escaped(written)} aan de telefoon`, `zorg normaal zie <#C0CASE01|${escaped(written)}>`]) {
        const before = fake.messagesIn(caseChannel).length;
        const { res, privately } = await send(() => sim.command(ha, caseChannel, '/signaal', text));
        expect(res.status).toBe(200);
        expect(privately).toMatch(/BSN/);
        expect(privately).toMatch(/niets opgeslagen/);
        expect(fake.messagesIn(caseChannel)).toHaveLength(before);
      }
    });
  }

  it('in a modal field: refused under the field, nothing posted', async () => {
    fake.reset();
    await send(() => sim.command(ha, caseChannel, '/signaal', ''));
    const view = fake.views[fake.views.length - 1]!.view;
    const before = fake.messagesIn(caseChannel).length;
    const { res, privately } = await send(() => sim.submit(ha, view, { soort: 'zorg', urgentie: 'normaal', tekst: `bsn ${bsnForms()[1]![1]}` }));
    expect(res.status).toBe(200);
    expect(`${JSON.stringify(res.json ?? {})}\n${privately}`).toMatch(/BSN/);
    expect(fake.messagesIn(caseChannel)).toHaveLength(before);
  });

  it('as the label of a mentioned member: the member is added as "(naam verborgen)"', async () => {
    const { privately } = await send(() => sim.command(gm, caseChannel, '/casus', `lid <@U0OA00001|${escaped(bsnForms()[2]![1])}> onderaannemer`));
    expect(privately).not.toMatch(/BSN/);
    const rows = await app.db.q.select({ userId: members.userId, name: members.displayName }).from(members);
    expect(rows).toContainEqual({ userId: 'U0OA00001', name: '(naam verborgen)' });
  });

  it("as the sender's own display name: the signal is filed under \"(naam verborgen)\"", async () => {
    const sly: SimUser = { id: ha.id, name: `jan ${bsnForms()[9]![1]}` };
    const { privately } = await send(() => sim.command(sly, caseChannel, '/signaal', 'zorg laag moeder belde af'));
    expect(privately).toMatch(/Geplaatst/);
    const reporters = await app.db.q.select({ name: signals.reporterName }).from(signals);
    expect(reporters).toEqual([{ name: '(naam verborgen)' }]);
  });

  it('leaves no trace in the database file (with -wal), the logs or any Slack call', async () => {
    await app.flush();
    expect(tracesIn(await storedText(dbUrl))).toEqual([]);
    expect(tracesIn(logs.join(''))).toEqual([]);
    const sent = stringsOf([fake.calls.map((c) => c.args), fake.responded.map((r) => r.body)]).join('\n');
    // Slack shows people as <@U…> mentions, so the hidden name itself is not sent.
    expect(sent).toContain('<@U0OA00001>');
    expect(tracesIn(sent)).toEqual([]);
  });
});

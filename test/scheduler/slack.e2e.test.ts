import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { buildApp, type App } from '../../src/app.js';
import { caseByCode } from '../../src/cases/model.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { amsterdam, local } from '../helpers/app.js';
import { testDatabaseUrl } from '../helpers/database.js';

// The scheduler's messages through the real Slack adapter (Bolt, Block Kit,
// the Web API on a fake): reminders, escalations and direct messages, the
// silence question with its buttons pressed in Slack, and the Monday digest
// in the team channel. Each arrives once, at its local time. Codes are invented.

const secret = 'test-signing-secret-scheduler-0123456789';
const gm: SimUser = { id: 'U0GM00801', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00801', name: 'trajectbegeleider.test' };
const tl: SimUser = { id: 'U0TL00801', name: 'teamleider.test' };
const code = 'SLK-801';
const signalText = 'Moeder zegt dat vader weer dreigt';

let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let clock: ManualClock;
let dir: string;
let caseChannel: string;
let teamChannel: string;

interface Seen {
  at: string;
  channel: string;
  title: string;
  call: SlackCall;
}
const seen: Seen[] = [];

const titleOf = (c: SlackCall) => String(c.args.text ?? '').split('\n')[0]!.replace(/^:[a-z_]+: /, '');
const where = (channel: string) => (channel === caseChannel ? 'case' : channel === teamChannel ? 'team' : channel);

/** Steps the clock, sweeping and delivering after each step; records what reached Slack. */
async function until(at: string, step: number): Promise<Seen[]> {
  const target = local(at).getTime();
  const found: Seen[] = [];
  while (clock.now().getTime() < target) {
    clock.set(new Date(Math.min(clock.now().getTime() + step, target)));
    const before = fake.callsOf('chat.postMessage').length;
    const report = await app.scheduler.sweep();
    if (report.delivered.length === 0) continue;
    await app.flush();
    for (const call of fake.callsOf('chat.postMessage').slice(before)) {
      found.push({ at: amsterdam(clock.now()), channel: where(String(call.args.channel)), title: titleOf(call), call });
    }
  }
  seen.push(...found);
  return found;
}

async function run(user: SimUser, channel: string, command: string, text: string): Promise<void> {
  const res = await sim.command(user, channel, command, text);
  expect(res.status).toBe(200);
  await slack.settled();
  await app.flush();
}

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-sched-'));
  clock = new ManualClock(local('2026-03-02 10:00'));
  app = await buildApp({
    settings: loadSettings({
      DATABASE_URL: testDatabaseUrl(dir),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'silent',
    }),
    clock,
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  slack = app.adapters.get('slack') as SlackAdapter;
  sim = new SlackSim(`${base}/slack/events`, secret, fake, () => slack.settled());
  const general = fake.createChannel('algemeen', false, [gm.id, ha.id, tl.id]);
  teamChannel = fake.createChannel('team-noord', false, [gm.id, tl.id]);
  await run(gm, teamChannel, '/team', 'koppel Noord');
  await run(gm, general, '/casus', `nieuw ${code}`);
  caseChannel = (await caseByCode(app.db.q, code))!.conversationId!;
  await run(gm, caseChannel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);
  await run(gm, caseChannel, '/casus', `lid <@${tl.id}|${tl.name}> teamleider`);
  await run(gm, caseChannel, '/casus', 'team Noord');
  await run(gm, caseChannel, '/casus', 'fase ondersteunen');
  await run(ha, caseChannel, '/signaal', `veiligheid acuut ${signalText}`);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the scheduler through Slack', () => {
  it('reminds the gezinsmanager by DM after an hour, and escalates to the teamleider after two, in the channel and by DM', async () => {
    const got = await until('2026-03-02 12:30', 30 * 60_000);
    expect(got.map((s) => `${s.at} ${s.channel} ${s.title}`)).toEqual([
      `2026-03-02 11:00 D${gm.id} Herinnering: signaal S-1 in casus ${code} is nog niet bevestigd`,
      `2026-03-02 12:00 case Escalatie: signaal S-1 is niet bevestigd`,
      `2026-03-02 12:00 D${tl.id} Casus ${code}: signaal S-1 (acuut) is niet bevestigd`,
    ]);
    const escalation = JSON.stringify(got[1]!.call.args.blocks);
    expect(escalation).toContain(`<@${tl.id}>`);
    expect(escalation).toContain(`<@${gm.id}>`);
    for (const dm of [got[0]!, got[2]!]) {
      const body = JSON.stringify(dm.call.args);
      expect(body).toContain(code);
      expect(body).not.toContain('dreigt');
    }
  });

  // Two weeks of half-hourly sweeps: on PostgreSQL each sweep is a dozen round trips, so this takes longer than the default 30 s.
  it('asks "Hoe staat het ervoor?" after 14 days of silence; a press in Slack files the signal', async () => {
    await run(gm, caseChannel, '/signaal', 'bevestig S-1');
    const got = await until('2026-03-16 12:00', 30 * 60_000);
    expect(got.map((s) => `${s.at} ${s.channel} ${s.title}`)).toEqual([
      '2026-03-09 08:30 team Weekoverzicht team Noord (2026-W11)',
      '2026-03-16 08:30 team Weekoverzicht team Noord (2026-W12)',
      '2026-03-16 09:00 case Hoe staat het ervoor?',
    ]);
    const question = fake.messagesIn(caseChannel).find((m) => m.text.includes('Hoe staat het ervoor?'))!;
    expect(sim.button(question, 'silence.ok').text).toBe('Loopt volgens plan');
    expect(sim.button(question, 'silence.stagnatie').text).toBe('Stagnatie melden');
    expect(sim.button(question, 'silence.zorg').text).toBe('Zorg over veiligheid');
    fake.reset();
    const res = await sim.press(ha, question, 'silence.ok');
    expect(res.status).toBe(200);
    await slack.settled();
    await app.flush();
    const posted = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === caseChannel);
    expect(posted.map(titleOf)).toEqual(['Signaal S-2: positief (laag)']);
    // A second press on the same answer files nothing.
    fake.reset();
    await sim.press(ha, question, 'silence.ok');
    await slack.settled();
    await app.flush();
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === caseChannel)).toEqual([]);
  }, 90_000);

  it('delivered each of them once', () => {
    const labels = seen.map((s) => `${s.at} ${s.channel} ${s.title}`);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

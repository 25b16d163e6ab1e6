import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';
import { cardText, channel as teamsChannel, TeamsSim, users } from '../teams/harness.js';

// WORK_THREAD=1, as `npm start` runs: the real process (src/main.ts) with the
// core, the outbox senders and the scheduler on a worker thread; the HTTP
// thread only stores and acknowledges. Each platform once: the answer arrives
// where the person reads it, a duplicate is handled once. Invented codes.

const root = join(import.meta.dirname, '../..');
const secret = 'work-thread-signing-secret-0123456789';
const gm: SimUser = { id: 'U0GM00091', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00091', name: 'trajectbegeleider.test' };

async function start(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, WORK_THREAD: '1', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 30_000;
  while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('the bot did not become healthy');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}

describe('WORK_THREAD=1: Slack and Teams', () => {
  let slack: FakeSlackApi;
  let connector: FakeBotConnector;
  let dir: string;
  let child: ChildProcess | undefined;
  let port: number;
  beforeAll(async () => {
    slack = await FakeSlackApi.start();
    connector = await FakeBotConnector.start();
    for (const u of Object.values(users)) connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId });
    dir = mkdtempSync(join(tmpdir(), 'regiebot-work-thread-'));
    port = await freePort();
    child = await start(
      {
        DATABASE_URL: testDatabaseUrl(dir, 'work'),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        TEAMS_INSECURE_LOCAL: '1',
        OUTBOX_PACE: 'off',
        SCHEDULER_CRON: '0 0 1 1 *',
        METRICS: '1',
      },
      port,
    );
  }, 60_000);
  afterAll(async () => {
    await stop(child);
    await slack?.close();
    await connector?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(existsSync('/proc/self/task'))('the work thread yields the CPU (nice 10 by default); the thread that acknowledges keeps nice 0', () => {
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/${child!.pid}/task/${tid}/stat`, 'utf8');
      // Fields after "(comm)": state is field 3, nice field 19.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const threads = readdirSync(`/proc/${child!.pid}/task`);
    expect(niceOf(String(child!.pid))).toBe(0);
    // The worker; a thread it started after lowering itself (a pool thread) would inherit its value.
    expect(threads.filter((tid) => niceOf(tid) === 10).length).toBeGreaterThanOrEqual(1);
  });

  it('Slack: /signaal is acked empty, answered through response_url by the work thread, a replay handled once', async () => {
    const sim = new SlackSim(`http://127.0.0.1:${port}/slack/events`, secret, slack);
    const general = slack.createChannel('algemeen', false, [gm.id, ha.id]);
    await sim.command(gm, general, '/casus', 'nieuw WRK-091');
    const caseChannel = [...slack.channels.values()].find((c) => c.name === 'casus-wrk-091')!.id;
    await sim.command(gm, caseChannel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);
    const res = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal werkdraad-een', { triggerId: 'trig-work-1.U0HA00091' });
    expect(res.ack).toMatchObject({ status: 200, text: '' });
    // One confirmation: the signal's words are in the channel post.
    expect(JSON.stringify(res.json)).toContain('Geplaatst');
    // The channel got the signal's post, from the work thread's sender.
    await expect.poll(() => slack.callsOf('chat.postMessage').some((c) => JSON.stringify(c.args.blocks ?? c.args.text).includes('werkdraad-een')), { timeout: 10_000 }).toBe(true);
    const again = await sim.command(ha, caseChannel, '/signaal', 'zorg normaal werkdraad-een', { triggerId: 'trig-work-1.U0HA00091' });
    expect(JSON.stringify(again.json)).toContain('al eerder ontvangen');
    const posts = slack.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? c.args.text).includes('werkdraad-een'));
    expect(posts).toHaveLength(1);
  }, 60_000);

  it('/metrics on the HTTP thread adds the work thread\'s counters: its deliveries and sweeps beside this thread\'s acks', async () => {
    const value = (body: string, line: RegExp) => Number(body.split('\n').find((l) => line.test(l))?.split(' ').at(-1) ?? NaN);
    const scrape = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      return res.text();
    };
    // The Slack test above posted through the work thread's sender; the work thread sweeps a second after its start.
    await expect.poll(async () => value(await scrape(), /^regiebot_outbox_deliveries_total\{platform="slack",result="sent"\} /), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => value(await scrape(), /^regiebot_sweep_duration_seconds_count /), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const body = await scrape();
    expect(value(body, /^regiebot_ack_seconds_count\{platform="slack"\} /)).toBeGreaterThanOrEqual(4);
    // Gauges are read once (the shared database), not added up across the threads.
    expect(body.match(/^regiebot_inbox_depth /gm)).toHaveLength(1);
    expect(value(body, /^regiebot_inbox_depth /)).toBe(0);
  }, 30_000);

  it('Teams: a typed message is answered 200, then replied to in its thread by the work thread; a redelivery once', async () => {
    const sim = new TeamsSim(`http://127.0.0.1:${port}/api/messages`, connector);
    await sim.message(users.gm, teamsChannel, 'casus nieuw WRK-092');
    await expect.poll(() => connector.callsOf('send').some((c) => cardText(c.body.attachments?.[0]?.content).includes('WRK-092')), { timeout: 10_000 }).toBe(true);
    const activity = sim.messageActivity(users.gm, teamsChannel, 'casus info');
    const first = await sim.post(activity);
    const second = await sim.post(activity);
    expect([first.status, second.status]).toEqual([200, 200]);
    const inThread = () => connector.callsOf('send').filter((c) => c.conversationId === `${teamsChannel.id};messageid=${activity.id}`);
    await expect.poll(() => inThread().length, { timeout: 10_000 }).toBe(1);
    expect(cardText(inThread()[0]!.body.attachments[0].content)).toMatch(/^Voor Sanne de Wit/);
    await new Promise((r) => setTimeout(r, 500));
    expect(inThread()).toHaveLength(1);
  }, 60_000);
});

describe('WORK_THREAD=1: the sandbox', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-work-thread-sb-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = await start({ DATABASE_URL: testDatabaseUrl(dir, 'sandbox'), SCHEDULER_CRON: '0 0 1 1 *' }, port);
  }, 60_000);
  afterAll(async () => {
    await stop(child);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers the page as before, channel switch included, with the core on the work thread', async () => {
    const post = async (text: string, channelId: string) => {
      const res = await fetch(`${base}/sandbox/api/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'U-GM', channelId, text }) });
      return { status: res.status, body: (await res.json()) as { reply?: { message?: { title: string } }; switchTo?: string } };
    };
    const created = await post('/casus nieuw WRK-093 Gezin', 'C-algemeen');
    expect(created.status).toBe(200);
    expect(created.body.reply?.message?.title).toContain('WRK-093');
    expect(created.body.switchTo).toBe('C-casus-wrk-093');
    const info = await post('/casus info', 'C-casus-wrk-093');
    expect(info.status).toBe(200);
    expect(info.body.reply?.message?.title).toContain('WRK-093');
  }, 60_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { openDatabase } from '../../db/connection.js';
import { inbox, outbox, signals } from '../../db/schema.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';

// A burst of 200 signals through the Slack adapter, the bot killed with
// SIGKILL in the middle, then restarted: every acknowledged command (stored in
// the inbox before its empty ack) is processed exactly once after the restart:
// one signal and one answer through response_url each, and every outbox
// message reaches Slack exactly once. Codes are invented.

const root = join(import.meta.dirname, '../..');
const secret = 'crash-test-signing-secret-0123456789';
const gm: SimUser = { id: 'U0GM00077', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00077', name: 'trajectbegeleider.test' };


interface Bot {
  child: ChildProcess;
  exited: Promise<void>;
}

async function startBot(env: Record<string, string>, port: number): Promise<Bot> {
  // node itself (with tsx's loader), so that SIGKILL hits the bot and not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await expect
      .poll(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false), { timeout: 15_000, interval: 100, message: 'bot did not become healthy' })
      .toBe(true);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { child, exited };
}

async function outboxPending(port: number): Promise<number> {
  const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { outbox: { pending: number; dead: number } };
  return health.outbox.pending + health.outbox.dead;
}

describe('crash safety', () => {
  let fake: FakeSlackApi;
  let dir: string;
  let env: Record<string, string>;
  let bot: Bot | undefined;
  beforeAll(async () => {
    fake = await FakeSlackApi.start();
    dir = mkdtempSync(join(tmpdir(), 'regiebot-crash-'));
    env = {
      DATABASE_URL: testDatabaseUrl(dir, 'crash'),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      SCHEDULER_CRON: '0 0 1 1 *',
      // 200 posts into one channel would take 200 s at Slack's pace; this test is about the crash.
      OUTBOX_PACE: 'off',
      // The core on its own thread, as `npm start` runs it: the HTTP thread only stores and acks.
      WORK_THREAD: '1',
    };
  });
  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged signal and sends no message twice across a SIGKILL', async () => {
    const port = await freePort();
    bot = await startBot(env, port);
    // Set-up commands wait for their answer; the burst below only for its ack.
    const sim = new SlackSim(`http://127.0.0.1:${port}/slack/events`, secret, fake);
    const burst = new SlackSim(sim.eventsUrl, secret, fake, async () => undefined);
    const general = fake.createChannel('algemeen', false, [gm.id, ha.id]);
    await sim.command(gm, general, '/casus', 'nieuw CRA-001');
    const caseChannel = [...fake.channels.values()].find((c) => c.name === 'casus-cra-001')!.id;
    await sim.command(gm, caseChannel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);

    // 200 signals, 10 at a time; the bot is killed once 100 have been acknowledged.
    const acknowledged: string[] = [];
    const responseIds = new Map<string, string>();
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (next < 200) {
        const n = next++;
        const token = `melding-${String(n).padStart(3, '0')}`;
        try {
          const res = await burst.command(ha, caseChannel, '/signaal', `zorg normaal ${token} moeder mist afspraken`);
          // An empty 200 is the ack of a stored command; anything else (an error in the ack) is not.
          if (res.ack?.status === 200 && res.ack.text === '') {
            acknowledged.push(token);
            responseIds.set(token, res.responseId);
          }
        } catch {
          // the connection died with the process: not acknowledged
        }
        if (!killed && acknowledged.length >= 100) {
          killed = true;
          bot!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    await bot.exited;
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    expect(acknowledged.length).toBeLessThan(200);

    // Restart on the same database: it delivers what the crash left behind.
    bot = await startBot(env, port);
    const answered = () => acknowledged.filter((t) => fake.responded.some((r) => r.id === responseIds.get(t))).length;
    await expect.poll(answered, { timeout: 60_000, interval: 200 }).toBe(acknowledged.length);
    await expect.poll(() => outboxPending(port), { timeout: 60_000, interval: 200 }).toBe(0);
    bot.child.kill('SIGTERM');
    await bot.exited;
    bot = undefined;

    const db = await openDatabase(env.DATABASE_URL!);
    const stored = (await db.q.select({ text: signals.text }).from(signals)).map((r) => r.text);
    const outboxRows = await db.q.select({ id: outbox.id, kind: outbox.kind }).from(outbox).where(ne(outbox.kind, 'update'));
    const inboxRows = await db.q.select().from(inbox).where(ne(inbox.kind, 'seen'));
    await db.close();

    // Every acknowledged command: one signal, one answer. Nothing stored twice, nothing left in the inbox.
    for (const token of acknowledged) expect(stored.filter((t) => t.includes(token)), token).toHaveLength(1);
    for (const token of acknowledged) expect(fake.responded.filter((r) => r.id === responseIds.get(token)), token).toHaveLength(1);
    expect(new Set(stored).size).toBe(stored.length);
    expect(inboxRows.filter((r) => r.answeredAt === null)).toEqual([]);

    // Each signal post, and every other posted message, exactly once at Slack.
    const posts = fake.callsOf('chat.postMessage');
    for (const text of stored) {
      const token = text.split(' ')[0]!;
      expect(posts.filter((p) => JSON.stringify(p.args.blocks ?? p.args.text).includes(token)).length, token).toBe(1);
    }
    const perOutboxId = new Map<number, number>();
    for (const p of posts) {
      const id = Number(p.args.metadata?.event_payload?.outbox_id);
      if (id) perOutboxId.set(id, (perOutboxId.get(id) ?? 0) + 1);
    }
    for (const row of outboxRows) expect(perOutboxId.get(row.id) ?? 0, `outbox ${row.id}`).toBe(1);
  }, 180_000);
});

import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/connection.js';
import { cases, outbox } from '../../db/schema.js';
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { testDatabaseUrl, testDialect } from '../helpers/database.js';
import type { Answer, Order } from './fixtures/instance.js';

// Two regiebot processes on one PostgreSQL database, behind a "load balancer"
// that sends each Slack request to one of them in turn, through a simulated
// week of due work: unacknowledged signals (reminders, escalations), overdue
// provider starts, overleg reminders, silence, and the Monday digest. Both
// sweep and deliver at every step, at the same moments. The same week on one
// instance is the reference: the two must deliver exactly the same messages,
// each once, counted at the fake Slack Web API.
//
// PostgreSQL only: SQLite is the single-instance database (one process owns
// the file); that two processes on one SQLite file still deliver once is
// tested in test/scheduler/sweep.test.ts.

const secret = 'two-instance-secret';
const start = new Date('2026-03-02T08:00:00Z'); // Monday 09:00 in Amsterdam
const end = new Date('2026-03-09T12:00:00Z'); // the next Monday, after the digest
const stepMs = 60 * 60_000;

const gm: SimUser = { id: 'U0GM', name: 'Sanne de Wit' };
const ha: SimUser = { id: 'U0HA', name: 'Joris Bakker' };
const tl: SimUser = { id: 'U0TL', name: 'Marloes Visser' };
const codes = ['TWI-001', 'TWI-002', 'TWI-003', 'TWI-004'];

class Instance {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (d: string[]) => void; reject: (e: Error) => void }>();
  sim!: SlackSim;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (answer: Answer) => {
      if (answer.type === 'ready') return;
      const w = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.type === 'done') w?.resolve(answer.delivered);
      else w?.reject(new Error(answer.message));
    });
  }

  static async start(databaseUrl: string, fake: FakeSlackApi, name: string): Promise<Instance> {
    const child = fork(fileURLToPath(new URL('./fixtures/instance.ts', import.meta.url)), [databaseUrl, fake.apiUrl, secret, start.toISOString(), name], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const base = await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`instance ${name} exited with ${code}`)));
      child.on('message', (answer: Answer) => {
        if (answer.type === 'ready') resolve(answer.base);
      });
    });
    const instance = new Instance(child);
    instance.sim = new SlackSim(base, secret, fake);
    return instance;
  }

  ask(order: Order extends infer O ? (O extends Order ? Omit<O, 'id'> : never) : never): Promise<string[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...order, id } as Order);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.ask({ type: 'close' }).catch(() => undefined);
    await exited;
  }
}

interface WeekResult {
  /** Every message that reached Slack: chat.postMessage (channel posts and DMs) and chat.update. */
  posts: SlackCall[];
  updates: SlackCall[];
  /** What each instance's sweeps recorded in the ledger. */
  ledger: string[][];
  /** Outbox rows by status at the end. */
  outbox: Record<string, number>;
  outboxRows: number;
}

/** Plays the week on `count` instances sharing one fresh database. */
async function week(count: number, dir: string, name: string): Promise<WeekResult> {
  const fake = await FakeSlackApi.start();
  const url = testDatabaseUrl(dir, name);
  const instances: Instance[] = [];
  try {
    for (let i = 0; i < count; i++) instances.push(await Instance.start(url, fake, `${name}-${i}`));
    let turn = 0;
    // The load balancer: each request to the next instance.
    const run = async (user: SimUser, channel: string, command: string, text: string) => {
      const instance = instances[turn++ % instances.length]!;
      const res = await instance.sim.command(user, channel, command, text);
      expect(res.status).toBe(200);
      await Promise.all(instances.map((x) => x.ask({ type: 'settle' })));
    };
    const general = fake.createChannel('algemeen', false, [gm.id, ha.id, tl.id]);
    const teamChannel = fake.createChannel('team-noord', false, [gm.id, tl.id]);
    await run(gm, teamChannel, '/team', 'koppel Noord');
    const db = await openDatabase(url);
    try {
      for (const [i, code] of codes.entries()) {
        await run(gm, general, '/casus', `nieuw ${code}`);
        const [kase] = await db.q.select({ channel: cases.conversationId }).from(cases).where(eq(cases.code, code));
        const channel = kase!.channel!;
        await run(gm, channel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);
        await run(gm, channel, '/casus', `lid <@${tl.id}|${tl.name}> teamleider`);
        await run(gm, channel, '/casus', 'team Noord');
        await run(gm, channel, '/casus', 'fase ondersteunen');
        // Due work of every kind, different per case.
        await run(ha, channel, '/signaal', i % 2 ? 'zorg hoog school meldt verzuim' : 'veiligheid acuut onrust thuis na bezoek');
        await run(gm, channel, '/inzet', `Horizon ha spic 7 verwezen ${i % 2 ? '02-02-2026' : '16-02-2026'}`);
        if (i === 2) await run(gm, channel, '/overleg', 'gepland 05-03-2026 14:00');
      }
      fake.reset();
      // The week: both instances sweep and deliver at the same moments.
      const ledger: string[][] = instances.map(() => []);
      for (let at = start.getTime() + stepMs; at <= end.getTime(); at += stepMs) {
        const got = await Promise.all(instances.map((x) => x.ask({ type: 'tick', at: new Date(at).toISOString() })));
        got.forEach((keys, n) => ledger[n]!.push(...keys));
      }
      const rows = await db.q.select({ status: outbox.status }).from(outbox);
      const byStatus: Record<string, number> = {};
      for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return { posts: fake.callsOf('chat.postMessage'), updates: fake.callsOf('chat.update'), ledger, outbox: byStatus, outboxRows: rows.length };
    } finally {
      await db.close();
    }
  } finally {
    for (const x of instances) await x.close();
    await fake.close();
  }
}

/** The outbox id each delivered message carries in its Slack metadata. */
function outboxIdOf(call: SlackCall): number {
  const metadata = call.args.metadata as { event_payload?: { outbox_id?: number } } | undefined;
  const id = metadata?.event_payload?.outbox_id;
  if (typeof id !== 'number') throw new Error(`a post without its outbox id: ${JSON.stringify(call.args).slice(0, 200)}`);
  return id;
}

/** A delivered message as a person sees it: where, and what (without ids and platform timestamps). */
function seen(call: SlackCall): string {
  return `${String(call.args.channel).replace(/^C\w+$/, 'channel')} ${String(call.args.text).replace(/\/p\d+\|/g, '/p…|')}`;
}

describe.skipIf(testDialect !== 'postgres')('two instances on one PostgreSQL database', () => {
  let dir: string;
  let one: WeekResult;
  let two: WeekResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-two-'));
    one = await week(1, dir, 'one');
    two = await week(2, dir, 'two');
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the week has due work of every kind (the reference run on one instance)', () => {
    const keys = one.ledger.flat();
    for (const kind of ['signal', 'start', 'overleg', 'digest']) expect(keys.some((k) => k.startsWith(kind)), `${kind} in ${keys.join(' ')}`).toBe(true);
    expect(one.posts.length).toBeGreaterThan(15);
  });

  it('delivers every outbox message exactly once, none left behind', () => {
    const ids = two.posts.map(outboxIdOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect(two.outbox).toEqual({ sent: two.outboxRows });
  });

  it('both instances did part of the work', () => {
    expect(two.ledger[0]!.length).toBeGreaterThan(0);
    expect(two.ledger[1]!.length).toBeGreaterThan(0);
  });

  it('records every reminder, alert and digest once, the same as one instance does', () => {
    const all = two.ledger.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...one.ledger.flat()].sort());
  });

  it('posts exactly what one instance posts, each once', () => {
    expect(two.posts.map(seen).sort()).toEqual(one.posts.map(seen).sort());
    expect(two.updates.length).toBe(one.updates.length);
  });
});

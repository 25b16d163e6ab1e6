import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { deliveries, sandboxChannels, sandboxMessages } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import type { Context, Platform } from '../../src/actors.js';
import { caseByCode } from '../../src/cases/model.js';
import { ManualClock, zonedTime } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Message, Reply } from '../../src/kernel/message.js';
import type { SweepReport } from '../../src/scheduler/sweep.js';
import { testDatabaseUrl } from './database.js';
import { people } from './people.js';
import { lineSink } from './logs.js';

// The real app on a temporary database (SQLite file or PostgreSQL schema) with a ManualClock, the sandbox as
// its platform: commands go through the core as sandbox users, delivered
// messages land in the sandbox tables. Restart builds a new app on the same
// file (and the same clock), as a process restart would.

export { people };

export interface Delivered {
  id: number;
  /** Channel id, or null for a direct message. */
  channel: string | null;
  /** Recipient of a direct message. */
  userId: string | null;
  message: Message;
  at: Date;
}

export interface Rig {
  app: App;
  clock: ManualClock;
  dir: string;
  /** The test's database (a SQLite file or a PostgreSQL schema, see test/helpers/database.ts). */
  dbUrl: string;
  logs: string[];
  env: Record<string, string>;
  ctx(userId: string, conversationId?: string): Context;
  /** A typed line as that user; conversation defaults to the general channel. */
  say(userId: string, text: string, conversationId?: string): Promise<Reply>;
  /** Like say, but fails the test on a refusal. */
  must(userId: string, text: string, conversationId?: string): Promise<Reply>;
  press(userId: string, actionId: Parameters<App['core']['handleAction']>[1], value: string, conversationId?: string): Promise<Reply>;
  /** One sweep at the clock's time, then the outbox delivered. */
  sweep(): Promise<SweepReport>;
  /** Moves the clock to `at` (forward only) in steps, sweeping after each step. Returns what was delivered, in order. */
  runUntil(at: Date, stepMs: number): Promise<Delivered[]>;
  /** Everything delivered to the sandbox so far, oldest first (channel posts and direct messages, no ephemeral replies). */
  delivered(): Promise<Delivered[]>;
  ledger(): Promise<string[]>;
  /** The case's channel in the sandbox. */
  channelOf(code: string): Promise<string>;
  /** Creates a sandbox channel (for a team channel); returns its id. */
  channel(name: string): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(options: { start: Date; env?: Record<string, string>; platform?: Platform } = { start: new Date('2026-01-05T08:00:00Z') }): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'regiebot-sched-'));
  const dbUrl = testDatabaseUrl(dir);
  const clock = new ManualClock(options.start);
  const logs: string[] = [];
  const env = { DATABASE_URL: dbUrl, LOG_LEVEL: 'info', ...options.env };
  const platform = options.platform ?? 'sandbox';
  const make = async () => {
    const sink = lineSink(logs);
    return buildApp({ settings: loadSettings(env), clock, log: createLogger('info', sink), sandbox: true, senderIntervalMs: 0 });
  };
  let app = await make();
  const ctx = (userId: string, conversationId = 'C-algemeen'): Context => ({
    actor: { platform, userId, displayName: people[userId] ?? userId },
    conversationId,
    now: clock.now(),
  });
  const rig: Rig = {
    get app() {
      return app;
    },
    clock,
    dir,
    dbUrl,
    logs,
    env,
    ctx,
    async say(userId, text, conversationId) {
      const reply = await app.core.handleText(ctx(userId, conversationId), text);
      await app.flush();
      return reply;
    },
    async must(userId, text, conversationId) {
      const reply = await rig.say(userId, text, conversationId);
      if (reply.error) throw new Error(`${text}: ${reply.message?.title} ${reply.message?.text ?? ''} ${(reply.message?.lines ?? []).join(' ')}`);
      return reply;
    },
    async press(userId, actionId, value, conversationId) {
      const reply = await app.core.handleAction(ctx(userId, conversationId), actionId, value);
      await app.flush();
      return reply;
    },
    async sweep() {
      const report = await app.scheduler.sweep();
      if (report.delivered.length > 0) await app.flush();
      return report;
    },
    async runUntil(at, stepMs) {
      const before = (await rig.delivered()).at(-1)?.id ?? 0;
      while (clock.now().getTime() < at.getTime()) {
        clock.set(new Date(Math.min(clock.now().getTime() + stepMs, at.getTime())));
        await rig.sweep();
      }
      return (await rig.delivered()).filter((d) => d.id > before);
    },
    async delivered() {
      return (await app.db.q.select().from(sandboxMessages).orderBy(asc(sandboxMessages.id)))
        .filter((r) => r.conversationId === null || r.userId === null)
        .map((r) => ({
          id: r.id,
          channel: r.conversationId,
          userId: r.userId,
          message: (r.payload as { message: Message }).message,
          at: r.createdAt,
        }));
    },
    async ledger() {
      return (await app.db.q.select({ key: deliveries.key }).from(deliveries).orderBy(asc(deliveries.at), asc(deliveries.key))).map((r) => r.key);
    },
    async channelOf(code) {
      const kase = await caseByCode(app.db.q, code);
      if (!kase?.conversationId) throw new Error(`no case ${code}`);
      return kase.conversationId;
    },
    async channel(name) {
      const id = `C-${name}`;
      await app.db.q.insert(sandboxChannels).values({ id, name, createdAt: clock.now() }).onConflictDoNothing();
      return id;
    },
    async restart() {
      await app.close();
      app = await make();
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** All readable text of a message, mentions resolved through its names. */
export function textOf(message: Message | null | undefined): string {
  if (!message) return '';
  const names = message.names ?? {};
  const parts = [
    message.title,
    message.text ?? '',
    ...(message.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(message.lines ?? []),
    message.context ?? '',
    ...(message.actions ?? []).map((a) => `[${a.label}]`),
  ];
  return parts.join('\n').replace(/<@([^>|]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${names[id] ?? name ?? id}`);
}

/** The moment of a local wall-clock time in Europe/Amsterdam: local('2026-03-29 09:00'). */
export function local(text: string): Date {
  const [day, time] = text.split(' ') as [string, string | undefined];
  return zonedTime(day, time ?? '00:00', 'Europe/Amsterdam');
}

/** The local wall-clock time of a moment in Europe/Amsterdam: 'yyyy-mm-dd hh:mm'. */
export function amsterdam(at: Date): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(at).replace(',', '');
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import type { Context, Platform } from '../../src/actors.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema.js';
import type { Message, Reply } from '../../src/kernel/message.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { mentionOf, people } from '../helpers/people.js';
import { lineSink } from '../helpers/logs.js';

export interface CoreHarness {
  app: App;
  clock: ManualClock;
  dir: string;
  /** The test's database (a SQLite file or a PostgreSQL schema, see test/helpers/database.ts). */
  dbUrl: string;
  logs: string[];
  /** Runs a typed line as that user in that conversation. */
  say(userId: string, text: string, conversationId?: string): Promise<Reply>;
  /**
   * The channel post an answer confirms ("Geplaatst", `reply.posted`), as the
   * channel reads it; fails the test when the answer confirms no post.
   */
  postOf(reply: Reply): Promise<Message>;
  /** What a person reads after acting: the answer, or, for a "Geplaatst", the post it confirms with what the answer adds. */
  heard(reply: Reply): Promise<string>;
  ctx(userId: string, conversationId?: string): Context;
  close(): Promise<void>;
}

export { people };

/** The real app on a real database (SQLite file or PostgreSQL schema), without any platform adapter, logs captured. */
export async function coreHarness(options: { platform?: Platform; start?: Date; env?: Record<string, string> } = {}): Promise<CoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'regiebot-core-'));
  const dbUrl = testDatabaseUrl(dir, 'core');
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T09:00:00Z'));
  const logs: string[] = [];
  const sink = lineSink(logs);
  const settings = loadSettings({ DATABASE_URL: dbUrl, LOG_LEVEL: 'debug', ...options.env });
  const app = await buildApp({ settings, clock, log: createLogger('debug', sink), sandbox: false, senderIntervalMs: 0 });
  const platform = options.platform ?? 'sandbox';
  async function postOf(reply: Reply): Promise<Message> {
    if (reply.posted === undefined) throw new Error(`the answer confirms no post: ${reply.message?.title ?? '(none)'}`);
    const [row] = await app.db.q.select().from(outbox).where(eq(outbox.id, reply.posted));
    if (row?.kind !== 'post') throw new Error(`outbox row ${reply.posted} is no post`);
    return row.payload as Message;
  }
  const ctx = (userId: string, conversationId = 'C-CASE'): Context => ({
    actor: { platform, userId, displayName: people[userId] ?? userId },
    conversationId,
    now: clock.now(),
  });
  return {
    app,
    clock,
    dir,
    dbUrl,
    logs,
    ctx,
    say: (userId, text, conversationId) => app.core.handleText(ctx(userId, conversationId), text),
    postOf,
    async heard(reply) {
      const shown = (m: Message | undefined) =>
        m ? [m.title, m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(m.lines ?? [])].filter(Boolean).join('\n') : '';
      return reply.posted === undefined ? shown(reply.message) : `${shown(await postOf(reply))}\n${shown(reply.message)}`;
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sets up a case with one member of every role, a signal S-1 and two referrals. */
export async function fullCase(h: CoreHarness, code = 'TST-001'): Promise<void> {
  const must = async (user: string, text: string) => {
    const r = await h.say(user, text);
    if (r.error) throw new Error(`${text}: ${r.message?.text ?? r.message?.title}`);
  };
  await must('U-GM', `/casus nieuw ${code} proefcasus`);
  await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`);
  await must('U-GM', `/casus lid ${mentionOf('U-OA')} onderaannemer`);
  await must('U-GM', `/casus lid ${mentionOf('U-TL')} teamleider`);
  await must('U-GM', `/casus lid ${mentionOf('U-GD')} gedragsdeskundige`);
  await must('U-GM', `/casus lid ${mentionOf('U-SP')} spoedhulp`);
  await must('U-HA', '/signaal zorg normaal moeder mist afspraken');
  await must('U-GM', '/inzet Horizon ha spic 7 verwezen gisteren');
  await must('U-GM', '/inzet Kompas oa spic 3 verwezen gisteren');
}

/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InboxProcessor } from '../../src/inbound/processor.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../adapters/slack/index.js';
import { openDatabase, type Db } from '../../db/connection.js';
import type { Context } from '../../src/actors.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import type { CoreApi } from '../../src/core/api.js';
import type { Command } from '../../src/core/registry.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import type { ActionId, FormId, Message, Reply } from '../../src/kernel/message.js';
import { Outbox } from '../../src/kernel/outbox.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim } from '../fakes/slack-sign.js';
import { testDatabaseUrl } from '../helpers/database.js';

export const signingSecret = 'test-signing-secret-0123456789abcdef';

export type CoreCall =
  | { fn: 'handleText'; ctx: Context; text: string }
  | { fn: 'handleCommand'; ctx: Context; command: Command }
  | { fn: 'handleAction'; ctx: Context; actionId: ActionId; value: string }
  | { fn: 'submitForm'; ctx: Context; formId: FormId; values: Record<string, string> }
  | { fn: 'homeFor'; ctx: Context }
  | { fn: 'memberLeft'; ctx: Context };

/** A core that records what the adapter asks and answers what the test says. */
export class ScriptedCore implements CoreApi {
  readonly calls: CoreCall[] = [];
  answer: (call: CoreCall) => Reply | Promise<Reply> = () => ({});
  home?: (ctx: Context) => Promise<Message[]>;

  async handleText(ctx: Context, text: string): Promise<Reply> {
    return this.record({ fn: 'handleText', ctx, text });
  }
  async handleCommand(ctx: Context, command: Command): Promise<Reply> {
    return this.record({ fn: 'handleCommand', ctx, command });
  }
  async handleAction(ctx: Context, actionId: ActionId, value: string): Promise<Reply> {
    return this.record({ fn: 'handleAction', ctx, actionId, value });
  }
  async submitForm(ctx: Context, formId: FormId, values: Record<string, string>): Promise<Reply> {
    return this.record({ fn: 'submitForm', ctx, formId, values });
  }
  async memberLeft(ctx: Context): Promise<void> {
    this.calls.push({ fn: 'memberLeft', ctx });
  }
  async homeFor(ctx: Context): Promise<Message[]> {
    this.calls.push({ fn: 'homeFor', ctx });
    return this.home ? this.home(ctx) : [];
  }
  private async record(call: CoreCall): Promise<Reply> {
    this.calls.push(call);
    return this.answer(call);
  }
}


export interface AdapterRig {
  fake: FakeSlackApi;
  core: ScriptedCore;
  adapter: SlackAdapter;
  sim: SlackSim;
  clock: ManualClock;
  db: Db;
  outbox: Outbox;
  baseUrl: string;
  close(): Promise<void>;
}

/** The Slack adapter alone, on its own loopback server, against a scripted core and the fake Web API. */
export async function adapterRig(
  options: { core?: ScriptedCore; adapter?: SlackAdapterOptions; env?: Record<string, string>; fake?: FakeSlackApi } = {},
): Promise<AdapterRig> {
  const fake = options.fake ?? (await FakeSlackApi.start());
  const core = options.core ?? new ScriptedCore();
  const settings = loadSettings({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const log = createLogger('silent');
  const dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-adapter-'));
  const db = await openDatabase(testDatabaseUrl(dir, 'adapter'));
  const outbox = new Outbox(db, { maxAttempts: 3 });
  const inbox = new InboxProcessor(db, clock, log, { owner: 'adapter-test', keepMs: 24 * 3600_000 });
  const adapter = await createSlackAdapter({ core, settings, clock, log, db, outbox, inbox }, options.adapter);
  const server: Server = createHttpServer(adapter.routes, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sim = new SlackSim(`${baseUrl}/slack/events`, signingSecret, fake, () => adapter.settled());
  return {
    fake,
    core,
    adapter,
    sim,
    clock,
    db,
    outbox,
    baseUrl,
    async close() {
      await adapter.stop?.();
      inbox.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      if (!options.fake) await fake.close();
    },
  };
}

/** All visible text of Block Kit blocks (and the fallback), for assertions on what a user reads. */
export function visibleText(m: { text?: string; blocks?: any[] } | undefined): string {
  if (!m) return '';
  const parts: string[] = [m.text ?? ''];
  const walk = (x: any): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x.text === 'string') parts.push(x.text);
    for (const [k, v] of Object.entries(x)) if (k !== 'text' || typeof v !== 'string') walk(v);
  };
  walk(m.blocks ?? []);
  return parts.filter(Boolean).join('\n');
}

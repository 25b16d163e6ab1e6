import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { testDatabaseUrl } from './database.js';

export interface ListeningApp {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
  dir: string;
  dbUrl: string;
  /** Closes the app and removes its folder (and with it a SQLite test database). */
  close(): Promise<void>;
}

/**
 * The real app (buildApp) listening on loopback, on a fresh test database in
 * a temporary folder: what every platform rig (Slack, Teams, sandbox) starts
 * from. `env` holds the platform's settings; logs are silent unless it says
 * otherwise.
 */
export async function startApp(options: { prefix: string; env?: Record<string, string>; clock?: ManualClock; log?: Logger }): Promise<ListeningApp> {
  const dir = mkdtempSync(join(tmpdir(), `regiebot-${options.prefix}-`));
  const dbUrl = testDatabaseUrl(dir);
  const app = await buildApp({
    settings: loadSettings({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', ...options.env }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  return {
    app,
    base,
    dir,
    dbUrl,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

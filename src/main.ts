import { buildApp } from './app.js';
import { loadSettings, SettingsError } from './config.js';
import { startupFailure, startupWaiting } from './startup.js';
import { faultInfo, isPassingStartFault } from '../db/faults.js';
import { createLogger } from './log.js';
import { Guard, type GuardLog } from './resilience/guard.js';
import { startWorkThread, type WorkThread } from './worker.js';

/**
 * A database that cannot be opened now (a full disk, a server that refuses
 * connections) is waited for, with backoff, instead of exiting into a restart
 * loop; any other start-up error still stops the process.
 */
async function whenDatabaseOpens<T>(log: GuardLog, open: () => Promise<T>): Promise<T> {
  const guard = new Guard('start-up: opening the database', log);
  for (;;) {
    try {
      const opened = await open();
      guard.succeeded();
      return opened;
    } catch (err) {
      if (!isPassingStartFault(err)) throw err;
      // The operator reads which database and what to do, as for a lasting fault, and that the process waits.
      if (!guard.failing) process.stderr.write(`${startupWaiting(err)}\n`);
      guard.failed(err);
      await new Promise((resolve) => setTimeout(resolve, guard.delayMs));
    }
  }
}

// `npm start`: read the settings, open the database, serve every adapter on one port.
async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings();
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(settings.LOG_LEVEL);
  let work: WorkThread | undefined;
  const app = await whenDatabaseOpens(log, async () => {
    if (!settings.WORK_THREAD) return buildApp({ settings });
    // This thread opens the database first (and migrates it); then the work thread opens its own connection.
    let thread: WorkThread | undefined;
    const built = await buildApp({
      settings,
      role: 'http',
      link: {
        wake: (what) => thread?.link.wake(what),
        settle: () => thread?.link.settle() ?? Promise.resolve(),
        metrics: () => thread?.link.metrics() ?? Promise.resolve([]),
      },
    });
    try {
      thread = await startWorkThread(log);
    } catch (err) {
      await built.close().catch(() => undefined);
      throw err;
    }
    thread.attach(built);
    work = thread;
    return built;
  });
  const url = await app.listen();
  app.log.info({ url, platforms: [...app.adapters.keys()], database: (await app.db.ping()).dialect }, 'regiebot luistert');
  if (app.adapters.has('sandbox')) {
    app.log.info(`Sandbox: open http://localhost:${new URL(url).port}/ in je browser`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'regiebot stopt');
    // Closing can fail while the database is down: the process still stops, and says so.
    const closed = await app
      .close()
      .then(() => work?.stop())
      .then(
      () => true,
      (err: unknown) => {
        app.log.error({ err: faultInfo(err) }, 'regiebot stopte niet netjes');
        return false;
      },
    );
    process.exit(closed ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${startupFailure(err)}\n`);
  process.exit(1);
});

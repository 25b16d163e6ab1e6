import { buildApp } from './app.js';
import { loadSettings, SettingsError } from './config.js';
import { startupFailure } from './startup.js';

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
  const app = await buildApp({ settings });
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
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${startupFailure(err)}\n`);
  process.exit(1);
});

import { describeUrl, openDatabase } from '../db/connection.js';
import { loadSettings, SettingsError } from '../src/config.js';

// `npm run db:migrate`: brings the database of DATABASE_URL (SQLite or
// PostgreSQL) to the current schema. The bot does this itself at start; this
// is for a deployment that migrates before it rolls out new instances.

let url: string;
try {
  url = process.argv[2] ?? loadSettings().DATABASE_URL;
} catch (err) {
  process.stderr.write(`${err instanceof SettingsError ? err.message : String(err)}\n`);
  process.exit(2);
}
try {
  const db = await openDatabase(url);
  const ping = await db.ping();
  await db.close();
  process.stdout.write(`Database bijgewerkt: ${describeUrl(url)} (${ping.dialect})\n`);
} catch (err) {
  process.stderr.write(`Bijwerken van ${describeUrl(url)} mislukt: ${(err as Error).message}\n`);
  process.exit(1);
}

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db/connection.js';
import { audit } from '../src/audit/log.js';
import { exportCase } from '../src/cases/export.js';
import { caseByCode } from '../src/cases/model.js';
import { setTimeZone } from '../src/clock.js';
import { loadSettings, SettingsError } from '../src/config.js';
import { setLocale } from '../src/i18n/index.js';

// `npm run export -- <code> [bestand]`: an administrator writes a case's full
// record to a file, for the dossier, before retention erases its free text.

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const [rawCode, target] = process.argv.slice(2);
if (!rawCode) fail('Gebruik: npm run export -- <casuscode> [bestand]');
let settings;
try {
  settings = loadSettings();
} catch (err) {
  fail(err instanceof SettingsError ? err.message : String(err));
}
setLocale(settings.LOCALE);
setTimeZone(settings.TIMEZONE);
const db = await openDatabase(settings.DATABASE_URL);
try {
  const code = rawCode.trim().toUpperCase();
  const kase = await caseByCode(db.q, code);
  if (!kase) fail(`Casus ${code} bestaat niet in ${settings.DATABASE_URL}.`);
  const now = new Date();
  const file = await exportCase(db.q, kase, now);
  const path = resolve(target ?? file.filename);
  writeFileSync(path, file.content, { mode: 0o600 });
  await db.tx(async (tx) => audit(tx, { platform: 'cli', userId: 'beheerder' }, 'casus.geexporteerd', kase.id, `${code} via npm run export`, now));
  process.stdout.write(`Export van casus ${code} geschreven naar ${path}\n`);
} finally {
  await db.close();
}

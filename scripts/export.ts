import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeUrl, openDatabase } from '../db/connection.js';
import { audit } from '../src/audit/log.js';
import { exportCase } from '../src/casefile/export.js';
import { caseByCode } from '../src/cases/model.js';
import { setTimeZone } from '../src/clock.js';
import { loadSettings, SettingsError } from '../src/config.js';
import { catalog, setLocale } from '../src/i18n/index.js';

// `npm run export -- <code> [bestand]`: an administrator writes a case's full
// record to a file, for the dossier, before retention erases its free text.

const texts = catalog({
  nl: {
    usage: 'Gebruik: npm run export -- <casuscode> [bestand]',
    noCase: (code: string, where: string) => `Casus ${code} bestaat niet in ${where}.`,
    exists: (path: string) => `${path} bestaat al (of is een symbolische link). Er is niets geschreven; kies een naam die nog niet bestaat.`,
    cannotWrite: (path: string, reason: string) => `Kan ${path} niet schrijven (${reason}). Er is niets geschreven; kies een map die bestaat en waarin je mag schrijven.`,
    written: (code: string, path: string) => `Export van casus ${code} geschreven naar ${path} (alleen leesbaar voor jou).`,
  },
  en: {
    usage: 'Usage: npm run export -- <case code> [file]',
    noCase: (code: string, where: string) => `Case ${code} does not exist in ${where}.`,
    exists: (path: string) => `${path} exists already (or is a symbolic link). Nothing was written; choose a name that does not exist yet.`,
    cannotWrite: (path: string, reason: string) => `Cannot write ${path} (${reason}). Nothing was written; choose a folder that exists and that you may write in.`,
    written: (code: string, path: string) => `Export of case ${code} written to ${path} (readable by you only).`,
  },
});

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * Creates `path` for this export only: never through a symbolic link (someone
 * could point one at a file of theirs, or at one the export would overwrite),
 * never over an existing file, readable and writable by the administrator only.
 */
async function writeNew(path: string, content: string): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  let handle;
  try {
    handle = await open(path, flags, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'onbekende fout';
    fail(code === 'EEXIST' || code === 'ELOOP' ? texts().exists(path) : texts().cannotWrite(path, code));
  }
  try {
    // The umask may only take bits away; this makes sure of 0600 whatever it is.
    await handle.chmod(0o600);
    await handle.writeFile(content, 'utf8');
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    fail(texts().cannotWrite(path, (err as NodeJS.ErrnoException).code ?? 'onbekende fout'));
  }
}

let settings;
try {
  settings = loadSettings();
} catch (err) {
  fail(err instanceof SettingsError ? err.message : String(err));
}
setLocale(settings.LOCALE);
setTimeZone(settings.TIMEZONE);
const [rawCode, target] = process.argv.slice(2);
if (!rawCode) fail(texts().usage);
const db = await openDatabase(settings.DATABASE_URL);
try {
  const code = rawCode.trim().toUpperCase();
  const kase = await caseByCode(db.q, code);
  if (!kase) fail(texts().noCase(code, describeUrl(settings.DATABASE_URL)));
  const now = new Date();
  const file = await exportCase(db.q, kase, now);
  // npm runs scripts in the package folder; the administrator meant the folder they typed the command in.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), target ?? file.filename);
  await writeNew(path, file.content);
  await db.tx(async (tx) => audit(tx, { platform: 'cli', userId: 'beheerder' }, 'casus.geexporteerd', kase.id, `${code} via npm run export`, now));
  process.stdout.write(`${texts().written(code, path)}\n`);
} finally {
  await db.close();
}

import { describeUrl, isPostgresUrl } from '../db/connection.js';
import { catalog } from './i18n/index.js';

// What an operator reads when the process cannot start: which database, what
// went wrong in the driver's own words, and what to do about it.

const texts = catalog({
  nl: {
    failed: (message: string) => `regiebot kon niet starten: ${message}`,
    waiting: 'regiebot wacht tot de database bereikbaar is en probeert het steeds opnieuw (tot 30 seconden tussen pogingen).',
    cannotOpen: (where: string, reason: string, hint: string) => `kan ${where} niet openen (${reason}). ${hint}`,
    sqliteFolder: 'Controleer of de map bestaat, een map is en of regiebot erin mag schrijven, of zet DATABASE_URL op een ander pad (file:<pad>).',
    sqliteNotADatabase: 'Het bestand is geen (gave) SQLite-database: zet een back-up terug, of kies een ander pad in DATABASE_URL.',
    diskFull: 'De schijf is vol: maak ruimte vrij en start opnieuw.',
    sqliteBusy: 'Een ander proces houdt de database vast: stop dat proces, of gebruik PostgreSQL voor meer instanties.',
    pgUnreachable: 'Controleer of PostgreSQL draait en bereikbaar is op de host en poort uit DATABASE_URL.',
    pgAuth: 'De gebruiker of het wachtwoord in DATABASE_URL klopt niet, of die gebruiker mag niet inloggen.',
    pgNoDatabase: 'Die database bestaat niet: maak hem aan (createdb) of verbeter de naam in DATABASE_URL.',
    other: 'Controleer DATABASE_URL en de database zelf; daarna opnieuw starten.',
  },
  en: {
    failed: (message: string) => `regiebot could not start: ${message}`,
    waiting: 'regiebot waits until the database can be reached and keeps trying (up to 30 seconds between tries).',
    cannotOpen: (where: string, reason: string, hint: string) => `cannot open ${where} (${reason}). ${hint}`,
    sqliteFolder: 'Check that the folder exists, is a folder and that regiebot may write in it, or point DATABASE_URL elsewhere (file:<path>).',
    sqliteNotADatabase: 'The file is not a (sound) SQLite database: restore a backup, or choose another path in DATABASE_URL.',
    diskFull: 'The disk is full: free some space and start again.',
    sqliteBusy: 'Another process holds the database: stop it, or use PostgreSQL for several instances.',
    pgUnreachable: 'Check that PostgreSQL is running and reachable at the host and port in DATABASE_URL.',
    pgAuth: 'The user or password in DATABASE_URL is wrong, or that user may not log in.',
    pgNoDatabase: 'That database does not exist: create it (createdb) or correct its name in DATABASE_URL.',
    other: 'Check DATABASE_URL and the database itself, then start again.',
  },
});

/** An error whose message is already fit for the operator. */
export class StartupError extends Error {}

/** The one line main() prints before it exits. */
export function startupFailure(err: unknown): string {
  return texts().failed(err instanceof Error ? err.message : String(err));
}

/** What main() prints once when the database cannot be opened now and it waits for it. */
export function startupWaiting(err: unknown): string {
  return `${startupFailure(err)} ${texts().waiting}`;
}

/** The database as an operator knows it: the SQLite path as configured, or the URL without its password. */
function where(url: string): string {
  if (isPostgresUrl(url)) return describeUrl(url);
  return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

function hintFor(url: string, code: string, message: string): string {
  const t = texts();
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return t.diskFull;
  if (isPostgresUrl(url)) {
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '57P03'].includes(code)) return t.pgUnreachable;
    if (['28P01', '28000'].includes(code) || /role .* does not exist/.test(message)) return t.pgAuth;
    if (code === '3D000') return t.pgNoDatabase;
    return t.other;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return t.sqliteNotADatabase;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return t.sqliteBusy;
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || ['ENOENT', 'ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS', 'EISDIR'].includes(code)) {
    return t.sqliteFolder;
  }
  return t.other;
}

/** The database could not be opened: says which, why, and what to do, never a password. */
export function databaseFailure(url: string, err: unknown): StartupError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  let reason = typeof e?.message === 'string' && e.message ? e.message : code || String(err);
  // A driver may quote the URL back; its password must not reach the terminal or a log.
  if (isPostgresUrl(url)) {
    const password = new URL(url).password;
    if (password) reason = reason.split(password).join('***').split(decodeURIComponent(password)).join('***');
  }
  // The driver's error stays the cause: start-up tells a passing fault (a full disk, a refusing server) from a lasting one by it.
  return new StartupError(texts().cannotOpen(where(url), reason.split('\n')[0]!.slice(0, 300), hintFor(url, code, reason)), { cause: err });
}

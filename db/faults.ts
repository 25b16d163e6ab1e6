/**
 * Which errors mean "the database cannot be used right now" (unreachable,
 * refusing connections, restarting, disk full), as opposed to a bug or a bad
 * query. Such a fault passes by itself: loops back off and retry, commands
 * tell the person that nothing was recorded.
 */

/** PostgreSQL SQLSTATE classes and codes of an unavailable server. */
const pgClasses = ['08', '53', '57', '58']; // connection exception, insufficient resources, operator intervention, system error
const pgCodes = new Set(['55000', '25006']); // database not accepting connections; read-only (a standby after a failover)
const nodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOSPC', 'EIO']);
const sqlitePrefixes = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_NOMEM', 'SQLITE_PROTOCOL'];
// node-postgres reports a lost or unusable connection without a code.
const pgMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Connection refused',
];

interface Coded {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
}

/** The error and what it wraps (drizzle wraps driver errors in DrizzleQueryError). */
function* chain(err: unknown): Generator<Coded> {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    yield e as Coded;
    e = (e as Coded).cause;
  }
}

export function isDatabaseFault(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code) {
      if (nodeCodes.has(code) || pgCodes.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && pgClasses.includes(code.slice(0, 2))) return true;
      if (sqlitePrefixes.some((p) => code.startsWith(p))) return true;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    if (pgMessages.some((m) => message.startsWith(m))) return true;
    // AggregateError of a refused connection to every address of a host name.
    if (Array.isArray((e as { errors?: unknown }).errors) && ((e as { errors: unknown[] }).errors).some(isDatabaseFault)) return true;
  }
  return false;
}

/**
 * An error fit for a log line or /healthz: its kind and code, and the
 * driver's own message. Never drizzle's "Failed query: … params: …", whose
 * parameters can hold free text people typed.
 */
export function faultInfo(err: unknown): { name: string; code?: string; message: string } {
  const all = [...chain(err)];
  const driver = all.find((e) => typeof e.code === 'string') ?? all[all.length - 1] ?? {};
  const name = typeof driver.name === 'string' ? driver.name : 'Error';
  const code = typeof driver.code === 'string' ? driver.code : undefined;
  let message = typeof driver.message === 'string' ? driver.message : String(err);
  if (message.startsWith('Failed query:')) message = code ?? 'query failed';
  return { name, ...(code ? { code } : {}), message: message.slice(0, 200) };
}

/**
 * At start-up, a fault worth waiting for: the database is there but cannot be
 * used now. A file that cannot be opened at all or a host name that does not
 * exist is a setting to correct, and stops the process with its message.
 */
export function isPassingStartFault(err: unknown): boolean {
  if (!isDatabaseFault(err)) return false;
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === 'SQLITE_CANTOPEN' || code === 'ENOTFOUND') return false;
  }
  return true;
}

/**
 * Driver error codes meaning "the database cannot serve right now" (not "this query is wrong"):
 * the request is answered 503 ERR_DATABASE_UNAVAILABLE with Retry-After, never 500.
 */
const UNAVAILABLE_CODES = new Set([
  // Network and pool (mysql2, Node sockets).
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_DISK_FULL',
  'ER_OUT_OF_RESOURCES',
  'ER_QUERY_INTERRUPTED',
  'ER_CANT_CREATE_FILE',
  'ER_ERROR_ON_WRITE',
  'POOL_CLOSED',
  // SQLite: disk full, I/O, locks held too long, file gone or read-only.
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOMEM',
]);

const UNAVAILABLE_MESSAGES = [/pool is closed/i, /connection is closed/i, /can't add new command/i];

/** True when `error` (or the driver error it wraps) says the database is unreachable or full. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message, driverError, cause } = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code.split(':')[0])) return true;
    if (typeof message === 'string' && /^SQLITE_(FULL|IOERR|BUSY|CANTOPEN|READONLY)/.test(message))
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message)))
      return true;
    e = driverError ?? cause;
  }
  return false;
}

/** True for the "disk full / cannot write" family, which readiness must report as down. */
export function isStorageFailure(error: unknown): boolean {
  const text =
    error instanceof Error ? `${(error as { code?: string }).code} ${error.message}` : '';
  return /SQLITE_(FULL|IOERR|READONLY|CANTOPEN)|ER_DISK_FULL|ER_ERROR_ON_WRITE/.test(text);
}

import { StorageUnavailableError } from '../usageStore.js';

/**
 * SQLSTATE classes that mean "not now" rather than "never": connection exceptions (08),
 * insufficient resources such as too many connections (53), operator intervention such as a
 * shutdown or a cancelled statement (57), and transaction rollbacks (40) that outlived retries.
 */
const UNAVAILABLE_CLASSES = new Set(['08', '40', '53', '57']);

/** Errors pg raises itself when a connection breaks or an answer never comes. */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Client was closed',
  'Cannot use a pool after calling end',
];

function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether the failure is the database being away or busy, so that a retry may succeed. */
export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;

  const sqlState = sqlStateOf(error);
  if (sqlState) return UNAVAILABLE_CLASSES.has(sqlState.slice(0, 2));

  // Node's socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...) carry an errno code.
  if ('errno' in error || 'syscall' in error) return true;
  return CONNECTION_MESSAGES.some((message) => error.message.includes(message));
}

/** Whether the transaction lost a race it may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  const sqlState = sqlStateOf(error);
  return sqlState === '40001' || sqlState === '40P01';
}

/**
 * An outage becomes `StorageUnavailableError`, which callers answer with 503 and Retry-After.
 * Anything else is a fault in this code or the schema, and is passed on as it is.
 */
export function asStorageError(error: unknown, doing: string): unknown {
  if (error instanceof StorageUnavailableError) return error;
  if (!isUnavailableError(error)) return error;

  const reason = error instanceof Error ? error.message : String(error);
  return new StorageUnavailableError(`PostgreSQL did not answer while ${doing}: ${reason}`, {
    cause: error,
  });
}

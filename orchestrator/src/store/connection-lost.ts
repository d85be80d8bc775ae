// PostgreSQL restarting (a failover, a minor-version upgrade, `pg_ctlcluster restart`) is an outage to
// wait out, not a bug: requests that meet it are refused with 503 and Retry-After, fast, instead of a
// bare 500. Only connection-level failures count; a query error (a constraint, a bug) keeps its own path.
import { HttpError, ServiceUnavailableError } from '../errors.js';

/** Seconds a client refused with 503 is told to wait (Retry-After). */
export const retryAfterSeconds = 5;

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// SQLSTATE class 08 (connection exception); 57P01-57P03: admin shutdown, crash shutdown, starting up.
const sqlStates = /^(08...|57P0[123])$/;
// pg's own wording for a client whose socket died, and for a connect that ran out of time.
const driverMessages =
  /Connection terminated|not queryable|Client was closed|connection timeout|timeout exceeded when trying to connect/i;

/** True when the error (or one it wraps) says the database connection was lost or could not be made. */
export function isConnectionLost(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (socketCodes.has(code) || sqlStates.test(code))) return true;
  if (driverMessages.test(error.message)) return true;
  const nested = error instanceof AggregateError ? error.errors : [];
  return [error.cause, ...nested].some((inner) => isConnectionLost(inner, depth + 1));
}

/** The 503 a request gets while the session database cannot be reached. */
export function databaseUnreachable(error: unknown, retryAfterSeconds: number): ServiceUnavailableError {
  const said = error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error);
  return new ServiceUnavailableError(
    `The session database cannot be reached right now (${said}); it may be restarting. Retry in ${retryAfterSeconds} s.`,
    { cause: error, retryAfterSeconds },
  );
}

/** Runs a store call, turning a lost connection into the 503 above. */
export async function refuseWhileUnreachable<T>(
  call: () => Promise<T>,
  retryAfterSeconds: number,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // An HttpError (the pool's own 503 for a full pool) already says what happened.
    throw isConnectionLost(error) && !(error instanceof HttpError)
      ? databaseUnreachable(error, retryAfterSeconds)
      : error;
  }
}

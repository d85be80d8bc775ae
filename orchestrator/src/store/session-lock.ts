import type pg from 'pg';
import type { SessionKey } from '../adk/types.js';
import { ServiceUnavailableError } from '../errors.js';
import { databaseUnreachable, isConnectionLost } from './connection-lost.js';

/**
 * Runs `fn` while holding the session's lock: turns on one session run one at a time. `lost` aborts when
 * the lock is gone before `fn` is done (its database connection died): another replica may then take the
 * session, so the holder must stop and say so.
 */
export type SessionLock = <T>(key: SessionKey, fn: (lost: AbortSignal) => Promise<T>) => Promise<T>;

// JSON keeps the three parts unambiguous ("a:b" + "c" never equals "a" + "b:c").
export const lockName = (key: SessionKey): string => JSON.stringify([key.appName, key.userId, key.sessionId]);

const neverLost = new AbortController().signal;

/** In-process keyed mutex: enough for PGlite, which only this process can open. */
export function createKeyedMutex(): SessionLock {
  const tails = new Map<string, Promise<void>>();
  return async (key, fn) => {
    const name = lockName(key);
    const previous = tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    tails.set(name, tail);
    await previous;
    try {
      return await fn(neverLost);
    } finally {
      release();
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}

export interface AdvisoryLockOptions {
  /** How long a turn waits for the advisory lock itself (another replica's turn) before a 503. */
  lockWaitMs: number;
  /** Seconds a client told 503 should wait before retrying. */
  retryAfterSeconds: number;
}

/**
 * PostgreSQL advisory lock held on a dedicated connection for the whole turn, so replicas behind a load
 * balancer serialise on the same session too. If the process dies, PostgreSQL drops the connection and
 * with it the lock. The in-process mutex in front means waiters in this process queue without holding
 * a connection each. A turn that gets no connection or no lock in time is refused with 503 before it
 * stores anything.
 */
export function createAdvisoryLock(
  pool: pg.Pool,
  options: AdvisoryLockOptions,
  local: SessionLock = createKeyedMutex(),
): SessionLock {
  return (key, fn) =>
    local(key, async () => {
      const name = lockName(key);
      const client = await connect(pool, options);
      const lost = new AbortController();
      // The pool stops watching a client it handed out; an 'error' nobody listens to would end the process.
      const onError = (error: Error) => lost.abort(error);
      client.on('error', onError);
      let broken: Error | undefined;
      try {
        await acquire(client, name, options);
        return await fn(lost.signal);
      } catch (error) {
        if (lost.signal.aborted) broken = lost.signal.reason as Error;
        throw error;
      } finally {
        broken ??= lost.signal.aborted ? (lost.signal.reason as Error) : await unlock(client, name);
        // A connection whose unlock failed may still hold the lock: destroy it rather than reuse it.
        client.release(broken ?? false);
        client.off('error', onError);
      }
    });
}

async function connect(pool: pg.Pool, options: AdvisoryLockOptions): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    // A database that is down is not "too many turns": say which it is.
    if (isConnectionLost(error) && !/timeout exceeded/.test(messageOf(error)))
      throw databaseUnreachable(error, options.retryAfterSeconds);
    throw new ServiceUnavailableError(
      `No database connection free for this turn (${messageOf(error)}): too many turns at once. Retry in ${options.retryAfterSeconds} s.`,
      { cause: error, retryAfterSeconds: options.retryAfterSeconds },
    );
  }
}

async function acquire(client: pg.PoolClient, name: string, options: AdvisoryLockOptions): Promise<void> {
  try {
    // lock_timeout bounds the wait for an advisory lock as for any other; `set` cannot take parameters.
    await client.query(`set lock_timeout = ${Math.max(1, Math.round(options.lockWaitMs))}`);
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [name]);
  } catch (error) {
    // A pooled connection the server closed (a restart) fails its first query: the turn has not begun.
    if (isConnectionLost(error)) throw databaseUnreachable(error, options.retryAfterSeconds);
    if ((error as { code?: unknown }).code !== '55P03') throw error;
    throw new ServiceUnavailableError(
      `This session is busy with another turn (on another replica) that did not finish within ${options.lockWaitMs} ms. Retry in ${options.retryAfterSeconds} s.`,
      { cause: error, retryAfterSeconds: options.retryAfterSeconds },
    );
  }
}

async function unlock(client: pg.PoolClient, name: string): Promise<Error | undefined> {
  try {
    await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

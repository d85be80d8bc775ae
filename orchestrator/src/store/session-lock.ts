import type pg from 'pg';
import type { SessionKey } from '../adk/types.js';

/** Runs `fn` while holding the session's lock: turns on one session run one at a time. */
export type SessionLock = <T>(key: SessionKey, fn: () => Promise<T>) => Promise<T>;

// JSON keeps the three parts unambiguous ("a:b" + "c" never equals "a" + "b:c").
export const lockName = (key: SessionKey): string => JSON.stringify([key.appName, key.userId, key.sessionId]);

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
      return await fn();
    } finally {
      release();
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}

/**
 * PostgreSQL advisory lock held on a dedicated connection for the whole turn, so replicas behind a load
 * balancer serialise on the same session too. If the process dies, PostgreSQL drops the connection and
 * with it the lock. The in-process mutex in front means waiters in this process queue without holding
 * a connection each.
 */
export function createAdvisoryLock(pool: pg.Pool, local: SessionLock = createKeyedMutex()): SessionLock {
  return (key, fn) =>
    local(key, async () => {
      const name = lockName(key);
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [name]);
        return await fn();
      } finally {
        try {
          await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [name]);
        } catch (error) {
          broken = error instanceof Error ? error : new Error(String(error));
        }
        // A connection whose unlock failed may still hold the lock: destroy it rather than reuse it.
        client.release(broken);
      }
    });
}

import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { ServiceUnavailableError } from '../errors.js';
import { retryAfterSeconds } from './connection-lost.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './database.js';
import { createAdvisoryLock, createKeyedMutex, type SessionLock } from './session-lock.js';

/** Where sessions live: a PostgreSQL server, or embedded PGlite in a directory or in memory. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir?: string };

export interface StoreLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  lock: SessionLock;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  logger?: StoreLogger;
  /** Connections for queries. */
  poolSize?: number;
  /** Connections that hold session locks during turns; caps concurrent turns per replica. */
  lockPoolSize?: number;
  /** How long a request waits for a free connection, or a turn for its session's lock, before a 503. */
  waitMs?: number;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, options) : openPglite(target.dataDir);
}

function openPostgres(url: string, options: OpenDatabaseOptions): DatabaseHandle {
  const waitMs = options.waitMs ?? 10_000;
  // A bounded connect time so an unreachable server or an exhausted pool fails requests instead of hanging them.
  const common = { connectionString: url, connectionTimeoutMillis: waitMs };
  const pools = [
    new pg.Pool({ ...common, max: options.poolSize ?? 10 }),
    new pg.Pool({ ...common, max: options.lockPoolSize ?? 50 }),
  ] as const;
  for (const pool of pools) {
    // An idle client dying (server restart, terminated backend) must not take the process down.
    pool.on('error', (error) => options.logger?.warn('database connection lost', { error: error.message }));
    // Nor one that is checked out: the pool listens only to idle clients, and an 'error' event with no
    // listener ends the process. The query that was running on it fails on its own.
    pool.on('connect', (client) => {
      client.on('error', (error) =>
        options.logger?.warn('database connection lost while in use', { error: error.message }),
      );
    });
  }
  const [queryPool, lockPool] = pools;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: busyAware(queryPool) }) });
  return {
    db,
    lock: createAdvisoryLock(lockPool, { lockWaitMs: waitMs, retryAfterSeconds }),
    kind: 'postgres',
    close: async () => {
      await db.destroy();
      await lockPool.end();
    },
  };
}

/** The query pool as kysely sees it, with "no connection free in time" turned into a 503 to retry. */
function busyAware(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      try {
        return await pool.connect();
      } catch (error) {
        // pg-pool's own wording for a wait that ran out; other connect failures keep their message.
        if (!(error instanceof Error) || !error.message.startsWith('timeout exceeded')) throw error;
        throw new ServiceUnavailableError(
          `The session database has no connection free (${error.message}): too many requests at once. Retry in ${retryAfterSeconds} s.`,
          { cause: error, retryAfterSeconds },
        );
      }
    },
    end: () => pool.end(),
    options: pool.options,
  };
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir === undefined) return pgliteHandle(new PGlite(), async () => undefined);
  await mkdir(dataDir, { recursive: true });
  const fileLock = await lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(dataDir);
    return pgliteHandle(pglite, () => fileLock.release());
  } catch (error) {
    await fileLock.release();
    throw error;
  }
}

function pgliteHandle(pglite: PGlite, release: () => Promise<void>): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    lock: createKeyedMutex(),
    kind: 'pglite',
    // The file lock goes only once the database is closed, so no second process overlaps the last write.
    close: async () => {
      try {
        await db.destroy();
      } finally {
        await release();
      }
    },
  };
}

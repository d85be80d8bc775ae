import { type Kysely, sql } from 'kysely';
import type { ClaimStore } from '../adk/types.js';
import type { Database } from './database.js';

// Claims over the `claims` table: inserting the key is the claim, and the primary key lets exactly one
// inserter win across every replica on the database. Times are the database's, so replicas whose clocks
// differ still agree on what has expired.

/** Expired rows are deleted at most this often per process; a claim never waits on more than that. */
const purgeEveryMs = 60_000;

export function createClaimStore(db: Kysely<Database>, now: () => number = Date.now): ClaimStore {
  let lastPurge = Number.NEGATIVE_INFINITY;
  return {
    async claim(key, ttlSeconds) {
      if (now() - lastPurge >= purgeEveryMs) {
        lastPurge = now();
        await db.deleteFrom('claims').where('expires_at', '<=', sql<Date>`now()`).execute();
      }
      const row = await db
        .insertInto('claims')
        .values({ key, expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})` })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

// Claims on a real PostgreSQL shared by two "replicas" (two connection pools, as two orchestrator pods
// have); PGlite runs the same SQL under test/orchestrator-slack.test.ts. Set SRE_TEST_SKIP_POSTGRES=1 on a machine without PostgreSQL.
import { throwawayDatabase } from '@sre-agent/test/orchestrator-postgres.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimStore } from './claim-repository.js';
import { migrateToLatest } from './migrate.js';
import { type DatabaseHandle, openDatabase } from './open-database.js';

const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';
if (skipPostgres)
  console.warn('SKIPPED: claims across two replicas need PostgreSQL (SRE_TEST_SKIP_POSTGRES=1)');

describe.skipIf(skipPostgres)('claims across two replicas on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof throwawayDatabase>>;
  let one: DatabaseHandle;
  let two: DatabaseHandle;

  beforeAll(async () => {
    database = await throwawayDatabase();
    one = await openDatabase({ kind: 'postgres', url: database.url });
    await migrateToLatest(one.db);
    two = await openDatabase({ kind: 'postgres', url: database.url });
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await database?.drop();
  });

  it('lets exactly one of many racing claimants on two pools win a key', async () => {
    const [a, b] = [createClaimStore(one.db), createClaimStore(two.db)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).claim('slack:event:Ev1', 600)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.claim('slack:event:Ev2', 600)).toBe(true);
    expect(await b.claim('slack:event:Ev2', 600)).toBe(false);
  });

  it('frees a key once it expired, and deletes expired rows', async () => {
    let clock = 0;
    const claims = createClaimStore(one.db, () => clock);
    expect(await claims.claim('short', 0.05)).toBe(true);
    expect(await claims.claim('short', 0.05)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // The purge runs at most once a minute per process: an expired key waits for it.
    expect(await claims.claim('short', 0.05)).toBe(false);
    clock += 60_000;
    expect(await claims.claim('short', 600)).toBe(true);
    const rows = await one.db.selectFrom('claims').select('key').where('key', '=', 'short').execute();
    expect(rows).toHaveLength(1);
  });
});

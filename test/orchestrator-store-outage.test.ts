// The runner on a REAL PostgreSQL when the database misbehaves under it: a lock connection killed mid-turn
// (a failover, a proxy restart, an idle timeout), and more turns than connections. The process must keep
// serving, and a refused turn must leave nothing behind.
import { createLogger } from '@sre-agent/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { SessionKey } from '../orchestrator/src/adk/types.ts';
import { createApp } from '../orchestrator/src/http/create-app.ts';
import { openDatabase } from '../orchestrator/src/store/open-database.ts';
import { lockName } from '../orchestrator/src/store/session-lock.ts';
import { createSessionStore, openSessionStore } from '../orchestrator/src/store/session-store.ts';
import { type ThrowawayDatabase, throwawayDatabase } from './orchestrator-postgres.ts';
import { ask, pods, useRunnerHarness } from './orchestrator-runner-harness.ts';

const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';
const logger = createLogger({ name: 'test', level: 'error', write: () => undefined });
const waitMs = 400;

describe.skipIf(skipPostgres)('the runner on PostgreSQL when connections fail or run out', () => {
  let database: ThrowawayDatabase;
  // The signal the store gives the turn holding the lock, so a test can wait for the store to notice.
  let lockLost: AbortSignal | undefined;
  // One lock connection: a second concurrent turn finds none free, deterministically.
  const harness = useRunnerHarness(async () => {
    database = await throwawayDatabase();
    const store = await openSessionStore(
      { kind: 'postgres', url: database.url },
      { poolSize: 4, lockPoolSize: 1, waitMs, logger },
    );
    return {
      ...store,
      withSessionLock: (key, fn) =>
        store.withSessionLock(key, (lost) => {
          lockLost = lost;
          return fn(lost);
        }),
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  });

  async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.end();
    }
  }

  /** What pg_terminate_backend does to the connection holding a turn's advisory lock. */
  async function killLockConnection(admin: pg.Client): Promise<void> {
    // pg_locks spans the whole server: other test files hold advisory locks in their own databases.
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()
         and database = (select oid from pg_database where datname = current_database())`,
    );
    expect(rows).toHaveLength(1);
    const pid = rows[0]!.pid;
    await admin.query('select pg_terminate_backend($1)', [pid]);
    for (let i = 0; i < 50; i++) {
      const gone = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
      if (gone.rowCount === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The client reads the server's FATAL message on a later tick of I/O; wait for the store to say so
    // (a fixed 100 ms was sometimes too short on a loaded 2-core machine, and the tool answered first).
    const signal = lockLost;
    if (!signal) throw new Error('no turn holds the session lock');
    if (!signal.aborted)
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  }

  it('ends a turn whose lock connection is terminated with an error event; the next turn works', async () => {
    const { run } = await harness.setup(
      [{ functionCalls: [{ name: 'k8s__list_pods' }] }, { text: 'All good.' }],
      {
        k8s__list_pods: async () => {
          await withAdmin(killLockConnection);
          return pods();
        },
      },
    );
    const first = await run(ask('How are the pods?'));
    // The tool's answer is kept; the turn stops instead of running on without its lock.
    expect(first.map((event) => event.errorCode ?? 'ok')).toEqual(['ok', 'ok', 'SESSION_LOCK_LOST']);
    expect(first.at(-1)?.errorMessage).toContain('Send the message again');
    const second = await run(ask('And now?'));
    expect(second.at(-1)?.content?.parts[0]?.text).toBe('All good.');
  });

  it('answers 503 with Retry-After when no lock connection frees up in time, and stores nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const toolStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const { runner, key } = await harness.setup(
      [{ functionCalls: [{ name: 'k8s__list_pods' }] }, { text: 'Done.' }],
      {
        k8s__list_pods: async () => {
          started();
          await gate;
          return pods();
        },
      },
    );
    const app = createApp({
      store: harness.store,
      runner,
      config: { apiToken: undefined, corsOrigins: [] },
      logger,
      version: 'test',
    });
    const other = await harness.store.createSession({ appName: 'sre_agent', userId: 'u1' });
    const slow = postRun(app, key, 'Slow one');
    await toolStarted;
    let refused: Response;
    let streamed: string;
    try {
      refused = await postRun(app, { ...key, sessionId: other.id }, 'Me too');
      // On /run_sse the stream has begun (200) before the lock is sought: its one frame says why.
      streamed = await (await postRun(app, { ...key, sessionId: other.id }, 'Me too', '/run_sse')).text();
    } finally {
      release();
    }
    expect(JSON.parse(streamed.replace(/^data: /, ''))).toMatchObject({
      error: expect.stringContaining('No database connection free for this turn'),
      retryAfterSeconds: 5,
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('5');
    expect(await refused.json()).toMatchObject({
      detail: expect.stringMatching(/^No database connection free for this turn .*Retry in 5 s\.$/),
    });
    expect((await harness.store.getSession({ ...key, sessionId: other.id }))?.events).toEqual([]);
    const done = await slow;
    expect(done.status).toBe(200);
    expect(((await done.json()) as { content?: { parts: { text?: string }[] } }[]).at(-1)).toMatchObject({
      content: { parts: [{ text: 'Done.' }] },
    });
  });

  it("answers 503 when another replica's turn holds the session's lock too long, and stores nothing", async () => {
    const { key, runner } = await harness.setup([]);
    await withAdmin(async (admin) => {
      await admin.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockName(key)]);
      const turn = runner.run({ session: key, newMessage: ask('Anyone there?'), streaming: false });
      const refusal = (async () => {
        for await (const _event of turn) expect.unreachable('a refused turn emits nothing');
      })();
      await expect(refusal).rejects.toMatchObject({
        status: 503,
        retryAfterSeconds: 5,
        message: expect.stringContaining('This session is busy with another turn'),
      });
    });
    expect((await harness.store.getSession(key))?.events).toEqual([]);
  });

  it('answers 503 when no query connection frees up in time', async () => {
    const handle = await openDatabase({ kind: 'postgres', url: database.url }, { poolSize: 1, waitMs: 200 });
    try {
      const store = createSessionStore(handle);
      // The only query connection is busy for a second; a request for another must not wait that long.
      const busy = sql`select pg_sleep(1)`.execute(handle.db);
      await expect(store.listSessions('sre_agent', 'u1')).rejects.toMatchObject({
        status: 503,
        retryAfterSeconds: 5,
        message: expect.stringContaining('The session database has no connection free'),
      });
      await busy;
    } finally {
      await handle.close();
    }
  });
});

function postRun(
  app: ReturnType<typeof createApp>,
  key: SessionKey,
  text: string,
  path = '/run',
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...key, newMessage: ask(text) }),
    }),
  );
}

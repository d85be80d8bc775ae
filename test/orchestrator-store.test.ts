import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, SessionKey, SessionStore } from '../orchestrator/src/adk/types.ts';
import { ConflictError, NotFoundError } from '../orchestrator/src/errors.ts';
import { migrateToLatest } from '../orchestrator/src/store/migrate.ts';
import {
  type DatabaseHandle,
  type DatabaseTarget,
  openDatabase,
} from '../orchestrator/src/store/open-database.ts';
import { createSessionStore } from '../orchestrator/src/store/session-store.ts';
import { throwawayDatabase } from './orchestrator-postgres.ts';

// The store runs against both backends it supports: a real PostgreSQL (a throwaway database per run, dropped
// afterwards) and PGlite. Set SRE_TEST_SKIP_POSTGRES=1 on a machine without PostgreSQL.
const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';

interface Backend {
  name: string;
  setUp(): Promise<{ target: DatabaseTarget; tearDown(): Promise<void> }>;
}

const postgres: Backend = {
  name: 'PostgreSQL',
  async setUp() {
    const database = await throwawayDatabase();
    return { target: { kind: 'postgres', url: database.url }, tearDown: database.drop };
  },
};

const pglite: Backend = {
  name: 'PGlite',
  setUp: async () => ({ target: { kind: 'pglite' }, tearDown: async () => {} }),
};

const backends = skipPostgres ? [pglite] : [postgres, pglite];
const app = 'sre_agent';
let counter = 0;

function event(id: string, delta: Record<string, unknown> = {}, extra: Partial<AdkEvent> = {}): AdkEvent {
  counter += 1;
  return {
    id,
    invocationId: 'inv',
    author: 'sre_agent',
    timestamp: 1_700_000_000 + counter / 1000,
    content: { role: 'model', parts: [{ text: id }] },
    actions: { stateDelta: delta, artifactDelta: {} },
    ...extra,
  };
}

describe.each(backends)('session store on $name', (backend) => {
  let env: Awaited<ReturnType<Backend['setUp']>>;
  let handle: DatabaseHandle;
  let store: SessionStore;

  beforeAll(async () => {
    env = await backend.setUp();
    handle = await openDatabase(env.target, { poolSize: 5, lockPoolSize: 10 });
    await migrateToLatest(handle.db);
    store = createSessionStore(handle);
  });
  afterAll(async () => {
    await store?.close();
    await env?.tearDown();
  });

  async function newSession(
    userId: string,
    sessionId: string,
    state: Record<string, unknown> = {},
    appName = app,
  ): Promise<SessionKey> {
    await store.createSession({ appName, userId, sessionId, state });
    return { appName, userId, sessionId };
  }

  it('migrates idempotently', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it('routes app:, user:, temp: and session keys as ADK does and returns the merged view with prefixes', async () => {
    // Its own app, so the app: keys it sets do not show up in the other tests' sessions.
    const prefixed = 'prefix_app';
    const initial = { 'app:region': 'eu', 'user:tz': 'UTC', topic: 'db', 'temp:x': 1 };
    const a1 = await newSession('ann', 'p1', initial, prefixed);
    const a2 = await newSession('ann', 'p2', {}, prefixed);
    const b1 = await newSession('ben', 'p1', {}, prefixed);
    const otherApp = await newSession('ann', 'p1');
    expect((await store.getSession(a1))?.state).toEqual({
      'app:region': 'eu',
      'user:tz': 'UTC',
      topic: 'db',
    });
    expect((await store.getSession(a2))?.state).toEqual({ 'app:region': 'eu', 'user:tz': 'UTC' });
    expect((await store.getSession(b1))?.state).toEqual({ 'app:region': 'eu' });

    const stored = await store.appendEvent(
      a2,
      event('e-prefix', { 'app:region': 'us', 'user:tz': 'CET', n: 1, 'temp:t': 2 }),
    );
    expect(stored.actions.stateDelta).toEqual({ 'app:region': 'us', 'user:tz': 'CET', n: 1 });
    expect((await store.getSession(a1))?.state).toEqual({
      'app:region': 'us',
      'user:tz': 'CET',
      topic: 'db',
    });
    expect((await store.getSession(b1))?.state).toEqual({ 'app:region': 'us' });
    const a2Now = await store.getSession(a2);
    expect(a2Now?.state).toEqual({ 'app:region': 'us', 'user:tz': 'CET', n: 1 });
    expect(a2Now?.events[0]?.actions.stateDelta).not.toHaveProperty('temp:t');
    expect((await store.getSession(otherApp))?.state).toEqual({});
    expect((await store.listSessions(prefixed, 'ann')).map((s) => [s.id, s.state, s.events])).toEqual([
      ['p1', { 'app:region': 'us', 'user:tz': 'CET', topic: 'db' }, []],
      ['p2', { 'app:region': 'us', 'user:tz': 'CET', n: 1 }, []],
    ]);
  });

  it('keeps events in append order and filters by recency and time', async () => {
    const key = await newSession('ord', 's');
    const appended: AdkEvent[] = [];
    for (let i = 0; i < 12; i++) {
      // Out-of-order timestamps (parallel tool calls) must not reorder the history.
      const item = event(`e${i}`, {}, i === 5 ? { timestamp: 1_600_000_000 } : {});
      appended.push(await store.appendEvent(key, item));
    }
    const session = await store.getSession(key);
    expect(session?.events.map((e) => e.id)).toEqual(appended.map((e) => e.id));
    expect(session?.events[3]).toEqual(appended[3]);
    const recent = await store.getSession(key, { numRecentEvents: 3 });
    expect(recent?.events.map((e) => e.id)).toEqual(['e9', 'e10', 'e11']);
    const after = await store.getSession(key, { afterTimestamp: appended[10]!.timestamp });
    expect(after?.events.map((e) => e.id)).toEqual(['e10', 'e11']);
  });

  it('does not persist partial events, and refuses duplicates and unknown sessions', async () => {
    const key = await newSession('dup', 's');
    const partial = event('part', { seen: true }, { partial: true });
    expect(await store.appendEvent(key, partial)).toBe(partial);
    expect((await store.getSession(key))?.events).toEqual([]);
    expect((await store.getSession(key))?.state).toEqual({});

    await store.appendEvent(key, event('same'));
    await expect(store.appendEvent(key, event('same', { lost: true }))).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getSession(key))?.state).toEqual({});
    await expect(store.createSession({ appName: app, userId: 'dup', sessionId: 's' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const ghost = { appName: app, userId: 'dup', sessionId: 'ghost' };
    await expect(store.appendEvent(ghost, event('g'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.updateSessionState(ghost, { a: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getSession(ghost)).toBeUndefined();
  });

  it('stores text the way it came, NUL characters made safe for jsonb', async () => {
    const key = await newSession('nul', 's');
    await store.appendEvent(
      key,
      event('bin', { log: 'a\u0000b' }, { content: { parts: [{ text: '日本\u0000' }] } }),
    );
    const session = await store.getSession(key);
    expect(session?.state.log).toBe('a\uFFFDb');
    expect(session?.events[0]?.content?.parts[0]?.text).toBe('日本\uFFFD');
  });

  it('makes a NUL in a key safe too, and leaves a literal backslash-u0000 alone', async () => {
    const key = await newSession('nul-key', 's');
    await store.appendEvent(key, event('k', { 'a\u0000b': 1, literal: '\\u0000 and \\\u0000' }));
    const session = await store.getSession(key);
    expect(session?.state).toEqual({ 'a\uFFFDb': 1, literal: '\\u0000 and \\\uFFFD' });
    expect(session?.events[0]?.actions.stateDelta).toEqual(session?.state);
  });

  it('replaces a lone surrogate (json refuses it), keeping real pairs and a literal backslash-ud83d', async () => {
    const key = await newSession('surrogate', 's');
    const text = `half \ud83d, low \udc00, whole \u{1F525}, literal \\ud83d`;
    await store.appendEvent(key, event('s', { 'k\ud83d': text }, { content: { parts: [{ text }] } }));
    const session = await store.getSession(key);
    const repaired = 'half \ufffd, low \ufffd, whole \u{1F525}, literal \\ud83d';
    expect(session?.state).toEqual({ 'k\ufffd': repaired });
    expect(session?.events[0]?.content?.parts[0]?.text).toBe(repaired);
  });

  it('updates state through a recorded event and deletes a session with its events', async () => {
    const key = await newSession('upd', 's', { a: 1 });
    const updated = await store.updateSessionState(key, { b: 2 });
    expect(updated.state).toEqual({ a: 1, b: 2 });
    expect(updated.events).toHaveLength(1);
    expect(await store.deleteSession(key)).toBe(true);
    expect(await store.deleteSession(key)).toBe(false);
    const orphans = await handle.db.selectFrom('events').select('id').where('user_id', '=', 'upd').execute();
    expect(orphans).toEqual([]);
  });

  it('writes audit records', async () => {
    const entry = {
      appName: app,
      userId: 'aud',
      sessionId: 's',
      invocationId: 'i',
      tool: 'k8s__scale_deployment',
    };
    await store.recordAudit({ ...entry, args: { replicas: 3 }, outcome: 'executed', detail: '2 -> 3' });
    await store.recordAudit({ ...entry, args: { replicas: 0 }, outcome: 'declined' });
    const rows = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('user_id', '=', 'aud')
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.tool, row.args, row.outcome, row.detail])).toEqual([
      ['k8s__scale_deployment', { replicas: 3 }, 'executed', '2 -> 3'],
      ['k8s__scale_deployment', { replicas: 0 }, 'declined', null],
    ]);
    await expect(store.recordAudit({ ...entry, args: {}, outcome: 'maybe' as 'executed' })).rejects.toThrow();
  });

  it('keeps an audit record whose tool output carries a NUL (a text column refuses it)', async () => {
    const entry = { appName: app, userId: 'aud-nul', sessionId: 's', invocationId: 'i', tool: 'k8s__x' };
    await store.recordAudit({ ...entry, args: { v: 'a\u0000b' }, outcome: 'failed', detail: 'bin\u0000ary' });
    const rows = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('user_id', '=', 'aud-nul')
      .execute();
    expect(rows.map((row) => [row.args, row.detail])).toEqual([[{ v: 'a\uFFFDb' }, 'bin\uFFFDary']]);
  });

  it('serialises turns on one session and runs different sessions in parallel', async () => {
    const one = await newSession('lock', 'one');
    const two = await newSession('lock', 'two');
    let inside = 0;
    let maxInside = 0;
    // Each turn reads the history, waits, then appends: without the lock, turns would see the same length.
    const turn = (key: SessionKey, label: string) =>
      store.withSessionLock(key, async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        const seen = (await store.getSession(key))?.events.length ?? -1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.appendEvent(key, event(`${label}-${seen}`, { [`seen${seen}`]: true }));
        inside -= 1;
      });
    await Promise.all(Array.from({ length: 8 }, (_, i) => turn(one, `t${i}`)));
    expect(maxInside).toBe(1);
    const history = (await store.getSession(one))?.events.map((e) => e.id.split('-')[1]);
    expect(history).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);

    // Two sessions: each turn waits until the other has entered, which only works if they overlap.
    let entered = 0;
    const bothInside = (key: SessionKey) =>
      store.withSessionLock(key, async () => {
        entered += 1;
        const deadline = Date.now() + 5_000;
        while (entered < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
        return entered;
      });
    expect(await Promise.all([bothInside(one), bothInside(two)])).toEqual([2, 2]);
  });

  it('releases the lock when a turn throws', async () => {
    const key = await newSession('lock', 'throws');
    await expect(
      store.withSessionLock(key, async () => Promise.reject(new Error('model down'))),
    ).rejects.toThrow('model down');
    expect(await store.withSessionLock(key, async () => 'next turn runs')).toBe('next turn runs');
  });

  it('applies concurrent appends to one session atomically, losing no event and no state key', async () => {
    const key = await newSession('par', 's');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.appendEvent(key, event(`c${i}`, { [`k${i}`]: i }))),
    );
    const session = await store.getSession(key);
    expect(session?.events).toHaveLength(40);
    expect(Object.keys(session?.state ?? {})).toHaveLength(40);
  });

  it.runIf(backend.name === 'PostgreSQL')(
    'serialises one session across two replicas (advisory lock)',
    async () => {
      const other = await openDatabase(env.target, { poolSize: 2, lockPoolSize: 2 });
      const replica = createSessionStore(other);
      try {
        const key = await newSession('replica', 's');
        const order: string[] = [];
        const turn = (which: SessionStore, label: string) =>
          which.withSessionLock(key, async () => {
            order.push(`${label}:in`);
            await new Promise((resolve) => setTimeout(resolve, 30));
            order.push(`${label}:out`);
          });
        await Promise.all([turn(store, 'a'), turn(replica, 'b'), turn(store, 'c'), turn(replica, 'd')]);
        for (let i = 0; i < order.length; i += 2)
          expect(order[i]?.split(':')[0]).toBe(order[i + 1]?.split(':')[0]);
      } finally {
        await replica.close();
      }
    },
  );
});

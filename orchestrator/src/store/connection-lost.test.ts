import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdkEvent } from '../adk/types.js';
import { ServiceUnavailableError } from '../errors.js';
import { isConnectionLost } from './connection-lost.js';
import { openDatabase } from './open-database.js';
import { createSessionStore } from './session-store.js';

const key = { appName: 'sre_agent', userId: 'u', sessionId: 's' };
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A port where PostgreSQL "is": closed (refused), or accepting and dropping every connection (restarting). */
async function fakePostgres(behaviour: 'refuse' | 'drop'): Promise<string> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  if (behaviour === 'refuse') await new Promise((resolve) => server.close(resolve));
  else servers.push(server);
  return `postgres://postgres@127.0.0.1:${port}/test`;
}

const storeAt = async (url: string) =>
  createSessionStore(await openDatabase({ kind: 'postgres', url }, { waitMs: 1_000 }));

describe('a session store whose PostgreSQL is down or restarting', () => {
  for (const behaviour of ['refuse', 'drop'] as const) {
    it(`refuses requests fast with 503 and Retry-After (${behaviour})`, async () => {
      const store = await storeAt(await fakePostgres(behaviour));
      try {
        const started = performance.now();
        const failures = await Promise.all([
          store.getSession(key).catch((error: unknown) => error),
          store
            .appendEvent(key, { id: 'e', invocationId: 'i', author: 'user', timestamp: 0 } as AdkEvent)
            .catch((e: unknown) => e),
          store.withSessionLock(key, async () => 'ran').catch((error: unknown) => error),
        ]);
        expect(performance.now() - started).toBeLessThan(1_500);
        for (const failure of failures) {
          expect(failure).toBeInstanceOf(ServiceUnavailableError);
          expect((failure as ServiceUnavailableError).retryAfterSeconds).toBe(5);
          expect((failure as Error).message).toMatch(
            /^The session database cannot be reached right now \(.+\); it may be restarting\. Retry in 5 s\.$/,
          );
        }
      } finally {
        await store.close();
      }
    });
  }
});

describe('isConnectionLost', () => {
  it('knows a lost connection from a query error', () => {
    const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
    expect(isConnectionLost(withCode('terminating connection due to administrator command', '57P01'))).toBe(
      true,
    );
    expect(isConnectionLost(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(
      isConnectionLost(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
    expect(
      isConnectionLost(new Error('wrapped', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') })),
    ).toBe(true);
    expect(isConnectionLost(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isConnectionLost(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});

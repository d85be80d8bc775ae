// Real connection attempts: a port nothing listens on, and the test PostgreSQL (trust auth) asked for a
// database it does not have.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { explainDatabaseFailure } from './database-unreachable.js';
import { openSessionStore } from './session-store.js';

async function failureOpening(url: string): Promise<unknown> {
  try {
    const store = await openSessionStore({ kind: 'postgres', url }, { waitMs: 5_000 });
    await store.close();
  } catch (error) {
    return error;
  }
  throw new Error(`opening ${url} did not fail`);
}

/** A port that was free a moment ago: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('explainDatabaseFailure', () => {
  it('names the host and port that refused and what to check, never the password', async () => {
    const port = await closedPort();
    const url = `postgres://sre:hunter2-secret@127.0.0.1:${port}/sre_agent`;
    const error = await failureOpening(url);
    expect(String(error)).toContain('Database migrations could not start');
    const explained = explainDatabaseFailure(error, url);
    expect(explained?.message).toBe(
      `cannot reach PostgreSQL at 127.0.0.1:${port}: the connection was refused (nothing listens there). ` +
        'Check that PostgreSQL is running and listening there, that DATABASE_URL names the right host and port, ' +
        'and that this machine can reach it (firewall, Docker network, VPN).',
    );
    expect(explained?.message).not.toContain('hunter2');
  });

  it('says which database is missing and how to create it', async () => {
    const url = 'postgres://postgres:pw-not-shown@127.0.0.1:5432/no_such_database_here';
    const explained = explainDatabaseFailure(await failureOpening(url), url);
    expect(explained?.message).toBe(
      'PostgreSQL at 127.0.0.1:5432 has no database "no_such_database_here". Create it (createdb no_such_database_here) or name an existing one in DATABASE_URL.',
    );
  });

  it('leaves an error that is not about the connection alone, so it keeps its stack', () => {
    expect(explainDatabaseFailure(new TypeError('x is undefined'), 'postgres://h/db')).toBeUndefined();
    const timeout = new Error('outer', {
      cause: new Error('Connection terminated due to connection timeout'),
    });
    expect(explainDatabaseFailure(timeout, 'postgresql://db.internal/app')?.message).toContain(
      'cannot reach PostgreSQL at db.internal:5432: no answer in time.',
    );
  });
});

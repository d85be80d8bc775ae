import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../orchestrator/src/adk/types.ts';
import type { DatabaseTarget } from '../orchestrator/src/store/open-database.ts';
import { openSessionStore } from '../orchestrator/src/store/session-store.ts';
import { throwawayDatabase } from './orchestrator-postgres.ts';

// A real crash: a child process appends events and reports each acknowledgement; it is SIGKILLed mid-turn,
// then a fresh store opens the same database. Acknowledged means committed, so all of them must be there.
const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';
const storeModule = new URL('../orchestrator/src/store/session-store.ts', import.meta.url).href;
const key = { appName: 'sre_agent', userId: 'crash', sessionId: 's' };

// Node strips types but does not map our `.js` specifiers to `.ts` sources; a two-line resolve hook does.
const childScript = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); }
  catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
    throw error;
  }
}\`));
const { openSessionStore } = await import(process.env.STORE_MODULE);
const store = await openSessionStore(JSON.parse(process.env.STORE_TARGET));
const key = JSON.parse(process.env.SESSION_KEY);
for (let i = 0; ; i++) {
  await store.appendEvent(key, {
    id: 'crash-' + i, invocationId: 'inv', author: 'sre_agent', timestamp: Date.now() / 1000,
    content: { role: 'model', parts: [{ text: 'x'.repeat(2000) }] },
    actions: { stateDelta: { ['k' + i]: i }, artifactDelta: {} },
  });
  process.stdout.write('ack ' + i + '\\n');
}
`;

async function crashWhileAppending(target: DatabaseTarget, killAfterAcks: number) {
  const setup = await openSessionStore(target);
  await setup.createSession(key);
  await setup.close();

  const child = spawn(process.execPath, ['--input-type=module', '-e', childScript], {
    env: {
      ...process.env,
      STORE_MODULE: storeModule,
      STORE_TARGET: JSON.stringify(target),
      SESSION_KEY: JSON.stringify(key),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let acknowledged = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('ack ')) continue;
    acknowledged = Number(line.slice(4)) + 1;
    if (acknowledged >= killAfterAcks) {
      child.kill('SIGKILL');
      break;
    }
  }
  await exited;
  if (acknowledged < killAfterAcks) throw new Error(`child died early: ${stderr}`);

  const reopened = await openSessionStore(target);
  try {
    return { acknowledged, session: (await reopened.getSession(key)) as Session };
  } finally {
    await reopened.close();
  }
}

async function throwawayPostgres() {
  const database = await throwawayDatabase();
  return { target: { kind: 'postgres', url: database.url } as DatabaseTarget, tearDown: database.drop };
}

async function pgliteDirectory() {
  const dir = await mkdtemp(join(tmpdir(), 'sre-pglite-crash-'));
  return {
    target: { kind: 'pglite', dataDir: dir } as DatabaseTarget,
    tearDown: () => rm(dir, { recursive: true }),
  };
}

const backends = [
  ...(skipPostgres ? [] : [{ name: 'PostgreSQL', setUp: throwawayPostgres }]),
  { name: 'PGlite (data directory)', setUp: pgliteDirectory },
];

describe.each(backends)('a crash between events on $name', (backend) => {
  let env: Awaited<ReturnType<typeof throwawayPostgres>>;
  beforeAll(async () => {
    env = await backend.setUp();
  });
  afterAll(() => env?.tearDown());

  it('loses nothing acknowledged and leaves nothing half-written', { timeout: 60_000 }, async () => {
    const { acknowledged, session } = await crashWhileAppending(env.target, 5);
    const ids = session.events.map((item) => item.id);
    expect(ids.length).toBeGreaterThanOrEqual(acknowledged);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `crash-${i}`));
    // Event and state change commit together: k<i> is set exactly for the events that exist.
    expect(Object.keys(session.state).sort()).toEqual(ids.map((_, i) => `k${i}`).sort());
  });
});

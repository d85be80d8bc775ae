// Session store throughput on PostgreSQL: 50 sessions run turns concurrently, each turn holding the session
// lock and appending the four events of a tool-using turn (user message, function call, function response,
// answer) with state deltas. Prints events/s, append latency and the error count, then checks that every
// acknowledged event is in the database. Uses a throwaway database, dropped afterwards.
//
//   npm run build && node bench/orchestrator-store.ts      (SRE_BENCH_POSTGRES_URL to point elsewhere)
import { pathToFileURL } from 'node:url';
import { type AdkEvent, openSessionStore, type SessionKey, type SessionStore } from '@sre-agent/orchestrator';
import { defaultAdminUrl, throwawayDatabase } from '../test/orchestrator-postgres.ts';
import { percentile, round } from './stats.ts';

export interface StoreBenchOptions {
  adminUrl?: string;
  sessions?: number;
  turnsPerSession?: number;
}

export interface StoreBenchResult {
  name: string;
  sessions: number;
  events: number;
  errors: number;
  seconds: number;
  eventsPerSecond: number;
  appendP50Ms: number;
  appendP95Ms: number;
  appendP99Ms: number;
  missing: number;
}

export async function run(options: StoreBenchOptions = {}): Promise<StoreBenchResult> {
  const adminUrl = options.adminUrl ?? process.env.SRE_BENCH_POSTGRES_URL ?? defaultAdminUrl;
  const sessions = options.sessions ?? 50;
  const database = await throwawayDatabase(adminUrl, 'sre_bench');
  try {
    const store = await openSessionStore(
      { kind: 'postgres', url: database.url },
      { poolSize: 10, lockPoolSize: sessions },
    );
    try {
      const result = await measure(store, sessions, options.turnsPerSession ?? 10);
      print(result);
      return result;
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
}

async function measure(store: SessionStore, sessions: number, turns: number): Promise<StoreBenchResult> {
  const keys = await Promise.all(
    Array.from({ length: sessions }, async (_, i) => {
      const key = { appName: 'sre_agent', userId: `bench-${i % 10}`, sessionId: `s-${i}` };
      await store.createSession(key);
      return key;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    keys.map(async (key) => {
      for (let turn = 0; turn < turns; turn++) {
        await store
          .withSessionLock(key, () => runTurn(store, key, turn, latencies))
          .catch(() => {
            errors += 1;
          });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const stored = await Promise.all(
    keys.map(async (key) => (await store.getSession(key))?.events.length ?? 0),
  );
  return {
    name: 'orchestrator-store (PostgreSQL)',
    sessions,
    events: latencies.length,
    errors,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(latencies.length / seconds),
    appendP50Ms: round(percentile(latencies, 0.5), 2),
    appendP95Ms: round(percentile(latencies, 0.95), 2),
    appendP99Ms: round(percentile(latencies, 0.99), 2),
    missing: latencies.length - stored.reduce((sum, count) => sum + count, 0),
  };
}

async function runTurn(
  store: SessionStore,
  key: SessionKey,
  turn: number,
  latencies: number[],
): Promise<void> {
  const invocationId = `inv-${key.sessionId}-${turn}`;
  for (const [index, item] of turnEvents(turn).entries()) {
    const event: AdkEvent = {
      id: `${invocationId}-${index}`,
      invocationId,
      author: item.author,
      timestamp: Date.now() / 1000,
      content: item.content,
      actions: { stateDelta: item.delta, artifactDelta: {} },
    };
    const started = performance.now();
    await store.appendEvent(key, event);
    latencies.push(performance.now() - started);
  }
}

/** The four events of a tool-using turn, with state deltas of every prefix. */
function turnEvents(turn: number) {
  const callId = `call-${turn}`;
  const call = { id: callId, name: 'k8s__get_pod_logs' };
  const events: { author: string; delta: Record<string, unknown>; content: AdkEvent['content'] }[] = [
    {
      author: 'user',
      delta: { 'temp:started': turn },
      content: { role: 'user', parts: [{ text: 'Why is checkout failing?' }] },
    },
    {
      author: 'sre_agent',
      delta: {},
      content: { role: 'model', parts: [{ functionCall: { ...call, args: { pod: 'checkout-1' } } }] },
    },
    {
      author: 'sre_agent',
      delta: { last_tool: call.name },
      content: {
        role: 'user',
        parts: [{ functionResponse: { ...call, response: { output: 'x'.repeat(4000) } } }],
      },
    },
    {
      author: 'sre_agent',
      delta: { turns: turn + 1, 'user:last_seen': Date.now() },
      content: { role: 'model', parts: [{ text: 'OOMKilled.' }] },
    },
  ];
  return events;
}

function print(result: StoreBenchResult): void {
  console.log(
    `${result.name}: ${result.sessions} concurrent sessions, ${result.events} events in ${result.seconds}s = ` +
      `${result.eventsPerSecond} events/s; append p50 ${result.appendP50Ms} ms, p95 ${result.appendP95Ms} ms, ` +
      `p99 ${result.appendP99Ms} ms; errors ${result.errors}; missing after reload ${result.missing}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  if (result.errors > 0 || result.missing !== 0) process.exitCode = 1;
}

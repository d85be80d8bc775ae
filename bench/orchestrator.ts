// Orchestrator `/run` benchmark, through the real HTTP app (in-process `app.request`), the real runner and
// store, and the real Gemini client talking to the scripted fake. Each run is one tool-using turn: model ->
// function call -> tool -> model -> answer (two model calls, one tool call, four events persisted).
//
// 1. Overhead: sequential runs; the time spent inside the model client and the tool is measured and
//    subtracted, leaving what the orchestrator itself costs (HTTP, lock, history load, contents, event
//    writes). On PGlite in memory and on PostgreSQL. Target: p50 under 10 ms.
// 2. Throughput: 50 sessions running turns concurrently on PostgreSQL; runs/s and errors (target: none).
//
//   npm run build && node bench/orchestrator.ts      (SRE_BENCH_POSTGRES_URL to point elsewhere)
import { pathToFileURL } from 'node:url';
import {
  type AdkEvent,
  APP_NAME,
  createApp,
  createGeminiModel,
  createRunner,
  type Model,
  openSessionStore,
  type SessionStore,
} from '@sre-agent/orchestrator';
import { createLogger } from '@sre-agent/shared';
import { type GeminiFake, startGeminiFake } from '../test/fakes/gemini/gemini-fake.ts';
import { defaultAdminUrl, throwawayDatabase } from '../test/orchestrator-postgres.ts';
import { instantHub, scriptStep } from './scripted-orchestrator.ts';
import { percentile, round } from './stats.ts';

export interface OrchestratorBenchOptions {
  adminUrl?: string;
  overheadRuns?: number;
  sessions?: number;
  turnsPerSession?: number;
}

export interface OverheadResult {
  name: string;
  runs: number;
  overheadP50Ms: number;
  overheadP95Ms: number;
  totalP50Ms: number;
  modelAndToolP50Ms: number;
  /** Part of the overhead spent in the session store (history load, four event commits). */
  storeP50Ms: number;
}

export interface ThroughputResult {
  name: string;
  sessions: number;
  runs: number;
  errors: number;
  seconds: number;
  runsPerSecond: number;
  runP50Ms: number;
  runP95Ms: number;
  missingEvents: number;
}

const logger = createLogger({ name: 'bench', level: 'error' });

export async function run(
  options: OrchestratorBenchOptions = {},
): Promise<Array<OverheadResult | ThroughputResult>> {
  const adminUrl = options.adminUrl ?? process.env.SRE_BENCH_POSTGRES_URL ?? defaultAdminUrl;
  const fake = await startGeminiFake();
  const results: Array<OverheadResult | ThroughputResult> = [];
  try {
    const memory = await openSessionStore({ kind: 'pglite' });
    results.push(await measureOverhead('PGlite (memory)', memory, fake, options.overheadRuns ?? 200));
    await memory.close();
    const database = await throwawayDatabase(adminUrl, 'sre_bench');
    try {
      const sessions = options.sessions ?? 50;
      const store = await openSessionStore(
        { kind: 'postgres', url: database.url },
        { lockPoolSize: sessions },
      );
      try {
        results.push(await measureOverhead('PostgreSQL', store, fake, options.overheadRuns ?? 200));
        results.push(await measureThroughput(store, fake, sessions, options.turnsPerSession ?? 10));
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  } finally {
    await fake.close();
  }
  for (const result of results) print(result);
  return results;
}

interface Clock {
  spentMs: number;
}

/** Times the store's reads and writes, to tell the database's share of the overhead from the runner's. */
function timedStore(store: SessionStore, clock: Clock): SessionStore {
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await fn(...args);
      } finally {
        clock.spentMs += performance.now() - started;
      }
    };
  return {
    ...store,
    getSession: timed(store.getSession),
    appendEvent: timed(store.appendEvent),
    recordAudit: timed(store.recordAudit),
  };
}

function timedModel(model: Model, clock: Clock): Model {
  return {
    name: model.name,
    async generate(request) {
      const started = performance.now();
      try {
        return await model.generate(request);
      } finally {
        clock.spentMs += performance.now() - started;
      }
    },
    generateStream: (request) => model.generateStream(request),
  };
}

function benchApp(store: SessionStore, fake: GeminiFake, clock: Clock, storeClock: Clock = { spentMs: 0 }) {
  const gemini = createGeminiModel({ apiKey: 'bench', model: 'gemini-bench', baseUrl: fake.url });
  const runner = createRunner({
    store: timedStore(store, storeClock),
    model: timedModel(gemini, clock),
    hub: instantHub((ms) => {
      clock.spentMs += ms;
    }),
    config: { agentName: APP_NAME, maxSteps: 12, toolResultMaxChars: 20_000, historyMaxChars: 800_000 },
    logger,
  });
  return createApp({
    store,
    runner,
    config: { apiToken: undefined, corsOrigins: [] },
    logger,
    version: 'bench',
  });
}

async function oneRun(app: ReturnType<typeof benchApp>, fake: GeminiFake, userId: string, sessionId: string) {
  fake.push(scriptStep, scriptStep);
  const response = await app.request('/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      app_name: APP_NAME,
      user_id: userId,
      session_id: sessionId,
      new_message: { role: 'user', parts: [{ text: 'What is wrong in payments?' }] },
    }),
  });
  const events = (await response.json()) as AdkEvent[];
  const ok = response.status === 200 && events.length === 3 && !events.some((event) => event.errorCode);
  return { ok, events };
}

async function measureOverhead(name: string, store: SessionStore, fake: GeminiFake, runs: number) {
  const clock: Clock = { spentMs: 0 };
  const storeClock: Clock = { spentMs: 0 };
  const app = benchApp(store, fake, clock, storeClock);
  let session = await store.createSession({ appName: APP_NAME, userId: 'bench' });
  const overhead: number[] = [];
  const totals: number[] = [];
  const outside: number[] = [];
  const inStore: number[] = [];
  // The first runs warm the JIT, the pools and the client; they are not counted.
  for (let i = 0; i < runs + 20; i++) {
    // A conversation of ten turns, then a new one: history (loaded and replayed every run) stays realistic.
    if (i % 10 === 0) session = await store.createSession({ appName: APP_NAME, userId: 'bench' });
    clock.spentMs = 0;
    storeClock.spentMs = 0;
    const started = performance.now();
    const { ok } = await oneRun(app, fake, 'bench', session.id);
    const total = performance.now() - started;
    if (!ok) throw new Error(`${name}: run ${i} failed`);
    if (i < 20) continue;
    totals.push(total);
    outside.push(clock.spentMs);
    inStore.push(storeClock.spentMs);
    overhead.push(total - clock.spentMs);
  }
  return {
    name: `orchestrator /run overhead, ${name}`,
    runs,
    overheadP50Ms: round(percentile(overhead, 0.5), 2),
    overheadP95Ms: round(percentile(overhead, 0.95), 2),
    totalP50Ms: round(percentile(totals, 0.5), 2),
    modelAndToolP50Ms: round(percentile(outside, 0.5), 2),
    storeP50Ms: round(percentile(inStore, 0.5), 2),
  } satisfies OverheadResult;
}

async function measureThroughput(store: SessionStore, fake: GeminiFake, sessions: number, turns: number) {
  const app = benchApp(store, fake, { spentMs: 0 });
  const keys = await Promise.all(
    Array.from({ length: sessions }, (_, i) =>
      store.createSession({ appName: APP_NAME, userId: `user-${i % 10}` }),
    ),
  );
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    keys.map(async (session) => {
      for (let turn = 0; turn < turns; turn++) {
        const begun = performance.now();
        const { ok } = await oneRun(app, fake, session.userId, session.id).catch(() => ({ ok: false }));
        latencies.push(performance.now() - begun);
        if (!ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const stored = await Promise.all(
    keys.map(async ({ userId, id }) => {
      const loaded = await store.getSession({ appName: APP_NAME, userId, sessionId: id });
      return loaded?.events.length ?? 0;
    }),
  );
  const expected = sessions * turns * 4;
  return {
    name: 'orchestrator /run throughput, PostgreSQL',
    sessions,
    runs: sessions * turns,
    errors,
    seconds: round(seconds, 2),
    runsPerSecond: round((sessions * turns) / seconds, 2),
    runP50Ms: round(percentile(latencies, 0.5), 2),
    runP95Ms: round(percentile(latencies, 0.95), 2),
    missingEvents: expected - stored.reduce((sum, count) => sum + count, 0),
  } satisfies ThroughputResult;
}

function print(result: OverheadResult | ThroughputResult): void {
  if ('overheadP50Ms' in result) {
    console.log(
      `${result.name}: ${result.runs} runs; overhead p50 ${result.overheadP50Ms} ms, p95 ${result.overheadP95Ms} ms ` +
        `(store reads and commits p50 ${result.storeP50Ms} ms of it; whole run p50 ${result.totalP50Ms} ms, ` +
        `of which model + tool ${result.modelAndToolP50Ms} ms)`,
    );
    return;
  }
  console.log(
    `${result.name}: ${result.sessions} concurrent sessions, ${result.runs} runs in ${result.seconds}s = ` +
      `${result.runsPerSecond} runs/s; run p50 ${result.runP50Ms} ms, p95 ${result.runP95Ms} ms; ` +
      `errors ${result.errors}; missing events ${result.missingEvents}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  if (results.some((result) => 'errors' in result && (result.errors > 0 || result.missingEvents !== 0))) {
    process.exitCode = 1;
  }
}

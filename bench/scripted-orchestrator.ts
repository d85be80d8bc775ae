// The orchestrator as the load and restart benchmarks drive it: the real HTTP app (in-process
// `app.request`), runner and PostgreSQL store, the real Gemini client against the scripted fake, and a
// hub whose one tool answers at once. Each run is one tool-using turn: model -> tool -> model -> answer,
// four events persisted. No `run()` export: run-all.ts skips it.
import {
  type AdkEvent,
  APP_NAME,
  createApp,
  createGeminiModel,
  createRunner,
  type McpHub,
  openSessionStore,
  type SessionStore,
} from '@sre-agent/orchestrator';
import { createLogger } from '@sre-agent/shared';
import {
  type GeminiFake,
  type GeminiTurn,
  type RecordedRequest,
  startGeminiFake,
} from '../test/fakes/gemini/gemini-fake.ts';
import { throwawayDatabase } from '../test/orchestrator-postgres.ts';

export interface ScriptedOrchestrator {
  store: SessionStore;
  fake: GeminiFake;
  /** One turn through POST /run; never throws (a failed fetch is status 0). */
  run(userId: string, sessionId: string): Promise<RunOutcome>;
  close(): Promise<void>;
}

export interface RunOutcome {
  status: number;
  ms: number;
  /** 200 with the three events of a tool-using turn and no error event. */
  ok: boolean;
  events: AdkEvent[];
  error?: string;
}

// Stateless, so concurrent sessions share one script: call a tool first, answer once it has run.
export function scriptStep(request: RecordedRequest): GeminiTurn {
  const last = request.contents.at(-1)?.parts[0];
  if (last?.functionResponse)
    return { text: 'The ledger pod is in CrashLoopBackOff: OOMKilled, 5 restarts.' };
  return { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] };
}

/**
 * A hub whose one tool answers at once with a realistic result; `onCall` is told how long each call
 * took, so a benchmark can count tool time apart from the orchestrator's own.
 */
export function instantHub(
  onCall: (ms: number) => void = () => {},
): Pick<McpHub, 'tools' | 'findTool' | 'callTool' | 'health' | 'unavailableServers'> {
  const tool = {
    name: 'k8s__list_pods_from_namespace',
    server: 'k8s',
    toolName: 'list_pods_from_namespace',
    description: 'List the pods of a namespace',
    inputSchema: { type: 'object', properties: { namespace: { type: 'string', description: 'Namespace' } } },
    mutating: false,
    destructive: false,
  };
  const text = Array.from({ length: 40 }, (_, i) => `ledger-${i}  1/1  Running  0  3d4h  node-${i % 3}`).join(
    '\n',
  );
  return {
    tools: () => [tool],
    findTool: (name) => (name === tool.name ? tool : undefined),
    unavailableServers: () => [],
    health: async () => ({ k8s: { ok: true, tools: 1 } }),
    callTool: async () => {
      const started = performance.now();
      const outcome = { isError: false, text };
      onCall(performance.now() - started);
      return outcome;
    },
  };
}

export async function startScriptedOrchestrator(options: {
  adminUrl: string;
  sessions: number;
  /** How long a request waits for a connection or a lock before its 503. */
  waitMs?: number;
  /** The pool sizes `serve` uses (10 query, 50 lock connections) instead of one lock connection a session. */
  productionPools?: boolean;
}): Promise<ScriptedOrchestrator> {
  const logger = createLogger({ name: 'bench', level: 'error' });
  const fake = await startGeminiFake();
  const database = await throwawayDatabase(options.adminUrl, 'sre_bench');
  const store = await openSessionStore(
    { kind: 'postgres', url: database.url },
    {
      ...(options.productionPools ? {} : { lockPoolSize: options.sessions }),
      ...(options.waitMs ? { waitMs: options.waitMs } : {}),
      logger,
    },
  );
  const gemini = createGeminiModel({ apiKey: 'bench', model: 'gemini-bench', baseUrl: fake.url });
  const runner = createRunner({
    store,
    model: gemini,
    hub: instantHub(),
    config: { agentName: APP_NAME, maxSteps: 12, toolResultMaxChars: 20_000, historyMaxChars: 800_000 },
    logger,
  });
  const app = createApp({
    store,
    runner,
    config: { apiToken: undefined, corsOrigins: [] },
    logger,
    version: 'bench',
  });
  return {
    store,
    fake,
    async run(userId, sessionId) {
      fake.push(scriptStep, scriptStep);
      // The fake records every request for tests to read; a load run would measure that record's growth.
      if (fake.requests.length > 1_000) fake.requests.splice(0);
      const started = performance.now();
      try {
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
        const body = (await response.json()) as AdkEvent[] | { error?: string };
        const ms = performance.now() - started;
        const events = Array.isArray(body) ? body : [];
        const ok = response.status === 200 && events.length === 3 && !events.some((event) => event.errorCode);
        const error = Array.isArray(body) ? events.find((e) => e.errorCode)?.errorMessage : body.error;
        return { status: response.status, ms, ok, events, ...(error ? { error } : {}) };
      } catch (error) {
        return { status: 0, ms: performance.now() - started, ok: false, events: [], error: String(error) };
      }
    },
    async close() {
      await store.close();
      await database.drop();
      await fake.close();
    },
  };
}

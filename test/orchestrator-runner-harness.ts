// The runner's test bench, shared by its test files: the real runner and PGlite store, the real Gemini
// client against the scripted fake, and an MCP hub over a table of answers that records every call.
import { createLogger } from '@sre-agent/shared';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type {
  AdkEvent,
  AuditEntry,
  Content,
  JsonObject,
  Runner,
  SessionKey,
  SessionStore,
} from '../orchestrator/src/adk/types.ts';
import type { HubTool } from '../orchestrator/src/mcp/mcp-connection.ts';
import type { McpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import type { ToolOutcome } from '../orchestrator/src/mcp/tool-outcome.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import { createTraceRecorder, type TraceRecorder } from '../orchestrator/src/runner/trace-recorder.ts';
import type { RunnerConfig } from '../orchestrator/src/runner/turn.ts';
import { type GeminiFake, type ScriptStep, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { openTestStore } from './test-database.ts';

export type Answers = Record<string, (args: JsonObject) => ToolOutcome | Promise<ToolOutcome>>;

export interface RecordedCall {
  name: string;
  args: JsonObject;
  confirmed: boolean;
  started: number;
  ended: number;
  /** The signal the call was given, to tell whether a client leaving could cut it off. */
  signal: AbortSignal | undefined;
}

export interface RunnerHarness {
  /** Set once the suite's hooks have run. */
  store: SessionStore;
  /** The fake of the current test, once `setup` made it. */
  fake: GeminiFake | undefined;
  /** Audit entries the runner recorded in the current test. */
  audits: AuditEntry[];
  setup(script: ScriptStep[], answers?: Answers, config?: Partial<RunnerConfig>): Promise<RunnerBench>;
}

export interface RunnerBench {
  run(newMessage: Content, streaming?: boolean): Promise<AdkEvent[]>;
  calls: RecordedCall[];
  key: SessionKey;
  runner: Runner;
  /** The spans the runner recorded (model and tool calls), as the dev UI's trace routes read them. */
  tracer: TraceRecorder;
}

const logger = createLogger({ name: 'test', level: 'error', write: () => undefined });

export const ask = (text: string): Content => ({ role: 'user', parts: [{ text }] });
export const answer = (id: string, confirmed: boolean): Content => ({
  role: 'user',
  parts: [{ functionResponse: { id, name: 'adk_request_confirmation', response: { confirmed } } }],
});
export const pods = (): ToolOutcome => ({
  isError: false,
  text: 'NAME  READY  STATUS\napi-1  0/1  CrashLoopBackOff',
});

/**
 * Registers the suite's hooks (one store for the file, a fresh fake per test) and returns the bench. The
 * store is an in-memory PGlite unless `openStore` gives another (its close() tears down what it made).
 */
export function useRunnerHarness(openStore: () => Promise<SessionStore> = openTestStore): RunnerHarness {
  const harness: RunnerHarness = {
    store: undefined as unknown as SessionStore,
    fake: undefined,
    audits: [],
    setup: (script, answers = {}, config = {}) => setup(harness, script, answers, config),
  };
  beforeAll(async () => {
    harness.store = await openStore();
  });
  afterAll(() => harness.store.close());
  afterEach(async () => {
    expect(harness.fake?.failures ?? []).toEqual([]);
    await harness.fake?.close();
    harness.fake = undefined;
    harness.audits.length = 0;
  });
  return harness;
}

async function setup(
  harness: RunnerHarness,
  script: ScriptStep[],
  answers: Answers,
  config: Partial<RunnerConfig>,
): Promise<RunnerBench> {
  const { store, audits } = harness;
  const fake = await startGeminiFake({ script });
  harness.fake = fake;
  const { hub, calls } = tableHub(answers, 20);
  const model = createGeminiModel({ apiKey: 'k', model: 'gemini-test', baseUrl: fake.url, timeoutMs: 500 });
  // Audits still reach the real store; the list is a window on them for the assertions.
  const auditing = {
    ...store,
    recordAudit: async (entry: AuditEntry) => {
      audits.push(entry);
      await store.recordAudit(entry);
    },
  };
  const runnerConfig: RunnerConfig = {
    agentName: 'sre_agent',
    maxSteps: 12,
    toolResultMaxChars: 1_000,
    historyMaxChars: 800_000,
    ...config,
  };
  const tracer = createTraceRecorder();
  const runner = createRunner({ store: auditing, model, hub, config: runnerConfig, logger, tracer });
  const session = await store.createSession({ appName: 'sre_agent', userId: 'u1' });
  const key: SessionKey = { appName: 'sre_agent', userId: 'u1', sessionId: session.id };
  const run = async (newMessage: Content, streaming = false) => {
    const events: AdkEvent[] = [];
    for await (const event of runner.run({ session: key, newMessage, streaming })) events.push(event);
    return events;
  };
  return { run, calls, key, runner, tracer };
}

function tool(name: string, mutating = false, inputSchema?: Record<string, unknown>): HubTool {
  const [server, toolName] = name.split('__') as [string, string];
  return {
    name,
    server,
    toolName,
    description: `${toolName} tool`,
    inputSchema: inputSchema ?? { type: 'object', properties: { namespace: { type: 'string' } } },
    mutating,
    destructive: mutating,
  };
}

/** An McpHub over a table of answers; it records every call, with timing to prove parallelism. */
function tableHub(answers: Answers, delayMs: number) {
  // The scale tool publishes its bounds as the real server does (SRE_MAX_REPLICAS=10 here).
  const scaleSchema = {
    type: 'object',
    properties: {
      deployment_name: { type: 'string' },
      replicas: { type: 'integer', minimum: 0, maximum: 10 },
    },
    required: ['replicas'],
  };
  // Tools of three servers, so delegate mode has a specialist for each (single mode sees them all).
  const tools = [
    tool('k8s__list_pods'),
    tool('k8s__get_events'),
    tool('k8s__scale_deployment', true, scaleSchema),
    tool('aws_cost__get_cost_by_service'),
    tool('aws_core__list_rds_instances'),
  ];
  const calls: RecordedCall[] = [];
  const hub: Pick<McpHub, 'tools' | 'findTool' | 'callTool' | 'health' | 'unavailableServers'> = {
    tools: () => tools,
    findTool: (name) => tools.find((candidate) => candidate.name === name),
    unavailableServers: () => [],
    health: async () => ({ k8s: { ok: true, tools: tools.length } }),
    async callTool(name, args, options) {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      calls.push({
        name,
        args,
        confirmed: options.voucher !== undefined,
        started,
        ended: performance.now(),
        signal: options.signal,
      });
      return (await answers[name]?.(args)) ?? { isError: true, text: `no tool ${name}` };
    },
  };
  return { hub, calls };
}

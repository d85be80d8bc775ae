// The same end-to-end turns for every model vendor: the real runner and PGlite store, the REAL k8s MCP
// server (spawned from its build) against the kube-apiserver fake, and each vendor's official client
// against a fake speaking that vendor's wire protocol. A question answered through a real tool call,
// streamed and not, a write confirmed by a human, each failure mapped to Gemini's error codes, and
// token usage on the model's events. Needs `npm run build` first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@sre-agent/shared';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, AuditEntry, Content, Runner, SessionStore } from '../orchestrator/src/adk/types.ts';
import { parseConfig } from '../orchestrator/src/config.ts';
import { createMcpHub, type McpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import { createAnthropicModel } from '../orchestrator/src/model/anthropic-model.ts';
import { createBedrockModel } from '../orchestrator/src/model/bedrock-model.ts';
import { createConfiguredModel } from '../orchestrator/src/model/create-model.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import type { Model } from '../orchestrator/src/model/model.ts';
import { createOpenAiModel, openAiCompatibleProvider } from '../orchestrator/src/model/openai-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import {
  anthropicInputTokens,
  anthropicToolNames,
  anthropicToolResults,
  anthropicToolUseIds,
  startAnthropicFake,
} from './fakes/anthropic/anthropic-fake.ts';
import {
  bedrockInputTokens,
  bedrockToolNames,
  bedrockToolResults,
  bedrockToolUseIds,
  startBedrockFake,
} from './fakes/bedrock/bedrock-fake.ts';
import { type GeminiFake, type RecordedRequest, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import type { FakeError, FakeRequest, ModelFake } from './fakes/model-fake.ts';
import {
  openAiPromptTokens,
  openAiToolCallIds,
  openAiToolNames,
  openAiToolResults,
  startOpenAiFake,
} from './fakes/openai/openai-fake.ts';
import { k8sServer } from './orchestrator-stack.ts';
import { openTestStore } from './test-database.ts';

/** One vendor: its fake, its model over the fake, and how to read what the model sent it. */
interface ProviderCase {
  name: string;
  start(): Promise<ModelFake>;
  model(fake: ModelFake, timeoutMs: number): Model;
  /** Tool results in the request's last message, with the call id each answers. */
  toolResults(request: FakeRequest): Array<{ id: string; text: string }>;
  /** Every tool call id in the request's history (ids the fake issued, echoed back). */
  toolCallIds(request: FakeRequest): string[];
  toolNames(request: FakeRequest): string[];
  /** What the fake reports as prompt tokens for every call. */
  promptTokens: number;
  /** Whether the vendor's 429 carries Retry-After (Bedrock's ThrottlingException does not). */
  retryAfter: boolean;
  /** Whether the fake takes wire faults (the HTTP/2 one for Bedrock does not). */
  wireFaults: boolean;
}

const providers: ProviderCase[] = [
  {
    name: 'anthropic',
    start: () => startAnthropicFake(),
    model: (fake, timeoutMs) =>
      createAnthropicModel({
        apiKey: 'sk-ant-test',
        model: 'claude-sonnet-4-5',
        baseUrl: fake.url,
        timeoutMs,
      }),
    toolResults: anthropicToolResults,
    toolCallIds: anthropicToolUseIds,
    toolNames: anthropicToolNames,
    promptTokens: anthropicInputTokens,
    retryAfter: true,
    wireFaults: true,
  },
  {
    name: 'openai',
    start: () => startOpenAiFake(),
    model: (fake, timeoutMs) =>
      createOpenAiModel({ apiKey: 'sk-test', model: 'gpt-4.1', baseUrl: `${fake.url}/v1`, timeoutMs }),
    toolResults: openAiToolResults,
    toolCallIds: openAiToolCallIds,
    toolNames: openAiToolNames,
    promptTokens: openAiPromptTokens,
    retryAfter: true,
    wireFaults: true,
  },
  {
    // A local server under its own path (as vLLM, Ollama or a LiteLLM proxy serve it), with its own key.
    name: 'openai-compatible',
    start: () => startOpenAiFake(),
    model: (fake, timeoutMs) =>
      createOpenAiModel({
        apiKey: 'local-key',
        model: 'llama3.1:8b',
        baseUrl: `${fake.url}/ollama/v1`,
        timeoutMs,
        provider: openAiCompatibleProvider,
      }),
    toolResults: openAiToolResults,
    toolCallIds: openAiToolCallIds,
    toolNames: openAiToolNames,
    promptTokens: openAiPromptTokens,
    retryAfter: true,
    wireFaults: true,
  },
  {
    name: 'bedrock',
    start: () => startBedrockFake(),
    model: (fake, timeoutMs) =>
      createBedrockModel({
        model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
        region: 'us-east-1',
        endpoint: fake.url,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        timeoutMs,
      }),
    toolResults: bedrockToolResults,
    toolCallIds: bedrockToolUseIds,
    toolNames: bedrockToolNames,
    promptTokens: bedrockInputTokens,
    retryAfter: false,
    wireFaults: false,
  },
];

const expectedErrors: Array<{ error: FakeError; code: string; says: RegExp }> = [
  { error: 'rate_limit', code: 'RESOURCE_EXHAUSTED', says: /rate limit/i },
  { error: 'overloaded', code: 'UNAVAILABLE', says: /overloaded/i },
  { error: 'auth', code: 'UNAUTHENTICATED', says: /refused the credentials/ },
  { error: 'context_too_long', code: 'INVALID_ARGUMENT', says: /context window.*SRE_HISTORY_MAX_CHARS/ },
  { error: 'server', code: 'INTERNAL', says: /internal error/ },
];

const logger = createLogger({ name: 'test', level: 'error', write: () => undefined });
const ask = (text: string): Content => ({ role: 'user', parts: [{ text }] });
const confirm = (id: string | undefined, confirmed: boolean): Content => ({
  role: 'user',
  parts: [{ functionResponse: { id, name: 'adk_request_confirmation', response: { confirmed } } }],
});

let kube: FakeKubeApiServer;
let dir: string;
let hub: McpHub;
let store: SessionStore;
const audits: AuditEntry[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sre-providers-'));
  kube = await startKubeApiServer();
  hub = await createMcpHub({ servers: [k8sServer({ kube, cost: undefined, dir })], logger, env: {} });
  store = await openTestStore();
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await store?.close();
  await kube?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(providers)('$name through the runner', (provider) => {
  let fake: ModelFake;
  let runner: Runner;
  let timeoutRunner: Runner;
  let delegating: Runner;

  beforeAll(async () => {
    fake = await provider.start();
    // Audits still reach the real store; the list is a window on them for the assertions.
    const auditing = {
      ...store,
      recordAudit: async (entry: AuditEntry) => {
        audits.push(entry);
        await store.recordAudit(entry);
      },
    };
    const config = {
      agentName: 'sre_agent',
      maxSteps: 6,
      toolResultMaxChars: 20_000,
      historyMaxChars: 800_000,
    };
    runner = createRunner({ store: auditing, model: provider.model(fake, 10_000), hub, config, logger });
    timeoutRunner = createRunner({ store: auditing, model: provider.model(fake, 300), hub, config, logger });
    delegating = createRunner({
      store: auditing,
      model: provider.model(fake, 10_000),
      hub,
      config: { ...config, agentMode: 'delegate' },
      logger,
    });
  });

  afterEach(() => {
    const failures = [...fake.failures];
    const leftOver = fake.remaining();
    fake.reset();
    audits.length = 0;
    expect(failures).toEqual([]);
    expect(leftOver).toBe(0);
  });

  afterAll(() => fake?.close());

  async function session() {
    const created = await store.createSession({ appName: 'sre_agent', userId: 'oncall' });
    return { appName: 'sre_agent', userId: 'oncall', sessionId: created.id };
  }

  async function run(
    on: Runner,
    key: Awaited<ReturnType<typeof session>>,
    message: Content,
    streaming = false,
  ) {
    const events: AdkEvent[] = [];
    for await (const event of on.run({ session: key, newMessage: message, streaming })) events.push(event);
    return events;
  }

  it.each([false, true])(
    'answers a question with a real k8s tool call (streaming: %s)',
    async (streaming) => {
      fake.push(
        { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
        (request) => ({
          text: `Crash looping: ${provider.toolResults(request)[0]?.text.includes('CrashLoopBackOff')}`,
          chunks: 3,
        }),
      );
      const events = await run(runner, await session(), ask('What is broken in payments?'), streaming);
      const final = events.filter((event) => !event.partial);
      const call = final[0]?.content?.parts[0]?.functionCall;
      expect(call).toMatchObject({ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } });
      expect(final[1]?.content?.parts[0]?.functionResponse?.response.result).toContain('CrashLoopBackOff');
      expect(final.at(-1)?.content?.parts[0]?.text).toBe('Crash looping: true');
      // The vendor's own call id went out on the call and came back on its result.
      const second = fake.requests[1]!;
      expect(provider.toolCallIds(second)).toEqual([call?.id]);
      expect(provider.toolResults(second).map((result) => result.id)).toEqual([call?.id]);
      expect(provider.toolNames(fake.requests[0]!)).toContain('k8s__scale_deployment');
      expect(kube.requests.some((request) => request.path.includes('/namespaces/payments/pods'))).toBe(true);
      // Usage per model call, in Gemini's field names, on both model events.
      for (const event of [final[0], final.at(-1)]) {
        expect(event?.usageMetadata).toMatchObject({
          promptTokenCount: provider.promptTokens,
          candidatesTokenCount: expect.any(Number),
          totalTokenCount: provider.promptTokens + (event?.usageMetadata?.candidatesTokenCount ?? 0),
        });
      }
      const partials = events.filter((event) => event.partial).map((event) => event.content?.parts[0]?.text);
      if (streaming) expect(partials.join('')).toBe('Crash looping: true');
      if (streaming) expect(partials.length).toBeGreaterThan(1);
      else expect(partials).toEqual([]);
    },
  );

  it('sends the root only transfer_to_agent and kubernetes_agent only the k8s tools (delegate mode)', async () => {
    fake.push(
      { functionCalls: [{ name: 'transfer_to_agent', args: { agent_name: 'kubernetes_agent' } }] },
      { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
      { text: 'ledger is crash looping.' },
    );
    const events = await run(delegating, await session(), ask('What is broken in payments?'));
    expect(events.map((event) => event.author)).toEqual([
      'sre_agent',
      'sre_agent',
      'kubernetes_agent',
      'kubernetes_agent',
      'kubernetes_agent',
    ]);
    expect(events[1]?.actions.transferToAgent).toBe('kubernetes_agent');
    const [root, specialist] = fake.requests;
    expect(provider.toolNames(root!)).toEqual(['transfer_to_agent']);
    expect(provider.toolNames(specialist!)).toContain('k8s__list_pods_from_namespace');
    expect(provider.toolNames(specialist!)).toContain('transfer_to_agent');
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('ledger is crash looping.');
  });

  it('scales for real once the human confirms, and audits it', async () => {
    const key = await session();
    // Each provider asks for its own count, so each one's change is a real write.
    const replicas = 6 + providers.indexOf(provider);
    fake.push({
      functionCalls: [
        {
          name: 'k8s__scale_deployment',
          args: { namespace: 'payments', deployment_name: 'checkout', replicas },
        },
      ],
    });
    const paused = await run(runner, key, ask(`Scale checkout to ${replicas}`));
    const request = paused.at(-1)?.content?.parts[0]?.functionCall;
    expect(request?.name).toBe('adk_request_confirmation');
    fake.push((req) => ({ text: `Done: ${provider.toolResults(req)[0]?.text.slice(0, 120)}` }));
    const resumed = await run(runner, key, confirm(request?.id, true));
    expect(resumed[0]?.content?.parts[0]?.functionResponse).toMatchObject({ name: 'k8s__scale_deployment' });
    expect(resumed.at(-1)?.content?.parts[0]?.text).toMatch(/^Done: .*checkout/);
    expect(
      kube.store.get<{ spec: { replicas: number } }>('deployments', 'payments', 'checkout')?.spec.replicas,
    ).toBe(replicas);
    expect(audits).toMatchObject([
      { tool: 'k8s__scale_deployment', outcome: 'confirmed', args: { replicas } },
    ]);
    // The confirmation round trip stays between runner and human: the model saw one call and one result.
    expect(provider.toolCallIds(fake.requests[1]!)).toHaveLength(1);
  });

  it.each(expectedErrors)('ends the turn with $code on $error', async ({ error, code, says }) => {
    fake.push({ error });
    const events = await run(runner, await session(), ask('hi'), error === 'overloaded');
    expect(events).toMatchObject([{ errorCode: code }]);
    expect(events[0]?.errorMessage).toMatch(says);
    if (error === 'rate_limit' && provider.retryAfter)
      expect(events[0]?.errorMessage).toContain('Suggested retry delay: 17s.');
  });

  it('ends a stream the vendor breaks off (overloaded) with UNAVAILABLE, after the text it sent', async () => {
    fake.push({ text: 'Looking at the pods now', chunks: 3, streamError: 'overloaded' });
    const events = await run(runner, await session(), ask('hi'), true);
    const partials = events.filter((event) => event.partial).map((event) => event.content?.parts[0]?.text);
    expect(partials.join('')).toBe('Looking at the pods now');
    expect(events.at(-1)).toMatchObject({
      errorCode: 'UNAVAILABLE',
      errorMessage: expect.stringMatching(/overloaded/i),
    });
  });

  it.skipIf(!provider.wireFaults)(
    'ends the turn with MODEL_UNREACHABLE when the connection resets',
    async () => {
      // The answer is cut half way through its body, then the connection dies.
      fake.push({ text: 'an answer the client never gets whole' });
      fake.wire.inject({ kind: 'reset' });
      const events = await run(runner, await session(), ask('hi'));
      expect(events).toMatchObject([{ errorCode: 'MODEL_UNREACHABLE' }]);
      expect(events[0]?.errorMessage).toMatch(/^Could not reach .*; check the network or /);
      expect(fake.wire.hits()).toBe(1);
    },
  );

  it('ends the turn with TIMEOUT when the model does not answer', async () => {
    fake.push({ hang: true });
    const events = await run(timeoutRunner, await session(), ask('hi'));
    expect(events).toMatchObject([{ errorCode: 'TIMEOUT' }]);
  });
});

describe('SRE_MODEL end to end', () => {
  it('finds Bedrock through the AWS environment alone (region, endpoint, credentials)', async () => {
    const fake = await startBedrockFake([{ text: 'hello from bedrock' }]);
    const aws = {
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIDENVIRONMENT',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const saved = Object.fromEntries(Object.keys(aws).map((name) => [name, process.env[name]]));
    Object.assign(process.env, aws);
    try {
      const config = parseConfig({ SRE_MODEL: 'bedrock:us.amazon.nova-pro-v1:0' });
      const { model } = createConfiguredModel(config.model);
      const turn = await model.generate({ systemInstruction: 'be brief', contents: [ask('hi')], tools: [] });
      expect(turn).toMatchObject({ ok: true, content: { parts: [{ text: 'hello from bedrock' }] } });
      expect(fake.requests[0]?.path).toBe('/model/us.amazon.nova-pro-v1%3A0/converse');
      expect(fake.requests[0]?.headers.authorization).toMatch(
        /Credential=AKIDENVIRONMENT\/\d{8}\/eu-west-1\/bedrock\//,
      );
      expect(fake.failures).toEqual([]);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await fake.close();
    }
  });

  it('sends an openai-compatible server its own key, never OPENAI_API_KEY', async () => {
    const fake = await startOpenAiFake([{ text: 'hello from llama' }]);
    try {
      const config = parseConfig({
        SRE_MODEL: `openai-compatible:llama3.1@${fake.url}/v1`,
        OPENAI_API_KEY: 'sk-real-openai-key',
        OPENAI_COMPATIBLE_API_KEY: 'vllm-key',
      });
      const { model, warning } = createConfiguredModel(config.model);
      expect(warning).toBeUndefined();
      const turn = await model.generate({ systemInstruction: 'be brief', contents: [ask('hi')], tools: [] });
      expect(turn).toMatchObject({ ok: true, content: { parts: [{ text: 'hello from llama' }] } });
      expect(fake.requests[0]?.headers.authorization).toBe('Bearer vllm-key');
      expect(fake.requests[0]?.body.model).toBe('llama3.1');
      expect(fake.failures).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

// Gemini on Vertex AI is the same client and model code as the Gemini API (whose e2e tests cover the
// error and confirmation paths); what differs is the endpoint, the project/location path and OAuth.
describe('gemini on Vertex AI through the runner', () => {
  let fake: GeminiFake;
  let runner: Runner;
  const auditing = () => ({
    ...store,
    recordAudit: async (entry: AuditEntry) => {
      audits.push(entry);
      await store.recordAudit(entry);
    },
  });

  beforeAll(async () => {
    fake = await startGeminiFake();
    // A ready OAuth client stands in for Application Default Credentials (no token endpoint to fake).
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: 'ya29.vertex-test', expiry_date: Date.now() + 3_600_000 });
    const model = createGeminiModel({
      apiKey: undefined,
      model: 'gemini-2.5-pro',
      baseUrl: fake.url,
      timeoutMs: 10_000,
      vertex: { project: 'sre-prod', location: 'europe-west4', googleAuthOptions: { authClient } },
    });
    const config = {
      agentName: 'sre_agent',
      maxSteps: 6,
      toolResultMaxChars: 20_000,
      historyMaxChars: 800_000,
    };
    runner = createRunner({ store: auditing(), model, hub, config, logger });
  });

  afterEach(() => {
    const failures = [...fake.failures];
    const leftOver = fake.remaining();
    fake.reset();
    audits.length = 0;
    expect(failures).toEqual([]);
    expect(leftOver).toBe(0);
  });

  afterAll(() => fake?.close());

  const resultOf = (request: RecordedRequest) =>
    JSON.stringify(request.contents.at(-1)?.parts.find((part) => part.functionResponse)?.functionResponse);

  async function run(
    message: Content,
    key?: { appName: string; userId: string; sessionId: string },
    streaming = false,
  ) {
    const session = key ?? {
      appName: 'sre_agent',
      userId: 'oncall',
      sessionId: (await store.createSession({ appName: 'sre_agent', userId: 'oncall' })).id,
    };
    const events: AdkEvent[] = [];
    for await (const event of runner.run({ session, newMessage: message, streaming })) events.push(event);
    return { events, session };
  }

  it.each([false, true])(
    'answers through a real k8s tool call on the project and location (streaming: %s)',
    async (streaming) => {
      fake.push(
        { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
        (request) => ({
          text: `Crash looping: ${resultOf(request).includes('CrashLoopBackOff')}`,
          chunks: 2,
        }),
      );
      const { events } = await run(ask('What is broken in payments?'), undefined, streaming);
      const final = events.filter((event) => !event.partial);
      expect(final.at(-1)?.content?.parts[0]?.text).toBe('Crash looping: true');
      const method = streaming ? 'streamGenerateContent' : 'generateContent';
      expect(fake.requests.map((request) => request.path)).toEqual([
        `/v1beta1/projects/sre-prod/locations/europe-west4/publishers/google/models/gemini-2.5-pro:${method}`,
        `/v1beta1/projects/sre-prod/locations/europe-west4/publishers/google/models/gemini-2.5-pro:${method}`,
      ]);
      expect(fake.requests.map((request) => [request.authorization, request.apiKey])).toEqual([
        ['Bearer ya29.vertex-test', undefined],
        ['Bearer ya29.vertex-test', undefined],
      ]);
      expect(final.at(-1)?.usageMetadata).toMatchObject({
        promptTokenCount: 120,
        totalTokenCount: expect.any(Number),
      });
      expect(events.some((event) => event.partial)).toBe(streaming);
    },
  );

  it('scales once the human confirms', async () => {
    fake.push({
      functionCalls: [
        {
          name: 'k8s__scale_deployment',
          args: { namespace: 'payments', deployment_name: 'checkout', replicas: 9 },
        },
      ],
    });
    const paused = await run(ask('Scale checkout to 9'));
    const request = paused.events.at(-1)?.content?.parts[0]?.functionCall;
    expect(request?.name).toBe('adk_request_confirmation');
    fake.push((req) => ({ text: `Done: ${resultOf(req).includes('checkout')}` }));
    const resumed = await run(confirm(request?.id, true), paused.session);
    expect(resumed.events.at(-1)?.content?.parts[0]?.text).toBe('Done: true');
    expect(
      kube.store.get<{ spec: { replicas: number } }>('deployments', 'payments', 'checkout')?.spec.replicas,
    ).toBe(9);
    expect(audits).toMatchObject([
      { tool: 'k8s__scale_deployment', outcome: 'confirmed', args: { replicas: 9 } },
    ]);
  });

  it('ends the turn with RESOURCE_EXHAUSTED when Vertex AI is out of quota', async () => {
    fake.push({ error: 429 });
    const { events } = await run(ask('hi'));
    expect(events).toMatchObject([{ errorCode: 'RESOURCE_EXHAUSTED' }]);
  });
});

// End to end: the orchestrator's HTTP app (in-process), its runner and PGlite store, the real Gemini client
// against the scripted Gemini fake, and the REAL k8s and cost MCP servers spawned over stdio from their
// builds, talking to the kube-apiserver and Cost Explorer fakes. Needs `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@sre-agent/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, FunctionResponse } from '../orchestrator/src/adk/types.ts';
import { APP_NAME, createApp } from '../orchestrator/src/http/index.ts';
import { createMcpHub, type McpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import type { McpServerSpec } from '../orchestrator/src/mcp/mcp-server-spec.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import { migrateToLatest, openDatabase } from '../orchestrator/src/store/index.ts';
import type { DatabaseHandle } from '../orchestrator/src/store/open-database.ts';
import { createSessionStore } from '../orchestrator/src/store/session-store.ts';
import { type CostExplorerFake, startCostExplorerFake } from './fakes/cost-explorer/index.ts';
import { type GeminiFake, type RecordedRequest, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';

const bin = (server: string) => fileURLToPath(new URL(`../servers/${server}/dist/main.js`, import.meta.url));
const logger = createLogger({ name: 'e2e', level: 'error', write: () => undefined });

let kube: FakeKubeApiServer;
let cost: CostExplorerFake;
let gemini: GeminiFake;
let database: DatabaseHandle;
let hub: McpHub;
let app: ReturnType<typeof createApp>;
let dir: string;

beforeAll(async () => {
  for (const server of ['k8s', 'aws-cost']) {
    if (!existsSync(bin(server))) throw new Error(`${bin(server)} is missing: run npm run build first`);
  }
  dir = mkdtempSync(join(tmpdir(), 'sre-e2e-'));
  [kube, cost, gemini] = await Promise.all([
    startKubeApiServer(),
    startCostExplorerFake(),
    startGeminiFake(),
  ]);
  database = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(database.db);
  const store = createSessionStore(database);
  hub = await createMcpHub({ servers: servers(kube.writeKubeconfig(dir), cost.url), logger, env: {} });
  const model = createGeminiModel({
    apiKey: 'e2e-key',
    model: 'gemini-e2e',
    baseUrl: gemini.url,
    timeoutMs: 5_000,
  });
  const config = { agentName: APP_NAME, maxSteps: 6, toolResultMaxChars: 20_000 };
  const runner = createRunner({ store, model, hub, config, logger });
  app = createApp({
    store,
    runner,
    config: { apiToken: undefined, corsOrigins: [] },
    logger,
    version: 'e2e',
  });
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await database?.close();
  await Promise.all([kube?.close(), cost?.close(), gemini?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  const failures = [...gemini.failures];
  const leftOver = gemini.remaining();
  // One fake serves every test: a failed test must not leave turns behind for the next one.
  gemini.reset();
  expect(failures).toEqual([]);
  expect(leftOver).toBe(0);
});

function servers(kubeconfig: string, costUrl: string): McpServerSpec[] {
  const path = process.env.PATH ?? '';
  return [
    {
      name: 'k8s',
      command: process.execPath,
      args: [bin('k8s')],
      env: { PATH: path, KUBECONFIG: kubeconfig, SRE_ALLOW_WRITES: 'true' },
    },
    {
      name: 'aws_cost',
      command: process.execPath,
      args: [bin('aws-cost')],
      env: {
        PATH: path,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_COST_EXPLORER: costUrl,
      },
    },
    // The k8s server refuses to start on a bad setting: the one server that fails.
    {
      name: 'broken',
      command: process.execPath,
      args: [bin('k8s')],
      env: { PATH: path, SRE_MAX_REPLICAS: 'lots' },
    },
  ];
}

async function post(path: string, body: unknown): Promise<Response> {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function newSession(): Promise<string> {
  const response = await post(`/apps/${APP_NAME}/users/oncall/sessions`, {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

async function run(sessionId: string, parts: unknown[]): Promise<AdkEvent[]> {
  const response = await post('/run', {
    app_name: APP_NAME,
    user_id: 'oncall',
    session_id: sessionId,
    new_message: { role: 'user', parts },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AdkEvent[];
}

const lastResponses = (request: RecordedRequest): FunctionResponse[] =>
  (request.contents.at(-1)?.parts ?? []).flatMap((part) =>
    part.functionResponse ? [part.functionResponse as FunctionResponse] : [],
  );
const responseText = (response: FunctionResponse | undefined) => JSON.stringify(response?.response ?? {});
const replicas = (name: string) =>
  kube.store.get<{ spec: { replicas: number } }>('deployments', 'payments', name)?.spec.replicas;

describe('orchestrator end to end', () => {
  it('answers a question with a real k8s tool call', async () => {
    gemini.push(
      { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
      { text: 'ledger-5c8d7f9b4d-q7k2m is crash looping.' },
    );
    const events = await run(await newSession(), [{ text: 'What is broken in payments?' }]);
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('ledger-5c8d7f9b4d-q7k2m is crash looping.');
    const [result] = lastResponses(gemini.requests.at(-1)!);
    expect(result?.name).toBe('k8s__list_pods_from_namespace');
    expect(responseText(result)).toContain('CrashLoopBackOff');
    expect(kube.requests.some((request) => request.path.includes('/namespaces/payments/pods'))).toBe(true);
  });

  it('runs a k8s and a cost call of one turn in parallel', async () => {
    gemini.push(
      {
        functionCalls: [
          { name: 'k8s__list_deployments_from_namespace', args: { namespace: 'payments' } },
          { name: 'aws_cost__get_cost_by_service', args: { period: 'last_month' } },
        ],
      },
      { text: 'Checked both.' },
    );
    const events = await run(await newSession(), [{ text: 'Deployments and last month cost?' }]);
    const responses = events[1]?.content?.parts.map((part) => part.functionResponse) ?? [];
    expect(responses.map((response) => response?.name)).toEqual([
      'k8s__list_deployments_from_namespace',
      'aws_cost__get_cost_by_service',
    ]);
    expect(responses.every((response) => 'result' in (response?.response ?? {}))).toBe(true);
    expect(responseText(responses[0])).toContain('checkout');
    expect(cost.requestCount('GetCostAndUsage')).toBeGreaterThan(0);
  });

  it('changes nothing when the human declines k8s__scale_deployment', async () => {
    const before = replicas('checkout');
    const sessionId = await newSession();
    gemini.push({
      functionCalls: [
        {
          name: 'k8s__scale_deployment',
          args: { namespace: 'payments', deployment_name: 'checkout', replicas: 5 },
        },
      ],
    });
    const paused = await run(sessionId, [{ text: 'Scale checkout to 5' }]);
    const request = paused.at(-1)?.content?.parts[0]?.functionCall;
    expect(request?.name).toBe('adk_request_confirmation');
    gemini.push({ text: 'Left checkout as it was.' });
    const answer = { id: request?.id, name: 'adk_request_confirmation', response: { confirmed: false } };
    const resumed = await run(sessionId, [{ function_response: answer }]);
    expect(resumed.at(-1)?.content?.parts[0]?.text).toBe('Left checkout as it was.');
    expect(replicas('checkout')).toBe(before);
    expect(kube.requests.some((req) => req.method === 'PATCH' || req.method === 'PUT')).toBe(false);
    expect(await auditRows(sessionId)).toMatchObject([
      { tool: 'k8s__scale_deployment', outcome: 'declined' },
    ]);
  });

  it('scales for real once the human confirms, and writes the audit row', async () => {
    const sessionId = await newSession();
    gemini.push({
      functionCalls: [
        {
          name: 'k8s__scale_deployment',
          args: { namespace: 'payments', deployment_name: 'checkout', replicas: 5 },
        },
      ],
    });
    const paused = await run(sessionId, [{ text: 'Scale checkout to 5' }]);
    const requestId = paused.at(-1)?.content?.parts[0]?.functionCall?.id;
    gemini.push((req) => ({ text: `Done: ${responseText(lastResponses(req)[0]).slice(0, 200)}` }));
    const answer = { id: requestId, name: 'adk_request_confirmation', response: { confirmed: true } };
    const resumed = await run(sessionId, [{ functionResponse: answer }]);
    expect(resumed[0]?.content?.parts[0]?.functionResponse).toMatchObject({ name: 'k8s__scale_deployment' });
    expect(replicas('checkout')).toBe(5);
    expect(await auditRows(sessionId)).toMatchObject([
      {
        tool: 'k8s__scale_deployment',
        outcome: 'confirmed',
        args: { replicas: 5, deployment_name: 'checkout' },
      },
    ]);
  });

  it('ends the turn with an error event when Gemini is out of quota', async () => {
    gemini.push({ error: 429 });
    const events = await run(await newSession(), [{ text: 'hi' }]);
    expect(events).toMatchObject([
      { errorCode: 'RESOURCE_EXHAUSTED', errorMessage: expect.stringContaining('quota') },
    ]);
  });

  it('reports the server that failed to start, and leaves its tools out', async () => {
    const health = (await (await app.request('/health')).json()) as {
      status: string;
      mcpServers: Record<string, { ok: boolean; tools: number }>;
    };
    expect(health.status).toBe('degraded');
    expect(health.mcpServers.broken).toMatchObject({ ok: false, tools: 0 });
    expect(health.mcpServers.k8s?.ok).toBe(true);
    expect(health.mcpServers.aws_cost?.ok).toBe(true);
    expect((await hub.health()).broken?.error).toContain('SRE_MAX_REPLICAS');
    gemini.push({ text: 'ok' });
    await run(await newSession(), [{ text: 'which tools?' }]);
    const declared = gemini.requests.at(-1)?.tools?.[0]?.functionDeclarations?.map((tool) => tool.name) ?? [];
    expect(declared).toContain('k8s__scale_deployment');
    expect(declared).toContain('aws_cost__get_cost_by_service');
    expect(declared.some((name) => name.startsWith('broken__'))).toBe(false);
  });

  it('streams partial text over /run_sse', async () => {
    gemini.push({ text: 'All deployments in payments are accounted for.', chunks: 3 });
    const response = await post('/run_sse', {
      app_name: APP_NAME,
      user_id: 'oncall',
      session_id: await newSession(),
      new_message: { role: 'user', parts: [{ text: 'Summary?' }] },
      streaming: true,
    });
    const frames = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => JSON.parse(line.slice(5)) as AdkEvent);
    expect(frames.map((frame) => frame.partial === true)).toEqual([true, true, true, false]);
    expect(frames.at(-1)?.content?.parts[0]?.text).toBe('All deployments in payments are accounted for.');
  });
});

async function auditRows(sessionId: string) {
  return database.db.selectFrom('audit_log').selectAll().where('session_id', '=', sessionId).execute();
}

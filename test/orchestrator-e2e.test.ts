// End to end: the orchestrator's HTTP app (in-process), its runner and PGlite store, the real Gemini client
// against the scripted Gemini fake, and the REAL k8s and cost MCP servers spawned over stdio from their
// builds, talking to the kube-apiserver and Cost Explorer fakes. Needs `npm run build` first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, FunctionResponse } from '../orchestrator/src/adk/types.ts';
import { APP_NAME, createApp } from '../orchestrator/src/http/index.ts';
import type { McpServerSpec } from '../orchestrator/src/mcp/mcp-server-spec.ts';
import type { RecordedRequest } from './fakes/gemini/gemini-fake.ts';
import {
  builtServer,
  costServer,
  expectGeminiDone,
  k8sServer,
  replicasOf,
  type Stack,
  type StackFakes,
  scaleCheckoutTurn,
  startStack,
} from './orchestrator-stack.ts';

let stack: Stack;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  stack = await startStack({ servers, withCost: true });
  app = createApp({
    store: stack.store,
    runner: stack.runner,
    config: { apiToken: undefined, corsOrigins: [] },
    logger: stack.logger,
    version: 'e2e',
  });
}, 60_000);

afterAll(() => stack?.close());
afterEach(() => expectGeminiDone(stack.gemini));

function servers(fakes: StackFakes): McpServerSpec[] {
  return [
    k8sServer(fakes),
    costServer(fakes),
    // The k8s server refuses to start on a bad setting: the one server that fails.
    {
      name: 'broken',
      command: process.execPath,
      args: [builtServer('k8s')],
      env: { PATH: process.env.PATH ?? '', SRE_MAX_REPLICAS: 'lots' },
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
const replicas = (name: string) => replicasOf(stack, name);

describe('orchestrator end to end', () => {
  it('answers a question with a real k8s tool call', async () => {
    stack.gemini.push(
      { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
      { text: 'ledger-5c8d7f9b4d-q7k2m is crash looping.' },
    );
    const events = await run(await newSession(), [{ text: 'What is broken in payments?' }]);
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('ledger-5c8d7f9b4d-q7k2m is crash looping.');
    const [result] = lastResponses(stack.gemini.requests.at(-1)!);
    expect(result?.name).toBe('k8s__list_pods_from_namespace');
    expect(responseText(result)).toContain('CrashLoopBackOff');
    expect(stack.kube.requests.some((request) => request.path.includes('/namespaces/payments/pods'))).toBe(
      true,
    );
    // The servers' own instructions (what their tools share) reach the model beside their tools.
    const instruction = stack.gemini.requests.at(-1)!.systemInstruction?.parts[0]?.text ?? '';
    expect(instruction).toContain('Notes from the k8s server:\nKubernetes tools for an SRE.');
  });

  it('runs a k8s and a cost call of one turn in parallel', async () => {
    stack.gemini.push(
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
    expect(stack.cost!.requestCount('GetCostAndUsage')).toBeGreaterThan(0);
  });

  it('keeps the cost trend chart as an artifact: artifactDelta on the event, the model told, the route serves it', async () => {
    stack.gemini.push(
      { functionCalls: [{ name: 'aws_cost__get_cost_trend', args: { months: 3 } }] },
      { text: 'Costs are flat.' },
    );
    const sessionId = await newSession();
    const events = await run(sessionId, [{ text: 'How did costs move?' }]);
    const delta = events[1]?.actions?.artifactDelta ?? {};
    const [filename] = Object.keys(delta);
    expect(filename).toMatch(/^aws_cost__get_cost_trend_adk-[0-9a-f-]+\.png$/);
    expect(delta[filename!]).toBe(0);
    // The model is told where the chart went, never handed its bytes.
    const [result] = lastResponses(stack.gemini.requests.at(-1)!);
    expect(responseText(result)).toContain(`saved as artifact ${filename} and shown to the user`);
    expect(responseText(result)).not.toContain('omitted');
    const base = `/apps/${APP_NAME}/users/oncall/sessions/${sessionId}/artifacts`;
    expect(await (await app.request(base)).json()).toEqual([filename]);
    const artifact = (await (await app.request(`${base}/${filename}`)).json()) as {
      inlineData: { mimeType: string; data: string };
    };
    expect(artifact.inlineData.mimeType).toBe('image/png');
    // A PNG's signature, so the bytes came through unchanged.
    expect(Buffer.from(artifact.inlineData.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('changes nothing when the human declines k8s__scale_deployment', async () => {
    const before = replicas('checkout');
    const sessionId = await newSession();
    stack.gemini.push(scaleCheckoutTurn);
    const paused = await run(sessionId, [{ text: 'Scale checkout to 5' }]);
    const request = paused.at(-1)?.content?.parts[0]?.functionCall;
    expect(request?.name).toBe('adk_request_confirmation');
    stack.gemini.push({ text: 'Left checkout as it was.' });
    const answer = { id: request?.id, name: 'adk_request_confirmation', response: { confirmed: false } };
    const resumed = await run(sessionId, [{ function_response: answer }]);
    expect(resumed.at(-1)?.content?.parts[0]?.text).toBe('Left checkout as it was.');
    expect(replicas('checkout')).toBe(before);
    expect(stack.kube.requests.some((req) => req.method === 'PATCH' || req.method === 'PUT')).toBe(false);
    expect(await auditRows(sessionId)).toMatchObject([
      { tool: 'k8s__scale_deployment', outcome: 'declined' },
    ]);
  });

  it('scales for real once the human confirms, and writes the audit row', async () => {
    const sessionId = await newSession();
    stack.gemini.push(scaleCheckoutTurn);
    const paused = await run(sessionId, [{ text: 'Scale checkout to 5' }]);
    const requestId = paused.at(-1)?.content?.parts[0]?.functionCall?.id;
    stack.gemini.push((req) => ({ text: `Done: ${responseText(lastResponses(req)[0]).slice(0, 200)}` }));
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
    stack.gemini.push({ error: 429 });
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
    expect((await stack.hub.health()).broken?.error).toContain('SRE_MAX_REPLICAS');
    stack.gemini.push({ text: 'ok' });
    await run(await newSession(), [{ text: 'which tools?' }]);
    const declared =
      stack.gemini.requests.at(-1)?.tools?.[0]?.functionDeclarations?.map((tool) => tool.name) ?? [];
    expect(declared).toContain('k8s__scale_deployment');
    expect(declared).toContain('aws_cost__get_cost_by_service');
    expect(declared.some((name) => name.startsWith('broken__'))).toBe(false);
  });

  it('streams partial text over /run_sse', async () => {
    stack.gemini.push({ text: 'All deployments in payments are accounted for.', chunks: 3 });
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
  return stack.database.db.selectFrom('audit_log').selectAll().where('session_id', '=', sessionId).execute();
}

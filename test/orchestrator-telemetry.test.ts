// Operating `sre-agent serve`: the built bin in its own process with /metrics, OTLP traces to a fake
// collector, and JSON logs on stderr, over the real k8s server and the Gemini fake. One confirmed write
// shows the turn's invocation id tying it all together: the ADK events, the exported spans, the
// orchestrator's log line for the call, and the k8s server's own audit line (relayed on stderr at debug).
// Needs `npm run build` first.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent } from '../orchestrator/src/adk/types.ts';
import { type GeminiFake, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { type OtlpCollector, startOtlpCollector } from './fakes/otlp/otlp-collector.ts';
import { scaleCheckoutTurn } from './orchestrator-stack.ts';

const built = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const main = built('../orchestrator/dist/main.js');
const k8s = built('../servers/k8s/dist/main.js');
const apiToken = 'service-token-of-the-telemetry-test';
const metricsToken = 'scraper-token-of-the-telemetry-test';

let kube: FakeKubeApiServer;
let gemini: GeminiFake;
let collector: OtlpCollector;
let child: ChildProcess;
let url: string;
let dir: string;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  for (const path of [main, k8s])
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'sre-telemetry-'));
  [kube, gemini, collector] = await Promise.all([
    startKubeApiServer(),
    startGeminiFake({ apiKey: 'telemetry-key' }),
    startOtlpCollector(),
  ]);
  const servers = [
    {
      name: 'k8s',
      command: process.execPath,
      args: [k8s],
      env: { KUBECONFIG: kube.writeKubeconfig(dir), SRE_ALLOW_WRITES: 'true' },
    },
  ];
  child = spawn(process.execPath, [main, 'serve', '--port', '0'], {
    env: {
      PATH: process.env.PATH ?? '',
      // Debug, so the server's stderr (its audit lines) is relayed into the orchestrator's log.
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'memory:',
      GOOGLE_API_KEY: 'telemetry-key',
      GOOGLE_GEMINI_BASE_URL: gemini.url,
      SRE_AGENT_MODE: 'single',
      SRE_MCP_SERVERS: JSON.stringify(servers),
      SRE_API_TOKEN: apiToken,
      SRE_METRICS_TOKEN: metricsToken,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      lines.push(record);
      if (record.msg === 'listening' && typeof record.url === 'string') resolve(record.url);
    });
    child.once('exit', (code) => reject(new Error(`sre-agent exited (${code}): ${JSON.stringify(lines)}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await Promise.all([kube?.close(), gemini?.close(), collector?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };

async function run(sessionId: string, parts: unknown[]): Promise<AdkEvent[]> {
  const body = {
    app_name: 'sre_agent',
    user_id: 'oncall',
    session_id: sessionId,
    new_message: { role: 'user', parts },
  };
  const response = await fetch(`${url}/run`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as AdkEvent[];
}

describe('sre-agent serve, operated', () => {
  it('ties one confirmed write together by its invocation id, counts it at /metrics, and exports its spans', async () => {
    const session = await fetch(`${url}/apps/sre_agent/users/oncall/sessions`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    const { id: sessionId } = (await session.json()) as { id: string };
    gemini.push(scaleCheckoutTurn);
    const paused = await run(sessionId, [{ text: 'Scale checkout to 5' }]);
    const request = paused.at(-1)?.content?.parts[0]?.functionCall;
    expect(request?.name).toBe('adk_request_confirmation');
    gemini.push({ text: 'Scaled checkout to 5.' });
    const answer = { id: request?.id, name: 'adk_request_confirmation', response: { confirmed: true } };
    const resumed = await run(sessionId, [{ functionResponse: answer }]);
    expect(resumed.at(-1)?.content?.parts[0]?.text).toBe('Scaled checkout to 5.');
    const invocationId = resumed[0]?.invocationId ?? '';
    expect(invocationId).not.toBe('');

    // The orchestrator's own line for the call, and the server's audit line, carry the same id.
    const call = lines.find((line) => line.msg === 'tool call' && line.tool === 'k8s__scale_deployment');
    expect(call).toMatchObject({ outcome: 'ok', invocationId });
    const relayed = lines
      .filter((line) => line.msg === 'server stderr' && typeof line.line === 'string')
      .map((line) => JSON.parse(line.line as string) as Record<string, unknown>);
    const audit = relayed.find((line) => line.level === 'audit')?.audit;
    expect(audit).toMatchObject({ tool: 'scale_deployment', outcome: 'applied', invocationId });

    const scraped = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(scraped.status).toBe(200);
    const metrics = await scraped.text();
    expect(metrics).toContain(
      'sre_agent_tool_calls_total{server="k8s",tool="scale_deployment",outcome="ok"} 1',
    );
    expect(metrics).toContain('sre_agent_confirmations_total{event="asked"} 1');
    expect(metrics).toContain('sre_agent_confirmations_total{event="approved"} 1');
    expect(metrics).toContain('sre_agent_turns_total{outcome="awaiting_confirmation"} 1');
    expect(metrics).toContain('sre_agent_turns_total{outcome="answered"} 1');
    expect(metrics).toMatch(/sre_agent_model_calls_total\{provider="gemini",model="[^"]+",outcome="ok"\} 2/);
    expect(metrics).toMatch(
      /sre_agent_model_tokens_total\{provider="gemini",model="[^"]+",kind="input"\} \d+/,
    );
    expect((await fetch(`${url}/metrics`)).status).toBe(401);

    // Spans leave in batches; SIGTERM flushes them, as it would on a rollout.
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const spans = await collector.waitForSpans(4);
    const tool = spans.find((span) => span.name === 'execute_tool k8s__scale_deployment');
    expect(tool?.attributes['gcp.vertex.agent.invocation_id']).toBe(invocationId);
    expect(tool?.service).toBe('sre-agent');
    const turn = spans.filter((span) => span.attributes['gcp.vertex.agent.invocation_id'] === invocationId);
    expect(turn.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'invocation',
        'invoke_agent sre_agent',
        'call_llm',
        'execute_tool k8s__scale_deployment',
      ]),
    );
    expect(new Set(turn.map((span) => span.traceId)).size).toBe(1);
  }, 120_000);
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@sre-agent/shared';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner, SessionStore } from '../adk/types.js';
import type { HubTool } from '../mcp/mcp-connection.js';
import { buildAgentTree } from '../runner/agent-tree.js';
import { createTraceRecorder } from '../runner/trace-recorder.js';
import { type AgentInfo, agentInfo } from './agent-graph.js';
import { createApp } from './create-app.js';

let store: SessionStore;
const tracer = createTraceRecorder();
const agent: AgentInfo = {
  name: 'sre_agent',
  description: 'SRE agent',
  model: 'gemini-test',
  tools: [
    { name: 'k8s__list_pods', server: 'k8s', toolName: 'list_pods', description: 'Pods', mutating: false },
    { name: 'k8s__scale', server: 'k8s', toolName: 'scale', description: 'Scale', mutating: true },
    {
      name: 'aws-cost__get_cost',
      server: 'aws-cost',
      toolName: 'get_cost',
      description: 'Cost',
      mutating: false,
    },
  ],
};
const idle: Runner = { run: async function* () {}, health: async () => ({}) };
const uiDir = mkdtempSync(join(tmpdir(), 'dev-ui-'));
const app = (info: AgentInfo = agent) =>
  createApp({
    store,
    runner: idle,
    config: { apiToken: undefined, corsOrigins: [] },
    logger: createLogger({ name: 'test', level: 'error', write: () => {} }),
    version: 'dev',
    tracer,
    agent: () => info,
    devUiDir: uiDir,
  });

beforeAll(async () => {
  store = await openTestStore();
  mkdirSync(join(uiDir, 'assets'), { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>ADK</title>');
  writeFileSync(join(uiDir, 'main-X.js'), 'console.log(1)');
});
afterAll(() => store.close());

describe('dev UI routes', () => {
  it('serves the UI under /dev-ui/, the app itself for client-side routes, never a file outside it', async () => {
    expect((await app().request('/dev-ui')).headers.get('location')).toBe('/dev-ui/');
    const index = await app().request('/dev-ui/');
    expect(await index.text()).toContain('<title>ADK</title>');
    const script = await app().request('/dev-ui/main-X.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await app().request('/dev-ui/some/route')).text()).toContain('<title>ADK</title>');
    expect((await app().request('/dev-ui/missing.js')).status).toBe(404);
    expect((await app().request('/dev-ui/..%2f..%2fetc%2fpasswd.js')).status).toBe(404);
  });

  it('answers the session and event traces the runner recorded, by either path', async () => {
    const key = { appName: 'sre_agent', userId: 'u', sessionId: 's-trace' };
    const parent = tracer.start(key, 'invocation', {});
    tracer
      .start(
        key,
        'call_llm',
        { 'gcp.vertex.agent.event_id': 'ev-1', 'gcp.vertex.agent.llm_request': '{}' },
        parent,
      )
      .end();
    parent.end();
    for (const path of ['/debug/trace/session/s-trace', '/dev/apps/sre_agent/debug/trace/session/s-trace']) {
      const spans = (await (await app().request(path)).json()) as { name: string }[];
      expect(spans.map((span) => span.name)).toEqual(['call_llm', 'invocation']);
    }
    const event = await app().request('/dev/apps/sre_agent/debug/trace/ev-1');
    expect(await event.json()).toMatchObject({
      'gcp.vertex.agent.llm_request': '{}',
      span_id: expect.any(String),
    });
    expect((await app().request('/debug/trace/nope')).status).toBe(404);
    expect(await (await app().request('/debug/trace/session/unknown')).json()).toEqual([]);
  });

  it('draws the agent with its MCP servers and tools as DOT, and highlights an event', async () => {
    const tree = (await (await app().request('/dev/apps/agent_root/build_graph')).json()) as {
      root_agent: { name: string; tools: unknown[] };
    };
    expect(tree.root_agent).toMatchObject({ name: 'sre_agent', sub_agents: [] });
    expect(tree.root_agent.tools).toHaveLength(3);
    const image = (await (
      await app().request('/dev/apps/sre_agent/build_graph_image?dark_mode=true')
    ).json()) as {
      dotSrc: string;
    };
    expect(image.dotSrc).toMatch(/^digraph \{/);
    expect(image.dotSrc).toContain('subgraph "cluster_aws-cost"');
    expect(image.dotSrc).toContain('"k8s__scale" [label="🔧 scale ✋"');

    await store.createSession({ appName: 'sre_agent', userId: 'u', sessionId: 'g' });
    await store.appendEvent(
      { appName: 'sre_agent', userId: 'u', sessionId: 'g' },
      {
        id: 'call',
        invocationId: 'i',
        author: 'sre_agent',
        timestamp: Date.now() / 1000,
        content: { role: 'model', parts: [{ functionCall: { id: 'c', name: 'k8s__list_pods', args: {} } }] },
        actions: { stateDelta: {}, artifactDelta: {} },
      },
    );
    for (const prefix of ['', '/dev']) {
      const graph = await app().request(`${prefix}/apps/sre_agent/users/u/sessions/g/events/call/graph`);
      expect(((await graph.json()) as { dotSrc: string }).dotSrc).toContain(
        '"sre_agent" -> "k8s__list_pods" [color="#69CB87"',
      );
    }
    expect((await app().request('/apps/sre_agent/users/u/sessions/g/events/none/graph')).status).toBe(404);
  });

  it('lists the sub-agents under the root, each with its own MCP server and tools', async () => {
    const hubTools: HubTool[] = [
      hubTool('k8s', 'list_pods'),
      hubTool('aws_cost', 'get_cost_by_service'),
      hubTool('aws_core', 'list_rds_instances'),
    ];
    const tree = buildAgentTree('sre_agent', 'delegate', ['k8s', 'aws_cost', 'aws_core']);
    const delegating = app(agentInfo(tree, hubTools, 'gemini-test'));
    const body = (await (await delegating.request('/dev/apps/sre_agent/build_graph')).json()) as {
      root_agent: {
        tools: unknown[];
        sub_agents: { name: string; toolsets: { name: string; tools: string[] }[] }[];
      };
    };
    expect(body.root_agent.tools).toEqual([]);
    expect(body.root_agent.sub_agents.map((sub) => [sub.name, sub.toolsets])).toEqual([
      ['kubernetes_agent', [{ name: 'k8s', toolset_class: 'McpToolset', tools: ['k8s__list_pods'] }]],
      [
        'aws_cost_agent',
        [{ name: 'aws_cost', toolset_class: 'McpToolset', tools: ['aws_cost__get_cost_by_service'] }],
      ],
      [
        'aws_core_agent',
        [{ name: 'aws_core', toolset_class: 'McpToolset', tools: ['aws_core__list_rds_instances'] }],
      ],
    ]);
    const { dotSrc } = (await (await delegating.request('/dev/apps/sre_agent/build_graph_image')).json()) as {
      dotSrc: string;
    };
    expect(dotSrc).toContain('"sre_agent" -> "kubernetes_agent"');
    expect(dotSrc).toContain('"kubernetes_agent" -> "k8s__list_pods"');
    expect(dotSrc).not.toContain('"sre_agent" -> "k8s__list_pods"');

    const key = { appName: 'sre_agent', userId: 'u', sessionId: 'handover' };
    await store.createSession(key);
    await store.appendEvent(key, {
      id: 'handover',
      invocationId: 'i',
      author: 'sre_agent',
      timestamp: Date.now() / 1000,
      content: {
        role: 'model',
        parts: [
          { functionCall: { id: 't', name: 'transfer_to_agent', args: { agent_name: 'kubernetes_agent' } } },
        ],
      },
      actions: { stateDelta: {}, artifactDelta: {} },
    });
    const graph = await delegating.request('/apps/sre_agent/users/u/sessions/handover/events/handover/graph');
    expect(((await graph.json()) as { dotSrc: string }).dotSrc).toContain(
      '"sre_agent" -> "kubernetes_agent" [color="#69CB87"',
    );
  });

  it('answers the eval routes 501 as ADK JS does', async () => {
    for (const path of [
      '/apps/sre_agent/eval_sets',
      '/dev/apps/sre_agent/eval_sets/x/evals',
      '/dev/apps/sre_agent/eval_results',
    ]) {
      const response = await app().request(path);
      expect(response.status, path).toBe(501);
      expect(((await response.json()) as { error: string }).error).toContain('Not implemented');
    }
    expect((await app().request('/dev/apps/other/build_graph')).status).toBe(404);
  });
});

function hubTool(server: string, toolName: string): HubTool {
  return {
    name: `${server}__${toolName}`,
    server,
    toolName,
    description: toolName,
    inputSchema: { type: 'object' },
    mutating: false,
    destructive: false,
  };
}

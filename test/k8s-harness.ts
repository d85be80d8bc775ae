/**
 * Drives the real Kubernetes MCP server end to end: MCP Client -> InMemoryTransport -> server ->
 * @kubernetes/client-node -> the fake kube-apiserver over HTTP. No module mocking anywhere.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createK8sServer, createKubeClientProvider, parseK8sConfig } from '@sre-agent/k8s';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import type {
  FakeKubeApiServer,
  KubeconfigOptions,
  KubeObject,
  MetricsData,
  PodLogs,
} from './fakes/kube-apiserver/index.ts';
import { defaultFixtures, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { jsonOf } from './mcp-result.ts';

export type ElicitAnswer = { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> };

export type K8sHarnessOptions = {
  /** Objects the fake serves; default `defaultFixtures(now)`. */
  objects?: KubeObject[];
  logs?: PodLogs;
  /** The clock for fixtures and for the server's ages; default the wall clock at start. */
  now?: Date;
  /** Environment for both config parsers (SRE_NAMESPACES, SRE_ALLOW_WRITES, SRE_OUTPUT_BUDGET, ...). */
  env?: Record<string, string>;
  /** metrics.k8s.io content; absent = metrics-server not installed. */
  metrics?: MetricsData;
  /** Bearer token the fake requires (written into the kubeconfig too). */
  token?: string;
  /** Kubeconfig context name; default `fake`. */
  contextName?: string;
  /** The rest of the kubeconfig: the current context's `namespace`, more contexts. */
  kubeconfig?: Omit<KubeconfigOptions, 'contextName'>;
  /** Answers elicitation requests; absent = a client without the elicitation capability. */
  elicit?: (message: string) => ElicitAnswer | Promise<ElicitAnswer>;
};

export type HarnessCall = {
  /** All text content joined by newlines. */
  text: string;
  /** The JSON item of an `output: "json"` result (inside its untrusted-data fence). */
  json: string;
  isError: boolean;
  result: CallToolResult;
};

export type K8sHarness = {
  api: FakeKubeApiServer;
  client: Client;
  now: Date;
  kubeconfigPath: string;
  call(name: string, args?: Record<string, unknown>): Promise<HarnessCall>;
  /** Tool names the server lists. */
  toolNames(): Promise<string[]>;
  /** Audit JSON lines the server wrote. */
  audit: string[];
  /** Log JSON lines the server wrote (level debug and up). */
  logs: string[];
  /** Messages the elicitation responder was asked. */
  elicitations: string[];
  close(): Promise<void>;
};

export async function startK8sHarness(options: K8sHarnessOptions = {}): Promise<K8sHarness> {
  const now = options.now ?? new Date();
  const fixture = options.objects
    ? { objects: options.objects, logs: options.logs ?? {} }
    : defaultFixtures(now);
  const api = await startKubeApiServer({
    objects: fixture.objects,
    logs: options.logs ?? fixture.logs,
    now: () => now,
    ...(options.token ? { token: options.token } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-harness-'));
  const kubeconfigPath = api.writeKubeconfig(dir, {
    ...options.kubeconfig,
    contextName: options.contextName ?? 'fake',
  });
  const env = { ...options.env, KUBECONFIG: kubeconfigPath };
  const audit: string[] = [];
  const logs: string[] = [];
  const elicitations: string[] = [];
  const k8sConfig = parseK8sConfig(env);
  const server = createK8sServer({
    deps: { kube: createKubeClientProvider(k8sConfig), config: k8sConfig, now: () => now },
    config: parseServerConfig(env),
    logger: createLogger({ name: 'k8s-test', level: 'debug', write: (line) => logs.push(line) }),
    writeAudit: (line) => audit.push(line),
  });
  const client = new Client(
    { name: 'k8s-harness', version: '1.0.0' },
    { capabilities: options.elicit ? { elicitation: {} } : {} },
  );
  const { elicit } = options;
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      const message = String(request.params.message);
      elicitations.push(message);
      return elicit(message);
    });
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);

  return {
    api,
    client,
    now,
    kubeconfigPath,
    audit,
    logs,
    elicitations,
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      const text = result.content
        .map((part) => (part.type === 'text' ? part.text : `[${part.type}]`))
        .join('\n');
      return { text, json: jsonOf(result), isError: result.isError === true, result };
    },
    async toolNames() {
      const listed = await client.listTools();
      return listed.tools.map((tool) => tool.name);
    },
    async close() {
      await client.close();
      await server.close();
      // A test may have stopped the fake already, to simulate an unreachable cluster.
      await api.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

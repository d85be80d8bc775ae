// Kubernetes server benchmark: the built stdio server (what Claude Desktop spawns) against the fake API
// server holding 1,000 and 10,000 pods. Prints cold start (spawn to tools/list answered), per-tool
// median and p95 latency, result size in bytes and approximate tokens, the server's peak RSS, and the
// raw API list time (one unpaged GET of every pod, parsed) as the floor.
//
//   npm run build && npx node bench/k8s.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  generateLargeCluster,
  type KubeObject,
  metricsFor,
  startKubeApiServer,
} from '../test/fakes/kube-apiserver/index.ts';
import { approxTokens, peakRssMb, percentile, round } from './stats.ts';

const serverBin = fileURLToPath(new URL('../servers/k8s/dist/main.js', import.meta.url));

export interface K8sBenchRow {
  pods: number;
  tool: string;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
  tokens: number;
  isError: boolean;
}

async function spawnServer(kubeconfig: string) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [serverBin],
    env: { PATH: process.env.PATH ?? '', KUBECONFIG: kubeconfig, LOG_LEVEL: 'warn' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  const started = performance.now();
  await client.connect(transport);
  await client.listTools();
  return { client, transport, coldStartMs: performance.now() - started };
}

function callsFor(objects: KubeObject[]): [string, Record<string, unknown>][] {
  const pod = objects.find((object) => object.kind === 'Pod');
  const deployment = objects.find((object) => object.kind === 'Deployment');
  const namespace = pod?.metadata.namespace ?? 'default';
  return [
    ['list_namespaces', {}],
    ['list_pods_all_namespaces', {}],
    ['list_pods_all_namespaces', { limit: 100 }],
    ['list_pods_from_namespace', { namespace }],
    ['list_deployments_all_namespaces', {}],
    ['list_all_resources', { namespace }],
    ['get_events_all_namespaces', {}],
    ['diagnose_cluster', {}],
    ['diagnose_cluster', { namespace }],
    ['get_pod_details', { namespace, pod_name: pod?.metadata.name }],
    ['get_pod_logs', { namespace, pod_name: pod?.metadata.name, tail_lines: 50 }],
    [
      'get_resource_health',
      { namespace, resource_type: 'deployment', resource_name: deployment?.metadata.name },
    ],
  ];
}

async function rawListMs(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/pods`);
  JSON.parse(await response.text());
  return performance.now() - started;
}

async function benchCluster(pods: number, iterations: number): Promise<K8sBenchRow[]> {
  const fixture = generateLargeCluster({ pods });
  // metrics-server installed, so diagnose_cluster reads pod usage as it would on a real cluster.
  const metrics = metricsFor(fixture.objects);
  const api = await startKubeApiServer({ objects: fixture.objects, logs: fixture.logs, metrics });
  const kubeconfig = api.writeKubeconfig(mkdtempSync(join(tmpdir(), 'k8s-bench-')));
  try {
    const colds: number[] = [];
    for (let index = 0; index < 3; index++) {
      const { client, coldStartMs } = await spawnServer(kubeconfig);
      colds.push(coldStartMs);
      await client.close();
    }
    const raw: number[] = [];
    for (let index = 0; index < 3; index++) raw.push(await rawListMs(api.url));
    console.log(
      `\n${pods} pods: cold start (spawn -> tools/list) p50 ${round(percentile(colds, 0.5))} ms; ` +
        `raw API list of all pods p50 ${round(percentile(raw, 0.5))} ms (the floor)`,
    );
    const { client, transport } = await spawnServer(kubeconfig);
    const rows: K8sBenchRow[] = [];
    for (const [tool, args] of callsFor(fixture.objects))
      rows.push(await timeTool(client, pods, tool, args, iterations));
    console.log(`server peak RSS ${(await peakRssMb(transport.pid)) ?? '?'} MB`);
    await client.close();
    return rows;
  } finally {
    await api.close();
  }
}

async function timeTool(
  client: Client,
  pods: number,
  tool: string,
  args: Record<string, unknown>,
  iterations: number,
) {
  const times: number[] = [];
  let last: CallToolResult | undefined;
  for (let index = 0; index < iterations; index++) {
    const started = performance.now();
    last = (await client.callTool({ name: tool, arguments: args })) as CallToolResult;
    times.push(performance.now() - started);
  }
  const text = (last?.content ?? []).map((item) => (item.type === 'text' ? item.text : '')).join('\n');
  const bytes = Buffer.byteLength(text);
  const row = {
    pods,
    tool: Object.keys(args).includes('limit')
      ? `${tool}(limit=${args.limit})`
      : tool === 'diagnose_cluster' && args.namespace
        ? `${tool}(namespace)`
        : tool,
    p50Ms: round(percentile(times, 0.5)),
    p95Ms: round(percentile(times, 0.95)),
    bytes,
    tokens: approxTokens(bytes),
    isError: last?.isError === true,
  };
  console.log(
    `  ${row.tool.padEnd(42)} p50 ${String(row.p50Ms).padStart(7)} ms  p95 ${String(row.p95Ms).padStart(7)} ms  ` +
      `${String(bytes).padStart(6)} B  ~${row.tokens} tokens${row.isError ? '  (isError)' : ''}`,
  );
  return row;
}

export async function run(): Promise<K8sBenchRow[]> {
  console.log('## Kubernetes MCP server (built sre-k8s-mcp over stdio) against the fake API server');
  return [...(await benchCluster(1_000, 10)), ...(await benchCluster(10_000, 5))];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run();
  if (rows.some((row) => row.isError)) process.exitCode = 1;
}

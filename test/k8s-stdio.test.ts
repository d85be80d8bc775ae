// The built bin (`npm run build` runs before the tests) spawned with this Node, over stdio and
// over HTTP (Streamable HTTP and legacy SSE), against the fake API server.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFixtures, type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { seedTools } from './k8s-seed-tools.ts';

const built = fileURLToPath(new URL('../servers/k8s/dist/main.js', import.meta.url));
// The launcher npm links as `sre-k8s-mcp`, so the command users run is the one tested.
const main = fileURLToPath(new URL('../servers/k8s/bin/sre-k8s-mcp.js', import.meta.url));
let api: FakeKubeApiServer;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  api = await startKubeApiServer(defaultFixtures(new Date()));
  dir = mkdtempSync(join(tmpdir(), 'k8s-stdio-'));
  env = { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: api.writeKubeconfig(dir), LOG_LEVEL: 'debug' };
});
afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const textOf = (result: unknown) =>
  (result as CallToolResult).content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');

describe('sre-k8s-mcp over stdio', () => {
  it('initializes, lists the seed tools and answers a call through the real SDK client', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [main],
      env,
      stderr: 'pipe',
    });
    const protocolErrors: Error[] = [];
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('sre-k8s-mcp');
      const { tools } = await client.listTools();
      // The seed's names stay exactly (more tools may join them); writes stay hidden.
      const names = tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(seedTools.filter((name) => name !== 'scale_deployment')));
      expect(names).not.toContain('scale_deployment');
      // Cold start: initialize and tools/list never wait for the cluster.
      expect(api.requests).toHaveLength(0);
      const result = await client.callTool({
        name: 'get_resource_health',
        arguments: { namespace: 'payments', resource_type: 'deploy', resource_name: 'ledger' },
      });
      expect(textOf(result)).toMatch(/^deployment payments\/ledger: Degraded\n/);
      expect(protocolErrors).toEqual([]);
      expect(stderr).toContain('"msg":"tool call done"');
    } finally {
      await client.close();
    }
  });

  it('writes only JSON-RPC messages to stdout, logs to stderr, and exits when stdin closes', async () => {
    const child = spawn(process.execPath, [main], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const { stdout, stderr, code } = await converse(child, [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'get_events', arguments: { namespace: 'payments', types: ['Warning'] } },
      },
      {
        jsonrpc: '2.0',
        id: 4,
        method: 'tools/call',
        params: { name: 'get_pod_details', arguments: { namespace: 'payments', pod_name: 'nope' } },
      },
    ]);
    const lines = stdout.split('\n').filter(Boolean);
    const messages = lines.map(
      (line) => JSON.parse(line) as { jsonrpc: string; id?: number; result?: CallToolResult },
    );
    expect(messages.every((message) => message.jsonrpc === '2.0')).toBe(true);
    expect(messages.map((message) => message.id)).toEqual([1, 2, 3, 4]);
    expect(textOf(messages[2]?.result)).toMatch(
      /^Events in namespace "payments" \(types Warning\): 6 event\(s\)/,
    );
    // A failed call is an isError result on stdout, never a crash or a stray line.
    expect(messages[3]?.result?.isError).toBe(true);
    expect(textOf(messages[3]?.result)).toMatch(/^Pod "nope" not found in namespace "payments"/);
    const logLines = stderr.split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.every((line) => (JSON.parse(line) as { level?: string }).level !== undefined)).toBe(true);
    expect(code).toBe(0);
  });
});

/** Sends each message as one line, waits for every answer, then closes stdin. */
async function converse(child: ChildProcessWithoutNullStreams, messages: object[]) {
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const expected = messages.filter((message) => 'id' in message).length;
  const answered = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').filter(Boolean).length >= expected) resolve();
    });
  });
  for (const message of messages) child.stdin.write(`${JSON.stringify(message)}\n`);
  await answered;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin.end();
  return { stdout, stderr, code: await exited };
}

describe('sre-k8s-mcp over HTTP', () => {
  const token = 'test-token-0123456789abcdef';
  let server: ChildProcessWithoutNullStreams;
  let base: string;

  beforeAll(async () => {
    server = spawn(process.execPath, [main, '--transport', 'http', '--port', '0', '--allow-writes'], {
      env: { ...env, SRE_MCP_TOKEN: token },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    base = await listeningUrl(server);
  });
  afterAll(() => {
    server?.kill();
  });

  const auth = { Authorization: `Bearer ${token}` };
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
  });
  const post = (headers: Record<string, string>) =>
    fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: initialize,
    });

  it('answers /healthz and refuses a missing token (401) and a foreign Origin (403)', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', name: 'sre-k8s-mcp' });
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await post({ Authorization: 'Bearer not-the-right-token-at-all' });
    expect(wrong.status).toBe(401);
    const foreign = await post({ ...auth, Origin: 'https://evil.example.com' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: 'Origin "https://evil.example.com" is not allowed' });
  });

  it('serves a Streamable HTTP client with the bearer token', async () => {
    const client = new Client({ name: 'http-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: auth } }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining([...seedTools]));
      const events = await client.callTool({
        name: 'get_events',
        arguments: { namespace: 'payments', limit: 2 },
      });
      expect(textOf(events)).toMatch(/^Events in namespace "payments": 13 event\(s\)/);
      // Writes are on (--allow-writes), but this client cannot confirm: refused, nothing changed.
      const scaled = await client.callTool({
        name: 'scale_deployment',
        arguments: { namespace: 'payments', deployment_name: 'checkout', replicas: 0 },
      });
      expect((scaled as CallToolResult).isError).toBe(true);
      expect(textOf(scaled)).toContain('cannot ask a human to confirm');
      expect(api.store.get('deployments', 'payments', 'checkout')?.spec?.replicas).toBe(3);
    } finally {
      await client.close();
    }
  });

  it('serves a legacy SSE client with the bearer token', async () => {
    const client = new Client({ name: 'sse-test', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${base}/sse`), { requestInit: { headers: auth } }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining([...seedTools]));
      const logs = await client.callTool({
        name: 'get_pod_logs',
        arguments: { namespace: 'payments', pod_name: 'checkout-7d9f8b6c5d-4xk2p', tail_lines: 2 },
      });
      expect(textOf(logs)).toContain(
        'container checkout (current instance), last 2 line(s): 2 line(s) read.',
      );
    } finally {
      await client.close();
    }
  });
});

/** The server logs its address once it listens; with --port 0 that is the only way to learn the port. */
function listeningUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buffered}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"msg":"listening","url":"(http:\/\/[^"]+)\/mcp"/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}

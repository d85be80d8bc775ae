import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from '../create-mcp-server.js';
import { createLogger } from '../logger.js';
import { parseServerConfig } from '../server-config.js';
import { type AnyTool, defineTool } from '../tool.js';
import { type RunningHttpServer, startHttpServer } from './http-server.js';

const token = 'test-token-0123456789';
const ping = defineTool({
  name: 'ping',
  description: 'Answers pong',
  input: { who: z.string().describe('who asks') },
  annotations: {
    title: 'Ping',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  handler: async ({ who }) => ({ text: `pong ${who}` }),
});

let http: RunningHttpServer;
const auth = { headers: { authorization: `Bearer ${token}` } };

beforeAll(async () => {
  const logger = createLogger({ name: 'test', write: () => {} });
  const config = parseServerConfig({});
  http = await startHttpServer({
    createServer: () =>
      createMcpServer({
        name: 't',
        version: '1',
        instructions: 'i',
        tools: [ping] as AnyTool[],
        config,
        logger,
      }),
    host: '127.0.0.1',
    port: 0,
    token,
    allowedHosts: [],
    allowedOrigins: ['https://console.example.com'],
    logger,
    identity: { name: 't', version: '1' },
  });
});
afterAll(() => http.close());

async function pingThrough(client: Client) {
  const result = await client.callTool({ name: 'ping', arguments: { who: 'sre' } });
  await client.close();
  return result.content;
}

describe('startHttpServer', () => {
  it('serves Streamable HTTP at /mcp', async () => {
    const client = new Client({ name: 'c', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), { requestInit: auth }),
    );
    expect(await pingThrough(client)).toEqual([{ type: 'text', text: 'pong sre' }]);
  });

  it('serves legacy SSE at /sse', async () => {
    const client = new Client({ name: 'c', version: '1' });
    const transport = new SSEClientTransport(new URL(`${http.url}/sse`), {
      requestInit: auth,
      eventSourceInit: {
        fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...auth.headers } }),
      },
    });
    await client.connect(transport);
    expect(await pingThrough(client)).toEqual([{ type: 'text', text: 'pong sre' }]);
  });

  it('answers /healthz without a token', async () => {
    const response = await fetch(`${http.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', name: 't', version: '1' });
  });

  it('shows the upstream status at /healthz when the server has a check', async () => {
    const logger = createLogger({ name: 'test', write: () => {} });
    const upstream = { configured: false, reachable: false, detail: 'no kubeconfig found' };
    const server = await startHttpServer({
      createServer: () =>
        createMcpServer({
          name: 't',
          version: '1',
          instructions: 'i',
          tools: [],
          config: parseServerConfig({}),
          logger,
        }),
      host: '127.0.0.1',
      port: 0,
      token: undefined,
      allowedHosts: [],
      allowedOrigins: [],
      logger,
      identity: { name: 't', version: '1' },
      upstream: async () => upstream,
    });
    try {
      const response = await fetch(`${server.url}/healthz`);
      // 200 all the same: restarting this process would not bring a cluster back.
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', name: 't', version: '1', upstream });
    } finally {
      await server.close();
    }
  });

  it('requires the bearer token', async () => {
    const response = await fetch(`${http.url}/mcp`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('rejects foreign origins and hosts (DNS rebinding)', async () => {
    const foreign = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      body: '{}',
      headers: { ...auth.headers, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const listed = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      body: '{}',
      headers: { ...auth.headers, origin: 'https://console.example.com' },
    });
    expect(listed.status).toBe(400); // past the guard: not an initialize request
    const port = new URL(http.url).port;
    const rebound = await rawRequest(Number(port), 'attacker.example');
    expect(rebound).toBe(403);
  });

  it('explains a request without a session', async () => {
    const response = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      headers: auth.headers,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: 'No session: the first request must be initialize' },
    });
  });
});

describe('startHttpServer limits', () => {
  const logger = createLogger({ name: 'test', write: () => {} });
  const config = parseServerConfig({});
  const start = (sessionIdleMs?: number, maxSessions?: number) =>
    startHttpServer({
      createServer: () =>
        createMcpServer({
          name: 't',
          version: '1',
          instructions: 'i',
          tools: [ping] as AnyTool[],
          config,
          logger,
        }),
      host: '127.0.0.1',
      port: 0,
      token: undefined,
      allowedHosts: [],
      allowedOrigins: [],
      logger,
      identity: { name: 't', version: '1' },
      ...(sessionIdleMs ? { sessionIdleMs } : {}),
      ...(maxSessions ? { maxSessions } : {}),
    });
  const rpc = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

  it('answers 413 to a body over the limit, not a parse error', async () => {
    const server = await start();
    try {
      const response = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        body: `"${'x'.repeat(5 * 1024 * 1024)}"`,
        headers: rpc,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/4 MiB/) } });
    } finally {
      await server.close();
    }
  });

  it('forgets a session whose client went away without DELETE, once it has been idle', async () => {
    const server = await start(150);
    try {
      const initialize = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'c', version: '1' },
          },
        }),
        headers: rpc,
      });
      await initialize.text();
      const sessionId = initialize.headers.get('mcp-session-id') ?? '';
      expect(sessionId).not.toBe('');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The client vanished (no DELETE); its session and MCP server must not live forever.
      const response = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
        headers: { ...rpc, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
      });
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  const initialize = (url: string) =>
    fetch(`${url}/mcp`, {
      method: 'POST',
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
      }),
      headers: rpc,
    });
  const open = async (url: string) => {
    const response = await initialize(url);
    await response.text();
    return response.headers.get('mcp-session-id') ?? '';
  };
  const listTools = async (url: string, sessionId: string) => {
    const response = await fetch(`${url}/mcp`, {
      method: 'POST',
      body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
      headers: { ...rpc, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
    });
    await response.text();
    return response.status;
  };

  it('past SRE_MCP_MAX_SESSIONS closes the least recently used idle session to admit a new one', async () => {
    const server = await start(undefined, 2);
    try {
      const first = await open(server.url);
      const second = await open(server.url);
      expect(await listTools(server.url, first)).toBe(200); // now `second` is the least recently used
      const third = await open(server.url);
      expect(third).not.toBe('');
      expect(await listTools(server.url, second)).toBe(404);
      expect(await listTools(server.url, first)).toBe(200);
      expect(await listTools(server.url, third)).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers 503 with Retry-After and a JSON-RPC error when every session is busy', async () => {
    const server = await start(undefined, 2);
    const streams = new AbortController();
    try {
      for (const sessionId of [await open(server.url), await open(server.url)]) {
        // An open GET stream is a client that is still there: its session must not be taken away.
        const stream = await fetch(`${server.url}/mcp`, {
          headers: {
            accept: 'text/event-stream',
            'mcp-session-id': sessionId,
            'mcp-protocol-version': '2025-06-18',
          },
          signal: streams.signal,
        });
        expect(stream.status).toBe(200);
      }
      const refused = await initialize(server.url);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await refused.json()).toMatchObject({
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: expect.stringMatching(/all 2 sessions are in use \(SRE_MCP_MAX_SESSIONS\)/),
        },
        id: null,
      });
      const sse = await fetch(`${server.url}/sse`);
      expect(sse.status).toBe(503);
    } finally {
      streams.abort();
      await server.close();
    }
  });
});

// fetch() will not let a caller set Host, so speak HTTP directly.
async function rawRequest(port: number, host: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', path: '/mcp', method: 'POST', headers: { host, ...auth.headers } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from '../create-mcp-server.js';
import { createLogger } from '../logger.js';
import { parseServerConfig } from '../server-config.js';
import { type AnyTool, defineTool } from '../tool.js';
import { type RunningHttpServer, startHttpServer } from './http-server.js';
import { withoutUnconfirmableWrites } from './run-server.js';

const whoami = defineTool({
  name: 'whoami',
  description: 'Names the replica that answered',
  input: { caller: z.string().describe('who asks') },
  annotations: {
    title: 'Who am I',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  handler: async () => ({ text: 'unused' }),
});

const logger = createLogger({ name: 'test', write: () => {} });
const config = parseServerConfig({});

async function replica(name: string, stateless: boolean): Promise<RunningHttpServer> {
  const tool = { ...whoami, handler: async () => ({ text: `answered by ${name}` }) } as AnyTool;
  return startHttpServer({
    createServer: () =>
      createMcpServer({ name, version: '1', instructions: 'i', tools: [tool], config, logger }),
    host: '127.0.0.1',
    port: 0,
    token: undefined,
    allowedHosts: [],
    allowedOrigins: [],
    logger,
    identity: { name, version: '1' },
    stateless,
  });
}

/** A Service without session affinity: each request goes to the next replica in turn. */
function roundRobin(replicas: RunningHttpServer[]) {
  const hits = replicas.map(() => 0);
  let next = 0;
  const fetchNext: typeof fetch = (input, init) => {
    const index = next++ % replicas.length;
    hits[index] = (hits[index] ?? 0) + 1;
    const url = new URL(String(input instanceof Request ? input.url : input));
    return fetch(`${replicas[index]?.url}${url.pathname}${url.search}`, init);
  };
  return { fetch: fetchNext, hits };
}

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'c', version: '1' },
  },
};
const rpcHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('several replicas behind one Service', () => {
  const running: RunningHttpServer[] = [];
  beforeAll(async () => {
    running.push(
      await replica('a', true),
      await replica('b', true),
      await replica('c', false),
      await replica('d', false),
    );
  });
  afterAll(() => Promise.all(running.map((server) => server.close())));

  it('stateless: every request may land on another replica, and all work', async () => {
    const [a, b] = running as [RunningHttpServer, RunningHttpServer];
    const balancer = roundRobin([a, b]);
    const client = new Client({ name: 'c', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://service/mcp'), { fetch: balancer.fetch }),
    );
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(['whoami']);
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await client.callTool({ name: 'whoami', arguments: { caller: 'me' } });
      answers.push((result.content as { text: string }[])[0]?.text ?? '');
    }
    expect(new Set(answers)).toEqual(new Set(['answered by a', 'answered by b']));
    expect(balancer.hits.every((hits) => hits >= 3)).toBe(true);
    await client.close();
  });

  it('stateless: answers in JSON and has no stream, no DELETE and no SSE', async () => {
    const [a] = running as [RunningHttpServer];
    const answer = await fetch(`${a.url}/mcp`, {
      method: 'POST',
      headers: rpcHeaders,
      body: JSON.stringify(initialize),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(answer.headers.get('mcp-session-id')).toBeNull();
    const stream = await fetch(`${a.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(405);
    expect(await stream.text()).toContain('SRE_MCP_STATELESS');
    expect((await fetch(`${a.url}/sse`)).status).toBe(404);
  });

  it('session mode: a session opened on one replica is unknown (404) on the other, so it needs sticky sessions', async () => {
    const [, , c, d] = running as [
      RunningHttpServer,
      RunningHttpServer,
      RunningHttpServer,
      RunningHttpServer,
    ];
    const opened = await fetch(`${c.url}/mcp`, {
      method: 'POST',
      headers: rpcHeaders,
      body: JSON.stringify(initialize),
    });
    const sessionId = opened.headers.get('mcp-session-id') ?? '';
    expect(sessionId).not.toBe('');
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    const headers = {
      ...rpcHeaders,
      'mcp-session-id': sessionId,
      'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
    };
    const elsewhere = await fetch(`${d.url}/mcp`, { method: 'POST', headers, body: list });
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toContain('sticky sessions on the Mcp-Session-Id header');
    const pinned = await fetch(`${c.url}/mcp`, { method: 'POST', headers, body: list });
    expect(pinned.status).toBe(200);
    // And the SDK's own client, round-robined over session-mode replicas, cannot even finish initializing.
    const client = new Client({ name: 'c', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL('http://service/mcp'), {
      fetch: roundRobin([c, d]).fetch,
    });
    await expect(client.connect(transport)).rejects.toThrow(/404|Session not found/);
  });

  it('stateless: writes that need a human are not offered (no session, no elicitation)', () => {
    const writes = parseServerConfig({ SRE_ALLOW_WRITES: 'true', SRE_MCP_STATELESS: 'true' });
    expect(withoutUnconfirmableWrites(writes, logger).allowWrites).toBe(false);
    const unconfirmed = parseServerConfig({
      SRE_ALLOW_WRITES: 'true',
      SRE_MCP_STATELESS: 'true',
      SRE_CONFIRM_WRITES: 'false',
    });
    expect(withoutUnconfirmableWrites(unconfirmed, logger).allowWrites).toBe(true);
    const sessions = parseServerConfig({ SRE_ALLOW_WRITES: 'true' });
    expect(withoutUnconfirmableWrites(sessions, logger).allowWrites).toBe(true);
  });
});

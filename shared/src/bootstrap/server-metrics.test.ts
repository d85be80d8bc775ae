import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from '../create-mcp-server.js';
import { createLogger } from '../logger.js';
import { parseServerConfig } from '../server-config.js';
import { type AnyTool, defineTool } from '../tool.js';
import { ToolError } from '../tool-error.js';
import { type RunningHttpServer, startHttpServer } from './http-server.js';

const token = 'server-token-0123456789';
const metricsToken = 'metrics-token-0123456789';
const lookup = defineTool({
  name: 'lookup_thing',
  description: 'Finds a thing',
  input: { name: z.string().describe('thing name') },
  annotations: {
    title: 'Lookup',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ name }) {
    if (name === 'missing') throw new ToolError('Thing "missing" not found.', 'List things first.');
    return { text: `found ${name}` };
  },
});

let http: RunningHttpServer;

beforeAll(async () => {
  const logger = createLogger({ name: 'test', write: () => {} });
  const config = parseServerConfig({});
  http = await startHttpServer({
    createServer: () =>
      createMcpServer({
        name: 'things',
        version: '1',
        instructions: 'i',
        tools: [lookup] as AnyTool[],
        config,
        logger,
      }),
    host: '127.0.0.1',
    port: 0,
    token,
    metricsToken,
    allowedHosts: [],
    allowedOrigins: [],
    logger,
    identity: { name: 'things-mcp', version: '1' },
  });
});
afterAll(() => http.close());

const scrape = (bearer?: string) =>
  fetch(`${http.url}/metrics`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});

describe('/metrics on the HTTP servers', () => {
  it('counts and times tool calls by server, tool and outcome, in the Prometheus text format', async () => {
    const client = new Client({ name: 'c', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    await client.callTool({ name: 'lookup_thing', arguments: { name: 'a' } });
    await client.callTool({ name: 'lookup_thing', arguments: { name: 'b' } });
    await client.callTool({ name: 'lookup_thing', arguments: { name: 'missing' } });
    const response = await scrape(metricsToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(
      'sre_mcp_tool_calls_total{server="things-mcp",tool="lookup_thing",outcome="ok"} 2',
    );
    expect(text).toContain(
      'sre_mcp_tool_calls_total{server="things-mcp",tool="lookup_thing",outcome="error"} 1',
    );
    expect(text).toMatch(
      /sre_mcp_tool_call_duration_seconds_count\{server="things-mcp",tool="lookup_thing",outcome="ok"\} 2/,
    );
    expect(text).toContain('sre_mcp_sessions{transport="streamable"} 1');
    expect(text).toContain('sre_mcp_process_resident_memory_bytes');
    await client.close();
  });

  it('takes the metrics token or the server token, and nothing else', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong-token-0123456789')).status).toBe(401);
    expect((await scrape(token)).status).toBe(200);
    // The metrics token is for /metrics only: it does not open /mcp.
    const mcp = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${metricsToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(mcp.status).toBe(401);
  });
});

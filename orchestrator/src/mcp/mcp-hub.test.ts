import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { createLogger, createMcpServer, defineTool, type ServerConfig } from '@sre-agent/shared';
import { startHttpServer } from '@sre-agent/shared/http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JsonObject } from '../adk/types.js';
import { defaultServerSpecs } from './default-servers.js';
import { createMcpHub, type McpHub } from './mcp-hub.js';
import type { McpServerSpec } from './mcp-server-spec.js';

const logger = createLogger({ name: 'test', level: 'error', write: () => undefined });
const stub = fileURLToPath(new URL('./fixtures/stub-mcp-server.mjs', import.meta.url));
const stubSpec = (name: string, env: Record<string, string> = {}): McpServerSpec => ({
  name,
  command: process.execPath,
  args: [stub],
  env,
});

const voucher = (callId: string, tool: string, args: Record<string, unknown>) => ({
  voucher: { callId, tool, args: args as JsonObject },
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hub(servers: McpServerSpec[]): Promise<McpHub> {
  const created = await createMcpHub({
    servers,
    logger,
    backoff: { initialMs: 50, maxMs: 200 },
    watchdog: { intervalMs: 100, timeoutMs: 100, misses: 2 },
  });
  cleanups.push(() => created.close());
  return created;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createMcpHub over stdio', () => {
  it('prefixes tools with the server name and flags the mutating ones, leaving out names Gemini refuses', async () => {
    const h = await hub([stubSpec('stub')]);
    const tools = Object.fromEntries(h.tools().map((tool) => [tool.name, tool.mutating]));
    expect(tools).toEqual({
      stub__echo: false,
      stub__freeze: false,
      stub__scale: true,
      stub__peek: false,
      stub__crash: false,
    });
    expect(await h.callTool('stub__echo', { text: 'hi' }, {})).toMatchObject({
      isError: false,
      text: expect.stringContaining('echo: hi'),
    });
  });

  it('reports a server that fails to start, and keeps serving the others', async () => {
    const h = await hub([
      stubSpec('stub'),
      stubSpec('broken', { STUB_FAIL_START: 'Invalid configuration: KUBECONFIG' }),
    ]);
    expect(h.tools().every((tool) => tool.server === 'stub')).toBe(true);
    const health = await h.health();
    expect(health.stub).toEqual({ ok: true, tools: 5 });
    expect(health.broken).toMatchObject({
      ok: false,
      tools: 0,
      error: expect.stringContaining('KUBECONFIG'),
    });
    const call = await h.callTool('broken__echo', {}, {});
    expect(call).toMatchObject({
      isError: true,
      text: expect.stringContaining('no tool named broken__echo'),
    });
  });

  it('says plainly when a built bin is missing', async () => {
    const h = await hub([
      { name: 'k8s', command: process.execPath, args: ['/nowhere/dist/main.js'], env: {} },
    ]);
    expect((await h.health()).k8s?.error).toContain('script not found: /nowhere/dist/main.js');
  });

  it('refuses a mutating tool called without confirmation, before the server sees it', async () => {
    // The runner sorts calls by the tool list of its step; a server back up since then must not let a
    // write through as if it were a read.
    const h = await hub([stubSpec('stub')]);
    const refused = await h.callTool('stub__scale', { replicas: 3 }, {});
    expect(refused).toEqual({
      isError: true,
      text: expect.stringContaining('stub__scale changes state and was not run'),
    });
  });

  it("answers the server's elicitation yes only for a call a human confirmed, once", async () => {
    const h = await hub([stubSpec('stub')]);
    const args = { replicas: 3 };
    expect((await h.callTool('stub__scale', args, voucher('c1', 'stub__scale', args))).text).toBe(
      'scaled to 3',
    );
    // One human yes answers one server question, not every question asked while the call runs.
    const twice = { replicas: 3, asks: 2 };
    expect((await h.callTool('stub__scale', twice, voucher('c2', 'stub__scale', twice))).text).toBe(
      'refused: yes,decline',
    );
  });

  it('lets a voucher run exactly the call it was given for, once', async () => {
    const h = await hub([stubSpec('stub')]);
    const approved = voucher('c1', 'stub__scale', { replicas: 3, asks: 1 });
    const refusal = (text: string) => ({ isError: true, text: expect.stringContaining(text) });
    expect(await h.callTool('stub__scale', { replicas: 30, asks: 1 }, approved)).toEqual(
      refusal('its arguments differ from the ones the human confirmed'),
    );
    expect(await h.callTool('stub__scale', { replicas: 3 }, approved)).toEqual(
      refusal('its arguments differ'),
    );
    expect(
      await h.callTool('stub__scale', { replicas: 3, asks: 1 }, voucher('c1', 'stub__other', {})),
    ).toEqual(refusal('the confirmation given was for stub__other'));
    // The same arguments in another key order are the same call.
    expect((await h.callTool('stub__scale', { asks: 1, replicas: 3 }, approved)).text).toBe('scaled to 3');
    expect(await h.callTool('stub__scale', { replicas: 3, asks: 1 }, approved)).toEqual(
      refusal('that confirmation was used already'),
    );
  });

  it("gives the human's yes only to the confirmed call, not to another call's question meanwhile", async () => {
    const h = await hub([stubSpec('stub')]);
    const args = { replicas: 2, wait_ms: 300 };
    const write = h.callTool('stub__scale', args, voucher('c1', 'stub__scale', args));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A read on the same server asks a question while the confirmed write is in flight.
    const read = await h.callTool('stub__peek', {}, {});
    expect(read.text).toBe('peek: decline');
    expect((await write).text).toBe('scaled to 2');
  });

  it('declines a form that is not a yes/no question, even for the confirmed call', async () => {
    const h = await hub([stubSpec('stub')]);
    const args = { replicas: 2, form: 'choice' };
    const outcome = await h.callTool('stub__scale', args, voucher('c1', 'stub__scale', args));
    expect(outcome.text).toBe('refused: decline');
  });

  it('cancels a confirmed write that times out and says its outcome is unknown', async () => {
    const lines: string[] = [];
    const debug = createLogger({ name: 'test', level: 'debug', write: (line) => lines.push(line) });
    const h = await createMcpHub({ servers: [stubSpec('stub')], logger: debug, callTimeoutMs: 500 });
    cleanups.push(() => h.close());
    const args = { replicas: 5, hang_ms: 10_000 };
    const outcome = await h.callTool('stub__scale', args, voucher('c1', 'stub__scale', args));
    expect(outcome).toEqual({
      isError: true,
      uncertain: true,
      text: expect.stringMatching(
        /got no answer .*may or may not have been applied\. Read the current state/,
      ),
    });
    // The server was told to stop waiting (MCP cancellation), not left with a hung request.
    await eventually(async () =>
      lines.some((line) => line.includes('stub: scale cancelled')) ? true : undefined,
    );
  });

  it('restarts a crashed server', async () => {
    const h = await hub([stubSpec('stub')]);
    const before = (await h.callTool('stub__echo', { text: 'a' }, {})).text;
    await h.callTool('stub__crash', {}, {});
    await eventually(async () => ((await h.health()).stub?.ok ? undefined : true));
    const after = await eventually(async () => {
      const result = await h.callTool('stub__echo', { text: 'a' }, {});
      return result.isError ? undefined : result.text;
    });
    expect(after).not.toBe(before);
  });
});

describe('createMcpHub watchdog', () => {
  it('restarts a server that hangs without exiting, found by unanswered pings', async () => {
    const lines: string[] = [];
    const h = await createMcpHub({
      servers: [stubSpec('stub')],
      logger: createLogger({ name: 'test', level: 'warn', write: (line) => void lines.push(line) }),
      backoff: { initialMs: 50, maxMs: 200 },
      watchdog: { intervalMs: 100, timeoutMs: 100, misses: 2 },
    });
    cleanups.push(() => h.close());
    const frozen = (await h.callTool('stub__freeze', {}, {})).text;
    const pid = Number(/pid (\d+)/.exec(frozen)?.[1]);
    // A new process answers (the old one may still answer in the moment before it starts spinning).
    const after = await eventually(async () => {
      const result = await h.callTool('stub__echo', { text: 'a' }, {});
      return result.isError || result.text.includes(`pid ${pid}`) ? undefined : result.text;
    }, 10_000);
    expect(after).toMatch(/echo: a \(pid \d+\)/);
    expect(lines.join('\n')).toContain('mcp server not answering pings, restarting it');
    // The hung child is ended, not left spinning.
    await eventually(async () => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    });
  });
});

describe('createMcpHub over HTTP', () => {
  const config: ServerConfig = {
    logLevel: 'error',
    outputBudgetBytes: 16_384,
    allowWrites: false,
    confirmWrites: true,
    toolTimeoutMs: 5_000,
    httpToken: 'a-token-of-sixteen-chars',
    maxSessions: 256,
    stateless: false,
    metricsToken: undefined,
  };
  const ping = defineTool({
    name: 'ping_cluster',
    description: 'Says pong',
    input: { loud: z.boolean().optional().describe('Shout') },
    annotations: {
      title: 'Ping',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    handler: async ({ loud }) => ({ text: loud ? 'PONG' : 'pong' }),
  });

  it('connects over Streamable HTTP with a bearer token', async () => {
    const http = await startHttpServer({
      createServer: () =>
        createMcpServer({ name: 'x', version: '1', instructions: '', tools: [ping], config, logger }),
      host: '127.0.0.1',
      port: 0,
      token: config.httpToken,
      allowedHosts: [],
      allowedOrigins: [],
      logger,
      identity: { name: 'x', version: '1' },
    });
    cleanups.push(() => http.close());
    const h = await hub([
      { name: 'remote', url: `${http.url}/mcp`, token: 'a-token-of-sixteen-chars' },
      { name: 'wrong', url: `${http.url}/mcp`, token: 'not-the-token-at-all' },
    ]);
    expect(await h.callTool('remote__ping_cluster', { loud: true }, {})).toEqual({
      isError: false,
      text: 'PONG',
    });
    expect((await h.health()).wrong).toMatchObject({ ok: false, error: expect.stringContaining('401') });
  });

  it('falls back to the legacy SSE transport', async () => {
    const server = await startSseOnlyServer();
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const h = await hub([{ name: 'legacy', url: `http://127.0.0.1:${port}/mcp` }]);
    expect(await h.callTool('legacy__hello', {}, {})).toEqual({
      isError: false,
      text: 'hello',
    });
  });
});

describe('defaultServerSpecs', () => {
  it('spawns the three workspace bins with this Node', () => {
    const specs = defaultServerSpecs();
    expect(specs.map((spec) => spec.name)).toEqual(['k8s', 'aws_cost', 'aws_core']);
    for (const spec of specs) {
      expect(spec.command).toBe(process.execPath);
      // The packages' bins: small launchers that load dist/main.js, or say plainly it is not built.
      expect(spec.args[0]).toMatch(/\/servers\/(k8s|aws-cost|aws-core)\/bin\/sre-[a-z0-9-]+-mcp\.js$/);
      expect(existsSync(spec.args[0]!)).toBe(true);
    }
  });
});

// Speaks only the 2024-11-05 transport: GET /sse opens the stream, POST /messages carries requests.
async function startSseOnlyServer(): Promise<Server> {
  const sessions = new Map<string, SSEServerTransport>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      sessions.set(transport.sessionId, transport);
      const mcp = new McpServer({ name: 'legacy', version: '0' });
      mcp.registerTool('hello', { description: 'Hello', annotations: { readOnlyHint: true } }, async () => ({
        content: [{ type: 'text', text: 'hello' }],
      }));
      await mcp.connect(transport);
      return;
    }
    const transport = sessions.get(url.searchParams.get('sessionId') ?? '');
    if (req.method === 'POST' && url.pathname === '/messages' && transport)
      return transport.handlePostMessage(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

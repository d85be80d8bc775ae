import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../logger.js';
import { checkRequest, defaultAllowedHosts, type GuardOptions } from './request-guard.js';

export interface HttpServerOptions {
  createServer: () => McpServer;
  host: string;
  port: number;
  token: string | undefined;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  logger: Logger;
  identity: { name: string; version: string };
}

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

const maxBodyBytes = 4 * 1024 * 1024;

/**
 * Streamable HTTP at /mcp (one MCP server per session), legacy SSE at /sse + /messages for
 * older clients, and /healthz for probes.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const streams = new Map<string, StreamableHTTPServerTransport>();
  const sseSessions = new Map<string, SSEServerTransport>();
  const guard: GuardOptions = {
    allowedHosts: [],
    allowedOrigins: options.allowedOrigins,
    token: options.token,
  };
  const handlers = { streams, sseSessions, options };

  const server = createServer((request, response) => {
    route(request, response, guard, handlers).catch((error: unknown) => {
      options.logger.error('http request failed', { error, path: request.url });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  guard.allowedHosts = defaultAllowedHosts(options.host, port, options.allowedHosts);
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    async close() {
      await Promise.allSettled(
        [...streams.values(), ...sseSessions.values()].map((transport) => transport.close()),
      );
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Handlers {
  streams: Map<string, StreamableHTTPServerTransport>;
  sseSessions: Map<string, SSEServerTransport>;
  options: HttpServerOptions;
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  guard: GuardOptions,
  handlers: Handlers,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz' && request.method === 'GET') {
    return sendJson(response, 200, { status: 'ok', ...handlers.options.identity });
  }
  const known = ['/mcp', '/sse', '/messages'].includes(url.pathname);
  if (!known)
    return sendJson(response, 404, { error: `no route ${url.pathname}; use /mcp, /sse or /healthz` });
  const verdict = checkRequest(request, guard);
  if (!verdict.ok) {
    if (verdict.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    return sendJson(response, verdict.status, { error: verdict.message });
  }
  if (url.pathname === '/mcp') return handleStreamable(request, response, handlers);
  if (url.pathname === '/sse' && request.method === 'GET') return openSse(response, handlers);
  if (url.pathname === '/messages' && request.method === 'POST') {
    const transport = handlers.sseSessions.get(url.searchParams.get('sessionId') ?? '');
    if (!transport) return sendJson(response, 404, { error: 'unknown SSE session; open /sse first' });
    return transport.handlePostMessage(request, response);
  }
  return sendJson(response, 405, { error: `${request.method} is not allowed on ${url.pathname}` });
}

async function handleStreamable(request: IncomingMessage, response: ServerResponse, handlers: Handlers) {
  const sessionId = header(request, 'mcp-session-id');
  const body = request.method === 'POST' ? await readJson(request) : undefined;
  if (body === invalidBody) return sendRpcError(response, 400, -32700, 'Parse error: the body is not JSON');
  const existing = sessionId ? handlers.streams.get(sessionId) : undefined;
  if (existing) return existing.handleRequest(request, response, body);
  if (sessionId) return sendRpcError(response, 404, -32001, 'Session not found; initialize a new one');
  if (request.method !== 'POST' || !isInitializeRequest(body)) {
    return sendRpcError(response, 400, -32000, 'No session: the first request must be initialize');
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      handlers.streams.set(id, transport);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) handlers.streams.delete(transport.sessionId);
  };
  await handlers.options.createServer().connect(transport);
  await transport.handleRequest(request, response, body);
}

async function openSse(response: ServerResponse, handlers: Handlers) {
  const transport = new SSEServerTransport('/messages', response);
  handlers.sseSessions.set(transport.sessionId, transport);
  response.on('close', () => handlers.sseSessions.delete(transport.sessionId));
  await handlers.options.createServer().connect(transport);
}

const invalidBody = Symbol('invalid body');

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return invalidBody;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return invalidBody;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendRpcError(response: ServerResponse, status: number, code: number, message: string) {
  sendJson(response, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

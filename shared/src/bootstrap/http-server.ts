import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../logger.js';
import type { UpstreamCheck } from '../upstream.js';
import { readJson, sendJson, sendRpcError, unreadable } from './http-replies.js';
import { checkRequest, defaultAllowedHosts, type GuardOptions, type GuardVerdict } from './request-guard.js';
import { createServerMetrics, type ServerMetrics } from './server-metrics.js';
import { defaultMaxSessions, makeRoomForSession } from './session-limit.js';
import { handleStateless } from './stateless-http.js';

export interface HttpServerOptions {
  createServer: () => McpServer;
  host: string;
  port: number;
  token: string | undefined;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  logger: Logger;
  identity: { name: string; version: string };
  /** A Streamable session with no request or stream open for this long is closed (default 30 min). */
  sessionIdleMs?: number;
  /** Sessions (Streamable and SSE) open at once; past it the least recently used idle one is closed. */
  maxSessions?: number;
  /** Whether the cluster or account behind the server is set up and answering, for /healthz. */
  upstream?: UpstreamCheck;
  /**
   * No sessions: a fresh MCP server per POST, answered in JSON, so any replica serves any request. No
   * server-initiated requests either (elicitation), so no confirmed writes.
   */
  stateless?: boolean;
  /** Accepted at /metrics besides `token` (SRE_METRICS_TOKEN). */
  metricsToken?: string | undefined;
}

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

const defaultSessionIdleMs = 30 * 60_000;

/** A Streamable HTTP session, and whether its client still seems to be there. */
interface StreamSession {
  transport: StreamableHTTPServerTransport;
  lastSeen: number;
  /** Requests and GET streams in progress: a session with one open is never idle. */
  open: number;
  close(): void;
}

/**
 * Streamable HTTP at /mcp (one MCP server per session, or per request when stateless), legacy SSE at
 * /sse + /messages for older clients, /healthz for probes and /metrics for Prometheus.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const streams = new Map<string, StreamSession>();
  const sseSessions = new Map<string, SSEServerTransport>();
  const idleMs = options.sessionIdleMs ?? defaultSessionIdleMs;
  const sweeper = setInterval(() => closeIdleSessions(streams, idleMs), Math.min(idleMs, 60_000));
  sweeper.unref();
  const guard: GuardOptions = {
    allowedHosts: [],
    allowedOrigins: options.allowedOrigins,
    token: options.token,
  };
  const metrics = await createServerMetrics({
    server: options.identity.name,
    sessions: () => ({ streamable: streams.size, sse: sseSessions.size }),
  });
  const handlers: Handlers = { streams, sseSessions, options, opening: 0, metrics };

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
      clearInterval(sweeper);
      const transports = [
        ...[...streams.values()].map((session) => session.transport),
        ...sseSessions.values(),
      ];
      await Promise.allSettled(transports.map((transport) => transport.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A Streamable client that goes away without DELETE leaves its session (and MCP server) behind;
 * without this, a long-running server would hold every one it ever opened.
 */
function closeIdleSessions(streams: Map<string, StreamSession>, idleMs: number) {
  const now = Date.now();
  for (const session of streams.values()) {
    if (session.open === 0 && now - session.lastSeen > idleMs) void session.transport.close();
  }
}

interface Handlers {
  streams: Map<string, StreamSession>;
  sseSessions: Map<string, SSEServerTransport>;
  options: HttpServerOptions;
  /** Sessions being set up: not in either map yet, but they count against the cap. */
  opening: number;
  metrics: ServerMetrics;
}

/** Room for one more session under SRE_MCP_MAX_SESSIONS, or a 503 the caller has already sent. */
function reserveSession(handlers: Handlers, response: ServerResponse): boolean {
  const inUse = handlers.streams.size + handlers.sseSessions.size + handlers.opening;
  const max = handlers.options.maxSessions ?? defaultMaxSessions;
  if (makeRoomForSession(handlers.streams.values(), inUse, max)) {
    handlers.opening += 1;
    return true;
  }
  handlers.options.logger.warn('session limit reached, every session busy', { maxSessions: max });
  response.setHeader('Retry-After', '5');
  sendRpcError(
    response,
    503,
    -32000,
    `Server busy: all ${max} sessions are in use (SRE_MCP_MAX_SESSIONS). Retry shortly, or close unused sessions.`,
  );
  return false;
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  guard: GuardOptions,
  handlers: Handlers,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz' && request.method === 'GET') {
    // Still 200 when the upstream is down: a liveness probe that restarts this process cannot fix that.
    const upstream = await handlers.options.upstream?.();
    return sendJson(response, 200, {
      status: 'ok',
      ...handlers.options.identity,
      ...(upstream ? { upstream } : {}),
    });
  }
  const known = ['/mcp', '/sse', '/messages', '/metrics'].includes(url.pathname);
  if (!known)
    return sendJson(response, 404, { error: `no route ${url.pathname}; use /mcp, /sse or /healthz` });
  const metricsPath = url.pathname === '/metrics';
  const verdict = metricsPath
    ? checkMetricsRequest(request, guard, handlers.options.metricsToken)
    : checkRequest(request, guard);
  if (!verdict.ok) {
    if (verdict.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    return sendJson(response, verdict.status, { error: verdict.message });
  }
  if (metricsPath && request.method === 'GET') {
    const { contentType, body } = await handlers.metrics.render();
    return void response.writeHead(200, { 'content-type': contentType }).end(body);
  }
  if (url.pathname === '/mcp') return handleStreamable(request, response, handlers);
  if (handlers.options.stateless && url.pathname !== '/metrics') {
    return sendJson(response, 404, {
      error: `${url.pathname}: legacy SSE needs a session, and this server is stateless (SRE_MCP_STATELESS); use Streamable HTTP at /mcp`,
    });
  }
  if (url.pathname === '/sse' && request.method === 'GET') return openSse(response, handlers);
  if (url.pathname === '/messages' && request.method === 'POST') {
    const transport = handlers.sseSessions.get(url.searchParams.get('sessionId') ?? '');
    if (!transport) return sendJson(response, 404, { error: 'unknown SSE session; open /sse first' });
    return transport.handlePostMessage(request, response);
  }
  return sendJson(response, 405, { error: `${request.method} is not allowed on ${url.pathname}` });
}

/**
 * Scrapers hold their own token (SRE_METRICS_TOKEN) or the server's; the Host and Origin checks apply
 * as on /mcp. With neither token set, /metrics is as open as /mcp.
 */
function checkMetricsRequest(
  request: IncomingMessage,
  guard: GuardOptions,
  metricsToken: string | undefined,
): GuardVerdict {
  const verdict = checkRequest(request, guard.token ? guard : { ...guard, token: metricsToken });
  if (verdict.ok || verdict.reason !== 'token' || !metricsToken || !guard.token) return verdict;
  return checkRequest(request, { ...guard, token: metricsToken });
}

async function handleStreamable(request: IncomingMessage, response: ServerResponse, handlers: Handlers) {
  const sessionId = header(request, 'mcp-session-id');
  const body = request.method === 'POST' ? await readJson(request, response) : undefined;
  if (body === unreadable) return;
  if (handlers.options.stateless) {
    return handleStateless(request, response, body, {
      createServer: handlers.options.createServer,
      watch: handlers.metrics.watch,
    });
  }
  const existing = sessionId ? handlers.streams.get(sessionId) : undefined;
  if (existing) {
    trackActivity(existing, response);
    return existing.transport.handleRequest(request, response, body);
  }
  if (sessionId) {
    // Behind a Service with several replicas this is also a session opened on another replica.
    return sendRpcError(
      response,
      404,
      -32001,
      'Session not found (closed, expired, or opened on another replica: session mode needs sticky sessions on the Mcp-Session-Id header); initialize a new one',
    );
  }
  if (request.method !== 'POST' || !isInitializeRequest(body)) {
    return sendRpcError(response, 400, -32000, 'No session: the first request must be initialize');
  }
  if (!reserveSession(handlers, response)) return;
  try {
    await openStreamable(request, response, body, handlers);
  } finally {
    handlers.opening -= 1;
  }
}

async function openStreamable(
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  handlers: Handlers,
) {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      handlers.streams.set(id, {
        transport,
        lastSeen: Date.now(),
        open: 0,
        // Out of the map at once, so a burst of initializes cannot pick the same victim twice.
        close: () => {
          handlers.streams.delete(id);
          void transport.close();
        },
      });
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) handlers.streams.delete(transport.sessionId);
  };
  await handlers.options.createServer().connect(transport);
  handlers.metrics.watch(transport);
  await transport.handleRequest(request, response, body);
}

function trackActivity(session: StreamSession, response: ServerResponse) {
  session.open += 1;
  session.lastSeen = Date.now();
  response.once('close', () => {
    session.open -= 1;
    session.lastSeen = Date.now();
  });
}

async function openSse(response: ServerResponse, handlers: Handlers) {
  if (!reserveSession(handlers, response)) return;
  handlers.opening -= 1;
  const transport = new SSEServerTransport('/messages', response);
  handlers.sseSessions.set(transport.sessionId, transport);
  response.on('close', () => handlers.sseSessions.delete(transport.sessionId));
  await handlers.options.createServer().connect(transport);
  handlers.metrics.watch(transport);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

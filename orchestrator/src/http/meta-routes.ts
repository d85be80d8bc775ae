import { Hono } from 'hono';
import type { McpServerHealth, Runner, SessionStore } from '../adk/types.js';
import type { AppEnv } from './app-env.js';

interface MetaDeps {
  store: Pick<SessionStore, 'ping'>;
  runner: Pick<Runner, 'health'>;
  appName: string;
  version: string;
  /** How long a health probe waits for the database or the MCP servers. */
  healthTimeoutMs?: number;
}

/** `/list-apps`, `/health` (database and MCP servers) and `/version`. */
export function metaRoutes(deps: MetaDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const timeoutMs = deps.healthTimeoutMs ?? 3_000;

  routes.get('/list-apps', (c) => c.json([deps.appName]));

  routes.get('/version', (c) => c.json({ name: 'sre-agent', version: deps.version }));

  routes.get('/health', async (c) => {
    const [database, servers] = await Promise.allSettled([
      withTimeout(deps.store.ping(), timeoutMs, 'database'),
      withTimeout(deps.runner.health(), timeoutMs, 'MCP servers'),
    ]);
    // Failure text may name hosts and paths: only an operator (the service token, or an open API
    // on a trusted network) sees it, not an anonymous probe nor a single user's token.
    const principal = c.get('principal');
    const detailed = principal !== undefined && principal.kind !== 'user';
    const mcpServers = servers.status === 'fulfilled' ? redact(servers.value, detailed) : {};
    const databaseOk = database.status === 'fulfilled';
    // A server up in front of a cluster it cannot reach (no kubeconfig, no credentials) is not "ok" either.
    const serversOk =
      servers.status === 'fulfilled' &&
      Object.values(servers.value).every(
        (server) =>
          server.ok && server.upstream?.configured !== false && server.upstream?.reachable !== false,
      );
    const status = !databaseOk ? 'unavailable' : serversOk ? 'ok' : 'degraded';
    const body = {
      status,
      database: { ok: databaseOk },
      mcpServers,
      ...(servers.status === 'rejected' && detailed ? { error: 'MCP server health check failed' } : {}),
    };
    // Without a database no turn can run; a missing MCP server only removes its tools.
    return c.json(body, databaseOk ? 200 : 503);
  });

  return routes;
}

function redact(
  servers: Record<string, McpServerHealth>,
  detailed: boolean,
): Record<string, McpServerHealth | Omit<McpServerHealth, 'error' | 'upstream'>> {
  if (detailed) return servers;
  // The upstream's detail names paths, contexts and URLs: the verdict only, like the failure text.
  return Object.fromEntries(
    Object.entries(servers).map(([name, { ok, tools, upstream }]) => [
      name,
      {
        ok,
        tools,
        ...(upstream ? { upstream: { configured: upstream.configured, reachable: upstream.reachable } } : {}),
      },
    ]),
  );
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

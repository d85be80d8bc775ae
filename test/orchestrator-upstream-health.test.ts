// The orchestrator's /health per MCP server: not only "the process answers ping" but whether the cluster
// behind it is configured and reachable, read from the real k8s server's health://upstream resource over
// MCP (Streamable HTTP), with the fake kube-apiserver up, down, and with no kubeconfig at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createK8sServer,
  createKubeClientProvider,
  createKubeUpstreamCheck,
  parseK8sConfig,
} from '@sre-agent/k8s';
import { cacheUpstreamCheck, createLogger, parseServerConfig } from '@sre-agent/shared';
import { type RunningHttpServer, startHttpServer } from '@sre-agent/shared/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStore } from '../orchestrator/src/adk/types.ts';
import { createUserToken } from '../orchestrator/src/http/auth.ts';
import { createApp } from '../orchestrator/src/http/create-app.ts';
import { createMcpHub, type McpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import { defaultFixtures, type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';

const logger = createLogger({ name: 'test', level: 'error', write: () => {} });
const secret = 'a-long-enough-service-token';
let api: FakeKubeApiServer;
let dir: string;
// /health pings the database too; that part is not under test here (and PGlite is slow to start).
const store = { ping: async () => {} } as unknown as SessionStore;
const servers: RunningHttpServer[] = [];
let hub: McpHub;

/** The k8s server over HTTP as a deployment runs it, with its own upstream check. */
async function k8sOverHttp(env: Record<string, string>, home: string): Promise<string> {
  const k8sConfig = parseK8sConfig(env);
  const kube = createKubeClientProvider(k8sConfig);
  // As main.ts wires it, but checked afresh on every read so the test sees the cluster go down.
  const upstream = cacheUpstreamCheck(createKubeUpstreamCheck({ config: k8sConfig, kube, env, home }), {
    ttlMs: 0,
  });
  const deps = { kube, config: k8sConfig, now: () => new Date() };
  const http = await startHttpServer({
    createServer: () => createK8sServer({ deps, config: parseServerConfig({}), logger, upstream }),
    host: '127.0.0.1',
    port: 0,
    token: undefined,
    allowedHosts: [],
    allowedOrigins: [],
    logger,
    identity: { name: 'sre-k8s-mcp', version: 'test' },
    upstream,
  });
  servers.push(http);
  return `${http.url}/mcp`;
}

beforeAll(async () => {
  api = await startKubeApiServer(defaultFixtures(new Date()));
  dir = mkdtempSync(join(tmpdir(), 'upstream-health-'));
  const kubeconfig = api.writeKubeconfig(dir, { contextName: 'prod' });
  hub = await createMcpHub({
    servers: [
      { name: 'k8s', url: await k8sOverHttp({ KUBECONFIG: kubeconfig }, dir) },
      { name: 'k8s_nowhere', url: await k8sOverHttp({}, join(dir, 'empty-home')) },
    ],
    logger,
  });
}, 30_000);

afterAll(async () => {
  await hub?.close();
  for (const server of servers) await server.close();

  await api.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function app(apiToken?: string) {
  return createApp({
    store,
    runner: { run: async function* () {}, health: () => hub.health() },
    config: { apiToken, corsOrigins: [] },
    logger,
    version: 'test',
  });
}

describe('/health with the upstream of each MCP server', () => {
  it('shows a reachable cluster, a missing kubeconfig, and then a cluster gone down', async () => {
    // The first check also loads the Kubernetes client, and may say "not answered yet" (reachable null).
    const body = await eventually(async () => {
      const response = await app().request('/health');
      expect(response.status).toBe(200);
      const json = (await response.json()) as { mcpServers: { k8s?: { upstream?: { reachable: unknown } } } };
      return json.mcpServers.k8s?.upstream?.reachable === null ? undefined : json;
    });
    expect(body).toMatchObject({
      status: 'degraded',
      mcpServers: {
        k8s: {
          ok: true,
          upstream: {
            configured: true,
            reachable: true,
            detail: expect.stringMatching(/^context "prod" at .*Kubernetes v/),
          },
        },
        k8s_nowhere: {
          ok: true,
          upstream: {
            configured: false,
            reachable: false,
            detail: expect.stringMatching(/^No kubeconfig found/),
          },
        },
      },
    });

    await api.close();
    const down = await eventually(async () => {
      const json = (await (await app().request('/health')).json()) as {
        mcpServers: { k8s?: { upstream?: { reachable: unknown } } };
      };
      return json.mcpServers.k8s?.upstream?.reachable === false ? json : undefined;
    });
    expect(down).toMatchObject({
      status: 'degraded',
      mcpServers: {
        k8s: {
          ok: true,
          upstream: { configured: true, reachable: false, detail: expect.stringMatching(/unreachable/) },
        },
      },
    });
  });

  it("shows a user's token the verdict but not the detail (paths, contexts, URLs)", async () => {
    const secured = app(secret);
    const asUser = await (
      await secured.request('/health', {
        headers: { Authorization: `Bearer ${createUserToken(secret, 'alice')}` },
      })
    ).json();
    expect(asUser).toMatchObject({
      mcpServers: { k8s_nowhere: { upstream: { configured: false, reachable: false } } },
    });
    expect(asUser).not.toHaveProperty('mcpServers.k8s_nowhere.upstream.detail');
    const asService = await (
      await secured.request('/health', { headers: { Authorization: `Bearer ${secret}` } })
    ).json();
    expect(asService).toHaveProperty('mcpServers.k8s_nowhere.upstream.detail');
  });
});

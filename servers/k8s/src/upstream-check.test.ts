import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createLogger, parseServerConfig, type UpstreamStatus, upstreamResourceUri } from '@sre-agent/shared';
import {
  defaultFixtures,
  type FakeKubeApiServer,
  startKubeApiServer,
} from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseK8sConfig } from './config.js';
import { createKubeClientProvider } from './kube-client.js';
import { createK8sServer } from './server.js';
import { createKubeUpstreamCheck } from './upstream-check.js';

// The k8s server's `health://upstream` resource, read by a real MCP client, with the fake API server
// up, down, refusing the credentials, and with no kubeconfig at all.
const token = 'a-token-the-fake-requires';
let api: FakeKubeApiServer;
let dir: string;
const clients: Client[] = [];

beforeAll(async () => {
  api = await startKubeApiServer({ ...defaultFixtures(new Date()), token });
  dir = mkdtempSync(join(tmpdir(), 'k8s-upstream-'));
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});
afterAll(async () => {
  await api.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

async function readUpstream(
  env: Record<string, string>,
  home = dir,
  timeoutMs?: number,
): Promise<UpstreamStatus> {
  const k8sConfig = parseK8sConfig(env);
  const kube = createKubeClientProvider(k8sConfig);
  const server = createK8sServer({
    deps: { kube, config: k8sConfig, now: () => new Date() },
    config: parseServerConfig({}),
    logger: createLogger({ name: 'k8s-test', write: () => {} }),
    upstream: createKubeUpstreamCheck({
      config: k8sConfig,
      kube,
      env,
      home,
      ...(timeoutMs ? { timeoutMs } : {}),
    }),
  });
  const client = new Client({ name: 'health-probe', version: '1' });
  clients.push(client);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  const { contents } = await client.readResource({ uri: upstreamResourceUri });
  const [content] = contents;
  return JSON.parse(content && 'text' in content ? content.text : '') as UpstreamStatus;
}

describe('health://upstream of the k8s server', () => {
  it('says the cluster answers, naming the context, server and version, never the token', async () => {
    const kubeconfig = api.writeKubeconfig(dir, { contextName: 'staging' });
    const status = await readUpstream({ KUBECONFIG: kubeconfig });
    expect(status).toEqual({
      configured: true,
      reachable: true,
      detail: expect.stringMatching(/^context "staging" at https?:\/\/127\.0\.0\.1:\d+: Kubernetes v\d/),
    });
    expect(JSON.stringify(status)).not.toContain(token);
    expect(api.requests.some((request) => request.path === '/version')).toBe(true);
  });

  it('says the credentials were refused', async () => {
    const kubeconfig = api.writeKubeconfig(dir, { contextName: 'stale', token: 'an-expired-token-value' });
    const status = await readUpstream({ KUBECONFIG: kubeconfig });
    expect(status).toMatchObject({ configured: true, reachable: false });
    expect(status.detail).toMatch(/context "stale" .*rejected the credentials \(401\)/);
    expect(status.detail).not.toContain('an-expired-token-value');
  });

  it('says no kubeconfig was found, naming what was tried and what to set', async () => {
    const status = await readUpstream({}, join(dir, 'empty-home'));
    expect(status).toEqual({
      configured: false,
      reachable: false,
      detail: expect.stringMatching(
        /^No kubeconfig found: KUBECONFIG is unset, .*empty-home\/\.kube\/config does not exist.*Set KUBECONFIG/,
      ),
    });
    const pointedNowhere = await readUpstream({ KUBECONFIG: join(dir, 'missing.yaml') });
    expect(pointedNowhere).toMatchObject({ configured: false, reachable: false });
    expect(pointedNowhere.detail).toContain('missing.yaml, but no such file exists');
  });

  it('says the API server is unreachable when it accepts the connection but never answers', async () => {
    const sockets: Socket[] = [];
    const blackHole = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as AddressInfo;
    try {
      const kubeconfig = api.writeKubeconfig(dir, { contextName: 'hung' });
      writeFileSync(
        kubeconfig,
        readFileSync(kubeconfig, 'utf8').replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`),
      );
      const status = await readUpstream({ KUBECONFIG: kubeconfig }, dir, 300);
      expect(status).toEqual({
        configured: true,
        reachable: false,
        detail: `context "hung" at http://127.0.0.1:${port}: unreachable: no answer to GET /version within 300 ms`,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });

  it('says the API server is unreachable once it is down', async () => {
    const kubeconfig = api.writeKubeconfig(dir, { contextName: 'gone' });
    await api.close();
    const status = await readUpstream({ KUBECONFIG: kubeconfig });
    expect(status).toMatchObject({ configured: true, reachable: false });
    expect(status.detail).toMatch(
      /^context "gone" at https?:\/\/127\.0\.0\.1:\d+: unreachable: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
  });
});

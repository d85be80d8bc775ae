import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeGet } from './kube-http.js';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** An API server that answers every GET with `body`, gzipped when the client accepts it, as the real one does. */
async function startServer(body: string) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'Content-Type': 'application/json',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    response.end(gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function kubeConfigFor(server: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'kubeconfig-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kubeConfig;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('kubeGet', () => {
  it("sends the kubeconfig's token and the query under the cluster URL's own path", async () => {
    const server = await startServer('{"kind":"PodList","items":[]}');
    closers.push(server.close);
    const kubeConfig = kubeConfigFor(`${server.url}/k8s/clusters/c-1`);
    const response = await kubeGet(kubeConfig, {
      path: '/api/v1/pods',
      query: { limit: '500', continue: undefined, labelSelector: '' },
      accept: 'application/json',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"kind":"PodList","items":[]}');
    expect(server.seen[0]?.url).toBe('/k8s/clusters/c-1/api/v1/pods?limit=500');
    expect(server.seen[0]?.headers).toMatchObject({
      authorization: 'Bearer kubeconfig-token',
      accept: 'application/json',
      'user-agent': 'kubernetes-client-javascript (sre-k8s-mcp)',
    });
  });

  it('asks for gzip, as large lists come from a real API server, and streams them decompressed', async () => {
    const items = Array.from({ length: 2_000 }, (_, index) => ({ metadata: { name: `pod-${index}` } }));
    const body = JSON.stringify({ kind: 'PodList', items });
    const server = await startServer(body);
    closers.push(server.close);
    const response = await kubeGet(kubeConfigFor(server.url), {
      path: '/api/v1/pods',
      accept: 'application/json',
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream()) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(body);
  });
});

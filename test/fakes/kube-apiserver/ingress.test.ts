import { NetworkingV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeKubeApiServer, KubeObject } from './index.ts';
import { startKubeApiServer } from './index.ts';
import { failure, loadKubeConfig, tempDir } from './testing.ts';

const ingress: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'storefront', namespace: 'web' },
  spec: {
    rules: [
      {
        host: 'shop.example.com',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'storefront', port: { number: 80 } } },
            },
          ],
        },
      },
    ],
  },
};

let server: FakeKubeApiServer;
let networking: NetworkingV1Api;

beforeAll(async () => {
  server = await startKubeApiServer({ objects: [ingress] });
  networking = loadKubeConfig(server.writeKubeconfig(tempDir())).makeApiClient(NetworkingV1Api);
});
afterAll(() => server.close());

describe('networking.k8s.io/v1 Ingresses', () => {
  it('lists and reads them with the real client', async () => {
    const list = await networking.listIngressForAllNamespaces();
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['storefront']);
    const one = await networking.readNamespacedIngress({ namespace: 'web', name: 'storefront' });
    expect(one.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe('storefront');
  });

  it('answers a missing one as the real server does', async () => {
    const { code, status } = await failure(
      networking.readNamespacedIngress({ namespace: 'web', name: 'nope' }),
    );
    expect(code).toBe(404);
    expect(status.message).toBe('ingresses.networking.k8s.io "nope" not found');
  });
});

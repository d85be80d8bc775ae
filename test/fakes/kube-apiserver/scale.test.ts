import type { V1Deployment } from '@kubernetes/client-node';
import { AppsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeKubeApiServer } from './index.ts';
import { startKubeApiServer } from './index.ts';
import { failure, loadKubeConfig, tempDir } from './testing.ts';

let server: FakeKubeApiServer;
let apps: AppsV1Api;

beforeAll(async () => {
  server = await startKubeApiServer();
  apps = loadKubeConfig(server.writeKubeconfig(tempDir())).makeApiClient(AppsV1Api);
});
afterAll(() => server.close());

describe('scale and patch', () => {
  const stored = (name: string) => server.store.get<V1Deployment>('deployments', 'payments', name)!;

  it('reads the Scale subresource', async () => {
    const scale = await apps.readNamespacedDeploymentScale({ namespace: 'payments', name: 'checkout' });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 } });
    expect(scale.status?.selector).toBe('app=checkout');
  });

  it('patches scale with the client default (JSON patch) and with merge patch', async () => {
    const before = stored('checkout');
    const out = await apps.patchNamespacedDeploymentScale({
      namespace: 'payments',
      name: 'checkout',
      body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
    });
    expect(out.spec?.replicas).toBe(5);
    const after = stored('checkout');
    expect(after.spec?.replicas).toBe(5);
    expect(after.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
    expect(Number(after.metadata?.resourceVersion)).toBeGreaterThan(Number(before.metadata?.resourceVersion));
    await apps.patchNamespacedDeploymentScale(
      { namespace: 'payments', name: 'checkout', body: { spec: { replicas: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(stored('checkout').spec?.replicas).toBe(4);
    const last = server.requests.at(-1);
    expect(last).toMatchObject({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/payments/deployments/checkout/scale',
    });
  });

  it('replaces scale, honours dryRun, and refuses negative replicas with 422', async () => {
    await apps.replaceNamespacedDeploymentScale({
      namespace: 'payments',
      name: 'checkout',
      body: {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'checkout', namespace: 'payments' },
        spec: { replicas: 3 },
      },
    });
    expect(stored('checkout').spec?.replicas).toBe(3);
    const dry = await apps.patchNamespacedDeploymentScale(
      { namespace: 'payments', name: 'checkout', body: { spec: { replicas: 9 } }, dryRun: 'All' },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(dry.spec?.replicas).toBe(9);
    expect(stored('checkout').spec?.replicas).toBe(3);
    const bad = await failure(
      apps.patchNamespacedDeploymentScale({
        namespace: 'payments',
        name: 'checkout',
        body: [{ op: 'replace', path: '/spec/replicas', value: -1 }],
      }),
    );
    expect(bad).toMatchObject({ code: 422, status: { reason: 'Invalid' } });
  });

  it('patches the deployment itself with strategic merge patch and reports a stale resourceVersion as 409', async () => {
    const out = await apps.patchNamespacedDeployment(
      { namespace: 'payments', name: 'batch-reports', body: { spec: { replicas: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(out.spec?.replicas).toBe(1);
    expect(stored('batch-reports').spec?.replicas).toBe(1);
    const stale = await failure(
      apps.patchNamespacedDeployment(
        {
          namespace: 'payments',
          name: 'batch-reports',
          body: { metadata: { resourceVersion: '1' }, spec: { replicas: 0 } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(stale).toMatchObject({ code: 409, status: { reason: 'Conflict' } });
  });
});

describe('scale edge cases', () => {
  it('omits spec.replicas of a Scale at zero, like the real wire', async () => {
    await apps.patchNamespacedDeploymentScale({
      namespace: 'payments',
      name: 'batch-reports',
      body: [{ op: 'replace', path: '/spec/replicas', value: 0 }],
    });
    const scale = await apps.readNamespacedDeploymentScale({ namespace: 'payments', name: 'batch-reports' });
    expect(scale.spec?.replicas).toBeUndefined();
    expect(scale.status?.replicas).toBe(0);
    expect(server.store.get<V1Deployment>('deployments', 'payments', 'batch-reports')?.spec?.replicas).toBe(
      0,
    );
  });

  it('scales statefulsets too, and records the patch content type', async () => {
    await apps.patchNamespacedStatefulSetScale(
      { namespace: 'payments', name: 'ledger-db', body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(server.store.get('statefulsets', 'payments', 'ledger-db')?.spec.replicas).toBe(3);
    expect(server.requests.at(-1)?.contentType).toBe('application/merge-patch+json');
  });

  it('refuses server-side apply with 415 and unknown deployments with 404', async () => {
    const apply = await failure(
      apps.patchNamespacedDeployment(
        { namespace: 'payments', name: 'checkout', body: { spec: { replicas: 2 } }, fieldManager: 'x' },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      ),
    );
    expect(apply.code).toBe(415);
    const missing = await failure(
      apps.patchNamespacedDeploymentScale({
        namespace: 'payments',
        name: 'x',
        body: [{ op: 'replace', path: '/spec/replicas', value: 1 }],
      }),
    );
    expect(missing).toMatchObject({ code: 404, status: { message: 'deployments.apps "x" not found' } });
  });
});

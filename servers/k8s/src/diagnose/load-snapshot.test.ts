import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  diagnosisFixtures,
  type FakeKubeApiServer,
  type KubeObject,
  startKubeApiServer,
} from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { parseK8sConfig } from '../config.js';
import { createKubeClientProvider, type KubeApis } from '../kube-client.js';
import { loadSnapshot } from './load-snapshot.js';

const now = new Date('2026-03-01T12:00:00Z');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()));
});

async function connect(
  objects: KubeObject[],
  withMetrics = true,
): Promise<{ api: FakeKubeApiServer; apis: KubeApis }> {
  const fixture = diagnosisFixtures(now);
  const api = await startKubeApiServer({
    objects,
    now: () => now,
    ...(withMetrics ? { metrics: fixture.metrics } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'load-snapshot-'));
  cleanup.push(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = parseK8sConfig({ KUBECONFIG: api.writeKubeconfig(dir) });
  return { api, apis: await createKubeClientProvider(config).forContext() };
}

const event = (name: string, agoSeconds: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'shop' },
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'x' },
  reason: 'BackOff',
  message: name,
  type: 'Warning',
  lastTimestamp: new Date(now.getTime() - agoSeconds * 1000).toISOString(),
});

describe('loadSnapshot', () => {
  it('keeps the last two hours of events, newest first, and reads pod usage', async () => {
    const objects = [
      ...diagnosisFixtures(now).objects.filter((o) => o.kind !== 'Event'),
      event('old', 3 * 3600),
      event('recent', 60),
      event('newest', 5),
    ];
    const { apis } = await connect(objects);
    const snapshot = await loadSnapshot(apis, { allowedNamespaces: [] }, { now });
    expect(snapshot.events.map((item) => item.message)).toEqual(['newest', 'recent']);
    expect(snapshot.podUsage?.[0]?.containers[0]).toEqual({
      name: 'app',
      cpuMillicores: 120,
      memoryBytes: 250 * 2 ** 20,
    });
    expect(snapshot.pods.length).toBeGreaterThan(10);
    expect(snapshot.unreadable).toEqual([]);
  });

  it('reads usage only in namespaces with OOM-killed pods, and otherwise only asks whether metrics are served', async () => {
    const healthy = diagnosisFixtures(now).objects.filter(
      (o) => o.kind !== 'Pod' || !o.metadata.name.startsWith('cache-'),
    );
    const { api, apis } = await connect(healthy);
    const served = await loadSnapshot(apis, { allowedNamespaces: [] }, { now });
    expect(served.podUsage).toEqual([]);
    const metricsReads = api.requests.filter((request) => request.path.includes('metrics.k8s.io'));
    expect(metricsReads.map((request) => request.path)).toEqual(['/apis/metrics.k8s.io/v1beta1']);
    const { apis: without } = await connect(healthy, false);
    expect((await loadSnapshot(without, { allowedNamespaces: [] }, { now })).podUsage).toBeUndefined();
  });

  it('treats a missing metrics API as no metrics, a failing list as a gap, and bad credentials as a failure', async () => {
    const { api, apis } = await connect(diagnosisFixtures(now).objects, false);
    api.failNext({ pathIncludes: '/namespaces/shop/events' }, 500);
    const snapshot = await loadSnapshot(apis, { allowedNamespaces: [] }, { now, namespace: 'shop' });
    expect(snapshot.podUsage).toBeUndefined();
    expect(snapshot.unreadable).toEqual(['events: HTTP 500']);
    expect(snapshot.namespace).toBe('shop');
    api.failNext({ pathIncludes: '/api/v1/pods' }, 401);
    await expect(loadSnapshot(apis, { allowedNamespaces: [] }, { now })).rejects.toThrow(/401 Unauthorized/);
  });
});

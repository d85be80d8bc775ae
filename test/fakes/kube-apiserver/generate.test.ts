import { CoreV1Api } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { generateLargeCluster } from './generate.ts';
import { startKubeApiServer } from './start-kube-api-server.ts';
import { loadKubeConfig, tempDir } from './testing.ts';
import type { KubeObject } from './types.ts';

const now = new Date('2025-03-01T12:00:00Z');
const kinds = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);

const podHealth = (pod: KubeObject): string => {
  const s = pod.status.containerStatuses?.[0];
  return s?.state?.waiting?.reason ?? s?.lastState?.terminated?.reason ?? pod.status.phase;
};

// Generated once and shared: building 10k pods is the slow part of this file. How fast it is
// is measured by `npm run bench`, not asserted here: a busy 2-core CI machine made it flaky.
const large = generateLargeCluster({ pods: 10_000, seed: 2, now });

describe('generateLargeCluster', () => {
  it('builds 10,000 pods, ~95% Running, with every failure mode present', () => {
    const { objects } = large;
    const pods = kinds(objects, 'Pod');
    expect(pods).toHaveLength(10_000);
    const counts: Record<string, number> = {};
    for (const p of pods) counts[podHealth(p)] = (counts[podHealth(p)] ?? 0) + 1;
    expect(counts.Running! / pods.length).toBeGreaterThan(0.93);
    expect(counts.Running! / pods.length).toBeLessThan(0.97);
    for (const mode of ['CrashLoopBackOff', 'Pending', 'ImagePullBackOff', 'OOMKilled']) {
      expect(counts[mode]).toBeGreaterThan(20);
    }
  });

  it('is deterministic for a seed and different across seeds', () => {
    const names = (seed: number) =>
      kinds(generateLargeCluster({ pods: 300, seed, now }).objects, 'Pod').map((p) => p.metadata.name);
    expect(names(5)).toEqual(names(5));
    expect(names(5)).not.toEqual(names(6));
  });

  it('chains ownership pod -> replicaset -> deployment and places pods on existing nodes', () => {
    const { objects } = generateLargeCluster({ pods: 1000, namespaces: 4, seed: 3, now });
    const uids = new Map(objects.map((o) => [o.metadata.uid, o]));
    const nodes = new Set(kinds(objects, 'Node').map((n) => n.metadata.name));
    expect(kinds(objects, 'Namespace')).toHaveLength(4);
    for (const pod of kinds(objects, 'Pod')) {
      const rs = uids.get(pod.metadata.ownerReferences?.[0]?.uid);
      expect(rs?.kind).toBe('ReplicaSet');
      expect(uids.get(rs?.metadata.ownerReferences?.[0]?.uid)?.kind).toBe('Deployment');
      if (pod.spec.nodeName) expect(nodes.has(pod.spec.nodeName)).toBe(true);
    }
    expect(kinds(objects, 'Event').length).toBeGreaterThan(20);
  });

  it('pages a generated cluster through the real client, and 10,000 pods over raw HTTP', async () => {
    const server = await startKubeApiServer(large);
    try {
      // The client's model deserialisation dominates at this size, so it reads a slice of the pods.
      const core = loadKubeConfig(server.writeKubeconfig(tempDir())).makeApiClient(CoreV1Api);
      const namespace = 'checkout';
      let token: string | undefined;
      const names: string[] = [];
      do {
        const page = await core.listNamespacedPod({ namespace, limit: 100, _continue: token });
        names.push(...page.items.map((p) => p.metadata!.name!));
        token = page.metadata?._continue;
      } while (token);
      const all = server.store.list('pods', namespace).map((p) => p.metadata.name);
      expect(names).toEqual(all);
      expect(names.length).toBeGreaterThan(200);
      let seen = 0;
      let next = '';
      do {
        const query = `limit=1000${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
        const page = (await (await fetch(`${server.url}/api/v1/pods?${query}`)).json()) as {
          items: unknown[];
          metadata: { continue?: string };
        };
        seen += page.items.length;
        next = page.metadata.continue ?? '';
      } while (next);
      expect(seen).toBe(10_000);
    } finally {
      await server.close();
    }
  });
});

/** metrics.k8s.io/v1beta1 (what metrics-server serves): PodMetrics and NodeMetrics lists, read-only. */

import { hexHash } from './build.ts';
import type { KubeObject } from './types.ts';

export type ContainerUsage = { name: string; cpu: string; memory: string };
export type PodMetricsInput = { namespace: string; name: string; containers: ContainerUsage[] };
export type NodeMetricsInput = { name: string; cpu: string; memory: string };
/** What the fake serves under metrics.k8s.io; absent = metrics-server not installed (404). */
export type MetricsData = { pods: PodMetricsInput[]; nodes: NodeMetricsInput[]; timestamp?: string };

const list = (kind: string, items: unknown[]) => ({
  kind,
  apiVersion: 'metrics.k8s.io/v1beta1',
  metadata: { resourceVersion: '' },
  items,
});

/**
 * The group's discovery document, or the list body for `/apis/metrics.k8s.io/v1beta1/{pods,nodes}` or
 * `.../namespaces/x/pods`;
 * undefined for any other path. Like the real metrics-server, it ignores `limit` and never pages.
 */
export const metricsList = (path: string, data: MetricsData): unknown => {
  const parts = path.split('/').filter(Boolean).slice(3);
  const timestamp = data.timestamp ?? new Date().toISOString();
  const [first, namespace, plural] = parts;
  if (parts.length === 0) {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'metrics.k8s.io/v1beta1',
      resources: [
        { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
        { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
      ],
    };
  }
  if (parts.length === 1 && first === 'nodes') {
    return list(
      'NodeMetricsList',
      data.nodes.map((n) => ({
        metadata: { name: n.name, creationTimestamp: timestamp },
        timestamp,
        window: '20.05s',
        usage: { cpu: n.cpu, memory: n.memory },
      })),
    );
  }
  const podsIn = (ns?: string) =>
    list(
      'PodMetricsList',
      data.pods
        .filter((p) => ns === undefined || p.namespace === ns)
        .map((p) => ({
          metadata: { name: p.name, namespace: p.namespace, creationTimestamp: timestamp },
          timestamp,
          window: '18.2s',
          containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: c.cpu, memory: c.memory } })),
        })),
    );
  if (parts.length === 1 && first === 'pods') return podsIn();
  if (parts.length === 3 && first === 'namespaces' && plural === 'pods') return podsIn(namespace);
  return undefined;
};

/** Plausible, deterministic usage for every running pod and every node of a fixture (benchmarks). */
export const metricsFor = (objects: readonly KubeObject[]): MetricsData => {
  const spread = (text: string, max: number) => (Number.parseInt(hexHash(text, 6), 16) % max) + 1;
  const pods = objects
    .filter((o) => o.kind === 'Pod' && o.status?.phase === 'Running')
    .map((o) => ({
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name,
      containers: (o.spec.containers as { name: string }[]).map((c) => ({
        name: c.name,
        cpu: `${spread(`${o.metadata.name}/cpu`, 400) * 1_000_000}n`,
        memory: `${spread(`${o.metadata.name}/mem`, 250_000)}Ki`,
      })),
    }));
  const nodes = objects
    .filter((o) => o.kind === 'Node')
    .map((o) => ({
      name: o.metadata.name,
      cpu: `${spread(o.metadata.name, 3000)}m`,
      memory: `${spread(o.metadata.name, 12_000_000)}Ki`,
    }));
  return { pods, nodes };
};

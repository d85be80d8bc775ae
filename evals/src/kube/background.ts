/**
 * The healthy noise every Kubernetes task starts from (unless `"background": false`): three Ready
 * nodes, the system add-ons, and other teams' workloads, some with the scars a real cluster carries
 * (an old restart, a one-off probe timeout, a job history). A task's own objects of the same kind
 * and name replace these, so "CoreDNS is failing" just redefines kube-system/coredns.
 */
import type { EventSpec, KubeScenario, NodeSpec, ServiceSpec, WorkloadSpec } from './types.ts';

export const BACKGROUND_NODES: NodeSpec[] = [
  { name: 'worker-1' },
  { name: 'worker-2' },
  { name: 'worker-3' },
];

export const BACKGROUND_NAMESPACES = ['default', 'kube-system', 'monitoring', 'web', 'batch'];

export const BACKGROUND_WORKLOADS: WorkloadSpec[] = [
  {
    kind: 'Deployment',
    namespace: 'kube-system',
    name: 'coredns',
    replicas: 2,
    image: 'registry.k8s.io/coredns/coredns:v1.11.1',
    port: 8181,
    probes: true,
    labels: { 'k8s-app': 'kube-dns' },
    createdDays: 200,
  },
  {
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'kube-proxy',
    image: 'registry.k8s.io/kube-proxy:v1.30.2',
    labels: { 'k8s-app': 'kube-proxy' },
  },
  {
    kind: 'DaemonSet',
    namespace: 'monitoring',
    name: 'node-exporter',
    image: 'quay.io/prometheus/node-exporter:v1.8.1',
    port: 9100,
  },
  {
    kind: 'StatefulSet',
    namespace: 'monitoring',
    name: 'prometheus',
    replicas: 1,
    image: 'quay.io/prometheus/prometheus:v2.53.0',
    port: 9090,
    probes: true,
  },
  {
    kind: 'Deployment',
    namespace: 'web',
    name: 'frontend',
    replicas: 3,
    image: 'registry.example.com/web/frontend:4.2.0',
    port: 3000,
    probes: true,
    service: { port: 80, targetPort: 3000 },
    // An old, recovered restart: noise a diagnosis should rank low.
    pods: [
      { state: 'Running', count: 2 },
      { state: 'Running', restarts: 2 },
    ],
  },
  {
    kind: 'Deployment',
    namespace: 'web',
    name: 'search',
    replicas: 2,
    image: 'registry.example.com/web/search:2.9.3',
    port: 8080,
    probes: true,
    service: true,
    // Evicted pods stay until garbage collection: days-old junk every real cluster carries.
    pods: [
      { state: 'Running', count: 2 },
      {
        state: 'Evicted',
        ageMinutes: 4 * 1440,
        quiet: true,
        message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91852Ki.',
      },
    ],
  },
  {
    kind: 'CronJob',
    namespace: 'batch',
    name: 'nightly-export',
    image: 'registry.example.com/batch/export:1.3.0',
    schedule: '0 1 * * *',
    lastScheduleMinutes: 126,
    pods: { state: 'Completed' },
  },
];

export const BACKGROUND_SERVICES: ServiceSpec[] = [
  {
    namespace: 'kube-system',
    name: 'kube-dns',
    selector: { 'k8s-app': 'kube-dns' },
    port: 53,
    targetPort: 53,
  },
];

export const BACKGROUND_EVENTS: EventSpec[] = [
  {
    namespace: 'web',
    on: { kind: 'Deployment', name: 'frontend' },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set frontend-5f7d8c9b6d to 3',
    component: 'deployment-controller',
    minutesAgo: 50,
  },
];

const key = (w: { kind?: string; namespace?: string; name: string }) =>
  `${w.kind ?? ''}/${w.namespace ?? ''}/${w.name}`;

/** The task's scenario laid over the background; the task wins on the same kind/namespace/name. */
export function withBackground(s: KubeScenario): KubeScenario {
  if (s.background === false) return s;
  const own = new Set((s.workloads ?? []).map(key));
  const ownNodes = new Set((s.nodes ?? []).map((n) => n.name));
  const ownServices = new Set((s.services ?? []).map((x) => key({ ...x, kind: 'Service' })));
  return {
    ...s,
    namespaces: [...new Set([...BACKGROUND_NAMESPACES, ...(s.namespaces ?? [])])],
    nodes: [...BACKGROUND_NODES.filter((n) => !ownNodes.has(n.name)), ...(s.nodes ?? [])],
    workloads: [...BACKGROUND_WORKLOADS.filter((w) => !own.has(key(w))), ...(s.workloads ?? [])],
    services: [
      ...BACKGROUND_SERVICES.filter((x) => !ownServices.has(key({ ...x, kind: 'Service' }))),
      ...(s.services ?? []),
    ],
    events: [...BACKGROUND_EVENTS, ...(s.events ?? [])],
  };
}

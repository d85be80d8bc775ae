/** Nodes, namespaces, claims, autoscalers, config and free-form events of a compact scenario. */
import type { Clock } from '../../../test/fakes/kube-apiserver/build.ts';
import { uid } from '../../../test/fakes/kube-apiserver/build.ts';
import type { EventInput } from '../../../test/fakes/kube-apiserver/fixtures-events.ts';
import {
  buildNamespace,
  buildNode,
  buildServiceAccount,
} from '../../../test/fakes/kube-apiserver/fixtures-system.ts';
import type { KubeObject } from '../../../test/fakes/kube-apiserver/index.ts';
import { nodeIp } from './pods.ts';
import type { EventSpec, HpaSpec, NodeSpec, PvcSpec } from './types.ts';

export function buildNodeFrom(clock: Clock, n: NodeSpec): KubeObject {
  const ready = n.ready ?? true;
  const zone = ['us-east-1a', 'us-east-1b', 'us-east-1c'][(Number(n.name.replace(/\D/g, '')) || 0) % 3]!;
  const node = buildNode(clock, { name: n.name, ip: nodeIp(n.name), ready, createdAgo: 86400 * 90, zone });
  if (n.labels) node.metadata.labels = { ...node.metadata.labels, ...n.labels };
  if (n.unschedulable) node.spec.unschedulable = true;
  const taints = [
    ...((node.spec.taints as unknown[]) ?? []),
    ...(n.taints ?? []).map((t) => ({ ...t, timeAdded: clock.ago(86400) })),
    ...(n.unschedulable
      ? [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: clock.ago(7200) }]
      : []),
  ];
  if (taints.length) node.spec.taints = taints;
  for (const type of n.pressure ?? []) {
    const condition = (node.status.conditions as Record<string, string>[]).find((c) => c.type === type);
    if (condition) {
      condition.status = 'True';
      condition.reason =
        type === 'DiskPressure'
          ? 'KubeletHasDiskPressure'
          : `KubeletHasInsufficient${type.replace('Pressure', '')}`;
      condition.message = `kubelet has ${type.replace('Pressure', '').toLowerCase()} pressure`;
    }
  }
  return node;
}

export const namespaceObjects = (clock: Clock, names: string[]): KubeObject[] =>
  names.flatMap((ns, i) => [
    buildNamespace(clock, ns, 86400 * (120 - i)),
    buildServiceAccount(clock, ns, 86400 * (120 - i)),
  ]);

export function buildPvc(clock: Clock, p: PvcSpec): KubeObject {
  const phase = p.phase ?? 'Bound';
  const bound = phase === 'Bound';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: uid('PersistentVolumeClaim', p.namespace, p.name),
      creationTimestamp: clock.ago(bound ? 86400 * 30 : 3600),
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: p.size ?? '20Gi' } },
      storageClassName: p.storageClass ?? 'gp3',
      volumeMode: 'Filesystem',
      ...(bound ? { volumeName: `pvc-${uid('PersistentVolumeClaim', p.namespace, p.name)}` } : {}),
    },
    status: bound
      ? { phase, accessModes: ['ReadWriteOnce'], capacity: { storage: p.size ?? '20Gi' } }
      : { phase },
  };
}

/** A claim left Pending because its StorageClass does not exist: the event the PV controller writes. */
export function pvcEvents(p: PvcSpec): EventInput[] {
  if ((p.phase ?? 'Bound') !== 'Pending') return [];
  return [
    {
      namespace: p.namespace,
      involved: { kind: 'PersistentVolumeClaim', namespace: p.namespace, name: p.name },
      type: 'Warning',
      reason: 'ProvisioningFailed',
      message: `storageclass.storage.k8s.io "${p.storageClass ?? 'gp3'}" not found`,
      component: 'persistentvolume-controller',
      count: 60,
      firstAgo: 3600,
      lastAgo: 20,
    },
  ];
}

const cond = (clock: Clock, type: string, ok: boolean, reason: string, message: string) => ({
  type,
  status: ok ? 'True' : 'False',
  lastTransitionTime: clock.ago(3600),
  reason,
  message,
});

export function buildHpa(clock: Clock, h: HpaSpec): KubeObject {
  const current = h.current ?? h.min ?? 2;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: h.name,
      namespace: h.namespace,
      uid: uid('HorizontalPodAutoscaler', h.namespace, h.name),
      creationTimestamp: clock.ago(86400 * 30),
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: h.target },
      minReplicas: h.min ?? 2,
      maxReplicas: h.max ?? 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: h.cpuTarget ?? 70 } },
        },
      ],
    },
    status: {
      currentReplicas: current,
      desiredReplicas: current,
      ...(h.noMetrics
        ? {}
        : {
            currentMetrics: [
              {
                type: 'Resource',
                resource: { name: 'cpu', current: { averageUtilization: h.atMax ? 180 : 45 } },
              },
            ],
          }),
      conditions: [
        cond(clock, 'AbleToScale', true, 'ReadyForNewScale', 'recommended size matches current size'),
        h.noMetrics
          ? cond(
              clock,
              'ScalingActive',
              false,
              'FailedGetResourceMetric',
              'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
            )
          : cond(
              clock,
              'ScalingActive',
              true,
              'ValidMetricFound',
              'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
            ),
        h.atMax
          ? cond(
              clock,
              'ScalingLimited',
              true,
              'TooManyReplicas',
              'the desired replica count is more than the maximum replica count',
            )
          : cond(
              clock,
              'ScalingLimited',
              false,
              'DesiredWithinRange',
              'the desired count is within the acceptable range',
            ),
      ],
    },
  };
}

export function hpaEvents(h: HpaSpec): EventInput[] {
  if (!h.noMetrics) return [];
  return [
    {
      namespace: h.namespace,
      involved: {
        kind: 'HorizontalPodAutoscaler',
        namespace: h.namespace,
        name: h.name,
        apiVersion: 'autoscaling/v2',
      },
      type: 'Warning',
      reason: 'FailedGetResourceMetric',
      message:
        'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      component: 'horizontal-pod-autoscaler',
      count: 240,
      firstAgo: 7200,
      lastAgo: 15,
    },
  ];
}

export const buildConfigMap = (
  clock: Clock,
  c: { namespace: string; name: string; data: Record<string, string> },
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: c.name,
    namespace: c.namespace,
    uid: uid('ConfigMap', c.namespace, c.name),
    creationTimestamp: clock.ago(86400 * 20),
  },
  data: c.data,
});

export const buildSecret = (
  clock: Clock,
  s: { namespace: string; name: string; keys: string[] },
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'Opaque',
  metadata: {
    name: s.name,
    namespace: s.namespace,
    uid: uid('Secret', s.namespace, s.name),
    creationTimestamp: clock.ago(86400 * 20),
  },
  // Values are never shown by the tools; a marker makes a leak visible in results.
  data: Object.fromEntries(s.keys.map((k) => [k, Buffer.from(`eval-secret-${k}`).toString('base64')])),
});

export const eventFrom = (e: EventSpec): EventInput => ({
  namespace: e.namespace,
  involved: {
    namespace: e.on.namespace ?? (e.on.kind === 'Node' ? undefined : e.namespace),
    kind: e.on.kind,
    name: e.on.name,
  } as EventInput['involved'],
  type: e.type ?? 'Warning',
  reason: e.reason,
  message: e.message,
  component: e.component ?? 'kubelet',
  count: e.count ?? 1,
  firstAgo: (e.minutesAgo ?? 10) * 60 + 600,
  lastAgo: (e.minutesAgo ?? 10) * 60,
});

/** core/v1 Events: classic (count + first/lastTimestamp) and new-style (eventTime + series). */

import type { Clock } from './build.ts';
import { uid } from './build.ts';
import { UNSCHEDULABLE_MESSAGE } from './fixtures-payments.ts';
import type { KubeObject } from './types.ts';

type Involved = { kind: string; namespace?: string; name: string; apiVersion?: string; fieldPath?: string };

export type EventInput = {
  namespace: string;
  involved: Involved;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
  /** Classic event: seen `count` times between firstAgo and lastAgo. */
  count?: number;
  firstAgo: number;
  lastAgo?: number;
  /** New-style event (events.k8s.io writers): eventTime, optional series, no first/lastTimestamp. */
  series?: { count: number; lastAgo: number };
  modern?: boolean;
  action?: string;
};

const involvedObject = (i: Involved) => ({
  kind: i.kind,
  ...(i.namespace ? { namespace: i.namespace } : {}),
  name: i.name,
  uid: i.kind === 'Node' ? i.name : uid(i.kind, ...(i.namespace ? [i.namespace] : []), i.name),
  apiVersion:
    i.apiVersion ??
    (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(i.kind) ? 'apps/v1' : 'v1'),
  ...(i.fieldPath ? { fieldPath: i.fieldPath } : {}),
});

export const buildEvent = (clock: Clock, e: EventInput): KubeObject => {
  // Real event names are `<object>.<16 hex digits>` (the creation time in hex); a hash keeps them stable.
  const name = `${e.involved.name}.${uid(e.reason, e.involved.name, e.message).replace(/-/g, '').slice(0, 16)}`;
  const base = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: e.namespace,
      uid: uid('Event', e.namespace, name),
      creationTimestamp: clock.ago(e.firstAgo),
    },
    involvedObject: involvedObject(e.involved),
    reason: e.reason,
    message: e.message,
    type: e.type,
  };
  if (e.modern || e.series) {
    return {
      ...base,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: clock.agoMicro(e.firstAgo),
      ...(e.series
        ? { series: { count: e.series.count, lastObservedTime: clock.agoMicro(e.series.lastAgo) } }
        : {}),
      action: e.action ?? e.reason,
      reportingComponent: e.component,
      reportingInstance: `${e.component}-${e.host ?? 'control-plane'}`,
    };
  }
  return {
    ...base,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: clock.ago(e.firstAgo),
    lastTimestamp: clock.ago(e.lastAgo ?? e.firstAgo),
    count: e.count ?? 1,
    eventTime: null,
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
  };
};

const P = 'payments';
const pod = (name: string, container?: string): Involved => ({
  kind: 'Pod',
  namespace: P,
  name,
  ...(container ? { fieldPath: `spec.containers{${container}}` } : {}),
});
const FRAUD_IMAGE = 'registry.example.com/payments/fraud-model:2.0.0-rc1';

export const EVENTS: EventInput[] = [
  {
    namespace: P,
    involved: pod('ledger-5c8d7f9b4d-x9p4r', 'ledger'),
    type: 'Warning',
    reason: 'BackOff',
    message:
      'Back-off restarting failed container ledger in pod ledger-5c8d7f9b4d-x9p4r_payments(' +
      uid('Pod', P, 'ledger-5c8d7f9b4d-x9p4r') +
      ')',
    component: 'kubelet',
    host: 'worker-2',
    count: 312,
    firstAgo: 3600 * 4,
    lastAgo: 45,
  },
  {
    namespace: P,
    involved: pod('ledger-5c8d7f9b4d-z5n8w', 'ledger'),
    type: 'Warning',
    reason: 'Unhealthy',
    message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
    component: 'kubelet',
    host: 'worker-3',
    count: 45,
    firstAgo: 1200,
    lastAgo: 12,
  },
  {
    namespace: P,
    involved: pod('ledger-5c8d7f9b4d-z5n8w', 'ledger'),
    type: 'Normal',
    reason: 'Pulled',
    message: 'Container image "registry.example.com/payments/ledger:3.2.0" already present on machine',
    component: 'kubelet',
    host: 'worker-3',
    count: 4,
    firstAgo: 3600 * 5,
    lastAgo: 41,
  },
  {
    namespace: 'default',
    involved: { kind: 'Node', name: 'worker-3' },
    type: 'Warning',
    reason: 'OOMKilling',
    message:
      'Memory cgroup out of memory: Killed process 48213 (node) total-vm:1843212kB, anon-rss:524288kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:1580kB oom_score_adj:984',
    component: 'kernel-monitor',
    host: 'worker-3',
    count: 3,
    firstAgo: 3000,
    lastAgo: 42,
  },
  {
    namespace: P,
    involved: pod('fraud-model-6b7c9d8f5b-t4v6w', 'fraud-model'),
    type: 'Warning',
    reason: 'Failed',
    message: `Failed to pull image "${FRAUD_IMAGE}": rpc error: code = NotFound desc = failed to pull and unpack image "${FRAUD_IMAGE}": failed to resolve reference "${FRAUD_IMAGE}": ${FRAUD_IMAGE}: not found`,
    component: 'kubelet',
    host: 'worker-2',
    count: 9,
    firstAgo: 2390,
    lastAgo: 300,
  },
  {
    namespace: P,
    involved: pod('fraud-model-6b7c9d8f5b-t4v6w', 'fraud-model'),
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off pulling image "${FRAUD_IMAGE}"`,
    component: 'kubelet',
    host: 'worker-2',
    count: 160,
    firstAgo: 2380,
    lastAgo: 20,
  },
  {
    namespace: P,
    involved: pod('fraud-model-6b7c9d8f5b-h8j2n'),
    type: 'Warning',
    reason: 'FailedScheduling',
    message: UNSCHEDULABLE_MESSAGE,
    component: 'default-scheduler',
    firstAgo: 2400,
    series: { count: 38, lastAgo: 90 },
    action: 'Scheduling',
  },
  {
    namespace: P,
    involved: pod('ledger-db-1'),
    type: 'Warning',
    reason: 'FailedScheduling',
    message:
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    component: 'default-scheduler',
    firstAgo: 7200,
    series: { count: 25, lastAgo: 240 },
    action: 'Scheduling',
  },
  {
    namespace: P,
    involved: pod('ledger-db-0'),
    type: 'Normal',
    reason: 'Scheduled',
    message: 'Successfully assigned payments/ledger-db-0 to worker-3',
    component: 'default-scheduler',
    firstAgo: 86400 * 9,
    modern: true,
    action: 'Binding',
  },
  {
    namespace: P,
    involved: { kind: 'PersistentVolumeClaim', namespace: P, name: 'data-ledger-db-1' },
    type: 'Normal',
    reason: 'ExternalProvisioning',
    message:
      "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    component: 'persistentvolume-controller',
    count: 480,
    firstAgo: 7200,
    lastAgo: 15,
  },
  {
    namespace: P,
    involved: { kind: 'Deployment', namespace: P, name: 'checkout' },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set checkout-7d9f8b6c5d to 3',
    component: 'deployment-controller',
    count: 1,
    firstAgo: 86400 * 2 + 40,
  },
  {
    namespace: P,
    involved: { kind: 'ReplicaSet', namespace: P, name: 'checkout-7d9f8b6c5d' },
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message: 'Created pod: checkout-7d9f8b6c5d-4xk2p',
    component: 'replicaset-controller',
    count: 1,
    firstAgo: 86400 * 2 + 35,
  },
  {
    namespace: P,
    involved: pod('checkout-7d9f8b6c5d-4xk2p', 'checkout'),
    type: 'Normal',
    reason: 'Started',
    message: 'Started container checkout',
    component: 'kubelet',
    host: 'worker-1',
    count: 1,
    firstAgo: 86400 * 2,
  },
  {
    namespace: P,
    involved: { kind: 'Deployment', namespace: P, name: 'batch-reports' },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled down replica set batch-reports-84f6d5c7b9 to 0 from 1',
    component: 'deployment-controller',
    count: 1,
    firstAgo: 86400 * 6,
  },
  {
    namespace: 'default',
    involved: { kind: 'Node', name: 'worker-4' },
    type: 'Normal',
    reason: 'NodeNotReady',
    message: 'Node worker-4 status is now: NodeNotReady',
    component: 'node-controller',
    count: 1,
    firstAgo: 1450,
  },
  {
    namespace: 'monitoring',
    involved: { kind: 'Pod', namespace: 'monitoring', name: 'node-exporter-on-worker-4' },
    type: 'Warning',
    reason: 'NodeNotReady',
    message: 'Node is not ready',
    component: 'node-controller',
    count: 1,
    firstAgo: 1440,
  },
];

export const eventObjects = (clock: Clock, daemonPodOnLostNode: string): KubeObject[] =>
  EVENTS.map((e) =>
    buildEvent(
      clock,
      e.involved.name === 'node-exporter-on-worker-4'
        ? { ...e, involved: { ...e.involved, name: daemonPodOnLostNode } }
        : e,
    ),
  );

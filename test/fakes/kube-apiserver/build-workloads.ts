/** Pod, ReplicaSet and Deployment builders: deployments own replicasets, which own pods. */

import type { Clock, ContainerSpec, ContainerState } from './build.ts';
import { containerJson, containerStatusJson, nameSuffix, ownerRef, uid } from './build.ts';
import type { KubeObject, OwnerReference } from './types.ts';

export type PodInput = {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  owner?: OwnerReference;
  containers: ContainerSpec[];
  /** One state per container, same order; omit for a pod the scheduler has not placed. */
  states?: ContainerState[];
  node?: string;
  hostIP?: string;
  podIP?: string;
  createdAgo: number;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Set for an unschedulable pod: the scheduler's message. */
  unschedulable?: string;
  serviceAccountName?: string;
  volumes?: Record<string, unknown>[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
};

const condition = (type: string, status: boolean, at: string, reason?: string, message?: string) => ({
  type,
  status: status ? 'True' : 'False',
  lastProbeTime: null,
  lastTransitionTime: at,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

const podConditions = (clock: Clock, p: PodInput, statuses: Record<string, unknown>[]) => {
  const created = clock.ago(p.createdAgo);
  if (p.unschedulable) return [condition('PodScheduled', false, created, 'Unschedulable', p.unschedulable)];
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name as string);
  const ready = unready.length === 0;
  const why = ready ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const readyAt = clock.ago(Math.max(p.createdAgo - 20, 0));
  const succeeded = p.phase === 'Succeeded';
  return [
    condition('PodReadyToStartContainers', !succeeded, clock.ago(p.createdAgo - 2)),
    condition('Initialized', true, created, succeeded ? 'PodCompleted' : undefined),
    condition(
      'Ready',
      ready,
      readyAt,
      ready ? undefined : succeeded ? 'PodCompleted' : 'ContainersNotReady',
      why,
    ),
    condition(
      'ContainersReady',
      ready,
      readyAt,
      ready ? undefined : succeeded ? 'PodCompleted' : 'ContainersNotReady',
      why,
    ),
    condition('PodScheduled', true, created),
  ];
};

const qosClass = (containers: ContainerSpec[]): string => {
  if (containers.every((c) => !c.resources)) return 'BestEffort';
  const guaranteed = containers.every(
    (c) =>
      c.resources &&
      c.resources.cpu[0] === c.resources.cpu[1] &&
      c.resources.memory[0] === c.resources.memory[1],
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
};

export const buildPod = (clock: Clock, p: PodInput): KubeObject => {
  const podUid = uid('Pod', p.namespace, p.name);
  const statuses = p.states
    ? p.containers.map((c, i) => containerStatusJson(clock, podUid, c, p.states![i]!))
    : [];
  const phase = p.phase ?? (p.states?.some((s) => 'running' in s || 'last' in s) ? 'Running' : 'Pending');
  const sa = p.serviceAccountName ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: podUid,
      creationTimestamp: clock.ago(p.createdAgo),
      labels: p.labels,
      ...(p.owner ? { ownerReferences: [p.owner] } : {}),
    },
    spec: {
      containers: p.containers.map(containerJson),
      restartPolicy: p.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: sa,
      serviceAccount: sa,
      ...(p.node ? { nodeName: p.node } : {}),
      securityContext: {},
      schedulerName: 'default-scheduler',
      volumes: p.volumes ?? [],
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase,
      conditions: podConditions(clock, p, statuses),
      ...(p.hostIP ? { hostIP: p.hostIP, hostIPs: [{ ip: p.hostIP }] } : {}),
      ...(p.podIP ? { podIP: p.podIP, podIPs: [{ ip: p.podIP }] } : {}),
      ...(p.node ? { startTime: clock.ago(p.createdAgo) } : {}),
      ...(statuses.length ? { containerStatuses: statuses } : {}),
      qosClass: qosClass(p.containers),
    },
  };
};

export type DeploymentInput = {
  namespace: string;
  name: string;
  replicas: number;
  /** Pods counted ready/available by the controllers. */
  ready: number;
  containers: ContainerSpec[];
  createdAgo: number;
  /** Defaults to { app: name }. */
  labels?: Record<string, string>;
  /** True when the rollout timed out (ProgressDeadlineExceeded). */
  stuck?: boolean;
  revision?: number;
  /** pod-template-hash; derived from the name when omitted. */
  hash?: string;
};

const deploymentConditions = (clock: Clock, d: DeploymentInput, rsName: string) => {
  const at = clock.ago(Math.min(d.createdAgo, 600));
  const available = d.ready >= d.replicas || d.ready >= d.replicas - Math.floor(d.replicas / 4);
  const cond = (type: string, ok: boolean, reason: string, message: string) => ({
    type,
    status: ok ? 'True' : 'False',
    lastUpdateTime: at,
    lastTransitionTime: at,
    reason,
    message,
  });
  return [
    available
      ? cond('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : cond(
          'Available',
          false,
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
    d.stuck
      ? cond(
          'Progressing',
          false,
          'ProgressDeadlineExceeded',
          `ReplicaSet "${rsName}" has timed out progressing.`,
        )
      : cond(
          'Progressing',
          true,
          'NewReplicaSetAvailable',
          `ReplicaSet "${rsName}" has successfully progressed.`,
        ),
  ];
};

/** Status counters are omitempty on the wire: a zero count is absent, not 0. */
const counts = (entries: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== 0));

export type BuiltDeployment = {
  deployment: KubeObject;
  replicaSet: KubeObject;
  podOwner: OwnerReference;
  hash: string;
};

export const buildDeployment = (clock: Clock, d: DeploymentInput): BuiltDeployment => {
  const labels = d.labels ?? { app: d.name };
  const hash = d.hash ?? nameSuffix(`${d.namespace}/${d.name}/${d.revision ?? 1}`, 10);
  const rsName = `${d.name}-${hash}`;
  const template = {
    metadata: { labels },
    spec: { containers: d.containers.map(containerJson), restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
  };
  const revision = String(d.revision ?? 1);
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: d.name,
      namespace: d.namespace,
      uid: uid('Deployment', d.namespace, d.name),
      generation: d.revision ?? 1,
      creationTimestamp: clock.ago(d.createdAgo),
      labels,
      annotations: { 'deployment.kubernetes.io/revision': revision },
    },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: labels },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: d.revision ?? 1,
      ...counts({
        replicas: d.replicas,
        updatedReplicas: d.replicas,
        readyReplicas: d.ready,
        availableReplicas: d.ready,
        unavailableReplicas: d.replicas - d.ready,
      }),
      conditions: deploymentConditions(clock, d, rsName),
    },
  };
  const replicaSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: d.namespace,
      uid: uid('ReplicaSet', d.namespace, rsName),
      generation: 1,
      creationTimestamp: clock.ago(d.createdAgo),
      labels: { ...labels, 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.replicas),
        'deployment.kubernetes.io/max-replicas': String(d.replicas + Math.ceil(d.replicas / 4)),
        'deployment.kubernetes.io/revision': revision,
      },
      ownerReferences: [ownerRef(deployment)],
    },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: { ...labels, 'pod-template-hash': hash } },
      template: { ...template, metadata: { labels: { ...labels, 'pod-template-hash': hash } } },
    },
    status: {
      replicas: d.replicas,
      ...counts({ fullyLabeledReplicas: d.replicas, readyReplicas: d.ready, availableReplicas: d.ready }),
      observedGeneration: 1,
    },
  };
  return { deployment, replicaSet, podOwner: ownerRef(replicaSet), hash };
};

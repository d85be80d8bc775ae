/**
 * diagnosisFixtures(now): one small namespace, `shop`, with one incident per pod cause the
 * diagnose tools name, plus a healthy workload that must yield nothing. `expected` lists the
 * findings (object + cause) a correct diagnosis reports.
 *
 *   web       Deployment, 2 pods CrashLoopBackOff (exit 1); previous log ends "DATABASE_URL is not set".
 *             Service web selects them (endpoints: notReadyAddresses only).
 *   api       ImagePullBackOff; the registry answered 401 Unauthorized (RegistryAuth).
 *   worker    CreateContainerConfigError: key api-key missing from Secret worker-secrets.
 *   cache     OOMKilled 2 min ago, limit 256Mi; metrics (when served) show 250Mi in use.
 *   search    Pending: "0/2 nodes are available: 2 Insufficient memory."
 *   frontend  Running but not ready: readiness probe GET :8080/ready answers 503.
 *   reports   one pod Evicted (node low on ephemeral-storage) beside one running.
 *   debug-shell  bare Pod deleted 1 h ago, held by finalizer example.com/audit-hold.
 *   ok        2/2 healthy.
 */

import type { Clock, ContainerSpec, ContainerState } from './build.ts';
import { clockAt } from './build.ts';
import { buildDeployment, buildPod } from './build-workloads.ts';
import { buildEvent } from './fixtures-events.ts';
import { buildNamespace, buildNode } from './fixtures-system.ts';
import type { MetricsData } from './metrics.ts';
import type { KubeObject, PodLogs } from './types.ts';
import { logKey } from './types.ts';

const ns = 'shop';
const nodes = ['node-a', 'node-b'];

const spec = (name: string, memory: [string, string?] = ['128Mi', '256Mi']): ContainerSpec => ({
  name: 'app',
  image: `registry.example.com/shop/${name}:2.4.1`,
  port: 8080,
  probes: true,
  resources: { cpu: ['100m', '500m'], memory },
});

type PodPlan = { state?: ContainerState; phase?: 'Pending' | 'Running' | 'Failed'; unschedulable?: string };

const deployment = (clock: Clock, name: string, pods: PodPlan[], c = spec(name)): KubeObject[] => {
  const ready = pods.filter((p) => p.state && 'running' in p.state && p.state.ready).length;
  const built = buildDeployment(clock, {
    namespace: ns,
    name,
    replicas: pods.length,
    ready,
    containers: [c],
    createdAgo: 86400 * 3,
  });
  const podObjects = pods.map((plan, i) =>
    buildPod(clock, {
      namespace: ns,
      name: `${built.replicaSet.metadata.name}-${'abcdefgh'[i]}${name.slice(0, 4)}`,
      labels: { app: name, 'pod-template-hash': built.hash },
      owner: built.podOwner,
      containers: [c],
      ...(plan.state ? { states: [plan.state] } : {}),
      ...(plan.unschedulable
        ? { unschedulable: plan.unschedulable }
        : { node: nodes[i % 2]!, podIP: `10.244.1.${10 + i}` }),
      ...(plan.phase ? { phase: plan.phase } : {}),
      createdAgo: 7200,
    }),
  );
  return [built.deployment, built.replicaSet, ...podObjects];
};

const running: ContainerState = { running: { startedAgo: 7000 }, ready: true };

export const diagnosisFixtures = (now: Date = new Date()) => {
  const clock = clockAt(now);
  const crash: ContainerState = {
    waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' },
    restarts: 19,
    last: { reason: 'Error', exitCode: 1, startedAgo: 95, finishedAgo: 90 },
  };
  const objects: KubeObject[] = [
    buildNamespace(clock, ns, 86400 * 10),
    ...nodes.map((name, i) =>
      buildNode(clock, {
        name,
        ip: `10.0.2.${i + 1}`,
        ready: true,
        createdAgo: 86400 * 10,
        zone: 'eu-west-1a',
      }),
    ),
    ...deployment(clock, 'web', [{ state: crash }, { state: crash }]),
    ...deployment(clock, 'api', [
      {
        state: {
          waiting: {
            reason: 'ImagePullBackOff',
            message: 'Back-off pulling image "registry.example.com/shop/api:2.4.1"',
          },
        },
        phase: 'Pending',
      },
    ]),
    ...deployment(clock, 'worker', [
      {
        state: {
          waiting: {
            reason: 'CreateContainerConfigError',
            message: "couldn't find key api-key in Secret shop/worker-secrets",
          },
        },
        phase: 'Pending',
      },
    ]),
    ...deployment(clock, 'cache', [
      {
        state: {
          running: { startedAgo: 110 },
          ready: true,
          restarts: 4,
          last: { reason: 'OOMKilled', exitCode: 137, startedAgo: 900, finishedAgo: 115 },
        },
      },
    ]),
    ...deployment(
      clock,
      'search',
      [
        {
          unschedulable:
            '0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
        },
      ],
      spec('search', ['24Gi']),
    ),
    ...deployment(clock, 'frontend', [
      { state: { running: { startedAgo: 3000 }, ready: false } },
      { state: { running: { startedAgo: 3000 }, ready: false } },
    ]),
    ...deployment(clock, 'reports', [{ state: running }, { phase: 'Failed' }]),
    ...deployment(clock, 'ok', [{ state: running }, { state: running }]),
  ];
  const pod = (prefix: string) =>
    objects.find((o) => o.kind === 'Pod' && o.metadata.name.startsWith(prefix))!;
  const evicted = objects.filter((o) => o.kind === 'Pod' && o.metadata.name.startsWith('reports-'))[1]!;
  evicted.status = {
    phase: 'Failed',
    reason: 'Evicted',
    message:
      'The node was low on resource: ephemeral-storage. Threshold quantity: 2Gi, available: 1Gi. Container app was using 9Gi, request is 0.',
    startTime: clock.ago(7200),
  };
  objects.push(stuckPod(clock), webService(), ...events(clock, pod));
  const logs: PodLogs = {};
  for (const web of objects.filter((o) => o.kind === 'Pod' && o.metadata.name.startsWith('web-'))) {
    logs[logKey(ns, web.metadata.name, 'app')] = {
      previous: [
        { time: clock.ago(93), text: 'INFO web 2.4.1 starting' },
        { time: clock.ago(91), text: 'FATAL config: DATABASE_URL is not set' },
      ],
    };
  }
  const cachePod = pod('cache-');
  const metrics: MetricsData = {
    pods: [
      {
        namespace: ns,
        name: cachePod.metadata.name,
        containers: [{ name: 'app', cpu: '120000000n', memory: `${250 * 1024}Ki` }],
      },
    ],
    nodes: nodes.map((name) => ({ name, cpu: '900m', memory: '6000000Ki' })),
    timestamp: clock.ago(10),
  };
  const expected = [
    { object: { kind: 'Deployment', namespace: ns, name: 'web' }, cause: 'CrashLoopBackOff' },
    { object: { kind: 'Deployment', namespace: ns, name: 'api' }, cause: 'ImagePullBackOff' },
    { object: { kind: 'Deployment', namespace: ns, name: 'worker' }, cause: 'MissingSecretKey' },
    { object: { kind: 'Deployment', namespace: ns, name: 'cache' }, cause: 'OOMKilled' },
    { object: { kind: 'Deployment', namespace: ns, name: 'search' }, cause: 'InsufficientMemory' },
    { object: { kind: 'Deployment', namespace: ns, name: 'frontend' }, cause: 'ReadinessProbeFailing' },
    { object: { kind: 'Deployment', namespace: ns, name: 'reports' }, cause: 'Evicted' },
    { object: { kind: 'Pod', namespace: ns, name: 'debug-shell' }, cause: 'StuckTerminating' },
  ];
  return { objects, logs, metrics, expected };
};

const stuckPod = (clock: Clock): KubeObject => {
  const pod = buildPod(clock, {
    namespace: ns,
    name: 'debug-shell',
    labels: { run: 'debug-shell' },
    containers: [{ name: 'shell', image: 'busybox:1.36' }],
    states: [running],
    node: 'node-b',
    createdAgo: 86400,
  });
  pod.metadata.deletionTimestamp = clock.ago(3600);
  pod.metadata.deletionGracePeriodSeconds = 30;
  pod.metadata.finalizers = ['example.com/audit-hold'];
  return pod;
};

const webService = (): KubeObject => {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: ns, uid: 'svc-web' },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.7.7',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    },
    status: { loadBalancer: {} },
  };
};

const events = (clock: Clock, pod: (prefix: string) => KubeObject): KubeObject[] => {
  const on = (prefix: string, reason: string, message: string, component = 'kubelet', fieldPath?: string) => {
    const target = pod(prefix);
    return buildEvent(clock, {
      namespace: ns,
      involved: {
        kind: 'Pod',
        namespace: ns,
        name: target.metadata.name,
        ...(fieldPath ? { fieldPath } : {}),
      },
      type: 'Warning',
      reason,
      message,
      component,
      count: 12,
      firstAgo: 3000,
      lastAgo: 20,
    });
  };
  return [
    on(
      'api-',
      'Failed',
      'Failed to pull image "registry.example.com/shop/api:2.4.1": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized',
    ),
    on('search-', 'FailedScheduling', '0/2 nodes are available: 2 Insufficient memory.', 'default-scheduler'),
    on(
      'frontend-',
      'Unhealthy',
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
      'kubelet',
      'spec.containers{app}',
    ),
    on(
      'web-',
      'BackOff',
      'Back-off restarting failed container app in pod',
      'kubelet',
      'spec.containers{app}',
    ),
  ];
};

/** The `payments` namespace workloads: the healthy, degraded, broken and scaled-to-zero deployments. */

import type { Clock, ContainerSpec, ContainerState } from './build.ts';
import { uid } from './build.ts';
import type { PodInput } from './build-workloads.ts';
import { buildDeployment, buildPod } from './build-workloads.ts';
import type { KubeObject } from './types.ts';

export const NS = 'payments';
const HOSTS: Record<string, string> = {
  'worker-1': '10.0.1.11',
  'worker-2': '10.0.1.12',
  'worker-3': '10.0.1.13',
};
export const UNSCHEDULABLE_MESSAGE =
  '0/4 nodes are available: 3 Insufficient cpu, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }';

export const placed = (node: string, octet: number) => ({
  node,
  hostIP: HOSTS[node]!,
  podIP: `10.244.${HOSTS[node]!.split('.')[3]}.${octet}`,
});

const CHECKOUT: ContainerSpec = {
  name: 'checkout',
  image: 'registry.example.com/payments/checkout:1.14.2',
  port: 8080,
  probes: true,
  resources: { cpu: ['250m', '500m'], memory: ['256Mi', '512Mi'] },
  env: [
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'LEDGER_URL', value: 'http://ledger.payments.svc.cluster.local:8080' },
  ],
};

/** The container whose env mixes a plain value, a secretKeyRef, a fieldRef and envFrom secretRef. */
export const LEDGER: ContainerSpec = {
  name: 'ledger',
  image: 'registry.example.com/payments/ledger:3.2.0',
  port: 8080,
  probes: true,
  resources: { cpu: ['500m', '1'], memory: ['512Mi', '512Mi'] },
  env: [
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'DB_HOST', value: 'ledger-db.payments.svc.cluster.local' },
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
  ],
  envFrom: [{ secretRef: { name: 'db-credentials' } }, { configMapRef: { name: 'ledger-config' } }],
};

const ENVOY: ContainerSpec = {
  name: 'envoy',
  image: 'envoyproxy/envoy:v1.30.2',
  port: 9901,
  resources: { cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'] },
};

const FRAUD: ContainerSpec = {
  name: 'fraud-model',
  image: 'registry.example.com/payments/fraud-model:2.0.0-rc1',
  port: 8500,
  resources: { cpu: ['3', '4'], memory: ['4Gi', '6Gi'] },
};

export const REPORTS: ContainerSpec = {
  name: 'batch-reports',
  image: 'registry.example.com/payments/batch-reports:0.9.4',
  resources: { cpu: ['100m'], memory: ['128Mi'] },
};

export const running = (startedAgo: number, ready = true): ContainerState => ({
  running: { startedAgo },
  ready,
});

type Emit = { out: KubeObject[]; pod(p: Omit<PodInput, 'namespace'>): void };

const emitter = (clock: Clock): Emit => {
  const out: KubeObject[] = [];
  return { out, pod: (p) => out.push(buildPod(clock, { namespace: NS, ...p })) };
};

/** checkout 3/3 healthy, one pod per Ready node. */
const checkoutObjects = (clock: Clock): KubeObject[] => {
  const { out, pod } = emitter(clock);
  const checkout = buildDeployment(clock, {
    namespace: NS,
    name: 'checkout',
    replicas: 3,
    ready: 3,
    hash: '7d9f8b6c5d',
    containers: [CHECKOUT],
    createdAgo: 86400 * 30,
    revision: 7,
  });
  out.push(checkout.deployment, checkout.replicaSet);
  const checkoutPods: [string, string, number][] = [
    ['4xk2p', 'worker-1', 21],
    ['9wzrt', 'worker-2', 22],
    ['m7c5b', 'worker-3', 23],
  ];
  for (const [suffix, node, octet] of checkoutPods) {
    pod({
      name: `checkout-7d9f8b6c5d-${suffix}`,
      labels: { app: 'checkout', 'pod-template-hash': '7d9f8b6c5d' },
      owner: checkout.podOwner,
      containers: [CHECKOUT],
      states: [running(86400 * 2)],
      ...placed(node, octet),
      createdAgo: 86400 * 2 + 30,
    });
  }
  return out;
};

/** ledger 1/3: one ready pod, one in CrashLoopBackOff, one running but unready after an OOM kill. */
const ledgerObjects = (clock: Clock): KubeObject[] => {
  const { out, pod } = emitter(clock);
  const ledger = buildDeployment(clock, {
    namespace: NS,
    name: 'ledger',
    replicas: 3,
    ready: 1,
    hash: '5c8d7f9b4d',
    containers: [LEDGER, ENVOY],
    createdAgo: 86400 * 60,
    revision: 12,
  });
  out.push(ledger.deployment, ledger.replicaSet);
  const ledgerLabels = { app: 'ledger', 'pod-template-hash': '5c8d7f9b4d' };
  const crashName = 'ledger-5c8d7f9b4d-x9p4r';
  pod({
    name: 'ledger-5c8d7f9b4d-q7k2m',
    labels: ledgerLabels,
    owner: ledger.podOwner,
    containers: [LEDGER, ENVOY],
    states: [running(3600 * 5), running(3600 * 5)],
    ...placed('worker-1', 31),
    createdAgo: 3600 * 5 + 40,
  });
  pod({
    name: crashName,
    labels: ledgerLabels,
    owner: ledger.podOwner,
    containers: [LEDGER, ENVOY],
    ...placed('worker-2', 32),
    createdAgo: 3600 * 5 + 40,
    states: [
      {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=ledger pod=${crashName}_${NS}(${uid('Pod', NS, crashName)})`,
        },
        restarts: 14,
        last: { reason: 'Error', exitCode: 1, startedAgo: 95, finishedAgo: 88 },
      },
      running(3600 * 5),
    ],
  });
  pod({
    name: 'ledger-5c8d7f9b4d-z5n8w',
    labels: ledgerLabels,
    owner: ledger.podOwner,
    containers: [LEDGER, ENVOY],
    ...placed('worker-3', 33),
    createdAgo: 3600 * 5 + 40,
    states: [
      {
        running: { startedAgo: 40 },
        ready: false,
        restarts: 3,
        last: { reason: 'OOMKilled', exitCode: 137, startedAgo: 1260, finishedAgo: 42 },
      },
      running(3600 * 5),
    ],
  });
  return out;
};

/** fraud-model 0/2: one pod in ImagePullBackOff, one unschedulable. */
const fraudObjects = (clock: Clock): KubeObject[] => {
  const { out, pod } = emitter(clock);
  const fraud = buildDeployment(clock, {
    namespace: NS,
    name: 'fraud-model',
    replicas: 2,
    ready: 0,
    hash: '6b7c9d8f5b',
    containers: [FRAUD],
    createdAgo: 3600 * 3,
    revision: 2,
    stuck: true,
  });
  out.push(fraud.deployment, fraud.replicaSet);
  const fraudLabels = { app: 'fraud-model', 'pod-template-hash': '6b7c9d8f5b' };
  pod({
    name: 'fraud-model-6b7c9d8f5b-t4v6w',
    labels: fraudLabels,
    owner: fraud.podOwner,
    containers: [FRAUD],
    ...placed('worker-2', 41),
    createdAgo: 2400,
    phase: 'Pending',
    states: [{ waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${FRAUD.image}"` } }],
  });
  pod({
    name: 'fraud-model-6b7c9d8f5b-h8j2n',
    labels: fraudLabels,
    owner: fraud.podOwner,
    containers: [FRAUD],
    createdAgo: 2400,
    unschedulable: UNSCHEDULABLE_MESSAGE,
  });
  return out;
};

/** batch-reports: scaled to zero on purpose. */
const reportsObjects = (clock: Clock): KubeObject[] => {
  const out: KubeObject[] = [];
  const reports = buildDeployment(clock, {
    namespace: NS,
    name: 'batch-reports',
    replicas: 0,
    ready: 0,
    hash: '84f6d5c7b9',
    containers: [REPORTS],
    createdAgo: 86400 * 90,
    revision: 4,
  });
  out.push(reports.deployment, reports.replicaSet);
  return out;
};

/** Deployments checkout, ledger, fraud-model and batch-reports with their ReplicaSets and pods. */
export const paymentsDeployments = (clock: Clock): KubeObject[] => [
  ...checkoutObjects(clock),
  ...ledgerObjects(clock),
  ...fraudObjects(clock),
  ...reportsObjects(clock),
];

/** Namespaces, nodes, and the kube-system / monitoring workloads of the default fixture cluster. */

import type { Clock, ContainerSpec, ContainerState } from './build.ts';
import { nameSuffix, ownerRef, uid } from './build.ts';
import { buildDeployment, buildPod } from './build-workloads.ts';
import type { KubeObject } from './types.ts';

export const NAMESPACES = ['default', 'kube-system', 'payments', 'monitoring'] as const;

export const buildNamespace = (clock: Clock, name: string, createdAgo: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name,
    uid: uid('Namespace', name),
    creationTimestamp: clock.ago(createdAgo),
    labels: { 'kubernetes.io/metadata.name': name },
  },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});

/** Every namespace has its `default` ServiceAccount, as the real controller creates it. */
export const buildServiceAccount = (clock: Clock, namespace: string, createdAgo: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: {
    name: 'default',
    namespace,
    uid: uid('ServiceAccount', namespace, 'default'),
    creationTimestamp: clock.ago(createdAgo),
  },
});

export type NodeInput = { name: string; ip: string; ready: boolean; createdAgo: number; zone: string };

const nodeCondition = (
  clock: Clock,
  type: string,
  status: string,
  reason: string,
  message: string,
  ago: number,
) => ({
  type,
  status,
  lastHeartbeatTime: clock.ago(ago),
  lastTransitionTime: clock.ago(ago + 3600),
  reason,
  message,
});

const readyConditions = (clock: Clock) => [
  nodeCondition(
    clock,
    'MemoryPressure',
    'False',
    'KubeletHasSufficientMemory',
    'kubelet has sufficient memory available',
    20,
  ),
  nodeCondition(
    clock,
    'DiskPressure',
    'False',
    'KubeletHasNoDiskPressure',
    'kubelet has no disk pressure',
    20,
  ),
  nodeCondition(
    clock,
    'PIDPressure',
    'False',
    'KubeletHasSufficientPID',
    'kubelet has sufficient PID available',
    20,
  ),
  nodeCondition(clock, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', 20),
];

/** The node went under memory pressure, then its kubelet stopped reporting (Ready=Unknown). */
const lostConditions = (clock: Clock) => [
  nodeCondition(
    clock,
    'MemoryPressure',
    'True',
    'KubeletHasInsufficientMemory',
    'kubelet has insufficient memory available',
    1500,
  ),
  nodeCondition(
    clock,
    'DiskPressure',
    'Unknown',
    'NodeStatusUnknown',
    'Kubelet stopped posting node status.',
    1500,
  ),
  nodeCondition(
    clock,
    'PIDPressure',
    'Unknown',
    'NodeStatusUnknown',
    'Kubelet stopped posting node status.',
    1500,
  ),
  nodeCondition(clock, 'Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', 1500),
];

export const buildNode = (clock: Clock, n: NodeInput): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: n.name,
    uid: uid('Node', n.name),
    creationTimestamp: clock.ago(n.createdAgo),
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': n.name,
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/worker': '',
      'node.kubernetes.io/instance-type': 'm5.xlarge',
      'topology.kubernetes.io/region': 'us-east-1',
      'topology.kubernetes.io/zone': n.zone,
    },
    annotations: {
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
  },
  spec: {
    podCIDR: `10.244.${n.ip.split('.')[3]}.0/24`,
    providerID: `aws:///${n.zone}/i-0${nameSuffix(n.name, 16)}`,
    ...(n.ready
      ? {}
      : {
          taints: [
            { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: clock.ago(1450) },
            { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: clock.ago(1450) },
          ],
        }),
  },
  status: {
    capacity: {
      cpu: '4',
      'ephemeral-storage': '83873772Ki',
      'hugepages-2Mi': '0',
      memory: '16185300Ki',
      pods: '110',
    },
    allocatable: {
      cpu: '3920m',
      'ephemeral-storage': '76224326324',
      'hugepages-2Mi': '0',
      memory: '15166420Ki',
      pods: '110',
    },
    conditions: n.ready ? readyConditions(clock) : lostConditions(clock),
    addresses: [
      { type: 'InternalIP', address: n.ip },
      { type: 'Hostname', address: n.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: nameSuffix(`${n.name}/machine`, 20),
      systemUUID: uid('system', n.name),
      bootID: uid('boot', n.name),
      kernelVersion: '6.1.94-99.176.amzn2023.x86_64',
      osImage: 'Amazon Linux 2023.5.20240701',
      containerRuntimeVersion: 'containerd://1.7.18',
      kubeletVersion: 'v1.30.2',
      kubeProxyVersion: 'v1.30.2',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  },
});

/** worker-1..3 are Ready; worker-4 is NotReady (MemoryPressure=True, then Ready=Unknown). */
export const NODES: NodeInput[] = [
  { name: 'worker-1', ip: '10.0.1.11', ready: true, createdAgo: 86400 * 41, zone: 'us-east-1a' },
  { name: 'worker-2', ip: '10.0.1.12', ready: true, createdAgo: 86400 * 41, zone: 'us-east-1b' },
  { name: 'worker-3', ip: '10.0.1.13', ready: true, createdAgo: 86400 * 41, zone: 'us-east-1c' },
  { name: 'worker-4', ip: '10.0.1.14', ready: false, createdAgo: 86400 * 12, zone: 'us-east-1a' },
];

const daemonSet = (
  clock: Clock,
  namespace: string,
  name: string,
  c: ContainerSpec,
  ready: number,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name,
    namespace,
    uid: uid('DaemonSet', namespace, name),
    generation: 1,
    creationTimestamp: clock.ago(86400 * 41),
    labels: { app: name },
    annotations: { 'deprecated.daemonset.template.generation': '1' },
  },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: c.name, image: c.image }] },
    },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
  },
  status: {
    currentNumberScheduled: NODES.length,
    numberMisscheduled: 0,
    desiredNumberScheduled: NODES.length,
    numberReady: ready,
    observedGeneration: 1,
    updatedNumberScheduled: NODES.length,
    numberAvailable: ready,
    ...(NODES.length - ready ? { numberUnavailable: NODES.length - ready } : {}),
  },
});

/** One pod per node; the pod on the lost node keeps Running but is marked not ready by the node controller. */
const daemonPods = (clock: Clock, ds: KubeObject, c: ContainerSpec, hostNetwork: boolean): KubeObject[] =>
  NODES.map((n) => {
    const name = `${ds.metadata.name}-${nameSuffix(`${ds.metadata.name}/${n.name}`, 5)}`;
    const state: ContainerState = { running: { startedAgo: n.createdAgo - 60 }, ready: n.ready };
    return buildPod(clock, {
      namespace: ds.metadata.namespace!,
      name,
      labels: {
        app: ds.metadata.name,
        'controller-revision-hash': '6b8d5c9f7d',
        'pod-template-generation': '1',
      },
      owner: ownerRef(ds),
      containers: [c],
      states: [state],
      node: n.name,
      hostIP: n.ip,
      podIP: hostNetwork ? n.ip : `10.244.${n.ip.split('.')[3]}.2`,
      createdAgo: n.createdAgo - 30,
    });
  });

export const COREDNS_SUFFIXES = ['xk4bn', 'r2fdl'];

export const systemObjects = (clock: Clock): KubeObject[] => {
  const proxy: ContainerSpec = {
    name: 'kube-proxy',
    image: 'registry.k8s.io/kube-proxy:v1.30.2',
    resources: { cpu: ['100m'], memory: ['64Mi'] },
  };
  const exporter: ContainerSpec = {
    name: 'node-exporter',
    image: 'quay.io/prometheus/node-exporter:v1.8.1',
    port: 9100,
    resources: { cpu: ['50m', '250m'], memory: ['64Mi', '128Mi'] },
  };
  const kubeProxy = daemonSet(clock, 'kube-system', 'kube-proxy', proxy, 3);
  const nodeExporter = daemonSet(clock, 'monitoring', 'node-exporter', exporter, 3);
  const corednsSpec: ContainerSpec = {
    name: 'coredns',
    image: 'registry.k8s.io/coredns/coredns:v1.11.1',
    port: 8080,
    probes: true,
    resources: { cpu: ['100m'], memory: ['70Mi', '170Mi'] },
    args: ['-conf', '/etc/coredns/Corefile'],
  };
  const coredns = buildDeployment(clock, {
    namespace: 'kube-system',
    name: 'coredns',
    replicas: 2,
    ready: 2,
    labels: { 'k8s-app': 'kube-dns' },
    hash: '5d78c9869d',
    createdAgo: 86400 * 41,
    containers: [corednsSpec],
  });
  const corednsPods = [0, 1].map((i) =>
    buildPod(clock, {
      namespace: 'kube-system',
      name: `coredns-5d78c9869d-${COREDNS_SUFFIXES[i]}`,
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': coredns.hash },
      owner: coredns.podOwner,
      containers: [corednsSpec],
      states: [{ running: { startedAgo: 86400 * 41 - 120 }, ready: true }],
      node: NODES[i]!.name,
      hostIP: NODES[i]!.ip,
      podIP: `10.244.${NODES[i]!.ip.split('.')[3]}.3`,
      createdAgo: 86400 * 41 - 100,
    }),
  );
  return [
    kubeProxy,
    ...daemonPods(clock, kubeProxy, proxy, true),
    nodeExporter,
    ...daemonPods(clock, nodeExporter, exporter, false),
    coredns.deployment,
    coredns.replicaSet,
    ...corednsPods,
  ];
};

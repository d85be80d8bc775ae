/** Pods of a workload from its compact spec: names, placement, container state, logs and events. */
import type { Clock, ContainerSpec } from '../../../test/fakes/kube-apiserver/build.ts';
import { containerJson, nameSuffix } from '../../../test/fakes/kube-apiserver/build.ts';
import { buildPod } from '../../../test/fakes/kube-apiserver/build-workloads.ts';
import type { EventInput } from '../../../test/fakes/kube-apiserver/fixtures-events.ts';
import type { KubeObject, PodLogs } from '../../../test/fakes/kube-apiserver/index.ts';
import { logKey } from '../../../test/fakes/kube-apiserver/index.ts';
import type { OwnerReference } from '../../../test/fakes/kube-apiserver/types.ts';
import { podEvents, podShape } from './pod-states.ts';
import type { LogLineSpec, LogSpec, PodSpec, WorkloadSpec } from './types.ts';

export interface Built {
  objects: KubeObject[];
  events: EventInput[];
  logs: PodLogs;
}

export const emptyBuilt = (): Built => ({ objects: [], events: [], logs: {} });

export function merge(into: Built, more: Built): Built {
  into.objects.push(...more.objects);
  into.events.push(...more.events);
  Object.assign(into.logs, more.logs);
  return into;
}

/** Where pods go: the schedulable nodes, round robin. */
export interface Placement {
  nodes: string[];
  next(): string;
}

export function placement(nodes: string[]): Placement {
  let i = 0;
  return { nodes, next: () => nodes[i++ % Math.max(nodes.length, 1)] ?? 'worker-1' };
}

export const nodeIp = (node: string): string => `10.0.1.${10 + (Number(node.replace(/\D/g, '')) || 0)}`;

/** The single form applies to every replica; the list form gives each shape a count. */
export function expandPods(spec: WorkloadSpec, replicas: number): PodSpec[] {
  const pods = spec.pods ?? { state: 'Running' };
  if (!Array.isArray(pods)) return Array.from({ length: replicas }, () => pods);
  return pods.flatMap((p) => Array.from({ length: p.count ?? 1 }, () => p));
}

export function containerSpec(w: WorkloadSpec): ContainerSpec {
  return {
    name: w.container ?? w.name,
    image: w.image ?? `registry.example.com/${w.namespace}/${w.name}:1.0.0`,
    ...(w.port ? { port: w.port } : {}),
    resources: w.resources ?? { cpu: ['100m', '500m'], memory: ['128Mi', '256Mi'] },
    probes: Boolean(w.probes) && Boolean(w.port),
    ...(w.env ? { env: w.env } : {}),
    ...(w.envFrom ? { envFrom: w.envFrom } : {}),
    ...(w.args ? { args: w.args } : {}),
  };
}

/** The container JSON with the task's probe ports (a readiness probe on the wrong port, say). */
export function containerJsonFor(w: WorkloadSpec, c: ContainerSpec): Record<string, unknown> {
  const json = structuredClone(containerJson(c)) as Record<string, Record<string, Record<string, unknown>>>;
  if (typeof w.probes === 'object') {
    if (w.probes.readinessPort && json.readinessProbe)
      json.readinessProbe.httpGet!.port = w.probes.readinessPort;
    if (w.probes.livenessPort && json.livenessProbe) json.livenessProbe.httpGet!.port = w.probes.livenessPort;
    if (w.probes.path && json.readinessProbe) json.readinessProbe.httpGet!.path = w.probes.path;
  }
  return json;
}

/** Pod-spec fields the template and every pod share. */
export function applyPodSpec(spec: Record<string, unknown>, w: WorkloadSpec, c: ContainerSpec): void {
  spec.containers = [containerJsonFor(w, c)];
  if (w.nodeSelector) spec.nodeSelector = w.nodeSelector;
  if (w.tolerations) spec.tolerations = [...((spec.tolerations as unknown[]) ?? []), ...w.tolerations];
}

function expandLines(specs: LogLineSpec[]): string[] {
  return specs.flatMap((line) =>
    typeof line === 'string'
      ? [line]
      : Array.from({ length: line.count }, (_, i) => line.repeat.replaceAll('{i}', String(i + 1))),
  );
}

function logLines(clock: Clock, specs: LogLineSpec[], endAgo: number) {
  const lines = expandLines(specs);
  return lines.map((text, i) => ({ time: clock.ago(endAgo + (lines.length - 1 - i) * 2), text }));
}

function podLogs(clock: Clock, spec: LogSpec | undefined, ran: boolean) {
  if (!spec || !ran) return undefined;
  return {
    ...(spec.current ? { current: logLines(clock, spec.current, 10) } : {}),
    ...(spec.previous ? { previous: logLines(clock, spec.previous, 80) } : {}),
  };
}

export interface PodsInput {
  w: WorkloadSpec;
  container: ContainerSpec;
  owner: OwnerReference;
  labels: Record<string, string>;
  names: string[];
  specs: PodSpec[];
  place: Placement;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  volumes?: (index: number) => Record<string, unknown>[];
  /** DaemonSet pods name their node. */
  nodes?: string[];
}

export function buildPods(clock: Clock, input: PodsInput): Built {
  const out = emptyBuilt();
  const { w, container } = input;
  input.specs.forEach((spec, i) => {
    const name = input.names[i]!;
    const shape = podShape(spec, container.name, name);
    const node = shape.scheduled ? (spec.node ?? input.nodes?.[i] ?? input.place.next()) : undefined;
    const octet = 20 + ((i * 7 + name.length) % 200);
    const pod = buildPod(clock, {
      namespace: w.namespace,
      name,
      labels: input.labels,
      owner: input.owner,
      containers: [container],
      ...(shape.state ? { states: [shape.state] } : {}),
      ...(node ? { node, hostIP: nodeIp(node), podIP: `10.244.${nodeIp(node).split('.')[3]}.${octet}` } : {}),
      createdAgo: (spec.ageMinutes ?? (spec.state === 'Running' ? 60 * 24 * 3 : 42)) * 60,
      ...(shape.phase ? { phase: shape.phase } : {}),
      ...(shape.unschedulable ? { unschedulable: shape.unschedulable } : {}),
      ...(input.restartPolicy ? { restartPolicy: input.restartPolicy } : {}),
      ...(input.volumes ? { volumes: input.volumes(i) } : {}),
    });
    applyPodSpec(pod.spec, w, container);
    if (spec.state === 'Evicted') {
      pod.status.reason = 'Evicted';
      pod.status.message = spec.message ?? 'The node was low on resource: ephemeral-storage.';
    }
    if (spec.terminating) {
      pod.metadata.deletionTimestamp = clock.ago(600);
      pod.metadata.deletionGracePeriodSeconds = 30;
    }
    out.objects.push(pod);
    const ran = Boolean(
      shape.state && ('running' in shape.state || 'terminated' in shape.state || 'last' in shape.state),
    );
    const logs = podLogs(clock, spec.logs ?? w.logs, ran);
    if (logs) out.logs[logKey(w.namespace, name, container.name)] = logs;
    const port = typeof w.probes === 'object' ? (w.probes.readinessPort ?? w.port) : w.port;
    out.events.push(
      ...podEvents(spec, {
        namespace: w.namespace,
        pod: name,
        container: container.name,
        image: container.image,
        node,
        probe: `http://10.244.0.${octet}:${port ?? 8080}/ready`,
      }),
    );
  });
  return out;
}

/** `<prefix>-<5 chars>` names, stable per workload. */
export const randomNames = (prefix: string, count: number, seed: string): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${nameSuffix(`${seed}/${i}`, 5)}`);

/** Expands a task's compact Kubernetes scenario into the objects and logs the fake API server serves. */
import { clockAt } from '../../../test/fakes/kube-apiserver/build.ts';
import { buildEvent, type EventInput } from '../../../test/fakes/kube-apiserver/fixtures-events.ts';
import type { KubeObject } from '../../../test/fakes/kube-apiserver/index.ts';
import { RESOURCES } from '../../../test/fakes/kube-apiserver/index.ts';
import { withBackground } from './background.ts';
import {
  buildConfigMap,
  buildHpa,
  buildNodeFrom,
  buildPvc,
  buildSecret,
  eventFrom,
  hpaEvents,
  namespaceObjects,
  pvcEvents,
} from './cluster.ts';
import { buildDeploymentScenario } from './deployments.ts';
import { buildCronJob, buildJob } from './jobs.ts';
import { buildEndpoints, buildIngress, buildService } from './network.ts';
import { type Built, emptyBuilt, merge, placement } from './pods.ts';
import { buildDaemonSet, buildStatefulSet } from './sets.ts';
import type { BuiltScenario, KubeScenario, WorkloadSpec } from './types.ts';

const served = (o: KubeObject) =>
  RESOURCES.some(
    (r) => (r.group ? `${r.group}/${r.version}` : r.version) === o.apiVersion && r.kind === o.kind,
  );

export function buildScenario(input: KubeScenario, now: Date): BuiltScenario {
  const clock = clockAt(now);
  const s = withBackground(input);
  const nodes = (s.nodes ?? []).map((n) => buildNodeFrom(clock, n));
  // Ordinary pods land where the scheduler would put them: ready, uncordoned, untainted nodes.
  const readyNodes = (s.nodes ?? [])
    .filter(
      (n) =>
        (n.ready ?? true) &&
        !n.unschedulable &&
        !(n.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule'),
    )
    .map((n) => n.name);
  const allNodes = (s.nodes ?? []).map((n) => n.name);
  const lost = new Set((s.nodes ?? []).filter((n) => n.ready === false).map((n) => n.name));
  const place = placement(readyNodes);
  const built = emptyBuilt();
  for (const w of s.workloads ?? []) merge(built, buildWorkload(clock, w, place, allNodes, lost));
  const pods = built.objects.filter((o) => o.kind === 'Pod');
  const services = [...(s.workloads ?? []).flatMap((w) => serviceOf(w)), ...(s.services ?? [])].map(
    (svc, i) => buildService(clock, svc, i),
  );
  const events: EventInput[] = [
    ...built.events,
    ...(s.pvcs ?? []).flatMap(pvcEvents),
    ...(s.hpas ?? []).flatMap(hpaEvents),
    ...(s.events ?? []).map(eventFrom),
  ];
  const namespaces = new Set([...(s.namespaces ?? []), ...(s.workloads ?? []).map((w) => w.namespace)]);
  const objects: KubeObject[] = [
    ...namespaceObjects(clock, [...namespaces]),
    ...nodes,
    ...built.objects,
    ...services,
    ...services.map((svc) => buildEndpoints(clock, svc, pods)),
    ...(s.ingresses ?? []).map((i) => buildIngress(clock, i)),
    ...(s.pvcs ?? []).map((p) => buildPvc(clock, p)),
    ...(s.hpas ?? []).map((h) => buildHpa(clock, h)),
    ...(s.configMaps ?? []).map((c) => buildConfigMap(clock, c)),
    ...(s.secrets ?? []).map((x) => buildSecret(clock, x)),
    ...events.map((e) => buildEvent(clock, e)),
    ...(s.metrics ?? []).flatMap((m) => podMetrics(clock.now, m, pods)),
    ...(s.objects ?? []),
  ];
  const unserved = [...new Set(objects.filter((o) => !served(o)).map((o) => `${o.apiVersion} ${o.kind}`))];
  return { objects: objects.filter(served), logs: { ...built.logs, ...(s.logs ?? {}) }, unserved };
}

function buildWorkload(
  clock: ReturnType<typeof clockAt>,
  w: WorkloadSpec,
  place: ReturnType<typeof placement>,
  nodes: string[],
  lost: ReadonlySet<string>,
): Built {
  switch (w.kind) {
    case 'Deployment':
      return buildDeploymentScenario(clock, w, place);
    case 'StatefulSet':
      return buildStatefulSet(clock, w, place);
    case 'DaemonSet':
      return buildDaemonSet(clock, w, nodes, place, lost);
    case 'Job':
      return buildJob(clock, w, place);
    case 'CronJob':
      return buildCronJob(clock, w, place);
    default:
      throw new Error(
        `unknown workload kind "${(w as WorkloadSpec).kind}" (Deployment, StatefulSet, DaemonSet, Job, CronJob)`,
      );
  }
}

function serviceOf(w: WorkloadSpec) {
  if (!w.service) return [];
  const opts = typeof w.service === 'object' ? w.service : {};
  return [
    {
      namespace: w.namespace,
      name: opts.name ?? w.name,
      selector: w.labels ?? { app: w.name },
      port: opts.port ?? 80,
      targetPort: opts.targetPort ?? w.port ?? 8080,
    },
  ];
}

/** metrics.k8s.io PodMetrics; left out (and reported) while the fake does not serve that API. */
function podMetrics(
  now: Date,
  m: { namespace: string; workload: string; cpu: string; memory: string },
  pods: KubeObject[],
): KubeObject[] {
  return pods
    .filter((p) => p.metadata.namespace === m.namespace && p.metadata.name.startsWith(`${m.workload}-`))
    .map((p) => ({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'PodMetrics',
      metadata: { name: p.metadata.name, namespace: m.namespace, creationTimestamp: now.toISOString() },
      timestamp: now.toISOString(),
      window: '15s',
      containers: (p.spec.containers as { name: string }[]).map((c) => ({
        name: c.name,
        usage: { cpu: m.cpu, memory: m.memory },
      })),
    }));
}

import { ToolError } from '@sre-agent/shared';
import { didYouMean } from '../suggest.js';
import { type Finding, type ObjectRef, refKey } from './finding.js';
import type { ClusterSnapshot } from './snapshot.js';
import { indexSnapshot, type PodLike } from './snapshot-index.js';

const kinds: Record<string, string> = {
  deployment: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  daemonset: 'DaemonSet',
  ds: 'DaemonSet',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
  job: 'Job',
  cronjob: 'CronJob',
  cj: 'CronJob',
  pod: 'Pod',
  po: 'Pod',
  service: 'Service',
  svc: 'Service',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  pvc: 'PersistentVolumeClaim',
};

/** Deployment, deployments, deploy: the API's kind name, or a ToolError naming the accepted ones. */
export function resolveKind(text: string): string {
  const lower = text.trim().toLowerCase();
  // Own keys only: `__proto__` or `constructor` must not find Object.prototype's.
  const known = (key: string) => (Object.hasOwn(kinds, key) ? kinds[key] : undefined);
  const kind = known(lower) ?? known(lower.replace(/s$/, ''));
  if (kind) return kind;
  throw new ToolError(
    `\`kind\` "${text}" is not one diagnose_workload reads.`,
    'Use Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Service or PersistentVolumeClaim.',
  );
}

/**
 * The object, what it owns (ReplicaSets, Jobs, pods) and what serves or feeds them (Services
 * selecting its pods, their claims, their nodes), as refKeys.
 */
export function workloadScope(snapshot: ClusterSnapshot, target: ObjectRef): Set<string> {
  const namespace = target.namespace;
  const inNs = <T extends { metadata?: { namespace?: string; name?: string } }>(items: T[]) =>
    items.filter((item) => item.metadata?.namespace === namespace);
  assertExists(snapshot, target);
  const scope = new Set([refKey(target)]);
  // A default parameter would turn an explicit `undefined` (cluster-scoped) into the namespace.
  const add = (kind: string, name: string | undefined) => {
    if (name) scope.add(refKey({ kind, namespace: kind === 'Node' ? undefined : namespace, name }));
  };
  const index = indexSnapshot(snapshot);
  const pods = inNs(snapshot.pods).filter((pod) => podInScope(pod, target, snapshot, index.topOwner(pod)));
  for (const pod of pods) {
    add('Pod', pod.metadata?.name);
    for (const ref of pod.metadata?.ownerReferences ?? []) add(ref.kind ?? '', ref.name);
    const owner = index.topOwner(pod);
    add(owner.kind, owner.name);
    if (pod.spec?.nodeName) add('Node', pod.spec.nodeName);
    for (const volume of pod.spec?.volumes ?? [])
      add('PersistentVolumeClaim', volume.persistentVolumeClaim?.claimName);
  }
  // Owned objects that may have no pods left: a Deployment's old ReplicaSets, a CronJob's Jobs.
  const ownedByTarget = (refs: readonly { kind?: string; name?: string }[] | undefined) =>
    (refs ?? []).some((ref) => ref.kind === target.kind && ref.name === target.name);
  for (const rs of inNs(snapshot.replicaSets))
    if (ownedByTarget(rs.metadata?.ownerReferences)) add('ReplicaSet', rs.metadata?.name);
  for (const job of inNs(snapshot.jobs))
    if (ownedByTarget(job.metadata?.ownerReferences)) add('Job', job.metadata?.name);
  for (const service of inNs(snapshot.services)) {
    const selector = Object.entries(service.spec?.selector ?? {});
    const selects =
      selector.length > 0 && pods.some((pod) => selector.every(([k, v]) => pod.metadata?.labels?.[k] === v));
    if (selects) add('Service', service.metadata?.name);
  }
  for (const hpa of inNs(snapshot.hpas)) {
    const ref = hpa.spec?.scaleTargetRef;
    if (ref && scope.has(refKey({ kind: ref.kind, namespace, name: ref.name })))
      add('HorizontalPodAutoscaler', hpa.metadata?.name);
  }
  return scope;
}

function podInScope(pod: PodLike, target: ObjectRef, snapshot: ClusterSnapshot, owner: ObjectRef): boolean {
  const name = pod.metadata?.name;
  if (target.kind === 'Pod') return name === target.name;
  if (owner.kind === target.kind && owner.name === target.name) return true;
  if (
    (pod.metadata?.ownerReferences ?? []).some((ref) => ref.kind === target.kind && ref.name === target.name)
  )
    return true;
  if (target.kind === 'Service') {
    const service = snapshot.services.find(
      (item) => item.metadata?.namespace === target.namespace && item.metadata?.name === target.name,
    );
    const selector = Object.entries(service?.spec?.selector ?? {});
    return selector.length > 0 && selector.every(([k, v]) => pod.metadata?.labels?.[k] === v);
  }
  if (target.kind === 'PersistentVolumeClaim') {
    return (pod.spec?.volumes ?? []).some(
      (volume) => volume.persistentVolumeClaim?.claimName === target.name,
    );
  }
  return false;
}

const listOf: Record<string, keyof ClusterSnapshot> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  DaemonSet: 'daemonSets',
  ReplicaSet: 'replicaSets',
  Job: 'jobs',
  CronJob: 'cronJobs',
  Pod: 'pods',
  Service: 'services',
  PersistentVolumeClaim: 'pvcs',
};

function assertExists(snapshot: ClusterSnapshot, target: ObjectRef): void {
  const field = listOf[target.kind];
  if (!field) return;
  const items = snapshot[field] as { metadata?: { namespace?: string; name?: string } }[];
  const names = items
    .filter((item) => item.metadata?.namespace === target.namespace)
    .map((item) => item.metadata?.name ?? '');
  if (names.includes(target.name)) return;
  const resource = field === 'pvcs' ? 'persistentvolumeclaims' : field.toLowerCase();
  const unreadable = snapshot.unreadable.find((line) => line.startsWith(`${resource}:`));
  if (unreadable) return; // RBAC hides the list: diagnose what can be seen rather than claim it is missing
  throw new ToolError(
    `${target.kind} "${target.name}" was not found in namespace "${target.namespace}" (context "${snapshot.context}").`,
    `${didYouMean(target.name, names)} Call diagnose_cluster with namespace="${target.namespace}" to see every finding there.`.trim(),
  );
}

/** The findings about the scope, plus whatever explains them (a node, a Secret) from outside it. */
export function findingsInScope(findings: readonly Finding[], scope: Set<string>): Finding[] {
  // Through `related` too (an Ingress naming one of its Services), but not through a shared node.
  const touches = (ref: ObjectRef) => ref.kind !== 'Node' && scope.has(refKey(ref));
  const kept = new Set(
    findings.filter((finding) => scope.has(refKey(finding.object)) || finding.related?.some(touches)),
  );
  for (const finding of [...kept]) {
    for (const root of finding.explainedBy ?? []) {
      const match = findings.find(
        (item) => refKey(item.object) === refKey(root.object) && item.cause === root.cause,
      );
      if (match) kept.add(match);
    }
  }
  return findings.filter((finding) => kept.has(finding));
}

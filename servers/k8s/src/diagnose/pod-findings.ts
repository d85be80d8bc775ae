import { type CauseInfo, causes, type PodCause } from './causes.js';
import { type Finding, type ObjectRef, refKey, type Severity } from './finding.js';
import type { ClusterSnapshot } from './snapshot.js';
import { indexSnapshot, type PodLike } from './snapshot-index.js';

/** One pod's problem, as a pod analyzer sees it; grouped by top owner into findings. */
export interface PodProblem {
  pod: PodLike;
  cause: PodCause;
  detail?: string;
  /** What is wrong with this pod, built from identifier-like fields only (it is not fenced). */
  headline: string;
  /** Status fields and event messages that prove it (fenced when rendered). */
  evidence: string[];
  next: string;
  severity?: Severity;
  /** Overrides the cause's rank (an old leftover ranks below today's problems). */
  rank?: number;
  /** Objects besides the pod: the missing Secret, the unbound PVC. */
  related?: ObjectRef[];
}

/** Pods named per finding; the summary gives the full count. */
const maxRelatedPods = 10;
const maxEvidence = 6;

/**
 * One finding per (top owner, cause, detail): ten crash-looping replicas are one Deployment
 * with one cause, its pods in `related`, evidence from the first pods only.
 */
export function groupPodProblems(snapshot: ClusterSnapshot, problems: readonly PodProblem[]): Finding[] {
  const index = indexSnapshot(snapshot);
  const groups = new Map<string, { owner: ObjectRef; items: PodProblem[] }>();
  for (const problem of problems) {
    const owner = index.topOwner(problem.pod);
    const k = `${refKey(owner)}|${problem.cause}|${problem.detail ?? ''}`;
    const group = groups.get(k);
    if (group) group.items.push(problem);
    else groups.set(k, { owner, items: [problem] });
  }
  return [...groups.values()].map(({ owner, items }) => toFinding(owner, items, index.podsOwnedBy(owner)));
}

function toFinding(owner: ObjectRef, items: PodProblem[], total: number): Finding {
  const first = items[0] as PodProblem;
  const info: CauseInfo = causes[first.cause];
  const pods = new Set(items.map((item) => item.pod.metadata?.name ?? '?'));
  const share = owner.kind === 'Pod' ? '' : `${pods.size} of ${Math.max(total, pods.size)} pods: `;
  const evidence = [...new Set(items.slice(0, 3).flatMap((item) => item.evidence))].slice(0, maxEvidence);
  const related: ObjectRef[] = [];
  const seen = new Set<string>();
  const add = (ref: ObjectRef) => {
    const k = refKey(ref);
    if (seen.has(k) || k === refKey(owner)) return;
    related.push(ref);
    seen.add(k);
  };
  for (const item of items) for (const ref of item.related ?? []) add(ref);
  for (const item of items.slice(0, maxRelatedPods)) {
    add({ kind: 'Pod', namespace: item.pod.metadata?.namespace, name: item.pod.metadata?.name ?? '?' });
  }
  return {
    severity: highestSeverity(items.map((item) => item.severity ?? info.severity)),
    object: owner,
    cause: first.cause,
    summary: `${share}${first.headline}`,
    evidence,
    next: first.next,
    ...(related.length > 0 ? { related } : {}),
    rank: Math.max(...items.map((item) => item.rank ?? info.rank)),
    ...(first.detail ? { detail: first.detail } : {}),
  };
}

const severityOrder: Severity[] = ['info', 'warning', 'critical'];

function highestSeverity(severities: Severity[]): Severity {
  return severities.reduce((a, b) => (severityOrder.indexOf(b) > severityOrder.indexOf(a) ? b : a));
}

type ContainerPair = {
  status: NonNullable<NonNullable<PodLike['status']>['containerStatuses']>[number];
  spec: NonNullable<PodLike['spec']>['containers'][number] | undefined;
};
// Five analyzers walk every pod's containers: on 10,000 pods, pairing them once is worth it.
const pairs = new WeakMap<PodLike, ContainerPair[]>();

/** Every container status of a pod with its spec, init containers included. */
export function containersOf(pod: PodLike): ContainerPair[] {
  const cached = pairs.get(pod);
  if (cached) return cached;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const specs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const result = statuses.map((status) => ({
    status,
    spec: specs.find((spec) => spec.name === status.name),
  }));
  pairs.set(pod, result);
  return result;
}

export function podRef(pod: PodLike): ObjectRef {
  return { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '?' };
}

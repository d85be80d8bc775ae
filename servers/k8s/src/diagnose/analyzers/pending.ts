import type { PodCause } from '../causes.js';
import { causes } from '../causes.js';
import type { ObjectRef } from '../finding.js';
import { groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { evidenceLine, indexSnapshot, type PodLike } from '../snapshot-index.js';

type SchedulingCause = Extract<
  PodCause,
  | 'InsufficientCPU'
  | 'InsufficientMemory'
  | 'UntoleratedTaint'
  | 'NodeAffinityMismatch'
  | 'UnboundPVC'
  | 'Unschedulable'
>;

const patterns: [RegExp, SchedulingCause][] = [
  [/Insufficient cpu/i, 'InsufficientCPU'],
  [/Insufficient memory/i, 'InsufficientMemory'],
  [/taint/i, 'UntoleratedTaint'],
  [/affinity|selector/i, 'NodeAffinityMismatch'],
  [/PersistentVolumeClaim|unbound/i, 'UnboundPVC'],
];

// Taints kubelet-lifecycle puts on broken nodes: the node analyzers report those nodes.
const brokenNodeTaint = /node\.kubernetes\.io\/(not-ready|unreachable)/;

/**
 * The scheduler's "0/4 nodes are available: 3 Insufficient cpu, 1 node(s) had untolerated taint
 * {...}. preemption: ..." as one cause: the reason that rules out the most nodes, a broken node's
 * taint only when nothing else does. A pod that selects its nodes (nodeSelector, required node
 * affinity) is meant to skip the others: what stops it is whatever rules out the nodes it selected.
 */
export function schedulingCause(message: string, selectsNodes = false): SchedulingCause {
  const main = message.split(/preemption:/i)[0] ?? message;
  if (/unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found/i.test(main))
    return 'UnboundPVC';
  const parts = (main.split(/nodes are available:/i)[1] ?? '').split(/,\s*/);
  let best: { cause: SchedulingCause; count: number } | undefined;
  for (const part of parts) {
    const count = Number(/^\s*(\d+)/.exec(part)?.[1] ?? 0);
    const cause = patterns.find(([pattern]) => pattern.test(part))?.[1] ?? 'Unschedulable';
    const expected = brokenNodeTaint.test(part) || (selectsNodes && cause === 'NodeAffinityMismatch');
    const weight = expected ? count / 1000 : count;
    const better =
      !best || weight > best.count || (weight === best.count && causes[cause].rank > causes[best.cause].rank);
    if (better) best = { cause, count: weight };
  }
  return best?.cause ?? 'Unschedulable';
}

const meaning: Record<SchedulingCause, string> = {
  InsufficientCPU: 'no node has enough unrequested CPU',
  InsufficientMemory: 'no node has enough unrequested memory',
  UntoleratedTaint: 'the nodes carry taints it does not tolerate',
  NodeAffinityMismatch: 'no node matches its nodeSelector / affinity',
  UnboundPVC: 'its PersistentVolumeClaim is not bound',
  Unschedulable: 'the scheduler cannot place it',
};

/** Pods the scheduler cannot place, with the scheduler's own reason. */
export const pendingAnalyzer: Analyzer = {
  name: 'pending',
  analyze(snapshot) {
    const index = indexSnapshot(snapshot);
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      if (pod.status?.phase !== 'Pending' || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
      const condition = pod.status?.conditions?.find((item) => item.type === 'PodScheduled');
      const events = index.eventsFor('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '');
      const event = events.find((item) => item.reason === 'FailedScheduling');
      const message = (condition?.status === 'False' ? condition.message : undefined) ?? event?.message;
      if (!message) continue;
      const problem = problemFor(snapshot, pod, message);
      // cluster-autoscaler is already adding a node: likely to resolve itself, so a warning.
      if (events.some((item) => item.reason === 'TriggeredScaleUp')) {
        problem.severity = 'warning';
        problem.headline += ' cluster-autoscaler is adding a node.';
      }
      problems.push(problem);
    }
    return groupPodProblems(snapshot, problems);
  },
};

function problemFor(snapshot: ClusterSnapshot, pod: PodLike, message: string): PodProblem {
  const selectsNodes =
    Object.keys(pod.spec?.nodeSelector ?? {}).length > 0 ||
    Boolean(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  const cause = schedulingCause(message, selectsNodes);
  const namespace = pod.metadata?.namespace;
  const related: ObjectRef[] =
    cause === 'UnboundPVC'
      ? unboundClaims(snapshot, pod).map((name) => ({ kind: 'PersistentVolumeClaim', namespace, name }))
      : [];
  const requests = (pod.spec?.containers ?? [])
    .map((container) => container.resources?.requests)
    .filter(Boolean)
    .map((request) => `cpu=${request?.cpu ?? '-'} memory=${request?.memory ?? '-'}`);
  const selector = Object.entries(pod.spec?.nodeSelector ?? {}).map(([key, value]) => `${key}=${value}`);
  const evidence = [`scheduler: ${message}`];
  if (cause === 'InsufficientCPU' || cause === 'InsufficientMemory')
    evidence.push(`requests: ${requests.join('; ')}`);
  if (cause === 'NodeAffinityMismatch' && selector.length > 0)
    evidence.push(`nodeSelector: ${selector.join(',')}`);
  return {
    pod,
    cause,
    headline: `Pending: ${meaning[cause]}.`,
    evidence: evidence.map((line) => evidenceLine(line)),
    next: nextStep(cause, namespace, related),
    ...(related.length > 0 ? { related } : {}),
  };
}

function nextStep(cause: SchedulingCause, namespace: string | undefined, related: ObjectRef[]): string {
  if (cause === 'InsufficientCPU' || cause === 'InsufficientMemory')
    return "Lower the pods' requests, scale other workloads down, or add nodes (kubectl describe nodes | grep -A5 Allocated).";
  if (cause === 'UntoleratedTaint')
    return 'kubectl describe nodes | grep Taints; add a toleration or fix the tainted nodes.';
  if (cause === 'NodeAffinityMismatch')
    return 'kubectl get nodes --show-labels; fix the nodeSelector/affinity or label a node.';
  if (cause === 'UnboundPVC')
    return `kubectl -n ${namespace} describe pvc ${related[0]?.name ?? ''} (StorageClass, provisioner events).`.replace(
      ' )',
      ')',
    );
  return `get_events namespace=${namespace} for the scheduler's full message.`;
}

function unboundClaims(snapshot: ClusterSnapshot, pod: PodLike): string[] {
  const namespace = pod.metadata?.namespace;
  const claims = (pod.spec?.volumes ?? [])
    .map((volume) => volume.persistentVolumeClaim?.claimName)
    .filter(Boolean) as string[];
  return claims.filter((name) => {
    const pvc = snapshot.pvcs.find(
      (item) => item.metadata?.namespace === namespace && item.metadata?.name === name,
    );
    return pvc?.status?.phase !== 'Bound';
  });
}

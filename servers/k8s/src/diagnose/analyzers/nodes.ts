import type { V1Node } from '@kubernetes/client-node';
import { formatDuration } from '@sre-agent/shared';
import type { Wire } from '../../kube-client.js';
import type { ObjectCause } from '../causes.js';
import type { Finding, ObjectRef, Severity } from '../finding.js';
import { conditionLine, isPodLive, msSince, refOf } from '../object-helpers.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine, type PodLike, word } from '../snapshot-index.js';

type NodeLike = Wire<V1Node>;
type Condition = NonNullable<NonNullable<NodeLike['status']>['conditions']>[number];

/** Conditions that are bad when True, with what they cost. */
const badWhenTrue: { type: string; cause: ObjectCause; severity: Severity; effect: string }[] = [
  {
    type: 'MemoryPressure',
    cause: 'NodeMemoryPressure',
    severity: 'warning',
    effect: 'the kubelet evicts pods',
  },
  {
    type: 'DiskPressure',
    cause: 'NodeDiskPressure',
    severity: 'warning',
    effect: 'the kubelet evicts pods and prunes images',
  },
  { type: 'PIDPressure', cause: 'NodePIDPressure', severity: 'warning', effect: 'processes cannot fork' },
  {
    type: 'NetworkUnavailable',
    cause: 'NodeNetworkUnavailable',
    severity: 'critical',
    effect: 'pods on it have no network',
  },
];
const maxRelatedPods = 20;

/**
 * Nodes that are NotReady, under pressure, without network, or cordoned with pods still on them.
 * A node finding names the pods on it in `related`, so it outranks (and explains) their findings.
 */
export const nodesAnalyzer: Analyzer = {
  name: 'nodes',
  analyze(snapshot, now) {
    const podsOn = new Map<string, PodLike[]>();
    for (const pod of snapshot.pods) {
      const node = pod.spec?.nodeName;
      if (!node || !isPodLive(pod)) continue;
      const list = podsOn.get(node);
      if (list) list.push(pod);
      else podsOn.set(node, [pod]);
    }
    return snapshot.nodes.flatMap((node) =>
      analyzeOne(node, podsOn.get(node.metadata?.name ?? '') ?? [], now),
    );
  },
};

function analyzeOne(node: NodeLike, pods: PodLike[], now: Date): Finding[] {
  const object = refOf('Node', node);
  const conditions = node.status?.conditions ?? [];
  const related = pods.slice(0, maxRelatedPods).map((pod) => refOf('Pod', pod));
  const onIt = `${pods.length} pod${pods.length === 1 ? '' : 's'} on it`;
  const findings: Finding[] = [];
  const ready = conditions.find((item) => item.type === 'Ready');
  if (ready && ready.status !== 'True') findings.push(notReady(object, ready, onIt, related, now));
  for (const bad of badWhenTrue) {
    const condition = conditions.find((item) => item.type === bad.type && item.status === 'True');
    if (!condition) continue;
    findings.push({
      severity: bad.severity,
      object,
      cause: bad.cause,
      summary: `${bad.type} for ${age(condition, now)}: ${bad.effect}; ${onIt}.`,
      evidence: [evidenceLine(conditionLine(condition))],
      next: `get_resource_health resource_type=node resource_name=${object.name}; kubectl describe node ${object.name}`,
      ...(related.length ? { related } : {}),
    });
  }
  // DaemonSet pods stay through a drain by design; anything else still here means the drain stopped.
  const left = pods.filter((pod) => !pod.metadata?.ownerReferences?.some((ref) => ref.kind === 'DaemonSet'));
  if (node.spec?.unschedulable && left.length > 0) {
    findings.push({
      severity: 'warning',
      object,
      cause: 'NodeCordoned',
      summary: `cordoned (spec.unschedulable) with ${left.length} non-DaemonSet pod${left.length === 1 ? '' : 's'} still on it: a drain not finished, or a cordon forgotten.`,
      evidence: ['spec.unschedulable: true', `pods still on it: ${left.length} (of ${pods.length})`],
      next: `kubectl drain ${object.name} --ignore-daemonsets (to finish) or kubectl uncordon ${object.name} (if the cordon is forgotten)`,
      related: left.slice(0, maxRelatedPods).map((pod) => refOf('Pod', pod)),
    });
  }
  return findings;
}

function notReady(
  object: ObjectRef,
  ready: Condition,
  onIt: string,
  related: ObjectRef[],
  now: Date,
): Finding {
  // Unknown means the kubelet stopped reporting (node down or unreachable); False, that it reports a problem.
  const why =
    ready.status === 'Unknown' ? 'the kubelet stopped posting status' : word(ready.reason) || 'Ready=False';
  return {
    severity: 'critical',
    object,
    cause: 'NodeNotReady',
    summary: `NotReady for ${age(ready, now)} (${why}); ${onIt}.`,
    evidence: [evidenceLine(conditionLine(ready))],
    next: `get_resource_health resource_type=node resource_name=${object.name}; kubectl describe node ${object.name} (kubelet, network, cloud instance state)`,
    ...(related.length ? { related } : {}),
  };
}

function age(condition: Condition, now: Date): string {
  const ms = msSince(condition.lastTransitionTime, now);
  return ms === undefined ? 'an unknown time' : formatDuration(ms);
}

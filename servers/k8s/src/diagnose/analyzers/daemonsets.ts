import type { V1DaemonSet, V1Node, V1Toleration } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { Finding } from '../finding.js';
import {
  canRead,
  graceMs,
  isPodLive,
  isPodReady,
  matchesLabels,
  msSince,
  nameList,
  notReadySince,
  podsControlledBy,
  refOf,
} from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';

type NodeLike = Wire<V1Node>;

/**
 * A DaemonSet short of ready pods, naming the nodes: those whose pod is not ready, and those
 * that should run one and have none (node selector and taints checked; affinity is not, so
 * missing nodes are named only when that count agrees with the controller's).
 */
export const daemonSetsAnalyzer: Analyzer = {
  name: 'daemonsets',
  analyze(snapshot, now) {
    return snapshot.daemonSets.flatMap((set) => analyzeOne(snapshot, set, now));
  },
};

function analyzeOne(snapshot: ClusterSnapshot, set: Wire<V1DaemonSet>, now: Date): Finding[] {
  const desired = set.status?.desiredNumberScheduled ?? 0;
  const ready = set.status?.numberReady ?? 0;
  if (desired === 0 || ready >= desired) return [];
  const object = refOf('DaemonSet', set);
  const pods = podsControlledBy(snapshot, 'DaemonSet', set).filter(isPodLive);
  const stuck = pods.filter((pod) => !isPodReady(pod) && (msSince(notReadySince(pod), now) ?? 0) > graceMs);
  const notReadyNodes = stuck.map(
    (pod) => pod.spec?.nodeName ?? `(unscheduled ${pod.metadata?.name ?? '?'})`,
  );
  const withPod = new Set(pods.map((pod) => pod.spec?.nodeName).filter(Boolean));
  const eligible = canRead(snapshot, 'nodes') ? snapshot.nodes.filter((node) => runsOn(set, node)) : [];
  const missing =
    eligible.length === desired
      ? eligible
          .filter(
            (node) =>
              !withPod.has(node.metadata?.name) &&
              (msSince(node.metadata?.creationTimestamp, now) ?? 0) > graceMs,
          )
          .map((node) => node.metadata?.name ?? '?')
      : [];
  // Without pods to look at (unreadable, or none created) the counts are all there is.
  const unexplained = pods.length === 0 && (msSince(set.metadata?.creationTimestamp, now) ?? 0) > graceMs;
  if (stuck.length === 0 && missing.length === 0 && !unexplained) return [];
  const parts = [
    notReadyNodes.length ? `pod not ready on ${nameList(notReadyNodes.sort(), 3)}` : '',
    missing.length ? `no pod on ${nameList(missing.sort(), 3)}` : '',
  ].filter(Boolean);
  return [
    {
      severity: ready === 0 ? 'critical' : 'warning',
      object,
      cause: 'DaemonSetNotReady',
      summary: `${ready}/${desired} nodes have a ready pod${parts.length ? `; ${parts.join('; ')}` : ''}.`,
      evidence: [
        `status: desired ${desired}, current ${set.status?.currentNumberScheduled ?? 0}, ready ${ready}, unavailable ${set.status?.numberUnavailable ?? desired - ready}, misscheduled ${set.status?.numberMisscheduled ?? 0}`,
        ...(notReadyNodes.length ? [`not ready on: ${nameList(notReadyNodes)}`] : []),
        ...(missing.length ? [`no pod on: ${nameList(missing)}`] : []),
      ],
      next: stuck[0]
        ? `get_pod_details namespace=${object.namespace} pod_name=${stuck[0].metadata?.name}`
        : `get_events namespace=${object.namespace} involved_object=daemonset/${object.name}`,
      related: [
        ...stuck.slice(0, 10).map((pod) => refOf('Pod', pod)),
        ...missing.slice(0, 10).map((name) => ({ kind: 'Node', name })),
      ],
    },
  ];
}

// Taints the DaemonSet controller tolerates on every DaemonSet pod by itself.
const automatic = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/unschedulable',
]);

function runsOn(set: Wire<V1DaemonSet>, node: NodeLike): boolean {
  const spec = set.spec?.template?.spec;
  if (!matchesLabels(node.metadata?.labels, spec?.nodeSelector ?? {})) return false;
  const tolerations = spec?.tolerations ?? [];
  return (node.spec?.taints ?? []).every(
    (taint) =>
      taint.effect === 'PreferNoSchedule' ||
      automatic.has(taint.key) ||
      tolerations.some((toleration) => tolerates(toleration, taint)),
  );
}

function tolerates(
  toleration: V1Toleration,
  taint: { key: string; value?: string; effect: string },
): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}

import type { V1StatefulSet } from '@kubernetes/client-node';
import { plural } from '../../format/summary.js';
import type { Wire } from '../../kube-client.js';
import type { Finding } from '../finding.js';
import {
  graceMs,
  isPodLive,
  isPodReady,
  msSince,
  nameList,
  notReadySince,
  podsControlledBy,
  refOf,
} from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { evidenceLine, indexSnapshot } from '../snapshot-index.js';

/**
 * A StatefulSet with fewer ready replicas than desired, for longer than a grace period (a pod
 * restarting during a rolling update is not a finding). With OrderedReady pods, one stuck pod
 * also blocks every ordinal after it, so the not-ready pods are named.
 */
export const statefulSetsAnalyzer: Analyzer = {
  name: 'statefulsets',
  analyze(snapshot, now) {
    return snapshot.statefulSets.flatMap((set) => analyzeOne(snapshot, set, now));
  },
};

function analyzeOne(snapshot: ClusterSnapshot, set: Wire<V1StatefulSet>, now: Date): Finding[] {
  const desired = set.spec?.replicas ?? 1;
  const ready = set.status?.readyReplicas ?? 0;
  if (desired === 0 || !set.status || ready >= desired) return [];
  const object = refOf('StatefulSet', set);
  const pods = podsControlledBy(snapshot, 'StatefulSet', set).filter(isPodLive);
  const notReady = pods.filter((pod) => !isPodReady(pod));
  const longest = Math.max(0, ...notReady.map((pod) => msSince(notReadySince(pod), now) ?? 0));
  const failedCreate = indexSnapshot(snapshot)
    .eventsFor('StatefulSet', object.namespace, object.name)
    .filter((event) => event.type === 'Warning' && event.reason === 'FailedCreate');
  // Pods missing without an explanation may be being recreated right now.
  const missing = desired - pods.length;
  if (longest <= graceMs && !(missing > 0 && failedCreate.length > 0)) return [];
  const names = notReady.map((pod) => pod.metadata?.name ?? '?').sort();
  const evidence = [
    `status: ${ready}/${desired} ready, ${set.status.currentReplicas ?? 0} current, ${set.status.updatedReplicas ?? 0} updated`,
    ...(names.length ? [`not ready: ${nameList(names)}`] : []),
    ...(missing > 0 ? [`${plural(missing, 'pods')} not created`] : []),
    ...failedCreate.slice(0, 2).map((event) => evidenceLine(`event FailedCreate: ${event.message ?? ''}`)),
  ];
  if (set.status.updateRevision && set.status.currentRevision !== set.status.updateRevision) {
    evidence.push(`rolling update ${set.status.currentRevision ?? '?'} -> ${set.status.updateRevision}`);
  }
  return [
    {
      severity: ready === 0 ? 'critical' : 'warning',
      object,
      cause: 'StatefulSetNotReady',
      summary: `${ready}/${desired} replicas ready${names.length ? `; not ready: ${nameList(names, 3)}` : ''}${missing > 0 ? `; ${missing} not created` : ''}.`,
      evidence,
      next: names[0]
        ? `get_pod_details namespace=${object.namespace} pod_name=${names[0]} (the lowest not-ready ordinal blocks the ones after it)`
        : `get_events namespace=${object.namespace} involved_object=statefulset/${object.name} (why the controller cannot create pods)`,
      related: names.slice(0, 10).map((name) => ({ kind: 'Pod', namespace: object.namespace, name })),
    },
  ];
}

import { groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine, indexSnapshot } from '../snapshot-index.js';

// Events live an hour by default: an evicted pod with no event left, created before that, is the
// leftover of an old incident that garbage collection has not removed, not today's problem.
const eventTtlMs = 60 * 60 * 1000;
const leftoverRank = 5;

/** Which resource the kubelet ran short of, from "The node was low on resource: memory. ...". */
export function evictionResource(message: string): string {
  const resource = /low on resource: ([\w-]+)/.exec(message)?.[1];
  if (resource) return resource;
  if (/ephemeral|disk|storage/i.test(message)) return 'ephemeral-storage';
  return 'unknown';
}

/** Pods the kubelet evicted (node pressure, ephemeral storage over its limit). */
export const evictedAnalyzer: Analyzer = {
  name: 'evicted',
  analyze(snapshot, now) {
    const index = indexSnapshot(snapshot);
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      if (pod.status?.phase !== 'Failed' || pod.status?.reason !== 'Evicted') continue;
      const message = pod.status.message ?? '';
      const resource = evictionResource(message);
      const namespace = pod.metadata?.namespace;
      const created = new Date(pod.metadata?.creationTimestamp ?? '').getTime();
      const leftover =
        now.getTime() - created > eventTtlMs &&
        index.eventsFor('Pod', namespace, pod.metadata?.name ?? '').length === 0;
      problems.push({
        ...(leftover ? { severity: 'info' as const, rank: leftoverRank } : {}),
        pod,
        cause: 'Evicted',
        detail: resource,
        headline: `evicted by the kubelet of node ${pod.spec?.nodeName ?? '?'}: the node ran low on ${resource}.${leftover ? ' An old eviction (no event left): a leftover pod object.' : ''}`,
        evidence: [evidenceLine(`status: Failed/Evicted: ${message}`)],
        next: `Check node pressure (get_resource_health); set ${resource} requests/limits; clean up: kubectl -n ${namespace} delete pod --field-selector=status.phase=Failed.`,
      });
    }
    return groupPodProblems(snapshot, problems);
  },
};

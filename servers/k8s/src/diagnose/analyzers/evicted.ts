import { groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine } from '../snapshot-index.js';

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
  analyze(snapshot) {
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      if (pod.status?.phase !== 'Failed' || pod.status?.reason !== 'Evicted') continue;
      const message = pod.status.message ?? '';
      const resource = evictionResource(message);
      const namespace = pod.metadata?.namespace;
      problems.push({
        pod,
        cause: 'Evicted',
        detail: resource,
        headline: `evicted by the kubelet of node ${pod.spec?.nodeName ?? '?'}: the node ran low on ${resource}.`,
        evidence: [evidenceLine(`status: Failed/Evicted: ${message}`)],
        next: `Check node pressure (get_resource_health); set ${resource} requests/limits; clean up: kubectl -n ${namespace} delete pod --field-selector=status.phase=Failed.`,
      });
    }
    return groupPodProblems(snapshot, problems);
  },
};

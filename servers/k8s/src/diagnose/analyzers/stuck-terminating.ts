import { groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { indexSnapshot, toMs, word } from '../snapshot-index.js';

/** Beyond the grace period, how long before "terminating" becomes "stuck". */
export const stuckMarginMs = 5 * 60_000;

/** Pods deleted long ago that are still there: a finalizer nobody removes, or a kubelet that is gone. */
export const stuckTerminatingAnalyzer: Analyzer = {
  name: 'stuck-terminating',
  analyze(snapshot, now) {
    const index = indexSnapshot(snapshot);
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      const deleted = toMs(pod.metadata?.deletionTimestamp);
      if (deleted === undefined) continue;
      // deletionTimestamp is already "request time + grace"; the grace is added again for pods
      // whose kubelet is slow to confirm, plus the margin.
      const grace =
        (pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      const overdue = now.getTime() - deleted;
      if (overdue < grace + stuckMarginMs) continue;
      const namespace = pod.metadata?.namespace;
      const name = pod.metadata?.name ?? '';
      const finalizers = (pod.metadata?.finalizers ?? []).map((item) => word(item, 100));
      const nodeName = pod.spec?.nodeName;
      const node = nodeName ? index.node(nodeName) : undefined;
      const nodeReady = node?.status?.conditions?.find((item) => item.type === 'Ready')?.status;
      const nodeDown = nodeName !== undefined && node !== undefined && nodeReady !== 'True';
      const why =
        finalizers.length > 0
          ? `finalizers ${finalizers.join(', ')} not removed`
          : nodeDown
            ? `its node ${nodeName} is NotReady, so the kubelet never confirms the deletion`
            : 'the kubelet has not confirmed the deletion';
      problems.push({
        pod,
        cause: 'StuckTerminating',
        headline: `Terminating for ${Math.round(overdue / 60_000)} min: ${why}.`,
        evidence: [
          `metadata.deletionTimestamp=${String(pod.metadata?.deletionTimestamp)} finalizers=[${finalizers.join(', ')}] node=${nodeName ?? '-'} nodeReady=${nodeReady ?? '-'}`,
        ],
        next:
          finalizers.length > 0
            ? `Find the controller that owns the finalizer; only if it is gone: kubectl -n ${namespace} patch pod ${name} --type=merge -p '{"metadata":{"finalizers":null}}'.`
            : `Once the node is confirmed gone: kubectl -n ${namespace} delete pod ${name} --grace-period=0 --force.`,
        ...(nodeDown && nodeName ? { related: [{ kind: 'Node', name: nodeName }] } : {}),
      });
    }
    return groupPodProblems(snapshot, problems);
  },
};

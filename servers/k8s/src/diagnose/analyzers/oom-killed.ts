import { plural } from '../../format/summary.js';
import { formatMi, memoryBytes } from '../../quantity.js';
import { containersOf, groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine, toMs } from '../snapshot-index.js';

/** An OOM kill older than this, with no restart since, is history rather than a current problem. */
const staleMs = 24 * 3_600_000;

/** Containers killed for exceeding their memory limit, with the limit and (when metrics exist) current usage. */
export const oomKilledAnalyzer: Analyzer = {
  name: 'oom-killed',
  analyze(snapshot, now) {
    const usage = new Map(
      (snapshot.podUsage ?? []).map((pod) => [`${pod.namespace}/${pod.name}`, pod.containers] as const),
    );
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      for (const { status, spec } of containersOf(pod)) {
        const killed =
          status.state?.terminated?.reason === 'OOMKilled'
            ? status.state.terminated
            : status.lastState?.terminated?.reason === 'OOMKilled'
              ? status.lastState.terminated
              : undefined;
        if (!killed || now.getTime() - (toMs(killed.finishedAt) ?? now.getTime()) > staleMs) continue;
        const namespace = pod.metadata?.namespace ?? '';
        const podName = pod.metadata?.name ?? '';
        const limit = spec?.resources?.limits?.memory;
        const used = usage
          .get(`${namespace}/${podName}`)
          ?.find((item) => item.name === status.name)?.memoryBytes;
        const limitBytes = memoryBytes(limit);
        const usageText =
          used === undefined
            ? ''
            : `, now using ${formatMi(used)}${limitBytes ? ` (${Math.round((used / limitBytes) * 100)}% of the limit)` : ''}`;
        const state = status.state?.waiting?.reason ? `, now ${status.state.waiting.reason}` : '';
        problems.push({
          pod,
          cause: 'OOMKilled',
          headline: `container ${status.name} OOMKilled (exit ${killed.exitCode ?? 137}), memory limit ${limit ?? 'none (node memory ran out)'}${usageText}, ${plural(status.restartCount ?? 0, 'restarts')}${state}.`,
          evidence: [
            evidenceLine(
              `${killed === status.state?.terminated ? 'state' : 'lastState'}.terminated: reason=OOMKilled exitCode=${killed.exitCode} finishedAt=${String(killed.finishedAt ?? '')}`,
            ),
            `resources: limits.memory=${limit ?? '-'} requests.memory=${spec?.resources?.requests?.memory ?? '-'}`,
          ],
          next: `Raise resources.limits.memory of ${status.name} (now ${limit ?? 'unset'}) or find the leak: get_pod_logs namespace=${namespace} pod_name=${podName} container=${status.name} previous=true.`,
        });
        break;
      }
    }
    return groupPodProblems(snapshot, problems);
  },
};

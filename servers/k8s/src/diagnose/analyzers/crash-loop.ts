import { plural } from '../../format/summary.js';
import { containersOf, groupPodProblems, type PodProblem } from '../pod-findings.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine, toMs, word } from '../snapshot-index.js';

/** A container back in Running after a crash is still crash-looping if it crashed this recently, this often. */
const recentCrashMs = 15 * 60_000;
const minRestarts = 3;

/** What an exit code usually means, so the summary says more than a number. */
export function exitCodeHint(code: number | undefined): string {
  if (code === undefined) return '';
  if (code === 137) return ' (SIGKILL: OOM or a failed liveness probe)';
  if (code === 143) return ' (SIGTERM)';
  if (code === 139) return ' (segfault)';
  if (code === 127) return ' (command not found)';
  if (code === 126) return ' (command not executable)';
  if (code === 1 || code === 2) return ' (application error)';
  return '';
}

/**
 * Containers in CrashLoopBackOff, or restarting repeatedly right now. An OOM kill is left to
 * oom-killed.ts: its fix is the memory limit, not the code.
 */
export const crashLoopAnalyzer: Analyzer = {
  name: 'crash-loop',
  analyze(snapshot, now) {
    const problems: PodProblem[] = [];
    for (const pod of snapshot.pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      for (const { status } of containersOf(pod)) {
        const last = status.lastState?.terminated;
        if (last?.reason === 'OOMKilled') continue;
        const waiting = status.state?.waiting?.reason === 'CrashLoopBackOff';
        const finished = toMs(last?.finishedAt) ?? 0;
        const flapping =
          !waiting &&
          (status.restartCount ?? 0) >= minRestarts &&
          last &&
          now.getTime() - finished < recentCrashMs;
        if (!waiting && !flapping) continue;
        const code = last?.exitCode;
        const reason = word(last?.reason) || 'unknown reason';
        const namespace = pod.metadata?.namespace ?? '';
        const evidence = [
          waiting ? `state.waiting: CrashLoopBackOff: ${status.state?.waiting?.message ?? ''}` : '',
          last
            ? `lastState.terminated: exitCode=${code} reason=${last.reason ?? ''} finishedAt=${String(last.finishedAt ?? '')}${last.message ? ` message=${last.message}` : ''}`
            : '',
        ]
          .filter(Boolean)
          .map((line) => evidenceLine(line));
        problems.push({
          pod,
          cause: 'CrashLoopBackOff',
          headline: `container ${status.name} keeps exiting with code ${code ?? '?'}${exitCodeHint(code)}, reason ${reason}, ${plural(status.restartCount ?? 0, 'restarts')}.`,
          evidence,
          next: `get_pod_logs namespace=${namespace} pod_name=${pod.metadata?.name} container=${status.name} previous=true (why it exited); roll back if a new version started this.`,
        });
        break;
      }
    }
    return groupPodProblems(snapshot, problems);
  },
};

import type { V1Pod } from '@kubernetes/client-node';
import { podHealth } from './pod-health.js';
import { type Finding, finding, type Verdict } from './verdict.js';

/**
 * What a workload's pods add to its verdict: one finding per distinct problem, naming up to
 * three pods, so a Deployment that looks fine by its counts still shows its crash-looping pods.
 * Capped at Degraded: one broken pod of three explains a verdict, the replica counts decide it.
 */
export function podProblemFindings(pods: readonly V1Pod[], now: Date): Finding[] {
  const groups = new Map<string, { level: Verdict; example: string; detail?: string; pods: string[] }>();
  for (const pod of pods) {
    const report = podHealth(pod, now);
    if (report.verdict === 'Healthy') continue;
    const example = report.reasons[0] ?? report.verdict;
    // Pods of one workload differ only in counts and ages; group on the reason's shape.
    const key = `${report.verdict}|${(example.split(' (')[0] ?? '').replace(/\d+/g, '#')}`;
    const group = groups.get(key) ?? {
      level: report.verdict,
      example,
      detail: detailOf(report.details, example),
      pods: [],
    };
    group.pods.push(pod.metadata?.name ?? '?');
    groups.set(key, group);
  }
  return [...groups.values()].map(({ level, example, detail, pods: names }) => {
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    return finding(
      level === 'Unhealthy' ? 'Degraded' : level,
      `pod ${names.slice(0, 3).join(', ')}${more}: ${example}`,
      detail,
    );
  });
}

/** The cluster message behind `reason`, without the reason prefix `decide` put on it. */
function detailOf(details: readonly string[], reason: string): string | undefined {
  return details.find((detail) => detail.startsWith(`${reason}: `))?.slice(reason.length + 2);
}

/** Worst first: the order a verdict is decided in and reasons are listed in. */
export type Verdict = 'Healthy' | 'Degraded' | 'Unhealthy' | 'Unknown';

/** One observation that contributed to a verdict, e.g. `container api: CrashLoopBackOff`. */
export interface Finding {
  level: Verdict;
  reason: string;
}

export interface HealthReport {
  verdict: Verdict;
  /** Why, worst first; the model quotes these, so each one names what it saw. */
  reasons: string[];
}

// Unknown ranks below Degraded: "something is wrong" says more than "we cannot tell".
const rank: Record<Verdict, number> = { Healthy: 0, Unknown: 1, Degraded: 2, Unhealthy: 3 };

export function finding(level: Verdict, reason: string): Finding {
  return { level, reason };
}

/** The worst level wins; with no findings at all there is nothing to go on, so Unknown. */
export function decide(findings: readonly Finding[]): HealthReport {
  if (findings.length === 0) return { verdict: 'Unknown', reasons: ['nothing to judge it by'] };
  const sorted = [...findings].sort((a, b) => rank[b.level] - rank[a.level]);
  const verdict = sorted[0]?.level ?? 'Unknown';
  return { verdict, reasons: [...new Set(sorted.map((item) => item.reason))] };
}

export function worse(a: Verdict, b: Verdict): Verdict {
  return rank[a] >= rank[b] ? a : b;
}

/** Kubernetes condition lookup that tolerates a missing list. */
export interface ConditionLike {
  type: string;
  status: string;
  reason?: string | undefined;
  message?: string | undefined;
  lastTransitionTime?: Date | string | undefined;
}

export function conditionOf(
  conditions: readonly ConditionLike[] | undefined,
  type: string,
): ConditionLike | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/** `Available=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.)` */
export function describeCondition(condition: ConditionLike): string {
  const detail = [condition.reason, condition.message].filter(Boolean).join(': ');
  return `${condition.type}=${condition.status}${detail ? ` (${detail})` : ''}`;
}

/** The controller has not caught up with the latest spec, so its counts describe an older one. */
export function staleness(generation: number | undefined, observed: number | undefined): Finding[] {
  if (generation === undefined || observed === undefined || observed >= generation) return [];
  return [finding('Unknown', `status is stale: generation ${generation}, controller observed ${observed}`)];
}

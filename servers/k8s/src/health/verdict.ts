import { maskSecretShapes } from '../redact.js';

/** Worst first: the order a verdict is decided in and reasons are listed in. */
export type Verdict = 'Healthy' | 'Degraded' | 'Unhealthy' | 'Unknown';

/**
 * One observation that contributed to a verdict. `reason` is built from identifiers and counts
 * only (`container api: CrashLoopBackOff`), so it can be shown as our own words; `detail` is a
 * message the cluster wrote, which callers must fence as untrusted text.
 */
export interface Finding {
  level: Verdict;
  reason: string;
  detail?: string | undefined;
}

export interface HealthReport {
  verdict: Verdict;
  /** Why, worst first; the model quotes these, so each one names what it saw. */
  reasons: string[];
  /** The cluster's own messages behind those reasons, as `reason: message`. Untrusted text. */
  details: string[];
}

// Unknown ranks below Degraded: "something is wrong" says more than "we cannot tell".
const rank: Record<Verdict, number> = { Healthy: 0, Unknown: 1, Degraded: 2, Unhealthy: 3 };

/** `detail` keeps the cluster's words minus anything shaped like a secret (a password in a URL). */
export function finding(level: Verdict, reason: string, detail?: string): Finding {
  return detail ? { level, reason, detail: maskSecretShapes(detail) } : { level, reason };
}

/** The worst level wins; with no findings at all there is nothing to go on, so Unknown. */
export function decide(findings: readonly Finding[]): HealthReport {
  if (findings.length === 0) return { verdict: 'Unknown', reasons: ['nothing to judge it by'], details: [] };
  const sorted = [...findings].sort((a, b) => rank[b.level] - rank[a.level]);
  const verdict = sorted[0]?.level ?? 'Unknown';
  const details = sorted.flatMap((item) => (item.detail ? [`${item.reason}: ${item.detail}`] : []));
  return {
    verdict,
    reasons: [...new Set(sorted.map((item) => item.reason))],
    details: [...new Set(details)],
  };
}

// Reasons are CamelCase identifiers by convention (CrashLoopBackOff, Unschedulable).
const plainWord = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** A reason field as our own text, or a placeholder when it is not a plain identifier. */
export function plain(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  return plainWord.test(reason) ? reason : '(unusual reason, see details)';
}

/** Kubernetes condition lookup that tolerates a missing list. */
export interface ConditionLike {
  type: string;
  status: string;
  reason?: string | undefined;
  message?: string | undefined;
}

export function conditionOf(
  conditions: readonly ConditionLike[] | undefined,
  type: string,
): ConditionLike | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/** `Available=False (MinimumReplicasUnavailable)`, its message as the detail. */
export function conditionFinding(level: Verdict, condition: ConditionLike, prefix = ''): Finding {
  const reason = plain(condition.reason);
  return finding(
    level,
    `${prefix}${condition.type}=${condition.status}${reason ? ` (${reason})` : ''}`,
    condition.message,
  );
}

/** The controller has not caught up with the latest spec, so its counts describe an older one. */
export function staleness(generation: number | undefined, observed: number | undefined): Finding[] {
  if (generation === undefined || observed === undefined || observed >= generation) return [];
  return [finding('Unknown', `status is stale: generation ${generation}, controller observed ${observed}`)];
}

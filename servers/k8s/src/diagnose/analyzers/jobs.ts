import type { V1Job } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import type { Finding, ObjectRef } from '../finding.js';
import { conditionLine, msSince, podsControlledBy, refOf } from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { evidenceLine, toMs, word } from '../snapshot-index.js';

type JobLike = Wire<V1Job>;

/** A failure older than this is history, kept as info so it does not crowd out what breaks now. */
const staleFailureMs = 24 * 3_600_000;

/**
 * Jobs with a Failed condition. A Job a CronJob still owns is left to cronjobs.ts, which reports
 * only its latest run: yesterday's failure followed by a success is not a problem.
 */
export const jobsAnalyzer: Analyzer = {
  name: 'jobs',
  analyze(snapshot, now) {
    const cronJobs = new Set(
      snapshot.cronJobs.map((item) => `${item.metadata?.namespace}/${item.metadata?.name}`),
    );
    const findings: Finding[] = [];
    for (const job of snapshot.jobs) {
      const owner = job.metadata?.ownerReferences?.find((ref) => ref.kind === 'CronJob');
      if (owner && cronJobs.has(`${job.metadata?.namespace}/${owner.name}`)) continue;
      const failure = jobFailure(snapshot, job);
      if (!failure) continue;
      const old = (msSince(failure.at, now) ?? 0) > staleFailureMs;
      findings.push({
        severity: old ? 'info' : 'warning',
        object: refOf('Job', job),
        cause: 'JobFailed',
        summary: `Job failed: ${failure.headline}.`,
        evidence: failure.evidence,
        next: failure.next,
        ...(failure.related.length ? { related: failure.related } : {}),
      });
    }
    return findings;
  },
};

export interface JobFailure {
  /** Our own words and identifiers only: `BackoffLimitExceeded after 6 failed pods (backoffLimit 6)`. */
  headline: string;
  evidence: string[];
  next: string;
  related: ObjectRef[];
  at?: string | Date | undefined;
}

/** Why a Job failed, from its Failed condition and its pods; undefined when it did not fail. */
export function jobFailure(snapshot: ClusterSnapshot, job: JobLike): JobFailure | undefined {
  const failed = job.status?.conditions?.find((item) => item.type === 'Failed' && item.status === 'True');
  if (!failed) return undefined;
  const reason = word(failed.reason) || 'Failed';
  const count = job.status?.failed ?? 0;
  // Name the limit that was hit; other reasons (PodFailurePolicy, ...) speak for themselves.
  const limit =
    reason === 'DeadlineExceeded'
      ? ` (activeDeadlineSeconds ${job.spec?.activeDeadlineSeconds ?? '?'})`
      : reason === 'BackoffLimitExceeded'
        ? ` (backoffLimit ${job.spec?.backoffLimit ?? 6})`
        : '';
  const pods = podsControlledBy(snapshot, 'Job', job)
    .filter((pod) => pod.status?.phase === 'Failed')
    .sort((a, b) => (toMs(b.metadata?.creationTimestamp) ?? 0) - (toMs(a.metadata?.creationTimestamp) ?? 0));
  const namespace = job.metadata?.namespace;
  const last = pods[0]?.metadata?.name;
  return {
    headline: `${reason} after ${count} failed pod${count === 1 ? '' : 's'}${limit}`,
    evidence: [
      evidenceLine(conditionLine(failed)),
      `status: failed ${count}, succeeded ${job.status?.succeeded ?? 0}, active ${job.status?.active ?? 0}`,
    ],
    next: last
      ? `get_pod_logs namespace=${namespace} pod_name=${last} (why its last pod failed)`
      : `get_events namespace=${namespace} involved_object=job/${job.metadata?.name}`,
    related: pods.slice(0, 5).map((pod) => refOf('Pod', pod)),
    at: failed.lastTransitionTime,
  };
}

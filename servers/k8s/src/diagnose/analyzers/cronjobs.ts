import type { V1CronJob } from '@kubernetes/client-node';
import { plural } from '../../format/summary.js';
import type { Wire } from '../../kube-client.js';
import { nextRun, parseCron } from '../cron.js';
import type { Finding, ObjectRef } from '../finding.js';
import { graceMs, refOf } from '../object-helpers.js';
import type { Analyzer, ClusterSnapshot } from '../snapshot.js';
import { toMs } from '../snapshot-index.js';
import { jobFailure } from './jobs.js';

type CronJobLike = Wire<V1CronJob>;

/**
 * CronJobs that do not run: suspended (info: often deliberate), overdue (the run after the last
 * one should have started more than a grace period ago), or whose latest Job failed.
 */
export const cronJobsAnalyzer: Analyzer = {
  name: 'cronjobs',
  analyze(snapshot, now) {
    return snapshot.cronJobs.flatMap((cronJob) => {
      const object = refOf('CronJob', cronJob);
      const findings = [suspendedOrOverdue(cronJob, object, now), lastRunFailed(snapshot, object)];
      return findings.filter((item): item is Finding => item !== undefined);
    });
  },
};

function suspendedOrOverdue(cronJob: CronJobLike, object: ObjectRef, now: Date): Finding | undefined {
  const spec = cronJob.spec;
  const last = cronJob.status?.lastScheduleTime;
  const lastText = last ? `status.lastScheduleTime: ${String(last)}` : 'never scheduled';
  if (spec?.suspend) {
    return {
      severity: 'info',
      object,
      cause: 'CronJobSuspended',
      summary: `suspended: no Jobs are created (${last ? 'last run scheduled before the suspension' : 'never ran'}).`,
      evidence: ['spec.suspend: true', lastText],
      next: `kubectl patch cronjob ${object.name} -n ${object.namespace} -p '{"spec":{"suspend":false}}' (if the suspension is not deliberate)`,
    };
  }
  const schedule = parseCron(spec?.schedule ?? '');
  const since = toMs(last) ?? toMs(cronJob.metadata?.creationTimestamp);
  if (!schedule || since === undefined) return undefined;
  const expected = nextRun(schedule, new Date(since), spec?.timeZone);
  if (!expected || now.getTime() - expected.getTime() <= graceMs) return undefined;
  const active = cronJob.status?.active?.length ?? 0;
  // With concurrencyPolicy Forbid a run still going blocks every later one: name that first.
  const blocked = active > 0 && spec?.concurrencyPolicy === 'Forbid';
  return {
    severity: 'warning',
    object,
    cause: 'CronJobMissedSchedule',
    // The schedule parsed, so it holds only cron syntax and is safe to show as our own text.
    summary: `not scheduled since ${last ? new Date(since).toISOString() : 'its creation'}: schedule "${(spec?.schedule ?? '').trim().replace(/\s+/g, ' ')}" expected a run at ${expected.toISOString()}${blocked ? `; ${plural(active, 'active Jobs')} block${active === 1 ? 's' : ''} it (concurrencyPolicy Forbid)` : ''}.`,
    evidence: [
      `spec.schedule: ${spec?.schedule ?? ''}${spec?.timeZone ? ` (timeZone ${spec.timeZone})` : ''}`,
      lastText,
      `status.active: ${plural(active, 'Jobs')}${spec?.concurrencyPolicy ? `, concurrencyPolicy ${spec.concurrencyPolicy}` : ''}`,
      ...(spec?.startingDeadlineSeconds !== undefined
        ? [`spec.startingDeadlineSeconds: ${spec.startingDeadlineSeconds}`]
        : []),
    ],
    next: blocked
      ? `get_events namespace=${object.namespace} involved_object=cronjob/${object.name} (then look at the active Job that never finishes)`
      : `get_events namespace=${object.namespace} involved_object=cronjob/${object.name} (the controller says why it skipped runs)`,
  };
}

function lastRunFailed(snapshot: ClusterSnapshot, object: ObjectRef): Finding | undefined {
  const jobs = snapshot.jobs.filter(
    (job) =>
      job.metadata?.namespace === object.namespace &&
      job.metadata?.ownerReferences?.some((ref) => ref.kind === 'CronJob' && ref.name === object.name),
  );
  const latest = jobs.sort(
    (a, b) => (toMs(b.metadata?.creationTimestamp) ?? 0) - (toMs(a.metadata?.creationTimestamp) ?? 0),
  )[0];
  const failure = latest && jobFailure(snapshot, latest);
  if (!latest || !failure) return undefined;
  const job = refOf('Job', latest);
  return {
    severity: 'warning',
    object,
    cause: 'CronJobLastRunFailed',
    summary: `its latest Job ${job.name} failed: ${failure.headline}.`,
    evidence: failure.evidence,
    next: failure.next,
    related: [job, ...failure.related],
  };
}

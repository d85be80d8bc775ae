import type { V1CronJob, V1Job, V1ReplicaSet, V1StatefulSet } from '@kubernetes/client-node';
import { formatAge, formatDuration } from '@sre-agent/shared';
import type { ListRow } from './summary.js';

/** Rows for the kinds only list_all_resources shows, with kubectl's columns for each. */
export const statefulSetHeaders = ['NAME', 'READY', 'AGE'];
export const replicaSetHeaders = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'];
export const jobHeaders = ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'];
export const cronJobHeaders = ['NAME', 'SCHEDULE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'];

export function statefulSetRow(set: V1StatefulSet, now: Date): ListRow {
  const desired = set.spec?.replicas ?? 1;
  const ready = set.status?.readyReplicas ?? 0;
  const problem =
    ready < desired ? (ready === 0 ? 'no ready replicas' : 'fewer ready than desired') : undefined;
  return {
    namespace: set.metadata?.namespace,
    cells: [
      set.metadata?.name ?? '?',
      `${ready}/${desired}`,
      formatAge(set.metadata?.creationTimestamp, now),
    ],
    status: problem ? 'degraded' : desired === 0 ? 'scaled to 0' : 'ready',
    problem,
    severity: ready === 0 ? 0 : 1,
  };
}

export function replicaSetRow(set: V1ReplicaSet, now: Date): ListRow {
  const desired = set.spec?.replicas ?? 1;
  const current = set.status?.replicas ?? 0;
  const ready = set.status?.readyReplicas ?? 0;
  // A Deployment's ReplicaSet is reported through the Deployment; flag only orphans.
  const owned = (set.metadata?.ownerReferences ?? []).some((owner) => owner.kind === 'Deployment');
  const problem = !owned && ready < desired ? 'fewer ready than desired' : undefined;
  return {
    namespace: set.metadata?.namespace,
    cells: [
      set.metadata?.name ?? '?',
      String(desired),
      String(current),
      String(ready),
      formatAge(set.metadata?.creationTimestamp, now),
    ],
    status: ready < desired ? 'degraded' : 'ready',
    problem,
    severity: 1,
  };
}

export function jobRow(job: V1Job, now: Date): ListRow {
  const status = jobStatus(job);
  const conditions = job.status?.conditions ?? [];
  const failed = conditions.find((item) => item.type === 'Failed' && item.status === 'True');
  const start = job.status?.startTime ? new Date(job.status.startTime).getTime() : undefined;
  const end = job.status?.completionTime ? new Date(job.status.completionTime).getTime() : now.getTime();
  return {
    namespace: job.metadata?.namespace,
    cells: [
      job.metadata?.name ?? '?',
      status,
      `${job.status?.succeeded ?? 0}/${job.spec?.completions ?? 1}`,
      start === undefined ? '' : formatDuration(end - start),
      formatAge(job.metadata?.creationTimestamp, now),
    ],
    status,
    problem: failed ? `failed: ${failed.reason ?? 'Failed'}` : undefined,
    severity: 0,
  };
}

function jobStatus(job: V1Job): string {
  const conditions = job.status?.conditions ?? [];
  const isTrue = (type: string) => conditions.some((item) => item.type === type && item.status === 'True');
  if (isTrue('Failed')) return 'Failed';
  if (isTrue('Complete')) return 'Complete';
  if (job.spec?.suspend) return 'Suspended';
  return 'Running';
}

export function cronJobRow(cronJob: V1CronJob, now: Date): ListRow {
  const suspended = cronJob.spec?.suspend === true;
  const last = cronJob.status?.lastScheduleTime;
  return {
    namespace: cronJob.metadata?.namespace,
    cells: [
      cronJob.metadata?.name ?? '?',
      cronJob.spec?.schedule ?? '?',
      String(suspended),
      String(cronJob.status?.active?.length ?? 0),
      last ? formatAge(last, now) : '<none>',
      formatAge(cronJob.metadata?.creationTimestamp, now),
    ],
    status: suspended ? 'suspended' : 'active',
  };
}

/** Jobs (complete or failed at their backoff limit) and CronJobs (suspended, late, or with a last Job). */
import type { Clock } from '../../../test/fakes/kube-apiserver/build.ts';
import { ownerRef, uid } from '../../../test/fakes/kube-apiserver/build.ts';
import type { KubeObject } from '../../../test/fakes/kube-apiserver/index.ts';
import {
  applyPodSpec,
  type Built,
  buildPods,
  containerSpec,
  expandPods,
  type Placement,
  randomNames,
} from './pods.ts';
import type { WorkloadSpec } from './types.ts';

const condition = (clock: Clock, type: string, reason?: string, message?: string) => ({
  type,
  status: 'True',
  lastProbeTime: clock.ago(300),
  lastTransitionTime: clock.ago(300),
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

function jobTemplate(w: WorkloadSpec) {
  const container = containerSpec(w);
  const spec: Record<string, unknown> = { restartPolicy: 'Never' };
  applyPodSpec(spec, w, container);
  return { backoffLimit: w.backoffLimit ?? 3, template: { spec } };
}

export function buildJob(clock: Clock, w: WorkloadSpec, place: Placement, owner?: KubeObject): Built {
  const specs = expandPods(w, 1);
  const failed = specs.filter((s) => s.state === 'Failed').length;
  const succeeded = specs.filter((s) => s.state === 'Completed').length;
  const active = specs.length - failed - succeeded;
  const giveUp = failed > (w.backoffLimit ?? 3);
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: uid('Job', w.namespace, w.name),
      generation: 1,
      creationTimestamp: clock.ago(3600),
      labels: { 'job-name': w.name, 'batch.kubernetes.io/job-name': w.name, ...w.labels },
      ...(owner ? { ownerReferences: [ownerRef(owner)] } : {}),
    },
    spec: { ...jobTemplate(w), parallelism: 1, completions: 1, completionMode: 'NonIndexed', suspend: false },
    status: {
      startTime: clock.ago(3600),
      ...(failed ? { failed } : {}),
      ...(succeeded ? { succeeded, completionTime: clock.ago(300) } : {}),
      ...(active && !giveUp ? { active } : {}),
      ...(giveUp
        ? {
            conditions: [
              condition(
                clock,
                'FailureTarget',
                'BackoffLimitExceeded',
                'Job has reached the specified backoff limit',
              ),
              condition(
                clock,
                'Failed',
                'BackoffLimitExceeded',
                'Job has reached the specified backoff limit',
              ),
            ],
          }
        : succeeded
          ? { conditions: [condition(clock, 'SuccessCriteriaMet'), condition(clock, 'Complete')] }
          : {}),
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
    },
  };
  const pods = buildPods(clock, {
    w,
    container: containerSpec(w),
    owner: ownerRef(job),
    labels: {
      'job-name': w.name,
      'batch.kubernetes.io/job-name': w.name,
      'batch.kubernetes.io/controller-uid': job.metadata.uid!,
    },
    names: randomNames(w.name, specs.length, `${w.namespace}/${w.name}`),
    specs,
    place,
    restartPolicy: 'Never',
  });
  pods.objects.push(job);
  if (giveUp) {
    pods.events.push({
      namespace: w.namespace,
      involved: { kind: 'Job', namespace: w.namespace, name: w.name, apiVersion: 'batch/v1' },
      type: 'Warning',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
      component: 'job-controller',
      firstAgo: 300,
    });
  }
  return pods;
}

export function buildCronJob(clock: Clock, w: WorkloadSpec, place: Placement): Built {
  const cron: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: uid('CronJob', w.namespace, w.name),
      generation: 1,
      creationTimestamp: clock.ago((w.createdDays ?? 90) * 86400),
    },
    spec: {
      schedule: w.schedule ?? '0 2 * * *',
      concurrencyPolicy: 'Forbid',
      suspend: w.suspend ?? false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: jobTemplate(w) },
    },
    status:
      w.lastScheduleMinutes !== undefined
        ? {
            lastScheduleTime: clock.ago(w.lastScheduleMinutes * 60),
            lastSuccessfulTime: clock.ago(w.lastScheduleMinutes * 60 - 120),
          }
        : {},
  };
  if (!w.pods) return { objects: [cron], events: [], logs: {} };
  // Real CronJob Jobs are named for their scheduled time in minutes since the epoch.
  const stamp = Math.floor(clock.now.getTime() / 60000 - (w.lastScheduleMinutes ?? 60));
  const job = buildJob(clock, { ...w, kind: 'Job', name: `${w.name}-${stamp}` }, place, cron);
  job.objects.push(cron);
  return job;
}

import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { jobsAnalyzer } from './jobs.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function job(name: string, failedReason?: string, minutes = 10, owner?: string): Wire<V1Job> {
  return {
    metadata: {
      name,
      namespace: 'batch',
      creationTimestamp: minutesAgo(minutes + 5),
      ...(owner
        ? {
            ownerReferences: [
              { apiVersion: 'batch/v1', kind: 'CronJob', name: owner, uid: 'c1', controller: true },
            ],
          }
        : {}),
    },
    spec: { backoffLimit: 2, activeDeadlineSeconds: 600, template: {} },
    status: failedReason
      ? {
          failed: 3,
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: failedReason,
              message: 'Job has reached the specified backoff limit',
              lastTransitionTime: minutesAgo(minutes),
            },
          ],
        }
      : { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
  };
}

function failedPod(name: string, jobName: string, minutes: number): Wire<V1Pod> {
  return {
    metadata: {
      name,
      namespace: 'batch',
      creationTimestamp: minutesAgo(minutes),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: 'j1', controller: true }],
    },
    status: { phase: 'Failed' },
  };
}

describe('jobsAnalyzer', () => {
  it('reports a failed Job with its reason, failed count and the last failed pod to read', () => {
    const snapshot = snapshotOf({
      jobs: [job('migrate', 'BackoffLimitExceeded')],
      pods: [failedPod('migrate-a', 'migrate', 14), failedPod('migrate-c', 'migrate', 11)],
    });
    const [finding, ...rest] = jobsAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Job', namespace: 'batch', name: 'migrate' },
      cause: 'JobFailed',
      severity: 'warning',
    });
    expect(finding?.summary).toBe('Job failed: BackoffLimitExceeded after 3 failed pods (backoffLimit 2).');
    expect(finding?.next).toContain('pod_name=migrate-c');
  });

  it('names the deadline for DeadlineExceeded and keeps day-old failures as info', () => {
    const [finding] = jobsAnalyzer.analyze(
      snapshotOf({ jobs: [job('report', 'DeadlineExceeded', 3000)] }),
      now,
    );
    expect(finding?.summary).toContain('DeadlineExceeded after 3 failed pods (activeDeadlineSeconds 600)');
    expect(finding?.severity).toBe('info');
    const [policy] = jobsAnalyzer.analyze(snapshotOf({ jobs: [job('scan', 'PodFailurePolicy')] }), now);
    expect(policy?.summary).toBe('Job failed: PodFailurePolicy after 3 failed pods.');
  });

  it('skips completed Jobs and the Jobs of a CronJob it knows (cronjobs.ts reports those)', () => {
    const snapshot = snapshotOf({
      jobs: [job('done'), job('nightly-1', 'BackoffLimitExceeded', 10, 'nightly')],
      cronJobs: [
        { metadata: { name: 'nightly', namespace: 'batch' }, spec: { schedule: '@daily', jobTemplate: {} } },
      ],
    });
    expect(jobsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

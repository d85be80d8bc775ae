import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { cronJobsAnalyzer } from './cronjobs.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function cronJob(
  schedule: string,
  lastMinutesAgo: number | undefined,
  spec: Partial<Wire<V1CronJob>['spec']> = {},
): Wire<V1CronJob> {
  return {
    metadata: { name: 'nightly', namespace: 'batch', creationTimestamp: minutesAgo(100_000) },
    spec: { schedule, jobTemplate: {}, ...spec },
    status: lastMinutesAgo === undefined ? {} : { lastScheduleTime: minutesAgo(lastMinutesAgo) },
  };
}

function job(name: string, failedReason: string | undefined, minutes: number, owner: string): Wire<V1Job> {
  const failed = {
    type: 'Failed',
    status: 'True',
    reason: failedReason,
    lastTransitionTime: minutesAgo(minutes),
  };
  return {
    metadata: {
      name,
      namespace: 'batch',
      creationTimestamp: minutesAgo(minutes + 5),
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'CronJob', name: owner, uid: 'c1', controller: true },
      ],
    },
    status: failedReason ? { failed: 1, conditions: [failed] } : { succeeded: 1 },
  };
}

const causes = (items: { cause: string }[]) => items.map((item) => item.cause);

describe('cronJobsAnalyzer', () => {
  it('reports a CronJob overdue by more than its period, naming the run it missed', () => {
    const [finding, ...rest] = cronJobsAnalyzer.analyze(
      snapshotOf({ cronJobs: [cronJob('*/15 * * * *', 120)] }),
      now,
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'CronJob', namespace: 'batch', name: 'nightly' },
      cause: 'CronJobMissedSchedule',
    });
    expect(finding?.summary).toBe(
      'not scheduled since 2026-03-01T10:00:00.000Z: schedule "*/15 * * * *" expected a run at 2026-03-01T10:15:00.000Z.',
    );
  });

  it('says an active Job blocks a Forbid CronJob', () => {
    const blocked = cronJob('@hourly', 180, { concurrencyPolicy: 'Forbid' });
    blocked.status = { ...blocked.status, active: [{ kind: 'Job', name: 'nightly-1', namespace: 'batch' }] };
    const [finding] = cronJobsAnalyzer.analyze(snapshotOf({ cronJobs: [blocked] }), now);
    expect(finding?.summary).toContain('1 active Job blocks it (concurrencyPolicy Forbid)');
  });

  it('reports a suspended CronJob as info', () => {
    const findings = cronJobsAnalyzer.analyze(
      snapshotOf({ cronJobs: [cronJob('@hourly', 600, { suspend: true })] }),
      now,
    );
    expect(findings.map((item) => [item.cause, item.severity])).toEqual([['CronJobSuspended', 'info']]);
  });

  it('reports a failed latest Job, not an older failure followed by a success', () => {
    const failedLatest = snapshotOf({
      cronJobs: [cronJob('@hourly', 10)],
      jobs: [
        job('nightly-old', undefined, 70, 'nightly'),
        job('nightly-new', 'BackoffLimitExceeded', 5, 'nightly'),
      ],
    });
    const [finding] = cronJobsAnalyzer.analyze(failedLatest, now);
    expect(finding).toMatchObject({
      cause: 'CronJobLastRunFailed',
      related: [{ kind: 'Job', name: 'nightly-new' }],
    });
    const recovered = snapshotOf({
      cronJobs: [cronJob('@hourly', 10)],
      jobs: [
        job('nightly-old', 'BackoffLimitExceeded', 70, 'nightly'),
        job('nightly-new', undefined, 5, 'nightly'),
      ],
    });
    expect(cronJobsAnalyzer.analyze(recovered, now)).toEqual([]);
  });

  it('leaves on-time CronJobs alone, including a daily one that ran this morning and a new one', () => {
    const fresh = cronJob('0 3 * * *', undefined);
    fresh.metadata = { ...fresh.metadata, creationTimestamp: minutesAgo(30) };
    const snapshot = snapshotOf({
      cronJobs: [
        cronJob('*/15 * * * *', 8),
        cronJob('0 3 * * *', 540),
        fresh,
        cronJob('not a schedule', 9_999),
      ],
    });
    expect(causes(cronJobsAnalyzer.analyze(snapshot, now))).toEqual([]);
  });
});

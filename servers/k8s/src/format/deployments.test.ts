import type { V1DaemonSet, V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { daemonSetRow } from './daemonsets.js';
import { deploymentRow } from './deployments.js';
import { cronJobRow, jobRow, replicaSetRow, statefulSetRow } from './summary-controllers.js';

const now = new Date('2026-03-01T12:00:00Z');
const metadata = { name: 'api', namespace: 'shop', creationTimestamp: new Date('2026-02-27T12:00:00Z') };

describe('deploymentRow', () => {
  const deployment = (replicas: number, status: V1Deployment['status']): V1Deployment => ({
    metadata,
    spec: { replicas, selector: {}, template: {} },
    status,
  });

  it('renders READY as ready/desired and treats zero counters (omitted on the wire) as 0', () => {
    expect(
      deploymentRow(deployment(3, { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 }), now),
    ).toMatchObject({
      cells: ['api', '3/3', '3', '3', '2d'],
      status: 'ready',
      problem: undefined,
    });
    expect(deploymentRow(deployment(3, {}), now)).toMatchObject({
      cells: ['api', '0/3', '0', '0', '2d'],
      problem: 'no ready replicas',
      severity: 0,
    });
    expect(deploymentRow(deployment(3, { readyReplicas: 1, availableReplicas: 1 }), now).problem).toBe(
      'fewer ready than desired',
    );
  });

  it('treats a deployment scaled to 0 as healthy, and a stuck rollout as a problem', () => {
    expect(deploymentRow(deployment(0, {}), now)).toMatchObject({
      status: 'scaled to 0',
      problem: undefined,
    });
    const stuck = deployment(2, {
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    expect(deploymentRow(stuck, now).problem).toBe('ProgressDeadlineExceeded');
  });
});

describe('daemonSetRow', () => {
  it('renders the kubectl columns and flags missing pods', () => {
    const status: V1DaemonSet['status'] = {
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 3,
      updatedNumberScheduled: 4,
      numberAvailable: 3,
      numberMisscheduled: 0,
    };
    expect(daemonSetRow({ metadata, status }, now)).toMatchObject({
      cells: ['api', '4', '4', '3', '4', '3', '2d'],
      problem: 'fewer ready than desired',
    });
    expect(
      daemonSetRow({ metadata, status: { ...status, numberReady: 4, numberAvailable: 4 } }, now).problem,
    ).toBeUndefined();
    expect(daemonSetRow({ metadata }, now).cells).toEqual(['api', '0', '0', '0', '0', '0', '2d']);
  });
});

describe('controller rows for list_all_resources', () => {
  it('statefulsets, replicasets, jobs and cronjobs', () => {
    expect(
      statefulSetRow(
        {
          metadata,
          spec: { replicas: 2, selector: {}, serviceName: 'x', template: {} },
          status: { replicas: 2, readyReplicas: 1 },
        },
        now,
      ),
    ).toMatchObject({
      cells: ['api', '1/2', '2d'],
      problem: 'fewer ready than desired',
    });
    const owned = {
      ...metadata,
      ownerReferences: [{ kind: 'Deployment', name: 'api', apiVersion: 'apps/v1', uid: '1' }],
    };
    const set = { spec: { replicas: 3, selector: {} }, status: { replicas: 3, readyReplicas: 1 } };
    expect(replicaSetRow({ metadata: owned, ...set }, now)).toMatchObject({
      cells: ['api', '3', '3', '1', '2d'],
      problem: undefined,
    });
    expect(replicaSetRow({ metadata, ...set }, now).problem).toBe('fewer ready than desired');
    const failed = jobRow(
      {
        metadata,
        spec: { completions: 1, template: {} },
        status: {
          startTime: new Date('2026-03-01T11:00:00Z'),
          conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
        },
      },
      now,
    );
    expect(failed).toMatchObject({
      cells: ['api', 'Failed', '0/1', '1h', '2d'],
      problem: 'failed: BackoffLimitExceeded',
    });
    expect(cronJobRow({ metadata, spec: { schedule: '0 2 * * *', jobTemplate: {} } }, now).cells).toEqual([
      'api',
      '0 2 * * *',
      'false',
      '0',
      '<none>',
      '2d',
    ]);
  });
});

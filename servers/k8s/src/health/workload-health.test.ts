import type { V1DaemonSet, V1Deployment, V1ReplicaSet, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deploymentHealth, replicaSetHealth } from './deployment-health.js';
import { daemonSetHealth, statefulSetHealth } from './sets-health.js';
import { finding } from './verdict.js';

function deployment(replicas: number, status?: V1Deployment['status']): V1Deployment {
  return {
    metadata: { name: 'checkout', namespace: 'payments', generation: 2 },
    spec: { replicas, selector: { matchLabels: { app: 'checkout' } }, template: {} },
    ...(status ? { status } : {}),
  };
}

const available = { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' };
const progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' };

describe('deploymentHealth', () => {
  it('is Healthy when every replica is ready, updated and available', () => {
    const report = deploymentHealth(
      deployment(3, {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 3,
        updatedReplicas: 3,
        availableReplicas: 3,
        conditions: [available, progressing],
      }),
    );
    expect(report).toMatchObject({ verdict: 'Healthy', reasons: ['3/3 ready, 3 up to date, 3 available'] });
  });

  it('calls a deployment scaled to 0 on purpose Healthy, even with no status', () => {
    const report = deploymentHealth(deployment(0));
    expect(report.verdict).toBe('Healthy');
    expect(report.reasons[0]).toContain('scaled to 0 on purpose');
  });

  it('is Unknown without status or conditions, never a crash', () => {
    expect(deploymentHealth(deployment(2)).verdict).toBe('Unknown');
    expect(deploymentHealth(deployment(2, {})).verdict).toBe('Unknown');
    expect(deploymentHealth({ metadata: { name: 'bare' } }).verdict).toBe('Unknown');
  });

  it('is Unhealthy on ProgressDeadlineExceeded and when no replica is ready', () => {
    const report = deploymentHealth(
      deployment(2, {
        observedGeneration: 2,
        replicas: 2,
        updatedReplicas: 2,
        unavailableReplicas: 2,
        conditions: [
          { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "checkout-7d9" has timed out progressing.',
          },
        ],
      }),
    );
    expect(report.verdict).toBe('Unhealthy');
    expect(report.reasons).toContain('rollout stuck: Progressing=False (ProgressDeadlineExceeded)');
    expect(report.details).toContain(
      'rollout stuck: Progressing=False (ProgressDeadlineExceeded): ReplicaSet "checkout-7d9" has timed out progressing.',
    );
    expect(report.reasons).toContain('0/2 ready, 2 up to date, 0 available: no pod is serving');
  });

  it('is Degraded when partly ready, and folds in pod problems', () => {
    const report = deploymentHealth(
      deployment(3, {
        observedGeneration: 2,
        replicas: 3,
        readyReplicas: 2,
        updatedReplicas: 3,
        availableReplicas: 2,
        conditions: [available, progressing],
      }),
      [finding('Unhealthy', 'pod checkout-x: container app: CrashLoopBackOff')],
    );
    expect(report.verdict).toBe('Unhealthy');
    expect(report.reasons).toEqual([
      'pod checkout-x: container app: CrashLoopBackOff',
      '2/3 ready, 3 up to date, 2 available',
    ]);
  });

  it('notices a stale status and a paused rollout', () => {
    const report = deploymentHealth({
      ...deployment(1, {
        observedGeneration: 1,
        replicas: 1,
        readyReplicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
        conditions: [available, progressing],
      }),
      spec: { replicas: 1, paused: true, selector: {}, template: {} },
    });
    expect(report.verdict).toBe('Degraded');
    expect(report.reasons).toContain('rollout is paused (spec.paused=true)');
    expect(report.reasons).toContain('status is stale: generation 2, controller observed 1');
  });
});

describe('replicaSetHealth', () => {
  it('surfaces ReplicaFailure (quota) as Unhealthy', () => {
    const set: V1ReplicaSet = {
      metadata: { name: 'checkout-7d9' },
      spec: { replicas: 2, selector: {} },
      status: {
        replicas: 0,
        conditions: [
          { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' },
        ],
      },
    };
    const report = replicaSetHealth(set);
    expect(report.verdict).toBe('Unhealthy');
    expect(report.reasons[0]).toBe('ReplicaFailure=True (FailedCreate)');
    expect(report.details).toEqual(['ReplicaFailure=True (FailedCreate): exceeded quota']);
  });
});

describe('statefulSetHealth and daemonSetHealth', () => {
  it('reads ready counts and rolling updates', () => {
    const sts: V1StatefulSet = {
      metadata: { name: 'db' },
      spec: { replicas: 3, selector: {}, serviceName: 'db', template: {} },
      status: {
        replicas: 3,
        readyReplicas: 3,
        updatedReplicas: 1,
        currentRevision: 'db-1',
        updateRevision: 'db-2',
      },
    };
    expect(statefulSetHealth(sts)).toMatchObject({
      verdict: 'Degraded',
      reasons: ['rolling update in progress (db-1 -> db-2)', '3/3 ready, 1 updated'],
    });
    expect(statefulSetHealth({ ...sts, status: undefined }).verdict).toBe('Unknown');
    const ds: V1DaemonSet = {
      metadata: { name: 'agent' },
      status: {
        currentNumberScheduled: 3,
        desiredNumberScheduled: 3,
        numberMisscheduled: 0,
        numberReady: 0,
        numberUnavailable: 3,
        updatedNumberScheduled: 3,
      },
    };
    expect(daemonSetHealth(ds).verdict).toBe('Unhealthy');
    expect(daemonSetHealth({ metadata: { name: 'agent' } }).verdict).toBe('Unknown');
  });
});

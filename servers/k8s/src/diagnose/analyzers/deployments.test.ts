import type { V1Deployment, V1DeploymentCondition, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { deploymentsAnalyzer } from './deployments.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function deployment(
  replicas: number,
  status: Wire<V1Deployment>['status'],
  spec: Partial<Wire<V1Deployment>['spec']> = {},
): Wire<V1Deployment> {
  return {
    metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: {}, ...spec },
    status,
  };
}

function condition(
  type: string,
  status: string,
  reason: string,
  minutes: number,
): Wire<V1DeploymentCondition> {
  return {
    type,
    status,
    reason,
    message: `${type} ${reason}`,
    lastUpdateTime: minutesAgo(minutes),
    lastTransitionTime: minutesAgo(minutes),
  };
}

function replicaSet(
  name: string,
  revision: number,
  image: string,
  replicas: number,
  available: number,
): Wire<V1ReplicaSet> {
  return {
    metadata: {
      name,
      namespace: 'shop',
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true },
      ],
    },
    spec: { replicas, selector: {}, template: { spec: { containers: [{ name: 'api', image }] } } },
    status: { replicas, availableReplicas: available },
  };
}

const stuckStatus = {
  replicas: 4,
  updatedReplicas: 1,
  availableReplicas: 3,
  unavailableReplicas: 1,
  conditions: [
    condition('Available', 'True', 'MinimumReplicasAvailable', 30),
    condition('Progressing', 'False', 'ProgressDeadlineExceeded', 2),
  ],
};

describe('deploymentsAnalyzer', () => {
  it('names the stuck revision, both images and the revision to roll back to', () => {
    const snapshot = snapshotOf({
      deployments: [deployment(3, stuckStatus)],
      replicaSets: [
        replicaSet('web-new', 5, 'shop/api:1.5', 1, 0),
        replicaSet('web-old', 4, 'shop/api:1.4', 3, 3),
      ],
      events: [
        {
          metadata: {},
          involvedObject: { kind: 'ReplicaSet', namespace: 'shop', name: 'web-new' },
          type: 'Warning',
          reason: 'FailedCreate',
          message: 'exceeded quota',
        },
      ],
    });
    const [finding, ...rest] = deploymentsAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      cause: 'RolloutStuck',
      severity: 'critical',
    });
    expect(finding?.summary).toContain('revision 5');
    expect(finding?.summary).toContain('shop/api:1.4 -> shop/api:1.5');
    expect(finding?.next).toContain('rollback_deployment namespace=shop deployment_name=web to_revision=4');
    expect(finding?.evidence).toContain('event FailedCreate: exceeded quota');
    expect(finding?.related?.map((ref) => ref.name)).toEqual(['web-new', 'web-old']);
  });

  it('reports ProgressDeadlineExceeded when there is no earlier revision to blame', () => {
    const snapshot = snapshotOf({
      deployments: [deployment(3, stuckStatus)],
      replicaSets: [replicaSet('web-new', 1, 'a', 3, 0)],
    });
    expect(deploymentsAnalyzer.analyze(snapshot, now).map((item) => item.cause)).toEqual([
      'ProgressDeadlineExceeded',
    ]);
  });

  it('reports replicas unavailable past the grace period, not a stuck rollout, once the rollout had finished', () => {
    const status = {
      replicas: 2,
      availableReplicas: 0,
      unavailableReplicas: 2,
      updatedReplicas: 2,
      conditions: [
        condition('Available', 'False', 'MinimumReplicasUnavailable', 20),
        condition('Progressing', 'True', 'NewReplicaSetAvailable', 60),
      ],
    };
    const snapshot = snapshotOf({
      deployments: [deployment(2, status)],
      replicaSets: [replicaSet('web-new', 5, 'b', 2, 0), replicaSet('web-old', 4, 'a', 0, 0)],
    });
    const findings = deploymentsAnalyzer.analyze(snapshot, now);
    expect(findings.map((item) => [item.cause, item.severity])).toEqual([
      ['DeploymentUnavailable', 'critical'],
    ]);
    expect(findings[0]?.evidence[1]).toContain('Available=False (MinimumReplicasUnavailable)');
  });

  it('shows a ReplicaFailure condition (pods that cannot be created) in the evidence', () => {
    const status = {
      replicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 2,
      conditions: [
        condition('Available', 'False', 'MinimumReplicasUnavailable', 20),
        condition('Progressing', 'True', 'NewReplicaSetAvailable', 60),
        condition('ReplicaFailure', 'True', 'FailedCreate', 20),
      ],
    };
    const [finding] = deploymentsAnalyzer.analyze(snapshotOf({ deployments: [deployment(2, status)] }), now);
    expect(finding?.evidence.some((line) => line.startsWith('ReplicaFailure=True (FailedCreate)'))).toBe(
      true,
    );
  });

  it('leaves healthy, scaled-to-zero and still-moving deployments alone', () => {
    const healthy = deployment(2, {
      replicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
      conditions: [
        condition('Available', 'True', 'MinimumReplicasAvailable', 60),
        condition('Progressing', 'True', 'NewReplicaSetAvailable', 60),
      ],
    });
    const zero = deployment(0, {
      conditions: [condition('Available', 'True', 'MinimumReplicasAvailable', 60)],
    });
    // A rollout one minute old with one new pod not ready yet: moving, not stuck.
    const moving = deployment(3, {
      replicas: 4,
      updatedReplicas: 1,
      availableReplicas: 3,
      unavailableReplicas: 1,
      conditions: [
        condition('Available', 'True', 'MinimumReplicasAvailable', 60),
        condition('Progressing', 'True', 'ReplicaSetUpdated', 1),
      ],
    });
    const snapshot = snapshotOf({
      deployments: [healthy, zero, moving],
      replicaSets: [replicaSet('web-new', 5, 'b', 1, 0), replicaSet('web-old', 4, 'a', 3, 3)],
    });
    expect(deploymentsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });

  it('says a paused rollout is paused instead of calling it unavailable', () => {
    const paused = deployment(
      3,
      {
        replicas: 4,
        updatedReplicas: 1,
        availableReplicas: 3,
        unavailableReplicas: 1,
        conditions: [
          condition('Available', 'True', 'MinimumReplicasAvailable', 60),
          condition('Progressing', 'Unknown', 'DeploymentPaused', 30),
        ],
      },
      { paused: true },
    );
    const findings = deploymentsAnalyzer.analyze(snapshotOf({ deployments: [paused] }), now);
    expect(findings.map((item) => [item.cause, item.severity])).toEqual([['DeploymentPaused', 'info']]);
  });
});

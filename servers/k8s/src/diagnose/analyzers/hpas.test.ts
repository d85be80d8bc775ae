import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { hpasAnalyzer } from './hpas.js';

const now = new Date('2026-03-01T12:00:00Z');

function hpa(
  conditions: { type: string; status: string; reason: string; message?: string }[],
  current: number,
  cpuNow?: number,
): Wire<V2HorizontalPodAutoscaler> {
  return {
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
    status: {
      currentReplicas: current,
      desiredReplicas: current,
      conditions,
      ...(cpuNow === undefined
        ? {}
        : {
            currentMetrics: [
              { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpuNow } } },
            ],
          }),
    },
  };
}

const able = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' };
const active = { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' };
const atMax = {
  type: 'ScalingLimited',
  status: 'True',
  reason: 'TooManyReplicas',
  message: 'the desired replica count is more than the maximum replica count',
};

describe('hpasAnalyzer', () => {
  it('reports missing metrics and points at metrics-server when the metrics API does not answer', () => {
    const missing = {
      type: 'ScalingActive',
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: 'the HPA was unable to compute the replica count: unable to get metrics for resource cpu',
    };
    const [finding] = hpasAnalyzer.analyze(snapshotOf({ hpas: [hpa([able, missing], 2)] }), now);
    expect(finding).toMatchObject({
      object: { kind: 'HorizontalPodAutoscaler', namespace: 'shop', name: 'web' },
      cause: 'HPAMetricsUnavailable',
      related: [{ kind: 'Deployment', namespace: 'shop', name: 'web' }],
    });
    expect(finding?.summary).toContain('metrics-server does not answer');
    expect(finding?.next).toContain('v1beta1.metrics.k8s.io');
    // With pod metrics flowing, the cause is elsewhere (often pods without requests).
    const [withMetrics] = hpasAnalyzer.analyze(
      snapshotOf({ hpas: [hpa([able, missing], 2)], podUsage: [] }),
      now,
    );
    expect(withMetrics?.summary).not.toContain('metrics-server');
  });

  it('reports an HPA that cannot scale its target before anything else', () => {
    const unable = {
      type: 'AbleToScale',
      status: 'False',
      reason: 'FailedGetScale',
      message: 'deployments/scale.apps "web" not found',
    };
    const findings = hpasAnalyzer.analyze(
      snapshotOf({ hpas: [hpa([unable, { ...active, status: 'False' }], 0)] }),
      now,
    );
    expect(findings.map((item) => item.cause)).toEqual(['HPAUnableToScale']);
  });

  it('reports an HPA pinned at max while its load is above target', () => {
    const [finding] = hpasAnalyzer.analyze(snapshotOf({ hpas: [hpa([able, active, atMax], 10, 180)] }), now);
    expect(finding?.cause).toBe('HPAAtMaxReplicas');
    expect(finding?.summary).toBe(
      'pinned at maxReplicas 10 and wants more: cpu at 180% of request (target 70%).',
    );
  });

  it('leaves a healthy HPA, one at max with load under target, and a scaled-to-zero target alone', () => {
    const disabled = {
      type: 'ScalingActive',
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    };
    const snapshot = snapshotOf({
      hpas: [hpa([able, active], 4, 50), hpa([able, active, atMax], 10, 60), hpa([able, disabled], 0)],
    });
    expect(hpasAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

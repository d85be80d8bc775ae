/** The `payments` HorizontalPodAutoscaler: ledger is autoscaled, so a manual scale of it is fought. */

import type { Clock } from './build.ts';
import { uid } from './build.ts';
import { NS } from './fixtures-payments.ts';
import type { KubeObject } from './types.ts';

export const autoscalerObjects = (clock: Clock): KubeObject[] => [
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: 'ledger',
      namespace: NS,
      uid: uid('HorizontalPodAutoscaler', NS, 'ledger'),
      creationTimestamp: clock.ago(86400 * 60),
      labels: { app: 'ledger' },
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ledger' },
      minReplicas: 3,
      maxReplicas: 8,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
    status: {
      lastScaleTime: clock.ago(3600 * 5 + 60),
      currentReplicas: 3,
      desiredReplicas: 3,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 41, averageValue: '205m' } },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          lastTransitionTime: clock.ago(86400 * 60),
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          lastTransitionTime: clock.ago(86400 * 60),
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
      ],
    },
  },
];

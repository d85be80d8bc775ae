import type { V1Deployment, V1Pod, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { servicesAnalyzer } from './services.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function service(name: string, selector?: Record<string, string>, type = 'ClusterIP'): Wire<V1Service> {
  return { metadata: { name, namespace: 'shop' }, spec: { type, ...(selector ? { selector } : {}) } };
}

function pod(name: string, labels: Record<string, string>, ready: boolean, sinceMinutes = 30): Wire<V1Pod> {
  return {
    metadata: {
      name,
      namespace: 'shop',
      labels,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'checkout-7d9', uid: 'r1', controller: true },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: minutesAgo(sinceMinutes) },
      ],
    },
  };
}

function deployment(name: string, replicas: number, labels: Record<string, string>): Wire<V1Deployment> {
  return {
    metadata: { name, namespace: 'shop', creationTimestamp: minutesAgo(600) },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels } } },
  };
}

const checkoutPods = [
  pod('checkout-a', { app: 'checkout', tier: 'web' }, true),
  pod('checkout-b', { app: 'checkout', tier: 'web' }, true),
  pod('cart-a', { app: 'cart', tier: 'web' }, true),
];

describe('servicesAnalyzer', () => {
  it('calls out a selector typo with the labels the pods do carry', () => {
    const snapshot = snapshotOf({
      services: [service('checkout', { app: 'chekout', tier: 'web' })],
      pods: checkoutPods,
    });
    const [finding, ...rest] = servicesAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Service', namespace: 'shop', name: 'checkout' },
      cause: 'ServiceNoMatchingPods',
      severity: 'critical',
    });
    expect(finding?.summary).toBe(
      'selector app=chekout,tier=web matches no pod in shop; did you mean app=checkout,tier=web? (2 pods carry it).',
    );
    expect(finding?.evidence).toContain('closest pod checkout-a has labels app=checkout,tier=web');
    expect(finding?.next).toContain('label_selector=app=checkout,tier=web');
  });

  it('fixes a mistyped label key too, and offers no guess when nothing is close', () => {
    const typoKey = servicesAnalyzer.analyze(
      snapshotOf({ services: [service('checkout', { ap: 'checkout' })], pods: checkoutPods }),
      now,
    );
    expect(typoKey[0]?.summary).toContain('did you mean app=checkout?');
    const gone = servicesAnalyzer.analyze(
      snapshotOf({ services: [service('ledger', { app: 'ledger-service-v2' })], pods: checkoutPods }),
      now,
    );
    expect(gone[0]?.cause).toBe('ServiceNoMatchingPods');
    expect(gone[0]?.summary).toBe('selector app=ledger-service-v2 matches no pod in shop.');
  });

  it('reports pods that match but are all unready as a low-ranked symptom naming their workload', () => {
    const snapshot = snapshotOf({
      services: [service('checkout', { app: 'checkout' })],
      pods: [
        pod('checkout-a', { app: 'checkout' }, false),
        pod('checkout-b', { app: 'checkout' }, false, 12),
      ],
      replicaSets: [
        {
          metadata: {
            name: 'checkout-7d9',
            namespace: 'shop',
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', uid: 'd1', controller: true },
            ],
          },
        },
      ],
    });
    const [finding] = servicesAnalyzer.analyze(snapshot, now);
    expect(finding).toMatchObject({ cause: 'ServiceNoReadyPods' });
    expect(finding?.related?.[0]).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'checkout' });
    expect(finding?.next).toContain('diagnose_workload kind=Deployment name=checkout namespace=shop');
  });

  it('points at the workload when it should have pods and has none', () => {
    const snapshot = snapshotOf({
      services: [service('checkout', { app: 'checkout' })],
      deployments: [deployment('checkout', 3, { app: 'checkout' })],
    });
    const [finding] = servicesAnalyzer.analyze(snapshot, now);
    expect(finding?.cause).toBe('ServiceNoReadyPods');
    expect(finding?.related).toEqual([{ kind: 'Deployment', namespace: 'shop', name: 'checkout' }]);
  });

  it('skips served, selector-less, ExternalName, scaled-to-zero and just-restarting Services, and unreadable pods', () => {
    const snapshot = snapshotOf({
      services: [
        service('checkout', { app: 'checkout' }),
        service('manual'),
        service('alias', { app: 'x' }, 'ExternalName'),
        service('paused', { app: 'batch' }),
        service('flapping', { app: 'flap' }),
      ],
      deployments: [deployment('batch', 0, { app: 'batch' })],
      pods: [...checkoutPods, pod('flap-a', { app: 'flap' }, false, 1)],
    });
    expect(servicesAnalyzer.analyze(snapshot, now)).toEqual([]);
    const blind = snapshotOf({
      services: [service('checkout', { app: 'checkout' })],
      unreadable: ['pods: forbidden'],
    });
    expect(servicesAnalyzer.analyze(blind, now)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { podOf, webOwners } from './test-pods.js';
import { snapshotOf } from './test-snapshot.js';
import { findingsInScope, workloadScope } from './workload-scope.js';

const snapshot = snapshotOf({
  deployments: [{ metadata: { name: 'web', namespace: 'shop' } }],
  replicaSets: [
    ...webOwners.replicaSets,
    {
      metadata: {
        name: 'web-old',
        namespace: 'shop',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u0', controller: true },
        ],
      },
    },
  ],
  pods: [podOf('web-5d9c7-a', [], { metadata: { labels: { app: 'web' } } })],
  services: [
    { metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' } } },
    { metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' } } },
  ],
});
const finding = (object: Finding['object'], related?: Finding['related']): Finding => ({
  severity: 'warning',
  object,
  cause: 'X',
  summary: '',
  evidence: [],
  next: '',
  ...(related ? { related } : {}),
});

describe('workloadScope', () => {
  it('holds the Deployment, its ReplicaSets (with or without pods), pods, node and selecting Services', () => {
    const scope = workloadScope(snapshot, { kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect([...scope].sort()).toEqual([
      'Deployment/shop/web',
      'Node//node-1',
      'Pod/shop/web-5d9c7-a',
      'ReplicaSet/shop/web-5d9c7',
      'ReplicaSet/shop/web-old',
      'Service/shop/web',
    ]);
  });

  it('keeps findings on the scope or naming a scoped object, not ones that only share a node', () => {
    const scope = workloadScope(snapshot, { kind: 'Service', namespace: 'shop', name: 'web' });
    const ingress = finding({ kind: 'Ingress', namespace: 'shop', name: 'www' }, [
      { kind: 'Service', namespace: 'shop', name: 'web' },
    ]);
    const neighbour = finding({ kind: 'Deployment', namespace: 'shop', name: 'api' }, [
      { kind: 'Node', name: 'node-1' },
    ]);
    const own = finding({ kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(findingsInScope([ingress, neighbour, own], scope)).toEqual([ingress, own]);
  });

  it('names a missing object with the closest names', () => {
    expect(() => workloadScope(snapshot, { kind: 'Service', namespace: 'shop', name: 'wbe' })).toThrow(
      /Service "wbe" was not found/,
    );
  });
});

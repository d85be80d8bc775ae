import type { V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { clusterDnsAnalyzer } from './cluster-dns.js';

const now = new Date('2026-03-01T12:00:00Z');

function dns(name: string, namespace: string, replicas: number, available: number): Wire<V1Deployment> {
  return {
    metadata: { name, namespace, labels: { 'k8s-app': 'kube-dns' } },
    spec: { replicas, selector: {}, template: {} },
    status: {
      availableReplicas: available,
      readyReplicas: available,
      conditions: [
        {
          type: 'Available',
          status: available > 0 ? 'True' : 'False',
          reason: available > 0 ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
      ],
    },
  };
}

describe('clusterDnsAnalyzer', () => {
  it('reports CoreDNS with no available replica as a cluster-wide critical cause', () => {
    const [finding, ...rest] = clusterDnsAnalyzer.analyze(
      snapshotOf({ deployments: [dns('coredns', 'kube-system', 2, 0)] }),
      now,
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', namespace: 'kube-system', name: 'coredns' },
      cause: 'ClusterDNSUnavailable',
      severity: 'critical',
    });
    expect(finding?.summary).toBe(
      'cluster DNS coredns has 0/2 replicas available: name resolution fails or is degraded in every pod.',
    );
    expect(finding?.evidence[1]).toContain('Available=False (MinimumReplicasUnavailable)');
  });

  it('reports a kube-dns scaled to zero, with the scale-up to run', () => {
    const [finding] = clusterDnsAnalyzer.analyze(
      snapshotOf({ deployments: [dns('kube-dns', 'kube-system', 0, 0)] }),
      now,
    );
    expect(finding?.next).toBe('scale_deployment namespace=kube-system deployment_name=kube-dns replicas=2');
  });

  it('leaves an available cluster DNS, and a "coredns" outside kube-system, alone', () => {
    const snapshot = snapshotOf({
      deployments: [dns('coredns', 'kube-system', 2, 1), dns('coredns', 'shop', 1, 0)],
    });
    expect(clusterDnsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

import type { V1Node, V1NodeCondition, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { nodesAnalyzer } from './nodes.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function condition(type: string, status: string, reason: string, message = ''): Wire<V1NodeCondition> {
  return { type, status, reason, message, lastTransitionTime: minutesAgo(12) };
}

const healthy = [
  condition('Ready', 'True', 'KubeletReady'),
  condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
  condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
  condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
  condition('NetworkUnavailable', 'False', 'RouteCreated'),
];

function node(name: string, conditions: Wire<V1NodeCondition>[], unschedulable = false): Wire<V1Node> {
  return { metadata: { name }, spec: { unschedulable }, status: { conditions } };
}

function pod(name: string, nodeName: string, ownerKind = 'ReplicaSet', phase = 'Running'): Wire<V1Pod> {
  return {
    metadata: {
      name,
      namespace: 'shop',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: ownerKind, name: 'x', uid: 'u' }],
    },
    spec: { nodeName, containers: [] },
    status: { phase },
  };
}

describe('nodesAnalyzer', () => {
  it('reports a NotReady node since when, why, and the pods on it', () => {
    const down = node('n1', [
      condition('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'),
      ...healthy.slice(1),
    ]);
    const snapshot = snapshotOf({
      nodes: [down],
      pods: [pod('a', 'n1'), pod('b', 'n1'), pod('done', 'n1', 'Job', 'Succeeded'), pod('c', 'n2')],
    });
    const [finding, ...rest] = nodesAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Node', name: 'n1' },
      cause: 'NodeNotReady',
      severity: 'critical',
    });
    expect(finding?.summary).toBe('NotReady for 12m (the kubelet stopped posting status); 2 pods on it.');
    expect(finding?.evidence[0]).toContain('Kubelet stopped posting node status.');
    expect(finding?.related?.map((ref) => ref.name)).toEqual(['a', 'b']);
  });

  it('reports pressure and network conditions, one cause each', () => {
    const sick = node('n1', [
      healthy[0] as Wire<V1NodeCondition>,
      condition('MemoryPressure', 'True', 'KubeletHasInsufficientMemory'),
      condition('DiskPressure', 'True', 'KubeletHasDiskPressure'),
      condition('PIDPressure', 'True', 'KubeletHasInsufficientPID'),
      condition('NetworkUnavailable', 'True', 'NoRouteCreated'),
    ]);
    const causes = nodesAnalyzer.analyze(snapshotOf({ nodes: [sick] }), now).map((item) => item.cause);
    expect(causes).toEqual([
      'NodeMemoryPressure',
      'NodeDiskPressure',
      'NodePIDPressure',
      'NodeNetworkUnavailable',
    ]);
  });

  it('reports a cordoned node that still runs pods other than DaemonSet pods', () => {
    const snapshot = snapshotOf({
      nodes: [node('n1', healthy, true)],
      pods: [pod('a', 'n1'), pod('agent', 'n1', 'DaemonSet')],
    });
    const [finding] = nodesAnalyzer.analyze(snapshot, now);
    expect(finding?.cause).toBe('NodeCordoned');
    expect(finding?.summary).toContain('with 1 non-DaemonSet pod still on it');
    expect(finding?.related).toEqual([{ kind: 'Pod', namespace: 'shop', name: 'a' }]);
  });

  it('leaves healthy nodes, and cordoned nodes with only DaemonSet pods left, alone', () => {
    const snapshot = snapshotOf({
      nodes: [node('n1', healthy), node('n2', healthy, true)],
      pods: [pod('a', 'n1'), pod('agent', 'n2', 'DaemonSet')],
    });
    expect(nodesAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

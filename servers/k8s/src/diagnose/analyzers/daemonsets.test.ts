import type { V1DaemonSet, V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { daemonSetsAnalyzer } from './daemonsets.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function daemonSet(desired: number, ready: number): Wire<V1DaemonSet> {
  return {
    metadata: { name: 'agent', namespace: 'ops', creationTimestamp: minutesAgo(600) },
    spec: { selector: {}, template: { spec: { containers: [], nodeSelector: { os: 'linux' } } } },
    status: {
      desiredNumberScheduled: desired,
      currentNumberScheduled: desired,
      numberReady: ready,
      numberMisscheduled: 0,
    },
  };
}

function node(name: string, labels: Record<string, string>, taints: Wire<V1Node>['spec'] = {}): Wire<V1Node> {
  return { metadata: { name, labels, creationTimestamp: minutesAgo(600) }, spec: taints };
}

function pod(name: string, nodeName: string, ready: boolean): Wire<V1Pod> {
  return {
    metadata: {
      name,
      namespace: 'ops',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'a1', controller: true },
      ],
    },
    spec: { nodeName, containers: [] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: minutesAgo(30) }],
    },
  };
}

const nodes = [
  node('n1', { os: 'linux' }),
  node('n2', { os: 'linux' }),
  node('n3', { os: 'linux' }),
  node('win', { os: 'windows' }),
  node('gpu', { os: 'linux' }, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
];

describe('daemonSetsAnalyzer', () => {
  it('names the nodes whose pod is not ready and the nodes with no pod', () => {
    const snapshot = snapshotOf({
      daemonSets: [daemonSet(3, 1)],
      nodes,
      pods: [pod('agent-a', 'n1', true), pod('agent-b', 'n2', false)],
    });
    const [finding, ...rest] = daemonSetsAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'DaemonSet', namespace: 'ops', name: 'agent' },
      cause: 'DaemonSetNotReady',
    });
    // win fails the node selector and gpu has an untolerated taint: neither is expected to run one.
    expect(finding?.summary).toBe('1/3 nodes have a ready pod; pod not ready on n2; no pod on n3.');
    expect(finding?.related).toEqual([
      { kind: 'Pod', namespace: 'ops', name: 'agent-b' },
      { kind: 'Node', name: 'n3' },
    ]);
  });

  it('leaves a complete DaemonSet, one that targets no node, and a pod starting now alone', () => {
    const starting = { ...pod('agent-c', 'n3', false) };
    starting.status = {
      phase: 'Pending',
      conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: minutesAgo(1) }],
    };
    const snapshot = snapshotOf({
      daemonSets: [
        daemonSet(3, 3),
        daemonSet(0, 0),
        { ...daemonSet(3, 2), metadata: { name: 'agent', namespace: 'ops' } },
      ],
      nodes,
      pods: [pod('agent-a', 'n1', true), pod('agent-b', 'n2', true), starting],
    });
    expect(daemonSetsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

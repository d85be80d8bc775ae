import type { V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { statefulSetsAnalyzer } from './statefulsets.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function statefulSet(replicas: number, readyReplicas: number): Wire<V1StatefulSet> {
  return {
    metadata: { name: 'db', namespace: 'data' },
    spec: { replicas, selector: {}, serviceName: 'db', template: {} },
    status: { replicas, readyReplicas, currentReplicas: replicas, updatedReplicas: replicas },
  };
}

function pod(name: string, ready: boolean, sinceMinutes: number): Wire<V1Pod> {
  return {
    metadata: {
      name,
      namespace: 'data',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 's1', controller: true },
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

describe('statefulSetsAnalyzer', () => {
  it('names the pods that keep a StatefulSet short of ready', () => {
    const snapshot = snapshotOf({
      statefulSets: [statefulSet(3, 1)],
      pods: [pod('db-0', true, 60), pod('db-1', false, 20)],
    });
    const [finding, ...rest] = statefulSetsAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'StatefulSet', namespace: 'data', name: 'db' },
      cause: 'StatefulSetNotReady',
      severity: 'warning',
      related: [{ kind: 'Pod', namespace: 'data', name: 'db-1' }],
    });
    expect(finding?.summary).toBe('1/3 replicas ready; not ready: db-1; 1 not created.');
    expect(finding?.next).toContain('pod_name=db-1');
  });

  it('reports pods the controller fails to create, from its FailedCreate event', () => {
    const snapshot = snapshotOf({
      statefulSets: [statefulSet(2, 0)],
      events: [
        {
          metadata: {},
          involvedObject: { kind: 'StatefulSet', namespace: 'data', name: 'db' },
          type: 'Warning',
          reason: 'FailedCreate',
          message: 'create Pod db-0 failed: pods "db-0" is forbidden: exceeded quota',
        },
      ],
    });
    const [finding] = statefulSetsAnalyzer.analyze(snapshot, now);
    expect(finding?.severity).toBe('critical');
    expect(finding?.evidence.join('\n')).toContain('exceeded quota');
  });

  it('leaves ready, scaled-to-zero and briefly restarting StatefulSets alone', () => {
    const snapshot = snapshotOf({
      statefulSets: [
        statefulSet(2, 2),
        statefulSet(0, 0),
        { ...statefulSet(2, 1), metadata: { name: 'db', namespace: 'data' } },
      ],
      pods: [pod('db-0', true, 60), pod('db-1', false, 1)],
    });
    expect(statefulSetsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

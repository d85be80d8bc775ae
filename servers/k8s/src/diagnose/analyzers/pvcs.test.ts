import type { CoreV1Event, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { pvcsAnalyzer } from './pvcs.js';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function claim(
  name: string,
  storageClassName?: string,
  phase = 'Pending',
  volumeName?: string,
): Wire<V1PersistentVolumeClaim> {
  return {
    metadata: { name, namespace: 'data', creationTimestamp: minutesAgo(30) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      ...(storageClassName === undefined ? {} : { storageClassName }),
      ...(volumeName ? { volumeName } : {}),
    },
    status: { phase },
  };
}

function event(name: string, reason: string, message: string): Wire<CoreV1Event> {
  return {
    metadata: {},
    involvedObject: { kind: 'PersistentVolumeClaim', namespace: 'data', name },
    type: reason === 'WaitForFirstConsumer' ? 'Normal' : 'Warning',
    reason,
    message,
  };
}

const user: Wire<V1Pod> = {
  metadata: { name: 'db-0', namespace: 'data' },
  spec: { containers: [], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'db' } }] },
};

describe('pvcsAnalyzer', () => {
  it('names a StorageClass that does not exist and the pods waiting for the claim', () => {
    const snapshot = snapshotOf({
      pvcs: [claim('db', 'fast-ssd')],
      pods: [user],
      events: [event('db', 'ProvisioningFailed', 'storageclass.storage.k8s.io "fast-ssd" not found')],
    });
    const [finding, ...rest] = pvcsAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'PersistentVolumeClaim', namespace: 'data', name: 'db' },
      cause: 'PVCStorageClassNotFound',
      severity: 'critical',
      related: [{ kind: 'Pod', namespace: 'data', name: 'db-0' }],
    });
    expect(finding?.summary).toBe('StorageClass fast-ssd does not exist; 1 pod waits for it.');
  });

  it('tells apart no class, no matching PV, a failed provisioner and a silent wait', () => {
    const snapshot = snapshotOf({
      pvcs: [claim('a'), claim('b', 'manual'), claim('c', 'gp3'), claim('d', 'gp3'), claim('e', '')],
      events: [
        event(
          'a',
          'FailedBinding',
          'no persistent volumes available for this claim and no storage class is set',
        ),
        event('b', 'FailedBinding', 'no persistent volumes available for this claim'),
        event('c', 'ProvisioningFailed', 'failed to provision volume: rpc error: code = ResourceExhausted'),
      ],
    });
    const causes = pvcsAnalyzer.analyze(snapshot, now).map((item) => [item.object.name, item.cause]);
    expect(causes).toEqual([
      ['a', 'PVCNoStorageClass'],
      ['b', 'PVCNoMatchingPV'],
      ['c', 'PVCProvisioningFailed'],
      ['d', 'PVCPending'],
      ['e', 'PVCNoMatchingPV'],
    ]);
  });

  it('leaves bound, young, WaitForFirstConsumer and Released-PV claims alone', () => {
    const young = claim('young', 'gp3');
    young.metadata = { ...young.metadata, creationTimestamp: minutesAgo(1) };
    const snapshot = snapshotOf({
      pvcs: [
        claim('bound', 'gp3', 'Bound'),
        young,
        claim('lazy', 'gp3'),
        claim('again', '', 'Pending', 'pv-old'),
      ],
      pvs: [{ metadata: { name: 'pv-old' }, spec: {}, status: { phase: 'Released' } }],
      events: [
        event('lazy', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding'),
      ],
    });
    expect(pvcsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

import type { V1PersistentVolume } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../kube-client.js';
import { snapshotOf } from '../test-snapshot.js';
import { pvsAnalyzer } from './pvs.js';

const now = new Date('2026-03-01T12:00:00Z');

function volume(
  name: string,
  phase: string,
  extra: Partial<Wire<V1PersistentVolume>['status']> = {},
): Wire<V1PersistentVolume> {
  return {
    metadata: { name },
    spec: {
      persistentVolumeReclaimPolicy: 'Retain',
      claimRef: { namespace: 'data', name: 'db', uid: 'old-uid' },
    },
    status: { phase, ...extra },
  };
}

describe('pvsAnalyzer', () => {
  it('reports a Released volume a recreated claim waits for, with the claim in related', () => {
    const snapshot = snapshotOf({
      pvs: [volume('pv-db', 'Released')],
      pvcs: [
        {
          metadata: { name: 'db', namespace: 'data', uid: 'new-uid' },
          spec: {},
          status: { phase: 'Pending' },
        },
      ],
    });
    const [finding, ...rest] = pvsAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'PersistentVolume', name: 'pv-db' },
      cause: 'PVReleasedClaimPending',
      related: [{ kind: 'PersistentVolumeClaim', namespace: 'data', name: 'db' }],
    });
    expect(finding?.next).toContain('claimRef":null');
  });

  it('reports a Failed volume with its message as evidence', () => {
    const [finding] = pvsAnalyzer.analyze(
      snapshotOf({ pvs: [volume('pv-x', 'Failed', { message: 'recycle failed: timeout' })] }),
      now,
    );
    expect(finding?.cause).toBe('PVFailed');
    expect(finding?.evidence[0]).toBe('status.phase: Failed: recycle failed: timeout');
  });

  it('leaves Bound, Available and unclaimed Released volumes alone', () => {
    const snapshot = snapshotOf({
      pvs: [volume('a', 'Bound'), volume('b', 'Available'), volume('c', 'Released')],
      pvcs: [{ metadata: { name: 'other', namespace: 'data' }, spec: {}, status: { phase: 'Pending' } }],
    });
    expect(pvsAnalyzer.analyze(snapshot, now)).toEqual([]);
  });
});

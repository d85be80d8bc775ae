import { describe, expect, it } from 'vitest';
import { podOf } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { stuckTerminatingAnalyzer } from './stuck-terminating.js';

const now = new Date('2026-03-01T12:00:00Z');
const deletedAgo = (name: string, minutes: number, finalizers?: string[]) =>
  podOf(name, [], {
    metadata: {
      deletionTimestamp: new Date(now.getTime() - minutes * 60_000).toISOString(),
      deletionGracePeriodSeconds: 30,
      ownerReferences: [],
      ...(finalizers ? { finalizers } : {}),
    },
  });

describe('stuck-terminating analyzer', () => {
  it('names the finalizer, or the NotReady node that never confirms', () => {
    const nodes = [
      { metadata: { name: 'node-1' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } },
    ];
    const findings = stuckTerminatingAnalyzer.analyze(
      snapshotOf({ pods: [deletedAgo('a', 40, ['example.com/cleanup']), deletedAgo('b', 40)], nodes }),
      now,
    );
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ object: { kind: 'Pod', name: 'a' }, cause: 'StuckTerminating' });
    expect(findings[0]?.summary).toBe('Terminating for 40 min: finalizers example.com/cleanup not removed.');
    expect(findings[1]?.summary).toMatch(/node node-1 is NotReady/);
    expect(findings[1]?.related).toContainEqual({ kind: 'Node', name: 'node-1' });
  });

  it('leaves pods within their grace period plus margin alone', () => {
    expect(
      stuckTerminatingAnalyzer.analyze(snapshotOf({ pods: [deletedAgo('a', 2), podOf('b')] }), now),
    ).toEqual([]);
  });
});

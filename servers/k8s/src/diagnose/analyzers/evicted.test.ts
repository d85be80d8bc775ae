import { describe, expect, it } from 'vitest';
import { podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { evictedAnalyzer } from './evicted.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('evicted analyzer', () => {
  it('groups evicted pods by workload and names the resource the node ran low on', () => {
    const evicted = (name: string) =>
      podOf(name, [], {
        status: {
          phase: 'Failed',
          reason: 'Evicted',
          message:
            'The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 2Gi.',
        },
      });
    const [finding, ...rest] = evictedAnalyzer.analyze(
      snapshotOf({
        ...webOwners,
        pods: [evicted('web-5d9c7-a'), evicted('web-5d9c7-b'), podOf('web-5d9c7-c')],
      }),
      now,
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', name: 'web' },
      cause: 'Evicted',
      detail: 'ephemeral-storage',
    });
    expect(finding?.summary).toMatch(/^2 of 3 pods: evicted .* low on ephemeral-storage/);
  });

  it("reports an eviction with no event left, days old, as an info-level leftover below today's problems", () => {
    const evicted = (name: string, created: string) =>
      podOf(name, [], {
        metadata: { creationTimestamp: created },
        status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
      });
    const [old] = evictedAnalyzer.analyze(
      snapshotOf({ ...webOwners, pods: [evicted('web-5d9c7-a', '2026-02-25T12:00:00Z')] }),
      now,
    );
    expect(old).toMatchObject({ severity: 'info', rank: 5 });
    expect(old?.summary).toMatch(/old eviction/);
    // Created minutes ago: the event may simply not be listed yet, so it stays a warning.
    const [recent] = evictedAnalyzer.analyze(
      snapshotOf({ ...webOwners, pods: [evicted('web-5d9c7-b', '2026-03-01T11:50:00Z')] }),
      now,
    );
    expect(recent).toMatchObject({ severity: 'warning', rank: 35 });
    // One fresh eviction among leftovers of the same workload keeps the finding a warning.
    const [mixed] = evictedAnalyzer.analyze(
      snapshotOf({
        ...webOwners,
        pods: [
          evicted('web-5d9c7-a', '2026-02-25T12:00:00Z'),
          evicted('web-5d9c7-b', '2026-03-01T11:50:00Z'),
        ],
      }),
      now,
    );
    expect(mixed).toMatchObject({ severity: 'warning', rank: 35 });
  });

  it('ignores pods that failed for other reasons', () => {
    const failed = podOf('a', [], { status: { phase: 'Failed', reason: 'DeadlineExceeded' } });
    expect(evictedAnalyzer.analyze(snapshotOf({ pods: [failed, podOf('b')] }), now)).toEqual([]);
  });
});

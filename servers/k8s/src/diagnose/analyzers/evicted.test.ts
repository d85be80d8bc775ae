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

  it('ignores pods that failed for other reasons', () => {
    const failed = podOf('a', [], { status: { phase: 'Failed', reason: 'DeadlineExceeded' } });
    expect(evictedAnalyzer.analyze(snapshotOf({ pods: [failed, podOf('b')] }), now)).toEqual([]);
  });
});

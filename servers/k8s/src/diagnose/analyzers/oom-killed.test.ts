import { describe, expect, it } from 'vitest';
import { container, podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { oomKilledAnalyzer } from './oom-killed.js';

const now = new Date('2026-03-01T12:00:00Z');
const spec = {
  containers: [{ name: 'app', resources: { limits: { memory: '256Mi' }, requests: { memory: '128Mi' } } }],
};
const killed = (finishedAt: string) =>
  container('app', {
    restartCount: 6,
    state: { running: {} },
    lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt } },
  });

describe('oom-killed analyzer', () => {
  it('gives the limit, the usage from metrics and the restarts', () => {
    const snapshot = snapshotOf({
      ...webOwners,
      pods: [podOf('web-5d9c7-a', [killed('2026-03-01T11:59:00Z')], { spec })],
      podUsage: [
        {
          namespace: 'shop',
          name: 'web-5d9c7-a',
          containers: [{ name: 'app', cpuMillicores: 5, memoryBytes: 241 * 2 ** 20 }],
        },
      ],
    });
    const [finding] = oomKilledAnalyzer.analyze(snapshot, now);
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', name: 'web' },
      cause: 'OOMKilled',
      severity: 'critical',
    });
    expect(finding?.summary).toBe(
      '1 of 1 pods: container app OOMKilled (exit 137), memory limit 256Mi, now using 241Mi (94% of the limit), 6 restarts.',
    );
  });

  it('leaves out usage without metrics, and ignores day-old kills and other exits', () => {
    const [finding] = oomKilledAnalyzer.analyze(
      snapshotOf({ pods: [podOf('a', [killed('2026-03-01T11:59:00Z')], { spec })] }),
      now,
    );
    expect(finding?.summary).not.toMatch(/using/);
    const old = podOf('b', [killed('2026-02-27T11:00:00Z')], { spec });
    const error = podOf('c', [
      container('app', { lastState: { terminated: { exitCode: 1, reason: 'Error' } } }),
    ]);
    expect(oomKilledAnalyzer.analyze(snapshotOf({ pods: [old, error] }), now)).toEqual([]);
  });
});

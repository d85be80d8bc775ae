import { describe, expect, it } from 'vitest';
import { container, podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { crashLoopAnalyzer } from './crash-loop.js';

const now = new Date('2026-03-01T12:00:00Z');
const crashing = container('app', {
  restartCount: 27,
  state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
  lastState: { terminated: { exitCode: 127, reason: 'Error', finishedAt: '2026-03-01T11:58:00Z' } },
});

describe('crash-loop analyzer', () => {
  it('reports crash-looping pods once per Deployment, with exit code, reason and the pods', () => {
    const snapshot = snapshotOf({
      ...webOwners,
      pods: [
        podOf('web-5d9c7-a', [crashing]),
        podOf('web-5d9c7-b', [crashing]),
        podOf('web-5d9c7-c', [container('app', { ready: true, state: { running: {} } })]),
      ],
    });
    const [finding, ...rest] = crashLoopAnalyzer.analyze(snapshot, now);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'critical',
      object: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      cause: 'CrashLoopBackOff',
      related: [
        { kind: 'Pod', name: 'web-5d9c7-a' },
        { kind: 'Pod', name: 'web-5d9c7-b' },
      ],
    });
    expect(finding?.summary).toBe(
      '2 of 3 pods: container app keeps exiting with code 127 (command not found), reason Error, 27 restarts.',
    );
    expect(finding?.evidence.join('\n')).toMatch(/exitCode=127 reason=Error/);
    expect(finding?.next).toMatch(
      /get_pod_logs namespace=shop pod_name=web-5d9c7-a container=app previous=true/,
    );
  });

  it('says "1 restart", not "1 restarts"', () => {
    const once = { ...crashing, restartCount: 1 };
    const [finding] = crashLoopAnalyzer.analyze(
      snapshotOf({ ...webOwners, pods: [podOf('web-5d9c7-a', [once])] }),
      now,
    );
    expect(finding?.summary).toMatch(/reason Error, 1 restart\.$/);
  });

  it('counts a container restarting right now while briefly Running, but not old restarts or OOM kills', () => {
    const flapping = container('app', {
      restartCount: 5,
      state: { running: {} },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-03-01T11:55:00Z' } },
    });
    const old = {
      ...flapping,
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-03-01T09:00:00Z' } },
    };
    const oom = {
      ...crashing,
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: '2026-03-01T11:58:00Z' } },
    };
    expect(crashLoopAnalyzer.analyze(snapshotOf({ pods: [podOf('a', [flapping])] }), now)).toHaveLength(1);
    expect(
      crashLoopAnalyzer.analyze(snapshotOf({ pods: [podOf('a', [old]), podOf('b', [oom])] }), now),
    ).toEqual([]);
  });
});

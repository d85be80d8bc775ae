import { describe, expect, it } from 'vitest';
import { container, eventOn, podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { probesAnalyzer } from './probes.js';

const now = new Date('2026-03-01T12:00:00Z');
const spec = {
  containers: [
    {
      name: 'app',
      readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      livenessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 2 },
    },
  ],
};
const onApp = {
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-5d9c7-a', fieldPath: 'spec.containers{app}' },
};

describe('probes analyzer', () => {
  it('names the failing probe, its endpoint and the failure, per probe kind', () => {
    const pod = podOf('web-5d9c7-a', [container('app', { ready: false, state: { running: {} } })], { spec });
    const events = [
      eventOn(
        'web-5d9c7-a',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        now,
        onApp,
      ),
      eventOn(
        'web-5d9c7-a',
        'Unhealthy',
        'Liveness probe failed: dial tcp 10.0.0.5:8080: connect: connection refused',
        now,
        onApp,
      ),
    ];
    const findings = probesAnalyzer.analyze(snapshotOf({ ...webOwners, pods: [pod], events }), now);
    expect(findings.map((finding) => finding.cause).sort()).toEqual([
      'LivenessProbeFailing',
      'ReadinessProbeFailing',
    ]);
    const readiness = findings.find((finding) => finding.cause === 'ReadinessProbeFailing');
    expect(readiness).toMatchObject({ object: { kind: 'Deployment', name: 'web' }, severity: 'warning' });
    expect(readiness?.summary).toMatch(
      /readiness probe GET :8080\/ready of container app fails \(5x recently\)/,
    );
    expect(readiness?.evidence[0]).toMatch(/statuscode: 503/);
    const liveness = findings.find((finding) => finding.cause === 'LivenessProbeFailing');
    expect(liveness?.summary).toMatch(/liveness probe tcp :8080/);
    expect(liveness?.next).toMatch(/timeoutSeconds=2/);
  });

  it('ignores old liveness failures and readiness failures of a pod that is ready again', () => {
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const pod = podOf('web-5d9c7-a', [container('app', { ready: true, state: { running: {} } })], { spec });
    const events = [
      eventOn('web-5d9c7-a', 'Unhealthy', 'Readiness probe failed: timeout', hourAgo, onApp),
      eventOn('web-5d9c7-a', 'Unhealthy', 'Liveness probe failed: timeout', hourAgo, onApp),
    ];
    expect(probesAnalyzer.analyze(snapshotOf({ pods: [pod], events }), now)).toEqual([]);
  });
});

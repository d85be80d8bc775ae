import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { rankFindings } from './rank.js';
import { podOf, webOwners } from './test-pods.js';
import { snapshotOf } from './test-snapshot.js';

const web = { kind: 'Deployment', namespace: 'shop', name: 'web' };
const finding = (partial: Partial<Finding> & Pick<Finding, 'object' | 'cause'>): Finding => ({
  severity: 'warning',
  summary: partial.cause,
  evidence: [],
  next: '',
  ...partial,
});

describe('rankFindings', () => {
  it('puts the root cause first and links the symptom to it', () => {
    const pod = podOf('web-5d9c7-a', [], { metadata: { labels: { app: 'web' } } });
    const snapshot = snapshotOf({
      ...webOwners,
      pods: [pod],
      services: [{ metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' } } }],
    });
    const service = finding({
      object: { kind: 'Service', namespace: 'shop', name: 'web' },
      cause: 'ServiceNoReadyEndpoints',
      severity: 'critical',
      rank: 90,
    });
    const unavailable = finding({ object: web, cause: 'DeploymentUnavailable', severity: 'warning' });
    const crash = finding({
      object: web,
      cause: 'CrashLoopBackOff',
      severity: 'warning',
      rank: 60,
      related: [{ kind: 'Pod', namespace: 'shop', name: 'web-5d9c7-a' }],
    });
    const other = finding({
      object: { kind: 'Deployment', namespace: 'shop', name: 'api' },
      cause: 'OOMKilled',
      severity: 'critical',
      rank: 65,
    });
    const ranked = rankFindings([service, unavailable, other, crash], snapshot);
    expect(ranked.map((item) => item.cause)).toEqual([
      'CrashLoopBackOff',
      'OOMKilled',
      'ServiceNoReadyEndpoints',
      'DeploymentUnavailable',
    ]);
    expect(ranked[0]?.severity).toBe('critical');
    expect(ranked[0]?.related).toContainEqual(service.object);
    expect(ranked[2]?.explainedBy).toEqual([{ object: web, cause: 'CrashLoopBackOff' }]);
  });

  it('a missing Secret outranks the crash loop on the same workload; a NotReady node explains pods on it and ranks above them', () => {
    const snapshot = snapshotOf({ pods: [podOf('p', [], { spec: { nodeName: 'node-9', containers: [] } })] });
    const crash = finding({
      object: web,
      cause: 'CrashLoopBackOff',
      severity: 'critical',
      rank: 60,
      related: [{ kind: 'Pod', namespace: 'shop', name: 'p' }],
    });
    const onP = [{ kind: 'Pod', namespace: 'shop', name: 'p' }];
    const secret = finding({
      object: web,
      cause: 'MissingSecret',
      severity: 'critical',
      rank: 80,
      related: onP,
    });
    const oom = finding({
      object: web,
      cause: 'OOMKilled',
      severity: 'critical',
      rank: 65,
      related: [{ kind: 'Pod', namespace: 'shop', name: 'q' }],
    });
    const node = finding({
      object: { kind: 'Node', name: 'node-9' },
      cause: 'NodeNotReady',
      severity: 'critical',
      rank: 10,
    });
    const ranked = rankFindings([crash, secret, node, oom], snapshot);
    // The node's own rank (10) is lifted above the crash loop it explains.
    expect(ranked.map((item) => item.cause)).toEqual([
      'MissingSecret',
      'OOMKilled',
      'NodeNotReady',
      'CrashLoopBackOff',
    ]);
    expect(ranked[3]?.explainedBy?.map((item) => item.cause).sort()).toEqual([
      'MissingSecret',
      'NodeNotReady',
    ]);
  });

  it('merges duplicates and leaves unrelated findings unlinked, by severity then rank', () => {
    const a = finding({ object: web, cause: 'Evicted', evidence: ['one'] });
    const b = finding({ object: web, cause: 'Evicted', evidence: ['two'], severity: 'critical' });
    const c = finding({
      object: { kind: 'Pod', namespace: 'x', name: 'y' },
      cause: 'StuckTerminating',
      severity: 'info',
    });
    const ranked = rankFindings([c, a, b], snapshotOf());
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toMatchObject({ cause: 'Evicted', severity: 'critical', evidence: ['one', 'two'] });
    expect(ranked.every((item) => item.explainedBy === undefined)).toBe(true);
  });
});

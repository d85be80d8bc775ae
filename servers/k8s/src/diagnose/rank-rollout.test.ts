import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { rankFindings } from './rank.js';
import { snapshotOf } from './test-snapshot.js';

const web = { kind: 'Deployment', namespace: 'shop', name: 'web' };
const pod = { kind: 'Pod', namespace: 'shop', name: 'web-new-a' };

describe('rankFindings with a stuck rollout', () => {
  it('keeps the rollout (and its roll-back) unexplained and first, above the pods it broke', () => {
    const findings: Finding[] = [
      {
        severity: 'critical',
        object: web,
        cause: 'ImagePullBackOff',
        summary: 'image shop/web:1.5 not found',
        evidence: [],
        next: 'fix the tag',
        related: [pod],
      },
      {
        severity: 'critical',
        object: web,
        cause: 'RolloutStuck',
        summary: 'rollout stuck on revision 5',
        evidence: [],
        next: 'rollback_deployment namespace=shop deployment_name=web to_revision=4',
      },
      {
        severity: 'warning',
        object: web,
        cause: 'DeploymentUnavailable',
        summary: '',
        evidence: [],
        next: '',
      },
    ];
    const ranked = rankFindings(findings, snapshotOf());
    expect(ranked.map((item) => item.cause)).toEqual([
      'RolloutStuck',
      'ImagePullBackOff',
      'DeploymentUnavailable',
    ]);
    expect(ranked[0]?.explainedBy).toBeUndefined();
    expect(ranked[2]?.explainedBy?.map((item) => item.cause)).toContain('ImagePullBackOff');
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../diagnose/finding.js';
import { snapshotOf } from '../diagnose/test-snapshot.js';
import { fitDiagnosisJson, formatDiagnosisText } from './diagnose.js';

const web = { kind: 'Deployment', namespace: 'shop', name: 'web' };
const root: Finding = {
  severity: 'critical',
  object: web,
  cause: 'CrashLoopBackOff',
  summary: '2 of 2 pods: container app keeps exiting.',
  evidence: ['lastState.terminated: exitCode=1'],
  next: 'get_pod_logs namespace=shop pod_name=web-a previous=true',
  related: [{ kind: 'Pod', namespace: 'shop', name: 'web-a' }],
};
const symptom: Finding = {
  severity: 'critical',
  object: { kind: 'Service', namespace: 'shop', name: 'web' },
  cause: 'ServiceNoReadyPods',
  summary: 'no ready endpoint.',
  evidence: ['spec.selector: app=web'],
  next: 'diagnose_workload kind=Deployment name=web namespace=shop',
  explainedBy: [{ object: web, cause: 'CrashLoopBackOff' }],
};

describe('formatDiagnosisText', () => {
  it('fences a root cause evidence and shows a symptom as one pointer to its cause', () => {
    const snapshot = snapshotOf({ unreadable: ['nodes: forbidden (RBAC)'] });
    const text = formatDiagnosisText({
      scope: 'namespace "shop"',
      snapshot,
      findings: [root, symptom],
      budgetBytes: 16_000,
      more: '',
    });
    expect(text).toMatch(
      /^Diagnosis of namespace "shop" \(context "test"\): 2 findings \(2 critical\), root causes first\. Read 0 pods, 0 nodes, 0 recent events, no metrics/,
    );
    expect(text).toMatch(/\nCould not read: nodes: forbidden \(RBAC\)\. Findings there may be missing\.\n/);
    expect(text).toMatch(
      /<untrusted-data id="\w+" source="cluster status, events and logs">\n[^\n]+\nlastState\.terminated: exitCode=1\n<\/untrusted-data/,
    );
    expect(text).toMatch(
      /2\. \[critical\] Service shop\/web: ServiceNoReadyPods\n {3}no ready endpoint\.\n {3}Explained by: Deployment shop\/web CrashLoopBackOff$/,
    );
    expect(text).not.toMatch(/spec\.selector/);
  });

  it('cuts by whole findings and counts the rest by cause; JSON the same way', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({
      ...root,
      object: { ...web, name: `web-${index}` },
    }));
    const text = formatDiagnosisText({
      scope: 'all namespaces',
      snapshot: snapshotOf(),
      findings: many,
      budgetBytes: 2_000,
      more: 'Pass `namespace`.',
    });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2_000);
    expect(text).toMatch(/\n(\d+) more findings not shown \(\1 CrashLoopBackOff\)\. Pass `namespace`\.$/);
    const json = fitDiagnosisJson(snapshotOf(), many, 2_000);
    expect(Buffer.byteLength(JSON.stringify(json, null, 1))).toBeLessThanOrEqual(2_000);
    expect(json.findings.length + (json.omitted?.CrashLoopBackOff ?? 0)).toBe(40);
  });
});

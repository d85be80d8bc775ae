import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

const rows = (text: string) => text.split('\n').filter((line) => /^\S+\s+\d+\/\d+\s/.test(line));

describe('list_pods_from_namespace', () => {
  it('shows kubectl columns, counts by status and problem pods first', async () => {
    const { text, isError } = await harness.call('list_pods_from_namespace', { namespace: 'payments' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^11 pods in namespace "payments": 6 Running, 2 Pending, /);
    expect(lines[1]).toMatch(/^Need attention: 5 \(/);
    expect(lines[2]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+NODE$/);
    expect(text).toMatch(
      /ledger-5c8d7f9b4d-x9p4r\s+1\/2\s+CrashLoopBackOff\s+14 \(88s ago\)\s+5h\s+worker-2/,
    );
    expect(text).toMatch(/fraud-model-\S+\s+0\/1\s+ImagePullBackOff/);
    expect(text).toMatch(/reports-nightly-\S+\s+0\/1\s+Completed/);
    // The five pods needing attention come before the healthy ones.
    const statuses = rows(text).map((line) => line.split(/\s+/)[2]);
    expect(statuses.slice(5)).not.toContain('CrashLoopBackOff');
    expect(statuses.slice(0, 5)).toEqual(
      expect.arrayContaining(['CrashLoopBackOff', 'ImagePullBackOff', 'Pending']),
    );
  });

  it('passes label and field selectors to the API', async () => {
    const byLabel = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      label_selector: 'app=ledger',
    });
    expect(rows(byLabel.text)).toHaveLength(3);
    const byField = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      field_selector: 'status.phase=Pending',
    });
    expect(byField.text).toMatch(/^3 pods in namespace "payments": 2 Pending, 1 ImagePullBackOff\./);
  });

  it('pages with limit and continue through every pod exactly once', async () => {
    const names: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { text, isError } = await harness.call('list_pods_from_namespace', {
        namespace: 'payments',
        limit: 4,
        ...(token ? { continue: token } : {}),
      });
      expect(isError).toBe(false);
      names.push(...rows(text).map((line) => line.split(/\s+/)[0] ?? ''));
      token = /continue="([^"]+)"/.exec(text)?.[1];
      if (!token) {
        expect(text).toContain('This is the last page.');
        break;
      }
    }
    expect(names).toHaveLength(11);
    expect(new Set(names).size).toBe(11);
  });

  it('returns redacted raw objects with output "json"', async () => {
    const { text, json } = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      output: 'json',
    });
    const body = JSON.parse(json) as { total: number; items: { kind: string; metadata: { name: string } }[] };
    expect(body.total).toBe(11);
    expect(body.items[0]?.kind).toBe('Pod');
    expect(body.items.length).toBeGreaterThan(0);
    expect(text).not.toContain('managedFields');
  });

  it('says a namespace does not exist, with the closest name', async () => {
    const { text, isError } = await harness.call('list_pods_from_namespace', { namespace: 'paymnts' });
    expect(isError).toBe(true);
    expect(text).toBe(
      'Namespace "paymnts" does not exist (context "fake"). Did you mean "payments"? Call list_namespaces to see them all.',
    );
  });

  it('says so when an existing namespace has no pods', async () => {
    const { text, isError } = await harness.call('list_pods_from_namespace', {});
    expect(isError).toBe(false);
    expect(text).toBe('No pods found in namespace "default" (check the namespace and any selectors).');
  });

  it('refuses invalid names before calling the API', async () => {
    const before = harness.api.requests.length;
    const { text, isError } = await harness.call('list_pods_from_namespace', { namespace: 'Payments!' });
    expect(isError).toBe(true);
    expect(text).toContain('RFC 1123');
    expect(harness.api.requests.length).toBe(before);
  });

  it('names the verb and resource RBAC refused', async () => {
    harness.api.failNext({ pathIncludes: '/namespaces/payments/pods' }, 403);
    const { text, isError } = await harness.call('list_pods_from_namespace', { namespace: 'payments' });
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^RBAC refused to list pods in namespace "payments" \(context "fake", http:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect(text).toContain('Ask a cluster admin for a Role granting "list" on "pods"');
  });

  it('refuses an unknown kubeconfig context', async () => {
    const { text, isError } = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      context: 'prod',
    });
    expect(isError).toBe(true);
    expect(text).toContain('Kubeconfig context "prod" does not exist. Known contexts: fake.');
  });

  it('says when a continue token has expired', async () => {
    harness.api.failNext({ pathIncludes: '/namespaces/payments/pods' }, 410);
    const { text, isError } = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      limit: 2,
      continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJ4In0=',
    });
    expect(isError).toBe(true);
    expect(text).toContain('has expired (410 Gone)');
    expect(text).toContain('Start again without `continue`.');
  });

  it('rejects a continue token without limit', async () => {
    const { text, isError } = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      continue: 'x',
    });
    expect(isError).toBe(true);
    expect(text).toContain('`continue` needs `limit`');
  });
});

describe('list_pods_all_namespaces', () => {
  it('adds NAMESPACE and counts per namespace', async () => {
    const { text, isError } = await harness.call('list_pods_all_namespaces');
    expect(isError).toBe(false);
    expect(text).toMatch(/^\d+ pods in all namespaces: /);
    expect(text).toMatch(/By namespace: payments 11 \(5 problems\), /);
    expect(text).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+NODE$/m);
    expect(text).toMatch(/^kube-system\s+kube-proxy-\S+\s+0\/1\s+Running/m);
  });
});

describe('under an SRE_NAMESPACES allow-list', () => {
  let limited: K8sHarness;
  beforeAll(async () => {
    limited = await startK8sHarness({ now, env: { SRE_NAMESPACES: 'payments,monitoring' } });
  });
  afterAll(() => limited.close());

  it('refuses other namespaces without calling the API', async () => {
    const { text, isError } = await limited.call('list_pods_from_namespace', { namespace: 'kube-system' });
    expect(isError).toBe(true);
    expect(text).toBe(
      `Namespace "kube-system" is outside this server's allow-list (SRE_NAMESPACES). Allowed namespaces: payments, monitoring.`,
    );
    expect(limited.api.requests).toHaveLength(0);
  });

  it('lists all namespaces as the allowed ones only, and pages across them', async () => {
    const { text } = await limited.call('list_pods_all_namespaces');
    expect(text).toMatch(/^15 pods in the allowed namespaces \(payments, monitoring\): /);
    expect(text).not.toContain('kube-system');
    const paths = new Set(limited.api.requests.map((request) => request.path));
    expect(paths).toEqual(
      new Set(['/api/v1/namespaces/payments/pods', '/api/v1/namespaces/monitoring/pods']),
    );
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await limited.call('list_pods_all_namespaces', {
        limit: 5,
        ...(token ? { continue: token } : {}),
      });
      names.push(...page.text.split('\n').filter((line) => /^(payments|monitoring)\s/.test(line)));
      token = /continue="([^"]+)"/.exec(page.text)?.[1];
    } while (token);
    expect(names).toHaveLength(15);
  });
});

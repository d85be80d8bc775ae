import { generateLargeCluster } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

describe('list_all_resources', () => {
  it('puts what needs attention first, then one table per kind', async () => {
    const { text, isError } = await harness.call('list_all_resources', { namespace: 'payments' });
    expect(isError).toBe(false);
    const [first, ...rest] = text.split('\n');
    expect(first).toMatch(
      /^Namespace "payments": 4 deployments, 1 statefulset, 0 daemonsets, \d+ replicasets?, 11 pods, 5 services, \d+ jobs?, \d+ cronjobs?\. \d+ need attention:$/,
    );
    const problems = rest.filter((line) => line.startsWith('- '));
    expect(problems).toEqual(
      expect.arrayContaining([
        '- deployment/ledger: fewer ready than desired',
        '- deployment/fraud-model: ProgressDeadlineExceeded',
        '- statefulset/ledger-db: fewer ready than desired',
        '- pod/ledger-5c8d7f9b4d-x9p4r: CrashLoopBackOff',
        '- service/orphan: no endpoints (selector matches no pod)',
      ]),
    );
    expect(text).toMatch(/^4 deployments in namespace "payments"/m);
    expect(text).toMatch(/^11 pods in namespace "payments"/m);
    expect(text).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/m);
    expect(text).toMatch(/^NAME\s+SCHEDULE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/m);
    // Old ReplicaSets scaled to 0 are noise in `get all`; they are counted, not listed.
    expect(text).not.toMatch(/^\S+\s+0\s+0\s+0\s+\S+$/m);
  });

  it('keeps going when RBAC refuses one kind, and says which', async () => {
    harness.api.failNext({ pathIncludes: '/namespaces/payments/jobs' }, 403);
    const { text, isError } = await harness.call('list_all_resources', { namespace: 'payments' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^Note: jobs: not listed: RBAC refused to list jobs in namespace "payments"/m);
    expect(text).toMatch(/^11 pods in namespace "payments"/m);
  });

  it('returns the summary and redacted objects per kind as JSON', async () => {
    const { text, json, isError } = await harness.call('list_all_resources', {
      namespace: 'payments',
      output: 'json',
    });
    expect(isError).toBe(false);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(16_384);
    const body = JSON.parse(json) as {
      counts: Record<string, { total: number; needAttention: number }>;
      needAttention: { kind: string; name: string; problem: string }[];
      lists: Record<string, { total: number; items: { kind: string }[] }>;
    };
    expect(body.counts.pods).toEqual({ total: 11, needAttention: 5 });
    expect(body.needAttention).toContainEqual({
      kind: 'Pod',
      name: 'ledger-5c8d7f9b4d-x9p4r',
      problem: 'CrashLoopBackOff',
    });
    expect(body.lists.deployments?.items[0]?.kind).toBe('Deployment');
  });

  it('says when the namespace does not exist', async () => {
    const { text, isError } = await harness.call('list_all_resources', { namespace: 'monitorng' });
    expect(isError).toBe(true);
    expect(text).toContain('Did you mean "monitoring"?');
  });
});

describe('list_all_resources on a crowded namespace', () => {
  it('shares the budget so every kind is summarised', async () => {
    const cluster = generateLargeCluster({ pods: 3_000, namespaces: 1, now });
    const big = await startK8sHarness({ ...cluster, now });
    try {
      const namespace = 'checkout';
      const { text, isError } = await big.call('list_all_resources', { namespace });
      expect(isError).toBe(false);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(16_384);
      expect(text).toMatch(/^Namespace "checkout": \d+ deployments, .*3000 pods/);
      expect(text).toMatch(/^\d+ deployments in namespace "checkout"/m);
      expect(text).toMatch(/^3000 pods in namespace "checkout"/m);
      expect(text).toMatch(/\[Showing \d+ of 3000 pods .*Call list_pods_from_namespace for all of them\.\]/);
    } finally {
      await big.close();
    }
  });
});

import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now: new Date('2026-03-01T12:00:00Z') });
});
afterAll(() => harness.close());

describe('list_deployments_from_namespace', () => {
  it('shows READY as ready/desired, problems first, and a deployment scaled to 0 as fine', async () => {
    const { text, isError } = await harness.call('list_deployments_from_namespace', {
      namespace: 'payments',
    });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('4 deployments in namespace "payments": 2 degraded, 1 ready, 1 scaled to 0.');
    expect(lines[1]).toBe(
      'Need attention: 2 (1 fewer ready than desired, 1 ProgressDeadlineExceeded); listed first.',
    );
    expect(lines[2]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(
      lines
        .slice(3, 5)
        .map((line) => line.split(/\s+/)[0])
        .sort(),
    ).toEqual(['fraud-model', 'ledger']);
    expect(text).toMatch(/^ledger\s+1\/3\s+3\s+1\s+60d$/m);
    expect(text).toMatch(/^batch-reports\s+0\/0\s+0\s+0\s+\S+$/m);
  });

  it('returns redacted objects as JSON', async () => {
    const { json } = await harness.call('list_deployments_from_namespace', {
      namespace: 'payments',
      output: 'json',
    });
    const body = JSON.parse(json) as {
      items: { kind: string; apiVersion: string; spec: { replicas: number } }[];
    };
    expect(body.items).toHaveLength(4);
    expect(body.items[0]).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1' });
  });

  it('reads raw pages, as the pod lists do: wire timestamps, the page size, no generated client', async () => {
    const { json } = await harness.call('list_deployments_from_namespace', {
      namespace: 'payments',
      output: 'json',
    });
    const body = JSON.parse(json) as { items: { metadata: { creationTimestamp: unknown } }[] };
    // As the API server wrote it; the SDK's models would have made a Date of it (".000Z" in JSON).
    expect(body.items[0]?.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(harness.api.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/apis/apps/v1/namespaces/payments/deployments',
      query: { limit: '500' },
    });
  });
});

describe('list_deployments_all_namespaces', () => {
  it('adds NAMESPACE and per-namespace counts', async () => {
    const { text } = await harness.call('list_deployments_all_namespaces');
    expect(text).toMatch(/^5 deployments in all namespaces: /);
    expect(text).toContain('By namespace: payments 4 (2 problems), kube-system 1.');
    expect(text).toMatch(/^kube-system\s+coredns\s+2\/2\s/m);
  });

  it('reports a failing API with the cluster it talked to', async () => {
    // Twice: a read is retried once (read-retry.ts).
    harness.api.failNext({ pathIncludes: '/apis/apps/v1/deployments' }, 503);
    harness.api.failNext({ pathIncludes: '/apis/apps/v1/deployments' }, 503);
    const { text, isError } = await harness.call('list_deployments_all_namespaces');
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^The API server \(context "fake", http:\/\/127\.0\.0\.1:\d+\) failed to list deployments in all namespaces \(HTTP 503/,
    );
  });
});

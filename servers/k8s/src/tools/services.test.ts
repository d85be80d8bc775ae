import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now: new Date('2026-03-01T12:00:00Z') });
});
afterAll(() => harness.close());

describe('list_services_from_namespace', () => {
  it('shows kubectl columns and flags services without ready endpoints first', async () => {
    const { text, isError } = await harness.call('list_services_from_namespace', { namespace: 'payments' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('5 services in namespace "payments": 4 ClusterIP, 1 LoadBalancer.');
    expect(lines[1]).toContain('1 no endpoints (selector matches no pod)');
    expect(lines[1]).toContain('1 no ready endpoints (pods not ready)');
    expect(lines[2]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(
      lines
        .slice(3, 5)
        .map((line) => line.split(/\s+/)[0])
        .sort(),
    ).toEqual(['ledger', 'orphan']);
    expect(text).toMatch(
      /^checkout-public\s+LoadBalancer\s+10\.96\.45\.200\s+203\.0\.113\.10\s+443:31443\/TCP\s+30d$/m,
    );
    expect(text).toMatch(/^ledger-db\s+ClusterIP\s+None\s+<none>\s+5432\/TCP/m);
  });

  it('still lists services when RBAC hides endpoints', async () => {
    harness.api.failNext({ pathIncludes: '/namespaces/payments/endpoints' }, 403);
    const { text, isError } = await harness.call('list_services_from_namespace', { namespace: 'payments' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^5 services in namespace "payments"/);
    expect(text).not.toContain('Need attention');
  });
});

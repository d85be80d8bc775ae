import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now: new Date('2026-03-01T12:00:00Z') });
});
afterAll(() => harness.close());

describe('list_configmaps_from_namespace', () => {
  it('shows key counts, ages and key names, not values', async () => {
    const { text, isError } = await harness.call('list_configmaps_from_namespace', { namespace: 'payments' });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('3 configmaps in namespace "payments": 3 ConfigMap.');
    expect(text).toMatch(
      /^checkout-config\s+4\s+30d\s+FEATURE_FLAGS,LOG_LEVEL,PAYMENT_PROVIDER_URL,application\.yaml$/m,
    );
    expect(text).not.toContain('payments-provider.example.com');
  });

  it('returns the objects, data included, as JSON', async () => {
    const { text, json } = await harness.call('list_configmaps_from_namespace', {
      namespace: 'payments',
      output: 'json',
    });
    const body = JSON.parse(json) as { items: { kind: string; data: Record<string, string> }[] };
    expect(body.items[0]?.kind).toBe('ConfigMap');
    expect(text).toContain('payments-provider.example.com');
  });
});

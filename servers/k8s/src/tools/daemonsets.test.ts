import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now: new Date('2026-03-01T12:00:00Z') });
});
afterAll(() => harness.close());

describe('list_daemonsets_from_namespace', () => {
  it('shows kubectl columns and flags a daemonset missing a ready pod', async () => {
    const { text, isError } = await harness.call('list_daemonsets_from_namespace', {
      namespace: 'kube-system',
    });
    expect(isError).toBe(false);
    expect(text).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    expect(text).toMatch(/^kube-proxy\s+4\s+4\s+3\s+4\s+3\s+41d$/m);
    expect(text).toContain('Need attention: 1 (1 fewer ready than desired)');
  });

  it('defaults to the "default" namespace', async () => {
    const { text } = await harness.call('list_daemonsets_from_namespace', {});
    expect(text).toBe('No daemonsets found in namespace "default" (check the namespace and any selectors).');
  });
});

import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const harnesses: K8sHarness[] = [];
async function start(env: Record<string, string> = {}) {
  const harness = await startK8sHarness({ now, env });
  harnesses.push(harness);
  return harness;
}
afterAll(() => Promise.all(harnesses.map((harness) => harness.close())));

describe('list_namespaces', () => {
  it('lists namespaces with status and age, and takes a label selector', async () => {
    const harness = await start();
    const { text, isError } = await harness.call('list_namespaces');
    expect(isError).toBe(false);
    expect(text).toMatch(/^4 namespaces in the cluster: 4 Active\.\nNAME\s+STATUS\s+AGE\n/);
    expect(text).toMatch(/^payments\s+Active\s+39d$/m);
    const one = await harness.call('list_namespaces', {
      label_selector: 'kubernetes.io/metadata.name=payments',
    });
    expect(one.text.split('\n')[0]).toBe('1 namespace in the cluster: 1 Active.');
  });

  it('shows only the allow-list under SRE_NAMESPACES', async () => {
    const harness = await start({ SRE_NAMESPACES: 'payments' });
    const { text } = await harness.call('list_namespaces');
    expect(text.split('\n')[0]).toBe('1 namespace in the allow-list (payments): 1 Active.');
    expect(text).not.toContain('kube-system');
  });

  it('says which cluster it cannot reach', async () => {
    const harness = await start();
    await harness.api.close();
    const { text, isError } = await harness.call('list_namespaces');
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^Cannot reach the Kubernetes API server \(context "fake", http:\/\/127\.0\.0\.1:\d+\): .+\. Check that the cluster is up/,
    );
  });
});

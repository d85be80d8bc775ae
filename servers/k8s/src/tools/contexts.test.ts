import { writeFileSync } from 'node:fs';
import { startKubeApiServer } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { kubeconfigYaml } from '@sre-agent/test/fakes/kube-apiserver/kubeconfig.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, describe, expect, it } from 'vitest';

const harnesses: K8sHarness[] = [];
async function start(env: Record<string, string> = {}) {
  const harness = await startK8sHarness({ env });
  harnesses.push(harness);
  return harness;
}
afterAll(() => Promise.all(harnesses.map((harness) => harness.close())));

describe('list_contexts', () => {
  it('lists each context with its cluster, server and namespace, marking current and default', async () => {
    const harness = await start({ KUBE_CONTEXT: 'staging' });
    writeFileSync(
      harness.kubeconfigPath,
      kubeconfigYaml(harness.api.url, {
        contextName: 'fake',
        extraContexts: [{ name: 'staging', namespace: 'payments', server: 'https://staging.example:6443' }],
      }),
    );
    const { text, isError } = await harness.call('list_contexts');
    expect(isError).toBe(false);
    expect(text).toContain('2 contexts in the kubeconfig (* = current-context).');
    expect(text).toContain('Calls without `context` use "staging" (KUBE_CONTEXT).');
    expect(text).toMatch(/^\*\s+fake\s+fake-cluster\s+http:\/\/127\.0\.0\.1:\d+\s*$/m);
    expect(text).toMatch(/^\s+staging\s+staging-cluster\s+https:\/\/staging\.example:6443\s+payments$/m);
  });

  it('re-reads the kubeconfig when it changes and rebuilds the clients of a changed context', async () => {
    const harness = await start();
    expect((await harness.call('list_contexts')).text).toContain('1 context in the kubeconfig');
    expect((await harness.call('list_namespaces')).isError).toBe(false);
    // Same context name, another server: the cached client must not be reused.
    const gone = await startKubeApiServer({ objects: [] });
    const closed = gone.url;
    await gone.close();
    writeFileSync(
      harness.kubeconfigPath,
      kubeconfigYaml(closed, {
        contextName: 'fake',
        extraContexts: [{ name: 'new', server: harness.api.url }],
      }),
    );
    const moved = await harness.call('list_namespaces');
    expect(moved.isError).toBe(true);
    expect(moved.text).toContain(`(context "fake", ${closed})`);
    expect((await harness.call('list_namespaces', { context: 'new' })).isError).toBe(false);
    expect((await harness.call('list_contexts')).text).toContain('2 contexts in the kubeconfig');
  });

  it('says when KUBE_CONTEXT names a context the kubeconfig lacks', async () => {
    const harness = await start({ KUBE_CONTEXT: 'prod' });
    const { text } = await harness.call('list_contexts');
    expect(text).toContain('KUBE_CONTEXT names "prod", which is not in the kubeconfig');
  });
});

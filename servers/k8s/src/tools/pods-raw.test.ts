import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The pod lists read raw pages (kubeApis.rawList) instead of the SDK's typed calls: these pin
 * that authentication, paging, selectors, wire values and error mapping stay what they were.
 */
const now = new Date('2026-03-01T12:00:00Z');
const open: K8sHarness[] = [];
async function start(options: Parameters<typeof startK8sHarness>[0] = {}): Promise<K8sHarness> {
  const harness = await startK8sHarness({ now, ...options });
  open.push(harness);
  return harness;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
});

describe('raw pod pages', () => {
  it('send the kubeconfig bearer token, the selectors and the page size, and follow continue', async () => {
    const harness = await start({ token: 'kubeconfig-token' });
    const { text, isError } = await harness.call('list_pods_all_namespaces', {
      label_selector: 'app=ledger',
      field_selector: 'status.phase=Running',
    });
    expect(isError).toBe(false);
    expect(text).toMatch(/^3 pods in all namespaces: /);
    const [request] = harness.api.requests;
    expect(request).toMatchObject({
      method: 'GET',
      path: '/api/v1/pods',
      query: { labelSelector: 'app=ledger', fieldSelector: 'status.phase=Running', limit: '500' },
    });
    const paged = await harness.call('list_pods_from_namespace', { namespace: 'payments', limit: 4 });
    const token = /continue="([^"]+)"/.exec(paged.text)?.[1];
    expect(token).toBeTruthy();
    await harness.call('list_pods_from_namespace', { namespace: 'payments', limit: 4, continue: token });
    expect(harness.api.requests.at(-1)?.query).toMatchObject({ limit: '4', continue: token });
  });

  it('keep wire values: string timestamps still give ages, restarts and problems', async () => {
    const harness = await start();
    const { text } = await harness.call('list_pods_from_namespace', { namespace: 'payments' });
    expect(text).toMatch(
      /^ledger-5c8d7f9b4d-x9p4r\s+1\/2\s+CrashLoopBackOff\s+14 \(\d+s ago\)\s+5h\d*m?\s+worker-2/m,
    );
    expect(text).toMatch(/^ledger-5c8d7f9b4d-z5n8w\s+1\/2\s+Running\s+3 \(\d+s ago\)/m);
    const json = await harness.call('list_pods_from_namespace', {
      namespace: 'payments',
      output: 'json',
      field_selector: 'metadata.name=ledger-5c8d7f9b4d-x9p4r',
    });
    const list = JSON.parse(json.json) as { items: { metadata: { creationTimestamp: unknown } }[] };
    expect(list.items[0]?.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('map 401, 500 and an unreachable server like every other call', async () => {
    const harness = await start();
    harness.api.failNext({ pathIncludes: '/api/v1/pods' }, 401);
    const denied = await harness.call('list_pods_all_namespaces');
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/rejected the credentials \(401 Unauthorized\)/);
    harness.api.failNext({ pathIncludes: '/api/v1/pods' }, 500, 'etcdserver: request timed out');
    const failed = await harness.call('list_pods_all_namespaces');
    expect(failed.text).toMatch(
      /failed to list pods in all namespaces \(HTTP 500: etcdserver: request timed out\)\. The control plane may be degraded/,
    );
    await harness.api.close();
    const down = await harness.call('list_pods_from_namespace', { namespace: 'payments' });
    expect(down.isError).toBe(true);
    expect(down.text).toMatch(
      /^Cannot reach the Kubernetes API server \(context "fake", http:\/\/127\.0\.0\.1:\d+\)/,
    );
  });
});

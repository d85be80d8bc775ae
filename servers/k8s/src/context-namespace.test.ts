import { type ElicitAnswer, type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterEach, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const yes = (): ElicitAnswer => ({ action: 'accept', content: { confirm: true } });
const open: K8sHarness[] = [];

/** The current context `fake` has namespace "payments"; `other` has "monitoring"; `bare` has none. */
async function start(options: Parameters<typeof startK8sHarness>[0] = {}): Promise<K8sHarness> {
  const harness = await startK8sHarness({
    now,
    kubeconfig: {
      namespace: 'payments',
      extraContexts: [{ name: 'other', namespace: 'monitoring' }, { name: 'bare' }],
    },
    ...options,
  });
  open.push(harness);
  return harness;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
});

const paths = (harness: K8sHarness) => harness.api.requests.map((item) => `${item.method} ${item.path}`);

describe("an omitted namespace is the context's namespace, as in kubectl", () => {
  it('lists the current context namespace, and an explicit namespace still wins', async () => {
    const harness = await start();
    const omitted = await harness.call('list_pods_from_namespace');
    expect(omitted.isError).toBe(false);
    expect(omitted.text).toMatch(/^11 pods in namespace "payments"/);
    expect(paths(harness)).toContain('GET /api/v1/namespaces/payments/pods');
    const explicit = await harness.call('list_pods_from_namespace', { namespace: 'kube-system' });
    expect(explicit.text).toMatch(/in namespace "kube-system"/);
  });

  it('resolves per context: the named context namespace, and "default" for one without', async () => {
    const harness = await start();
    await harness.call('list_configmaps_from_namespace', { context: 'other' });
    await harness.call('list_configmaps_from_namespace', { context: 'bare' });
    const lists = paths(harness).filter((path) => path.endsWith('/configmaps'));
    expect(lists).toEqual([
      'GET /api/v1/namespaces/monitoring/configmaps',
      'GET /api/v1/namespaces/default/configmaps',
    ]);
  });

  it('applies SRE_NAMESPACES to the resolved namespace, before any request', async () => {
    const harness = await start({ env: { SRE_NAMESPACES: 'kube-system' } });
    const { isError, text } = await harness.call('get_events');
    expect(isError).toBe(true);
    expect(text).toContain('Namespace "payments" is outside this server\'s allow-list (SRE_NAMESPACES).');
    expect(paths(harness)).toEqual([]);
  });

  it('names a context that does not exist, rather than a namespace', async () => {
    const harness = await start();
    const { isError, text } = await harness.call('list_pods_from_namespace', { context: 'nope' });
    expect(isError).toBe(true);
    expect(text).toContain('Kubeconfig context "nope" does not exist.');
  });

  it('scales in the resolved namespace, and the confirmation and audit name it', async () => {
    const harness = await start({ env: { SRE_ALLOW_WRITES: 'true' }, elicit: yes });
    const { isError, text } = await harness.call('scale_deployment', {
      deployment_name: 'checkout',
      replicas: 2,
    });
    expect(isError).toBe(false);
    expect(harness.elicitations).toHaveLength(1);
    expect(harness.elicitations[0]).toMatch(/^payments\/checkout: 3 -> 2 replicas \(context fake\)\n/);
    expect(text).toMatch(/^Scaled payments\/checkout from 3 to 2/);
    expect(paths(harness).filter((path) => path.startsWith('PATCH'))).toEqual([
      'PATCH /apis/apps/v1/namespaces/payments/deployments/checkout/scale',
    ]);
    const audit = JSON.parse(harness.audit[0] ?? '{}') as { audit?: { target?: string } };
    expect(audit.audit?.target).toBe('deployment payments/checkout (context fake)');
  });
});

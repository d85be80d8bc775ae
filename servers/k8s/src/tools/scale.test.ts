import { type ElicitAnswer, type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterEach, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const writes = { SRE_ALLOW_WRITES: 'true' };
const yes = (): ElicitAnswer => ({ action: 'accept', content: { confirm: true } });
const no = (): ElicitAnswer => ({ action: 'decline' });
const open: K8sHarness[] = [];

async function start(options: Parameters<typeof startK8sHarness>[0]): Promise<K8sHarness> {
  const harness = await startK8sHarness({ now, ...options });
  open.push(harness);
  return harness;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
});

const replicasOf = (harness: K8sHarness, name: string) =>
  (harness.api.store.get('deployments', 'payments', name)?.spec as { replicas?: number } | undefined)
    ?.replicas;
const audits = (harness: K8sHarness) =>
  harness.audit.map((line) => (JSON.parse(line) as { audit: Record<string, unknown> }).audit);
const scale = (harness: K8sHarness, replicas: number, deployment_name = 'checkout') =>
  harness.call('scale_deployment', { namespace: 'payments', deployment_name, replicas });

describe('scale_deployment', () => {
  it('is not listed, and cannot be called, unless writes are enabled', async () => {
    const harness = await start({ elicit: yes });
    expect(await harness.toolNames()).not.toContain('scale_deployment');
    const { isError, text } = await scale(harness, 1);
    expect(isError).toBe(true);
    expect(text).toMatch(/scale_deployment/);
    expect(replicasOf(harness, 'checkout')).toBe(3);
  });

  it('is annotated as a destructive, idempotent write', async () => {
    const harness = await start({ env: writes, elicit: yes });
    const tool = (await harness.client.listTools()).tools.find((item) => item.name === 'scale_deployment');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: true,
    });
  });

  it('shows the preview, and applies the change once the human confirms', async () => {
    const harness = await start({ env: writes, elicit: yes });
    const { text, isError } = await scale(harness, 0);
    expect(isError).toBe(false);
    expect(harness.elicitations).toEqual([
      'payments/checkout: 3 -> 0 replicas (context fake)\nWarning: scaling to 0 stops every pod of checkout; it serves no traffic until scaled up again.',
    ]);
    expect(text).toMatch(/^Scaled payments\/checkout from 3 to 0 replica\(s\) \(context fake\)\./);
    expect(replicasOf(harness, 'checkout')).toBe(0);
    const patch = harness.api.requests.find((item) => item.method === 'PATCH');
    expect(patch?.path).toBe('/apis/apps/v1/namespaces/payments/deployments/checkout/scale');
    expect(audits(harness)).toEqual([
      expect.objectContaining({
        tool: 'scale_deployment',
        client: 'k8s-harness/1.0.0',
        target: 'deployment payments/checkout (context fake)',
        arguments: { namespace: 'payments', deployment_name: 'checkout', replicas: 0 },
        outcome: 'applied',
        before: 3,
        after: 0,
        detail: 'confirmed by the user',
      }),
    ]);
    // From 0 back up: the Scale arrives with an empty spec, which the patch must still fill.
    expect((await scale(harness, 2)).isError).toBe(false);
    expect(replicasOf(harness, 'checkout')).toBe(2);
  });

  it('changes nothing when the human declines, and says so without an error', async () => {
    const harness = await start({ env: writes, elicit: no });
    const { text, isError } = await scale(harness, 5);
    expect(isError).toBe(false);
    expect(text).toBe(
      'Not scaled: the change (3 -> 5) was declined by the user. Nothing changed. Ask the user before trying again.',
    );
    expect(replicasOf(harness, 'checkout')).toBe(3);
    expect(harness.api.requests.some((item) => item.method === 'PATCH')).toBe(false);
    expect(audits(harness)).toEqual([expect.objectContaining({ outcome: 'declined', before: 3, after: 3 })]);
  });

  it('refuses when the client cannot ask a human, unless confirmation is turned off', async () => {
    const harness = await start({ env: writes });
    const { text, isError } = await scale(harness, 1);
    expect(isError).toBe(true);
    expect(text).toContain('this MCP client cannot ask a human to confirm');
    expect(text).toContain('SRE_CONFIRM_WRITES=false');
    expect(replicasOf(harness, 'checkout')).toBe(3);
    expect(audits(harness)).toEqual([expect.objectContaining({ outcome: 'unconfirmable', before: 3 })]);

    const optedOut = await start({ env: { ...writes, SRE_CONFIRM_WRITES: 'false' } });
    expect((await scale(optedOut, 1)).isError).toBe(false);
    expect(replicasOf(optedOut, 'checkout')).toBe(1);
    expect(audits(optedOut)).toEqual([
      expect.objectContaining({
        outcome: 'applied',
        detail: 'confirmation disabled (SRE_CONFIRM_WRITES=false)',
      }),
    ]);
  });

  it('says so when the replica count is already right', async () => {
    const harness = await start({ env: writes, elicit: yes });
    const { text, isError } = await scale(harness, 3);
    expect(isError).toBe(false);
    expect(text).toBe('payments/checkout already has 3 replica(s) (context fake); nothing to change.');
    expect(harness.elicitations).toEqual([]);
    expect(audits(harness)).toEqual([expect.objectContaining({ outcome: 'applied', before: 3, after: 3 })]);
  });

  it('enforces 0..SRE_MAX_REPLICAS, naming the bound, and publishes it in the input schema', async () => {
    const harness = await start({ env: { ...writes, SRE_MAX_REPLICAS: '10' }, elicit: yes });
    // A client that validates against the schema (the orchestrator does) refuses 11 before asking a human.
    const tool = (await harness.client.listTools()).tools.find((item) => item.name === 'scale_deployment');
    expect(tool?.inputSchema.properties?.replicas).toMatchObject({ minimum: 0, maximum: 10 });
    const above = await scale(harness, 11);
    expect(above.isError).toBe(true);
    expect(above.text).toContain("replicas is above this server's limit of 10 (SRE_MAX_REPLICAS)");
    const negative = await scale(harness, -1);
    expect(negative.isError).toBe(true);
    expect(negative.text).toContain('replicas cannot be negative');
    expect(harness.api.requests).toHaveLength(0);
    expect(harness.elicitations).toEqual([]);
  });

  it('audits a write the API server does not answer in time as unknown, aborts it, and says to read first', async () => {
    let harness!: K8sHarness;
    harness = await start({
      env: { ...writes, SRE_TOOL_TIMEOUT_MS: '1000' },
      // The human says yes; then the API server hangs on the patch, past the tool's deadline.
      elicit: () => {
        harness.api.setLatencyMs(4_000);
        return yes();
      },
    });
    const started = Date.now();
    const { text, isError } = await scale(harness, 5);
    expect(isError).toBe(true);
    expect(text).toContain('may or may not have been applied. Read the current state before retrying.');
    // Recorded at the deadline, not whenever the hung request might end.
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(audits(harness)).toEqual([
      expect.objectContaining({
        outcome: 'unknown',
        target: 'deployment payments/checkout (context fake)',
        arguments: { namespace: 'payments', deployment_name: 'checkout', replicas: 5 },
        before: 3,
        detail: expect.stringContaining('the request was aborted'),
      }),
    ]);
  });

  it('suggests a deployment on a 404 and audits the failed attempt', async () => {
    const harness = await start({ env: writes, elicit: yes });
    const { text, isError } = await scale(harness, 1, 'chekout');
    expect(isError).toBe(true);
    expect(text).toContain('Did you mean "checkout"?');
    expect(audits(harness)).toEqual([
      expect.objectContaining({ outcome: 'failed', target: 'deployment payments/chekout (context fake)' }),
    ]);
  });

  it('reports a 409 from the API as nothing changed', async () => {
    const harness = await start({ env: writes, elicit: yes });
    harness.api.failNext({ method: 'PATCH', pathIncludes: '/scale' }, 409);
    const { text, isError } = await scale(harness, 4);
    expect(isError).toBe(true);
    expect(text).toBe(
      'Not scaled: deployment payments/checkout changed while the request was in flight (409 Conflict). Nothing changed. Read it again with get_deployment_details and retry if the change is still wanted.',
    );
    expect(replicasOf(harness, 'checkout')).toBe(3);
    expect(audits(harness)).toEqual([expect.objectContaining({ outcome: 'failed', before: 3 })]);
  });

  it('refuses, changing nothing, when the count moved while the human was deciding', async () => {
    let harness: K8sHarness | undefined;
    // An HPA or a colleague scales to 7 while the prompt says 3 -> 5: the human never approved 7 -> 5.
    const moveThenYes = (): ElicitAnswer => {
      const deployment = harness?.api.store.get('deployments', 'payments', 'checkout');
      if (deployment) harness?.api.store.put({ ...deployment, spec: { ...deployment.spec, replicas: 7 } });
      return yes();
    };
    harness = await start({ env: writes, elicit: moveThenYes });
    const { text, isError } = await scale(harness, 5);
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^Not scaled: deployment payments\/checkout changed while the request was in flight \(now at 7 replicas, not the 3 that was approved\)\. Nothing changed\./,
    );
    expect(replicasOf(harness, 'checkout')).toBe(7);
    expect(audits(harness)).toEqual([expect.objectContaining({ outcome: 'failed', before: 3 })]);
  });

  it('warns in the preview and the result when a HorizontalPodAutoscaler targets the deployment', async () => {
    const harness = await start({ env: writes, elicit: yes });
    const { text, isError } = await scale(harness, 5, 'ledger');
    expect(isError).toBe(false);
    expect(harness.elicitations).toEqual([
      'payments/ledger: 3 -> 5 replicas (context fake)\nWarning: HorizontalPodAutoscaler ledger (min 3, max 8) manages ledger and will override this manual scale within seconds, setting replicas back to what its metrics ask for between 3 and 8. To change the range, edit the HPA instead.',
    ]);
    expect(text).toContain('Note: HorizontalPodAutoscaler ledger will override this count within seconds.');
    expect(harness.api.requests.map((item) => item.path)).toContain(
      '/apis/autoscaling/v2/namespaces/payments/horizontalpodautoscalers',
    );
  });

  it('still asks, with a note, when RBAC hides the HorizontalPodAutoscalers', async () => {
    const harness = await start({ env: writes, elicit: no });
    harness.api.failNext({ method: 'GET', pathIncludes: '/horizontalpodautoscalers' }, 403);
    const { isError } = await scale(harness, 5, 'ledger');
    expect(isError).toBe(false);
    expect(harness.elicitations[0]).toMatch(
      /\nCould not check for a HorizontalPodAutoscaler on ledger: RBAC refused to list horizontalpodautoscalers in namespace "payments" .* If one targets it, it will undo a manual scale\.$/,
    );
    expect(replicasOf(harness, 'ledger')).toBe(3);
  });

  it('names the verb and resource when RBAC refuses the patch', async () => {
    const harness = await start({ env: writes, elicit: yes });
    harness.api.failNext({ method: 'PATCH', pathIncludes: '/scale' }, 403);
    const { text } = await scale(harness, 4);
    expect(text).toMatch(/^RBAC refused to patch deployments\/scale "checkout" in namespace "payments"/);
    expect(text).toContain('granting "patch" on "deployments/scale"');
  });
});

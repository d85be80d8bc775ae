import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLargeCluster } from './fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from './k8s-harness.ts';

const budget = 16_384;
const now = new Date('2026-03-01T12:00:00Z');
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const problemStatus = /CrashLoopBackOff|ImagePullBackOff|ErrImagePull|OOMKilled|Pending|Error|0\/\d/;

describe('output budget on a 10,000-pod cluster', () => {
  let harness: K8sHarness;

  beforeAll(async () => {
    const cluster = generateLargeCluster({ pods: 10_000, now });
    harness = await startK8sHarness({ objects: cluster.objects, logs: cluster.logs, now });
  }, 60_000);
  afterAll(() => harness?.close());

  it('list_pods_all_namespaces summarises everything within the budget, problems first', async () => {
    const started = performance.now();
    const { text, isError } = await harness.call('list_pods_all_namespaces');
    const elapsed = performance.now() - started;
    console.log(
      `list_pods_all_namespaces (text, 10,000 pods): ${Math.round(elapsed)} ms, ${bytes(text)} bytes`,
    );

    expect(isError).toBe(false);
    expect(bytes(text)).toBeLessThanOrEqual(budget);
    const [counts, attention, byNamespace, header, firstRow] = text.split('\n');
    expect(counts).toMatch(/^10000 pods in all namespaces: \d+ Running, /);
    expect(attention).toMatch(/^Need attention: \d+ \(.*CrashLoopBackOff.*\); listed first\.$/);
    expect(byNamespace).toMatch(/^By namespace: \S+ \d+ \(\d+ problems?\), /);
    expect(header).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+NODE$/);
    expect(firstRow).toMatch(problemStatus);
    expect(text).toMatch(
      /\[Showing \d+ of 10000 pods \(\d+ of \d+ needing attention\)\. Call list_pods_from_namespace/,
    );
    // Paged through the API instead of one 10,000-object response.
    const pages = harness.api.requests.filter((request) => request.path === '/api/v1/pods');
    expect(pages.length).toBe(20);
    expect(pages.every((request) => request.query.limit === '500')).toBe(true);
  });

  it('answers output "json" within the budget with the summary and redacted objects, problems first', async () => {
    const started = performance.now();
    const { text, json, isError, result } = await harness.call('list_pods_all_namespaces', {
      output: 'json',
    });
    const elapsed = performance.now() - started;
    console.log(
      `list_pods_all_namespaces (json, 10,000 pods): ${Math.round(elapsed)} ms, ${bytes(text)} bytes`,
    );

    expect(isError).toBe(false);
    expect(bytes(text)).toBeLessThanOrEqual(budget);
    expect(result.content).toHaveLength(3);
    const body = JSON.parse(json) as {
      total: number;
      needAttention: number;
      countsByStatus: Record<string, number>;
      countsByNamespace: Record<string, { total: number; problems: number }>;
      items: { kind: string; metadata: { name: string; managedFields?: unknown } }[];
      itemsOmitted: number;
      howToGetMore: string;
    };
    expect(body.total).toBe(10_000);
    expect(Object.values(body.countsByStatus).reduce((sum, count) => sum + count, 0)).toBe(10_000);
    expect(body.needAttention).toBeGreaterThan(0);
    expect(Object.keys(body.countsByNamespace).length).toBeGreaterThan(1);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]?.kind).toBe('Pod');
    expect(body.itemsOmitted).toBe(10_000 - body.items.length);
    expect(body.howToGetMore).toContain('limit and continue');
  });

  it('with limit, returns one API page and its continue token, and the next page follows on', async () => {
    const first = await harness.call('list_pods_all_namespaces', { limit: 100 });
    expect(first.isError).toBe(false);
    expect(bytes(first.text)).toBeLessThanOrEqual(budget);
    expect(first.text).toMatch(/^100 pods on this page in all namespaces/);
    const token = /continue="([^"]+)"/.exec(first.text)?.[1];
    expect(token).toBeDefined();
    expect(first.text).toContain('(about 9900 more)');

    const second = await harness.call('list_pods_all_namespaces', { limit: 100, continue: token });
    expect(second.isError).toBe(false);
    expect(second.text).toContain('(about 9800 more)');
    const firstNames = new Set(first.text.split('\n').map((line) => line.split(/\s+/)[1]));
    const secondRows = second.text.split('\n').filter((line) => /\d+\/\d+/.test(line));
    expect(secondRows.length).toBeGreaterThan(0);
    for (const row of secondRows) expect(firstNames.has(row.split(/\s+/)[1])).toBe(false);
  });

  it('says when a page is larger than the budget, instead of silently skipping rows', async () => {
    const { text } = await harness.call('list_pods_all_namespaces', { limit: 1_000 });
    expect(bytes(text)).toBeLessThanOrEqual(budget);
    expect(text).toMatch(/\[Showing \d+ of 1000 pods/);
    expect(text).toContain('Or use a smaller `limit` so a whole page fits.');
  });
});

describe('a smaller configured budget', () => {
  it('honours SRE_OUTPUT_BUDGET', async () => {
    const cluster = generateLargeCluster({ pods: 1_000, now });
    const harness = await startK8sHarness({ ...cluster, now, env: { SRE_OUTPUT_BUDGET: '4096' } });
    try {
      for (const output of ['text', 'json']) {
        const { text, isError } = await harness.call('list_pods_all_namespaces', { output });
        expect(isError).toBe(false);
        expect(bytes(text)).toBeLessThanOrEqual(4_096);
        expect(text).toContain('1000');
      }
      const all = await harness.call('list_deployments_all_namespaces');
      expect(bytes(all.text)).toBeLessThanOrEqual(4_096);
      expect(all.text).toMatch(/^\d+ deployments in all namespaces/);
    } finally {
      await harness.close();
    }
  });
});

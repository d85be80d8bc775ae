/**
 * One call over several clusters: three kubeconfig contexts, two fake API servers and one
 * address where nothing listens, through the real server and client.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAt } from './fakes/kube-apiserver/build.ts';
import { buildDeployment } from './fakes/kube-apiserver/build-workloads.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { kubeconfigYaml } from './fakes/kube-apiserver/kubeconfig.ts';
import { type K8sHarness, startK8sHarness } from './k8s-harness.ts';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
let staging: FakeKubeApiServer;

beforeAll(async () => {
  harness = await startK8sHarness({ now });
  const clock = clockAt(now);
  const web = buildDeployment(clock, {
    namespace: 'default',
    name: 'staging-web',
    replicas: 1,
    ready: 1,
    containers: [{ name: 'web', image: 'web:1' }],
    createdAgo: 3_600,
  });
  staging = await startKubeApiServer({
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' }, status: { phase: 'Active' } },
      web.deployment,
      web.replicaSet,
    ],
    logs: {},
    now: () => now,
  });
  // The provider re-reads a kubeconfig that changed on disk, so the extra contexts are picked up.
  writeFileSync(
    harness.kubeconfigPath,
    kubeconfigYaml(harness.api.url, {
      contextName: 'fake',
      extraContexts: [
        { name: 'staging', server: staging.url },
        { name: 'dr', server: `http://127.0.0.1:${await closedPort()}` },
      ],
    }),
  );
});
/** A port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterAll(async () => {
  await harness.close();
  await staging.close();
});

describe('contexts: fan-out over clusters', () => {
  it('answers per cluster, and names the cluster that failed and why without failing the rest', async () => {
    const { text, isError } = await harness.call('list_deployments_all_namespaces', { contexts: 'all' });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('3 context(s): 2 answered, 1 failed (dr).');
    const sections = text.split(/^=== /m).slice(1);
    expect(sections.map((item) => item.split(/[\n:]/)[0])).toEqual([
      'context fake',
      'context staging',
      'context dr',
    ]);
    expect(sections[0]).toContain('checkout');
    expect(sections[1]).toContain('staging-web');
    expect(sections[1]).not.toContain('checkout');
    expect(sections[2]).toMatch(
      /^context dr: FAILED: Cannot reach the Kubernetes API server \(context "dr", http:\/\/127\.0\.0\.1:\d+\): ECONNREFUSED/,
    );
  });

  it('runs the named contexts only, and refuses context together with contexts', async () => {
    const { text } = await harness.call('list_namespaces', { contexts: ['staging'] });
    expect(text.split('\n')[0]).toBe('1 context(s): 1 answered, 0 failed.');
    const both = await harness.call('list_namespaces', { contexts: ['staging'], context: 'fake' });
    expect(both).toMatchObject({ isError: true });
    expect(both.text).toContain('Pass `context` or `contexts`, not both.');
  });

  it('takes one bare context name as a list of one', async () => {
    const { text, isError } = await harness.call('list_namespaces', { contexts: 'staging' });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('1 context(s): 1 answered, 0 failed.');
  });

  it('gives JSON per cluster in json mode', async () => {
    const { json } = await harness.call('list_deployments_all_namespaces', {
      contexts: ['fake', 'dr'],
      output: 'json',
    });
    const parsed = JSON.parse(json) as { context: string; error?: string; result?: unknown }[];
    expect(parsed.map((item) => item.context)).toEqual(['fake', 'dr']);
    expect(parsed[0]?.result).toBeDefined();
    expect(parsed[1]?.error).toBeTruthy();
  });
});

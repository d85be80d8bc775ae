import { diagnosisFixtures } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, type K8sHarnessOptions, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisJson } from '../format/diagnose.js';

const now = new Date('2026-03-01T12:00:00Z');
const fixture = diagnosisFixtures(now);
const open: K8sHarness[] = [];
async function start(options: K8sHarnessOptions = {}): Promise<K8sHarness> {
  const harness = await startK8sHarness({
    now,
    objects: fixture.objects,
    logs: fixture.logs,
    metrics: fixture.metrics,
    ...options,
  });
  open.push(harness);
  return harness;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
});
const key = (item: { object: { kind: string; namespace?: string; name: string }; cause: string }) =>
  `${item.object.kind}/${item.object.namespace ?? ''}/${item.object.name}:${item.cause}`;

describe('diagnose_cluster', () => {
  it('finds every incident of the fixture, ranked, and nothing on the healthy workload', async () => {
    const harness = await start();
    const { json, isError } = await harness.call('diagnose_cluster', { output: 'json' });
    expect(isError).toBe(false);
    const answer = JSON.parse(json) as DiagnosisJson;
    expect(answer).toMatchObject({ context: 'fake', namespace: null, unreadable: [] });
    const found = answer.findings.map(key);
    for (const expected of fixture.expected) expect(found).toContain(key(expected));
    expect(found.filter((item) => item.includes('/ok:'))).toEqual([]);
    // Root causes a human must fix come before warnings.
    expect(answer.findings.slice(0, 5).every((finding) => finding.severity === 'critical')).toBe(true);
  });

  it('renders evidence inside untrusted fences, with the crashed instance log and the OOM usage', async () => {
    const harness = await start();
    const { text } = await harness.call('diagnose_cluster', { namespace: 'shop' });
    expect(text).toMatch(
      /^Diagnosis of namespace "shop" \(context "fake"\): \d+ findings \(\d+ critical, \d+ warning\), root causes first\. Read 13 pods, 2 nodes, 4 recent events, metrics\./,
    );
    expect(text).toMatch(
      /Deployment shop\/cache: OOMKilled\n.*memory limit 256Mi, now using 250Mi \(98% of the limit\), 4 restarts/,
    );
    expect(text).toMatch(/Deployment shop\/api: ImagePullBackOff \(RegistryAuth\)/);
    const crashLog =
      /<untrusted-data id="(\w+)"[^\n]*\n(?:(?!<\/untrusted)[^\n]*\n)*[^\n]*DATABASE_URL is not set\n<\/untrusted-data id="\1">/;
    expect(text).toMatch(crashLog);
    // Only the top crash loop's previous log was read, once.
    const logReads = harness.api.requests.filter((request) => request.path.endsWith('/log'));
    expect(logReads).toHaveLength(1);
    expect(logReads[0]?.query).toMatchObject({ previous: 'true', tailLines: '10' });
  });

  it('still answers when RBAC refuses one list, naming it as unreadable', async () => {
    const harness = await start();
    harness.api.failNext({ pathIncludes: '/apis/apps/v1/replicasets' }, 403);
    const { json, isError } = await harness.call('diagnose_cluster', { output: 'json' });
    expect(isError).toBe(false);
    const answer = JSON.parse(json) as DiagnosisJson;
    expect(answer.unreadable).toEqual(['replicasets: forbidden (RBAC)']);
    // Without ReplicaSets the owner chain stops one level down, but the cause is still found.
    expect(answer.findings.map((finding) => `${finding.object.kind}:${finding.cause}`)).toContain(
      'ReplicaSet:OOMKilled',
    );
    const text = await (async () => {
      harness.api.failNext({ pathIncludes: '/api/v1/nodes' }, 403);
      return (await harness.call('diagnose_cluster', {})).text;
    })();
    expect(text).toMatch(/\nCould not read: nodes: forbidden \(RBAC\)\. Findings there may be missing\./);
  });

  it('says when metrics-server is absent and leaves usage out', async () => {
    const harness = await startK8sHarness({ now, objects: fixture.objects, logs: fixture.logs });
    open.push(harness);
    const { text } = await harness.call('diagnose_cluster', { namespace: 'shop' });
    expect(text).toMatch(/no metrics \(metrics-server not installed\)/);
    expect(text).toMatch(/memory limit 256Mi, 4 restarts/);
  });

  it('fits the budget by whole findings and counts the rest by cause', async () => {
    const harness = await start({ env: { SRE_OUTPUT_BUDGET: '2048' } });
    const { text } = await harness.call('diagnose_cluster', {});
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(text).toMatch(
      /\n\d+ more findings? not shown \((\d+ \w+(, )?)+\)\. Pass `namespace`, or call diagnose_workload/,
    );
    const json = await harness.call('diagnose_cluster', { output: 'json' });
    const answer = JSON.parse(json.json) as DiagnosisJson;
    expect(answer.findings.length).toBeGreaterThan(0);
    const everything = await start();
    const all = JSON.parse(
      (await everything.call('diagnose_cluster', { output: 'json' })).json,
    ) as DiagnosisJson;
    const omitted = Object.values(answer.omitted ?? {}).reduce((a, b) => a + b, 0);
    expect(omitted).toBeGreaterThan(0);
    expect(omitted + answer.findings.length).toBe(all.findings.length);
    expect(answer.findings.map(key)).toEqual(all.findings.slice(0, answer.findings.length).map(key));
  });

  it('honours SRE_NAMESPACES and rejects bad namespaces, naming the parameter', async () => {
    const harness = await start({ env: { SRE_NAMESPACES: 'shop' } });
    const outside = await harness.call('diagnose_cluster', { namespace: 'kube-system' });
    expect(outside.isError).toBe(true);
    expect(outside.text).toMatch(/outside this server's allow-list/);
    await harness.call('diagnose_cluster', {});
    const podReads = harness.api.requests.filter((request) => request.path.endsWith('/pods'));
    expect(podReads.map((request) => request.path)).toEqual([
      '/api/v1/namespaces/shop/pods',
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods',
    ]);
    const bad = await harness.call('diagnose_cluster', { namespace: 'Shop!' });
    expect(bad.text).toMatch(/`namespace` "Shop!" is not a namespace name/);
    const missing = await start();
    const typo = await missing.call('diagnose_cluster', { namespace: 'shopp' });
    expect(typo.isError).toBe(true);
    expect(typo.text).toMatch(/Namespace "shopp" does not exist.*Did you mean "shop"/s);
  });

  it('fails clearly when the API server is unreachable', async () => {
    const harness = await start();
    await harness.api.close();
    const { isError, text } = await harness.call('diagnose_cluster', {});
    expect(isError).toBe(true);
    expect(text).toMatch(/^Cannot reach the Kubernetes API server/);
  });
});

describe('diagnose_workload', () => {
  it('limits findings to the workload and what serves it', async () => {
    const harness = await start();
    const { json } = await harness.call('diagnose_workload', {
      kind: 'deploy',
      name: 'web',
      namespace: 'shop',
      output: 'json',
    });
    const answer = JSON.parse(json) as DiagnosisJson;
    const objects = new Set(
      answer.findings.map((finding) => `${finding.object.kind}/${finding.object.name}`),
    );
    expect(answer.findings.map(key)).toContain('Deployment/shop/web:CrashLoopBackOff');
    expect([...objects].every((object) => object === 'Deployment/web' || object === 'Service/web')).toBe(
      true,
    );
    const pod = await harness.call('diagnose_workload', {
      kind: 'Pod',
      name: 'debug-shell',
      namespace: 'shop',
    });
    expect(pod.text).toMatch(
      /^Diagnosis of Pod shop\/debug-shell and what it owns or selects .*: 1 finding \(1 warning\)/,
    );
    const healthy = await harness.call('diagnose_workload', {
      kind: 'Deployment',
      name: 'ok',
      namespace: 'shop',
    });
    expect(healthy.text).toMatch(
      /0 findings, root causes first\..*\n\nNo problems found by the analyzers\.$/s,
    );
  });

  it('names a missing object with suggestions, and an unknown kind with the accepted ones', async () => {
    const harness = await start();
    const typo = await harness.call('diagnose_workload', {
      kind: 'Deployment',
      name: 'wbe',
      namespace: 'shop',
    });
    expect(typo.isError).toBe(true);
    expect(typo.text).toMatch(/Deployment "wbe" was not found in namespace "shop".*Did you mean "web"/s);
    const kind = await harness.call('diagnose_workload', { kind: 'Gadget', name: 'web', namespace: 'shop' });
    expect(kind.text).toMatch(
      /`kind` "Gadget" is not one diagnose_workload reads\..*Deployment, StatefulSet/s,
    );
    // Names every object inherits are unknown kinds too, not a lookup into Object.prototype.
    for (const inherited of ['__proto__', 'constructor', 'toString']) {
      const answer = await harness.call('diagnose_workload', {
        kind: inherited,
        name: 'web',
        namespace: 'shop',
      });
      expect(answer.isError, inherited).toBe(true);
      expect(answer.text).toMatch(new RegExp(`\`kind\` "${inherited}" is not one diagnose_workload reads`));
    }
  });
});

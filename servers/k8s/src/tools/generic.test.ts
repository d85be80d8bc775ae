import { SECRET_MARKER } from '@sre-agent/test/fakes/kube-apiserver/fixtures.ts';
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

describe('list_resources', () => {
  it('lists a CRD by short name with its printer columns, not-Ready objects first', async () => {
    const harness = await start();
    const { text, isError } = await harness.call('list_resources', { kind: 'cert', namespace: 'payments' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('2 certificates in namespace "payments": 1 not ready, 1 ready.');
    expect(lines[1]).toBe('Need attention: 1 (1 not Ready); listed first.');
    expect(lines[2]).toMatch(/^NAME\s+READY\s+SECRET\s+AGE$/);
    expect(lines[3]).toMatch(/^ledger-tls\s+False\s+ledger-tls\s+30d$/);
    expect(lines[4]).toMatch(/^checkout-tls\s+True\s+checkout-tls\s+30d$/);
    const table = harness.api.requests.find((request) => request.path.endsWith('/certificates'));
    expect(table?.path).toBe('/apis/cert-manager.io/v1/namespaces/payments/certificates');
  });

  it('resolves kind, plural, resource.group and group/version/kind, in any case', async () => {
    const harness = await start();
    for (const kind of [
      'Certificate',
      'CERTIFICATES',
      'certificates.cert-manager.io',
      'cert-manager.io/v1/certificate',
    ]) {
      const { text } = await harness.call('list_resources', { kind, namespace: 'payments' });
      expect(text, kind).toMatch(/^2 certificates in namespace "payments"/);
    }
    // Discovery is read once per context, not per call.
    expect(harness.api.requests.filter((request) => request.path === '/apis')).toHaveLength(1);
  });

  it('names the closest kinds on a miss', async () => {
    const harness = await start();
    const { text, isError } = await harness.call('list_resources', { kind: 'Certficate' });
    expect(isError).toBe(true);
    expect(text).toContain('The cluster (context "fake") serves no kind "Certficate".');
    expect(text).toContain('Did you mean "Certificate"');
  });

  it('still resolves other kinds when one API group fails discovery, and says which failed', async () => {
    const harness = await start();
    const down = { method: 'GET', pathIncludes: '/apis/cert-manager.io/v1' };
    // Down for two discovery reads, each retried once (read-retry.ts).
    for (let fault = 0; fault < 4; fault++) harness.api.failNext(down, 503);
    const pods = await harness.call('list_resources', { kind: 'deploy', namespace: 'payments' });
    expect(pods.isError).toBe(false);
    // The miss reads discovery again at once (the group may be back); it is still down here.
    const certs = await harness.call('list_resources', { kind: 'Certificate', namespace: 'payments' });
    expect(certs.isError).toBe(true);
    expect(certs.text).toContain('Discovery failed for cert-manager.io');
    const back = await harness.call('list_resources', { kind: 'Certificate', namespace: 'payments' });
    expect(back.text).toMatch(/^2 certificates in namespace "payments"/);
  });

  it('names the verb and resource RBAC refused, in kubectl terms', async () => {
    const harness = await start();
    harness.api.failNext({ method: 'GET', pathIncludes: '/namespaces/payments/certificates' }, 403);
    const { text, isError } = await harness.call('list_resources', { kind: 'cert', namespace: 'payments' });
    expect(isError).toBe(true);
    expect(text).toContain('RBAC refused to list certificates.cert-manager.io in namespace "payments"');
  });

  it('lists a cluster-scoped kind and says a namespace does not apply', async () => {
    const harness = await start();
    const { text } = await harness.call('list_resources', { kind: 'clusterissuers', namespace: 'payments' });
    expect(text).toContain('(ClusterIssuer is cluster-scoped: namespace "payments" ignored.)');
    expect(text).toContain('1 clusterissuer in the cluster: 1 ready.');
    expect(text).toMatch(/^letsencrypt-prod\s+True\s+40d$/m);
  });

  it('lists across namespaces with a NAMESPACE column, and pages with limit and continue', async () => {
    const harness = await start();
    const all = await harness.call('list_resources', { kind: 'deploy' });
    expect(all.text).toMatch(/^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    expect(all.text).toMatch(/^kube-system\s+coredns\s+2\/2/m);
    const first = await harness.call('list_resources', { kind: 'pods', namespace: 'payments', limit: 2 });
    const token = /continue="([^"]+)"/.exec(first.text)?.[1];
    expect(token).toBeDefined();
    const second = await harness.call('list_resources', {
      kind: 'pods',
      namespace: 'payments',
      limit: 2,
      continue: token,
    });
    expect(second.isError).toBe(false);
    expect(second.text).toMatch(/^2 pods on this page in namespace "payments"/);
  });

  it('keeps Secret values out of text and JSON', async () => {
    const harness = await start();
    const text = await harness.call('list_resources', { kind: 'secrets', namespace: 'payments' });
    const json = await harness.call('list_resources', {
      kind: 'secret',
      namespace: 'payments',
      output: 'json',
    });
    expect(text.text).toContain('db-credentials');
    expect(json.json).toMatch(/"password": "<redacted: \d+ bytes>"/);
    for (const result of [text, json]) expect(JSON.stringify(result.result)).not.toContain(SECRET_MARKER);
  });

  it('stays inside SRE_NAMESPACES', async () => {
    const harness = await start({ SRE_NAMESPACES: 'payments' });
    const pods = await harness.call('list_resources', { kind: 'pods' });
    expect(pods.text).toContain('in the allowed namespaces (payments)');
    expect(pods.text).not.toContain('kube-system');
    const namespaces = await harness.call('list_resources', { kind: 'namespaces' });
    expect(namespaces.text.split('\n')[0]).toBe('1 namespace in the cluster: 1 Active.');
    const refused = await harness.call('list_resources', { kind: 'pods', namespace: 'kube-system' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain("outside this server's allow-list");
  });
});

describe('describe_resource', () => {
  it('shows conditions first, then status and spec, without managedFields, fenced', async () => {
    const harness = await start();
    const { text, isError } = await harness.call('describe_resource', {
      kind: 'certificate',
      name: 'ledger-tls',
      namespace: 'payments',
    });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('Certificate payments/ledger-tls (cert-manager.io/v1), age 30d');
    expect(text).toMatch(/<untrusted-data id="[0-9a-f]+" source="Certificate ledger-tls">/);
    expect(text).toMatch(
      /Conditions:\n\s+TYPE\s+STATUS\s+REASON\s+AGE\s+MESSAGE\n\s+Ready\s+False\s+Failed\s+10m\s+The certificate request has failed/,
    );
    expect(text.indexOf('Conditions:')).toBeLessThan(text.indexOf('Spec:'));
    expect(text).toContain('  failedIssuanceAttempts: 3');
    expect(text).toContain('  dnsNames: [ledger.example.com]');
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('cert-manager-certificates-trigger');
    expect(text).toContain('Events: none recorded');
  });

  it('adds the recent events of the object', async () => {
    const harness = await start();
    const { text } = await harness.call('describe_resource', {
      kind: 'po',
      name: 'ledger-5c8d7f9b4d-x9p4r',
      namespace: 'payments',
    });
    expect(text).toMatch(/Events \(1, newest first\):/);
    expect(text).toContain('BackOff');
  });

  it('describes a cluster-scoped object', async () => {
    const harness = await start();
    const { text } = await harness.call('describe_resource', {
      kind: 'ClusterIssuer',
      name: 'letsencrypt-prod',
    });
    expect(text.split('\n')[0]).toBe('ClusterIssuer letsencrypt-prod (cert-manager.io/v1), age 40d');
    expect(text).toContain('email: sre@example.com');
  });

  it('shows a Secret as key names and sizes only, in text and JSON', async () => {
    const harness = await start();
    const text = await harness.call('describe_resource', {
      kind: 'secret',
      name: 'db-credentials',
      namespace: 'payments',
    });
    expect(text.text).toMatch(/Data \(values never shown\): password\(\d+B\),username\(\d+B\)/);
    const json = await harness.call('describe_resource', {
      kind: 'secret',
      name: 'db-credentials',
      namespace: 'payments',
      output: 'json',
    });
    expect(json.json).toContain('"kind": "Secret"');
    // Read through `list`, which the shipped RBAC grants on secrets; never `get`.
    const secretReads = harness.api.requests.filter((request) => request.path.includes('/secrets'));
    expect(secretReads.map((request) => request.path)).toEqual([
      '/api/v1/namespaces/payments/secrets',
      '/api/v1/namespaces/payments/secrets',
    ]);
    expect(secretReads[0]?.query.fieldSelector).toBe('metadata.name=db-credentials');
    for (const result of [text, json]) {
      expect(JSON.stringify(result.result)).not.toContain(SECRET_MARKER);
      expect(JSON.stringify(result.result)).not.toContain('last-applied-configuration');
    }
  });

  it('suggests the closest names when the object is missing', async () => {
    const harness = await start();
    const { text, isError } = await harness.call('describe_resource', {
      kind: 'cert',
      name: 'ledger-tl',
      namespace: 'payments',
    });
    expect(isError).toBe(true);
    expect(text).toContain('Certificate "ledger-tl" not found in namespace "payments"');
    expect(text).toContain('Did you mean "ledger-tls"');
  });

  it('takes names that are not RFC 1123 (RBAC objects) but never a path', async () => {
    const harness = await start();
    const colon = await harness.call('describe_resource', { kind: 'clusterissuer', name: 'system:issuer' });
    expect(colon.text).toContain('ClusterIssuer "system:issuer" not found');
    for (const name of ['..', 'a/b', '%2e%2e']) {
      const refused = await harness.call('describe_resource', { kind: 'clusterissuer', name });
      expect(refused.isError, name).toBe(true);
      expect(refused.text).toContain('without "/", "%" or spaces');
    }
  });

  it('refuses a namespace outside SRE_NAMESPACES before any request', async () => {
    const harness = await start({ SRE_NAMESPACES: 'payments' });
    const { text, isError } = await harness.call('describe_resource', {
      kind: 'configmap',
      name: 'coredns',
      namespace: 'kube-system',
    });
    expect(isError).toBe(true);
    expect(text).toContain('Namespace "kube-system" is outside this server\'s allow-list');
    expect(harness.api.requests.some((request) => request.path.includes('kube-system'))).toBe(false);
  });
});

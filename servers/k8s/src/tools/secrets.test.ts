import { SECRET_MARKER } from '@sre-agent/test/fakes/kube-apiserver/fixtures.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now: new Date('2026-03-01T12:00:00Z') });
});
afterAll(() => harness.close());

const encodedMarker = Buffer.from(SECRET_MARKER).toString('base64');

describe('list_secrets_from_namespace', () => {
  it('shows name, type, key count, age and key sizes, never values', async () => {
    const { text, isError } = await harness.call('list_secrets_from_namespace', { namespace: 'payments' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\s+KEYS$/m);
    expect(text).toMatch(/^db-credentials\s+Opaque\s+2\s+60d\s+password\(\d+B\),username\(\d+B\)$/m);
    expect(text).toMatch(/^tls-cert\s+kubernetes\.io\/tls\s+2\s+60d\s+tls\.crt\(\d+B\),tls\.key\(\d+B\)$/m);
    expect(text).not.toContain(SECRET_MARKER);
    expect(text).not.toContain(encodedMarker);
  });

  it('redacts JSON: key names and sizes stay, values and last-applied-configuration go', async () => {
    const { text, json } = await harness.call('list_secrets_from_namespace', {
      namespace: 'payments',
      output: 'json',
    });
    expect(text).not.toContain(SECRET_MARKER);
    expect(text).not.toContain(encodedMarker);
    expect(text).not.toContain('last-applied-configuration');
    const body = JSON.parse(json) as {
      items: { metadata: { name: string }; data: Record<string, string> }[];
    };
    const db = body.items.find((item) => item.metadata.name === 'db-credentials');
    expect(db?.data).toEqual({
      password: expect.stringMatching(/^<redacted: \d+ bytes>$/),
      username: expect.stringMatching(/^<redacted: \d+ bytes>$/),
    });
  });

  it('filters by type with a field selector', async () => {
    const { text } = await harness.call('list_secrets_from_namespace', {
      namespace: 'payments',
      field_selector: 'type=kubernetes.io/tls',
    });
    expect(text.split('\n')[0]).toBe('1 secret in namespace "payments": 1 kubernetes.io/tls.');
  });
});

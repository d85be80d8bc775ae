import { defaultFixtures, logKey } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const password = 'Tr0ub4dor-and-3';
const token = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
let harness: K8sHarness;
beforeAll(async () => {
  const fixture = defaultFixtures(now);
  const time = new Date(now.getTime() - 60_000).toISOString();
  const key = logKey('payments', 'checkout-7d9f8b6c5d-4xk2p', 'checkout');
  fixture.logs[key] = {
    current: [
      { time, text: `connecting to postgres://ledger:${password}@ledger-db:5432/ledger` },
      { time, text: `git clone with ${token} failed: connection reset` },
      { time, text: 'ERROR upstream timeout after 3000ms' },
    ],
  };
  harness = await startK8sHarness({ now, objects: fixture.objects, logs: fixture.logs });
});
afterAll(() => harness.close());

describe('credentials an app printed to its log', () => {
  it('are masked on every log path, while the rest of the line stays readable', async () => {
    const reads = [
      await harness.call('get_pod_logs', { namespace: 'payments', pod_name: 'checkout-7d9f8b6c5d-4xk2p' }),
      await harness.call('search_logs', {
        namespace: 'payments',
        workload: 'deployment/checkout',
        pattern: '.',
      }),
    ];
    for (const { text } of reads) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(token);
      expect(text).toContain('postgres://ledger:<masked');
      expect(text).toContain('@ledger-db:5432/ledger');
      expect(text).toContain('ERROR upstream timeout after 3000ms');
    }
  });
});

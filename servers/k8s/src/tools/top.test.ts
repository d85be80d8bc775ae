import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({
    now,
    metrics: {
      timestamp: now.toISOString(),
      pods: [
        // ledger: 512Mi limit (both containers' limits: 512Mi + 128Mi), using 600Mi of it.
        {
          namespace: 'payments',
          name: 'ledger-5c8d7f9b4d-z5n8w',
          containers: [
            { name: 'ledger', cpu: '450000000n', memory: `${500 * 1024}Ki` },
            { name: 'envoy', cpu: '5m', memory: '100Mi' },
          ],
        },
        {
          namespace: 'payments',
          name: 'checkout-7d9f8b6c5d-4xk2p',
          containers: [{ name: 'checkout', cpu: '120m', memory: '200Mi' }],
        },
        {
          namespace: 'monitoring',
          name: 'not-a-known-pod',
          containers: [{ name: 'x', cpu: '1', memory: '1Mi' }],
        },
      ],
      nodes: [
        { name: 'worker-1', cpu: '1960m', memory: '8Gi' },
        { name: 'worker-2', cpu: '300m', memory: '2Gi' },
      ],
    },
  });
});
afterAll(() => harness.close());

describe('get_top', () => {
  it('ranks pods by usage with requests and limits beside it, and flags a pod near its memory limit', async () => {
    const { text, isError } = await harness.call('get_top', { namespace: 'payments', sort_by: 'memory' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'Pod usage in namespace payments (context fake), by memory: top 2 of 2 pod(s); total 575m CPU, 800Mi memory.',
    );
    expect(lines[1]).toBe('1 pod(s) use 90% or more of their memory limit (OOM kill risk).');
    expect(lines[2]).toMatch(/^NAMESPACE +POD +CPU +CPU\/REQ +CPU\/LIM +MEMORY +MEM\/REQ +MEM\/LIM$/);
    // ledger requests 512Mi+64Mi and limits 512Mi+128Mi; it uses 600Mi.
    expect(lines[3]).toMatch(/^payments +ledger-5c8d7f9b4d-z5n8w +455m +76% +38% +600Mi +104% +94%$/);
    expect(lines[4]).toMatch(/^payments +checkout-7d9f8b6c5d-4xk2p +120m +48% +24% +200Mi +78% +39%$/);
  });

  it('shows nodes against allocatable and what the scheduled pods requested', async () => {
    const { text } = await harness.call('get_top', { kind: 'nodes' });
    const rows = text.split('\n').slice(2);
    expect(rows[0]).toMatch(/^worker-1 +1960m +50% +\d+% +8192Mi +\d+% +\d+% +\d+$/);
    expect(rows).toHaveLength(2);
  });

  it('says plainly when metrics-server is not installed, and what to use instead', async () => {
    const bare = await startK8sHarness({ now });
    try {
      const { text, isError } = await bare.call('get_top', {});
      expect(isError).toBe(true);
      expect(text).toContain(
        'The metrics API (metrics.k8s.io) is not available in context "fake" (HTTP 404): metrics-server is not installed or not ready.',
      );
      expect(text).toContain('get_pod_details');
    } finally {
      await bare.close();
    }
  });

  it('keeps to SRE_NAMESPACES', async () => {
    const fenced = await startK8sHarness({
      now,
      env: { SRE_NAMESPACES: 'payments' },
      metrics: { pods: [], nodes: [] },
    });
    try {
      const { text, isError } = await fenced.call('get_top', { namespace: 'monitoring' });
      expect(isError).toBe(true);
      expect(text).toContain("outside this server's allow-list");
    } finally {
      await fenced.close();
    }
  });
});

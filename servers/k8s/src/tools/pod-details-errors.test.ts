import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Every error class, through the details, logs, events and health tools: a cause and a remedy, never a crash. */
const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

const pod = { namespace: 'payments', pod_name: 'checkout-7d9f8b6c5d-4xk2p' };

describe('API errors', () => {
  it('401: the credentials were rejected', async () => {
    harness.api.failNext({ pathIncludes: '/pods/checkout' }, 401);
    const { text, isError } = await harness.call('get_pod_details', pod);
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^The API server \(context "fake", http:\/\/127\.0\.0\.1:\d+\) rejected the credentials \(401 Unauthorized\)\. Refresh the kubeconfig credentials/,
    );
  });

  it('403: names the verb and resource RBAC refused', async () => {
    harness.api.failNext({ pathIncludes: '/log' }, 403);
    const logs = await harness.call('get_pod_logs', pod);
    expect(logs.text).toMatch(
      /^RBAC refused to get pods\/log "checkout-7d9f8b6c5d-4xk2p" in namespace "payments" \(context "fake"/,
    );
    expect(logs.text).toContain(
      'Ask a cluster admin for a Role granting "get" on "pods/log" in namespace payments',
    );
    harness.api.failNext({ pathIncludes: '/events' }, 403);
    const events = await harness.call('get_events', { namespace: 'payments' });
    expect(events.text).toMatch(/^RBAC refused to list events in namespace "payments"/);
    harness.api.failNext({ pathIncludes: '/deployments/ledger' }, 403);
    const health = await harness.call('get_resource_health', {
      namespace: 'payments',
      resource_type: 'deploy',
      resource_name: 'ledger',
    });
    expect(health.text).toMatch(/^RBAC refused to get deployments "ledger" in namespace "payments"/);
  });

  it('404: suggests close names', async () => {
    const { text } = await harness.call('get_resource_health', {
      namespace: 'payments',
      resource_type: 'svc',
      resource_name: 'ledgr',
    });
    expect(text).toBe(
      'Service "ledgr" not found in namespace "payments" (context "fake"). Did you mean "ledger"? Call list_services_from_namespace to see what exists.',
    );
  });

  it('429: throttled, retry later', async () => {
    // Twice: a read is retried once (read-retry.ts).
    harness.api.failNext({ pathIncludes: '/deployments/checkout' }, 429);
    harness.api.failNext({ pathIncludes: '/deployments/checkout' }, 429);
    const { text, isError } = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'checkout',
    });
    expect(isError).toBe(true);
    expect(text).toMatch(/is throttling requests \(429\)\. Wait a few seconds and retry/);
  });

  it('500: the control plane failed, with what the server said', async () => {
    harness.api.failNext({ pathIncludes: '/events' }, 500);
    const { text } = await harness.call('get_events_all_namespaces', {});
    expect(text).toMatch(
      /failed to list events in all namespaces \(HTTP 500: Internal error occurred: etcdserver: request timed out\)\. The control plane may be degraded/,
    );
  });

  it('a dropped connection says the API server could not be reached', async () => {
    // Twice: a read is retried once (read-retry.ts).
    harness.api.dropNextConnection('/pods/checkout');
    harness.api.dropNextConnection('/pods/checkout');
    const { text, isError } = await harness.call('get_resource_health', {
      namespace: 'payments',
      resource_type: 'pod',
      resource_name: pod.pod_name,
    });
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^Cannot reach the Kubernetes API server \(context "fake", http:\/\/127\.0\.0\.1:\d+\): /,
    );
    // The server is fine afterwards.
    expect(
      (
        await harness.call('get_resource_health', {
          namespace: 'payments',
          resource_type: 'pod',
          resource_name: pod.pod_name,
        })
      ).isError,
    ).toBe(false);
  });
});

describe('an unreachable or slow API server', () => {
  it('names the server and context when nothing listens there', async () => {
    const dead = await startK8sHarness({ now });
    await dead.api.close();
    try {
      const { text, isError } = await dead.call('get_pod_logs', pod);
      expect(isError).toBe(true);
      expect(text).toMatch(
        /^Cannot reach the Kubernetes API server \(context "fake", http:\/\/127\.0\.0\.1:\d+\): ECONNREFUSED\. Check that the cluster is up/,
      );
    } finally {
      await dead.close().catch(() => undefined);
    }
  });

  it('gives up after SRE_TOOL_TIMEOUT_MS and says what to do', async () => {
    const slow = await startK8sHarness({ now, env: { SRE_TOOL_TIMEOUT_MS: '1000' } });
    try {
      slow.api.setLatencyMs(2_500);
      const started = Date.now();
      const { text, isError } = await slow.call('get_events', { namespace: 'payments' });
      expect(Date.now() - started).toBeLessThan(2_400);
      expect(isError).toBe(true);
      expect(text).toBe(
        'get_events timed out after 1s without an answer from the API. It may be overloaded or unreachable; retry with a narrower request, or raise SRE_TOOL_TIMEOUT_MS.',
      );
      slow.api.setLatencyMs(0);
    } finally {
      await slow.close();
    }
  });
});

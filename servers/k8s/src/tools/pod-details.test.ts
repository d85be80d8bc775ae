import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
const marker = 'SHOULD-NEVER-LEAK';
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

/** The text between the fence markers of one untrusted block whose source contains `source`. */
function fenced(text: string, source: string): string {
  const match = new RegExp(
    `<untrusted-data id="(\\w+)" source="[^"]*${source}[^"]*">\\n([\\s\\S]*?)\\n</untrusted-data id="\\1">`,
  ).exec(text);
  return match?.[2] ?? '';
}

describe('get_pod_details', () => {
  it('describes a crash-looping pod: state, last termination, resources, probes, owner chain, node', async () => {
    const { text, isError } = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'ledger-5c8d7f9b4d-x9p4r',
    });
    expect(isError).toBe(false);
    expect(text).toMatch(
      /^Pod payments\/ledger-5c8d7f9b4d-x9p4r\nHealth: Unhealthy: container ledger: CrashLoopBackOff/,
    );
    expect(text).toContain('Status: Running, 1/2 ready, 14 restart(s), age 5h');
    expect(text).toContain(
      'Owner chain: Pod/ledger-5c8d7f9b4d-x9p4r -> ReplicaSet/ledger-5c8d7f9b4d -> Deployment/ledger',
    );
    expect(text).toContain('Node: worker-2 (10.0.1.12)   IPs: 10.244.12.32   QoS: Burstable');
    expect(text).toContain(
      '  ledger: registry.example.com/payments/ledger:3.2.0\n    State: Waiting: CrashLoopBackOff',
    );
    expect(text).toContain('    Last termination: Terminated: Error, exit code 1, finished 88s ago');
    expect(text).toContain('    Ready: no, restarts: 14');
    expect(text).toContain('    Resources: requests cpu=500m memory=512Mi; limits cpu=1 memory=512Mi');
    expect(text).toContain('    Liveness: http-get http://:8080/healthz delay=5s timeout=1s period=10s');
    expect(text).toContain(
      'Conditions: PodReadyToStartContainers=True, Initialized=True, Ready=False (ContainersNotReady)',
    );
  });

  it('shows secret env as references, never values, and fences plain values', async () => {
    const { text } = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'ledger-5c8d7f9b4d-x9p4r',
    });
    expect(text).toContain('      DB_PASSWORD <- secret db-credentials/password');
    expect(text).toContain('      * <- all keys of secret db-credentials');
    expect(text).toContain('      POD_NAME <- field metadata.name');
    expect(text).not.toContain(marker);
    const cluster = fenced(text, 'ledger-5c8d7f9b4d-x9p4r text');
    expect(cluster).toContain('container ledger env DB_HOST: ledger-db.payments.svc.cluster.local');
    // The plain value appears only inside the fence.
    expect(text.replace(cluster, '')).not.toContain('ledger-db.payments.svc.cluster.local');
  });

  it("lists the pod's own events, newest first, inside a fence", async () => {
    const { text } = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'ledger-5c8d7f9b4d-z5n8w',
    });
    const events = fenced(text, 'ledger-5c8d7f9b4d-z5n8w events');
    const rows = events.split('\n').slice(2);
    expect(rows[0]).toMatch(/^12s\s+Warning\s+Unhealthy\s+45\s+Readiness probe failed/);
    expect(rows[1]).toMatch(/^41s\s+Normal\s+Pulled\s+4\s+/);
    expect(text).toContain('Events (2, newest first):');
    expect(text).toContain('Last termination: Terminated: OOMKilled, exit code 137');
  });

  it('follows Job -> CronJob owners and reports a pod that was never scheduled', async () => {
    const job = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'reports-nightly-28730880-k5r9d',
    });
    expect(job.text).toContain(
      'Owner chain: Pod/reports-nightly-28730880-k5r9d -> Job/reports-nightly-28730880 -> CronJob/reports-nightly',
    );
    expect(job.text).toMatch(/Health: Healthy: Succeeded/);
    const pending = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'fraud-model-6b7c9d8f5b-h8j2n',
    });
    expect(pending.text).toContain('Health: Unhealthy: Pending, Unschedulable');
    expect(pending.text).toContain('Node: (not scheduled)   IPs: (none yet)');
    expect(fenced(pending.text, 'h8j2n text')).toContain('0/4 nodes are available: 3 Insufficient cpu');
  });

  it('returns the redacted pod and its events as JSON', async () => {
    const before = harness.api.requests.length;
    const { text, json, isError } = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'ledger-5c8d7f9b4d-x9p4r',
      output: 'json',
    });
    expect(isError).toBe(false);
    const parsed = JSON.parse(json) as { kind: string; metadata: Record<string, unknown> }[];
    expect(parsed.map((item) => item.kind)).toEqual(['Pod', 'Event']);
    expect(parsed[0]?.metadata.name).toBe('ledger-5c8d7f9b4d-x9p4r');
    expect(parsed[0]?.metadata).not.toHaveProperty('managedFields');
    expect(text).not.toContain(marker);
    // The owner chain is text-only: the JSON has ownerReferences, so no ReplicaSet read.
    const paths = harness.api.requests.slice(before).map((request) => request.path);
    expect(paths.some((path) => path.includes('/replicasets/'))).toBe(false);
  });

  it('suggests close names on a 404, and close namespaces when the namespace is wrong', async () => {
    const typo = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'ledger-5c8d7f9b4d-x9p4',
    });
    expect(typo.isError).toBe(true);
    expect(typo.text).toMatch(
      /^Pod "ledger-5c8d7f9b4d-x9p4" not found in namespace "payments" \(context "fake"\)\. Did you mean "ledger-5c8d7f9b4d-x9p4r"/,
    );
    expect(typo.text).toContain('Call list_pods_from_namespace');
    const namespace = await harness.call('get_pod_details', { namespace: 'paymnts', pod_name: 'ledger' });
    expect(namespace.text).toBe(
      'Namespace "paymnts" does not exist (context "fake"). Did you mean "payments"? Call list_namespaces to see them all.',
    );
  });

  it('refuses an invalid pod name before calling the API', async () => {
    const before = harness.api.requests.length;
    const { text, isError } = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'Bad_Name',
    });
    expect(isError).toBe(true);
    expect(text).toContain('RFC 1123');
    expect(harness.api.requests.length).toBe(before);
  });

  it('still describes the pod when events are forbidden, and says why they are missing', async () => {
    harness.api.failNext({ pathIncludes: '/events' }, 403);
    const { text, isError } = await harness.call('get_pod_details', {
      namespace: 'payments',
      pod_name: 'checkout-7d9f8b6c5d-4xk2p',
    });
    expect(isError).toBe(false);
    expect(text).toContain('Health: Healthy: Running, 1/1 container(s) ready');
    expect(text).toMatch(/Events unavailable: RBAC refused to list events in namespace "payments"/);
  });
});

describe('get_pod_details under an allow-list', () => {
  it('refuses namespaces outside SRE_NAMESPACES without calling the API', async () => {
    const limited = await startK8sHarness({ now, env: { SRE_NAMESPACES: 'monitoring' } });
    try {
      const { text, isError } = await limited.call('get_pod_details', {
        namespace: 'payments',
        pod_name: 'x',
      });
      expect(isError).toBe(true);
      expect(text).toBe(
        `Namespace "payments" is outside this server's allow-list (SRE_NAMESPACES). Allowed namespaces: monitoring.`,
      );
      expect(limited.api.requests).toHaveLength(0);
    } finally {
      await limited.close();
    }
  });
});

import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-03-01T12:00:00Z');
let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now });
});
afterAll(() => harness.close());

describe('get_deployment_details', () => {
  it('describes a degraded deployment: replicas, strategy, conditions, ReplicaSets, pods problems first', async () => {
    const { text, isError } = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'ledger',
    });
    expect(isError).toBe(false);
    expect(text).toMatch(
      /^Deployment payments\/ledger\nHealth: Degraded: Available=False \(MinimumReplicasUnavailable\); 1\/3 ready/,
    );
    expect(text).toContain('Replicas: 3 desired, 3 updated, 1 ready, 1 available, 2 unavailable');
    expect(text).toContain('Strategy: RollingUpdate (maxSurge 25%, maxUnavailable 25%)');
    expect(text).toContain('Selector: app=ledger');
    expect(text).toContain(
      'Conditions: Available=False (MinimumReplicasUnavailable), Progressing=True (NewReplicaSetAvailable)',
    );
    expect(text).toMatch(
      /ReplicaSets \(newest first\):\n\s+NAME\s+REVISION\s+DESIRED\s+READY\s+AGE\n\s+ledger-5c8d7f9b4d\s+12\s+3\s+1\s+60d/,
    );
    expect(text).toContain('Pods: 3 (1 CrashLoopBackOff, 2 Running)');
    const podRows = text.split('\n').filter((line) => /^\s+ledger-5c8d7f9b4d-\w{5}\s/.test(line));
    expect(podRows[0]).toMatch(/x9p4r\s+1\/2\s+CrashLoopBackOff/);
    expect(text).toContain('      DB_PASSWORD <- secret db-credentials/password');
    expect(text).not.toContain('SHOULD-NEVER-LEAK');
  });

  it('gathers events of the deployment, its ReplicaSets and pods, fenced and newest first', async () => {
    const { text } = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'checkout',
    });
    expect(text).toContain('Events (3, newest first):');
    const events = text.slice(text.indexOf('Events (3'));
    expect(events).toMatch(/<untrusted-data id="\w+" source="deployment payments\/checkout events">/);
    const order = [
      'pod/checkout-7d9f8b6c5d-4xk2p',
      'replicaset/checkout-7d9f8b6c5d',
      'deployment/checkout',
    ].map((object) => events.indexOf(object));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('calls a deployment scaled to 0 healthy, and a stuck rollout unhealthy', async () => {
    const idle = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'batch-reports',
    });
    expect(idle.text).toContain('Health: Healthy: scaled to 0 on purpose');
    expect(idle.text).toContain('Pods: none match the selector');
    const stuck = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'fraud-model',
    });
    expect(stuck.text).toMatch(
      /Health: Unhealthy: rollout stuck: Progressing=False \(ProgressDeadlineExceeded\)/,
    );
    expect(stuck.text).toContain('ReplicaSet "fraud-model-6b7c9d8f5b" has timed out progressing.');
  });

  it('returns the redacted deployment with its ReplicaSets, pods and events as JSON', async () => {
    const { text, json } = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'ledger',
      output: 'json',
    });
    const parsed = JSON.parse(json) as { kind: string; metadata: { name: string } }[];
    const all = ['Deployment', 'ReplicaSet', 'Pod', 'Pod', 'Pod', 'Event', 'Event', 'Event'];
    expect(all.slice(0, parsed.length)).toEqual(parsed.map((item) => item.kind));
    expect(parsed.length).toBeGreaterThanOrEqual(3);
    expect(parsed[0]?.metadata.name).toBe('ledger');
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('SHOULD-NEVER-LEAK');
  });

  it('cuts JSON at whole objects from the end when the budget is small', async () => {
    const small = await startK8sHarness({ now, env: { SRE_OUTPUT_BUDGET: '6000' } });
    try {
      const { result } = await small.call('get_deployment_details', {
        namespace: 'payments',
        deployment_name: 'ledger',
        output: 'json',
      });
      // The JSON sits between the ends of its untrusted-data fence; the notice comes after.
      const [, body, , notice] = result.content.map((part) => (part.type === 'text' ? part.text : ''));
      const parsed = JSON.parse(body ?? '') as { kind: string }[];
      expect(parsed[0]?.kind).toBe('Deployment');
      expect(parsed.length).toBeLessThan(8);
      expect(notice).toMatch(
        /^\[truncated: \d+ more item\(s\) not shown, output budget 6000 bytes\. Call get_pod_details/,
      );
    } finally {
      await small.close();
    }
  });

  it('suggests deployments on a 404', async () => {
    const { text, isError } = await harness.call('get_deployment_details', {
      namespace: 'payments',
      deployment_name: 'chekout',
    });
    expect(isError).toBe(true);
    expect(text).toBe(
      'Deployment "chekout" not found in namespace "payments" (context "fake"). Did you mean "checkout"? Call list_deployments_from_namespace to see what exists.',
    );
  });
});

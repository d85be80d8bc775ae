import type { V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { formatDeploymentDetails } from './describe-deployment.js';
import { formatPodDetails } from './describe-pod.js';

const now = new Date('2026-03-01T12:00:00Z');
/** What a describe needs besides the object: nothing related, a clock and the default budget. */
const nothingElse = { owners: [], replicaSets: [], pods: [], events: [], now, budgetBytes: 16_384 };

describe('formatPodDetails', () => {
  it('describes a pod that has no status yet without crashing', () => {
    const text = formatPodDetails({
      ...nothingElse,
      pod: {
        metadata: { name: 'web-1', namespace: 'shop' },
        spec: { containers: [{ name: 'app', image: 'shop/web:1' }] },
      },
    });
    expect(text).toContain('Health: Unknown: the pod has no status yet');
    expect(text).toContain('Owner chain: (none: a bare pod, nothing recreates it)');
    expect(text).toContain('Node: (not scheduled)   IPs: (none yet)   QoS: ?');
    expect(text).toContain('    State: (no status yet)');
    expect(text).toContain('Conditions: (none reported yet)');
    expect(text).toContain('Events: none recorded');
    expect(text).not.toContain('untrusted-data');
  });

  it('cuts its events to what is left of the budget, newest first', () => {
    const events = Array.from({ length: 200 }, (_, index) => ({
      metadata: { name: `e${index}`, namespace: 'shop' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      type: 'Warning',
      reason: 'BackOff',
      message: `restart ${index} ${'m'.repeat(60)}`,
      lastTimestamp: new Date(now.getTime() - index * 1000),
    }));
    const text = formatPodDetails({
      pod: {
        metadata: { name: 'web-1', namespace: 'shop' },
        spec: { containers: [] },
        status: { phase: 'Running' },
      },
      owners: ['ReplicaSet/web-abc', 'Deployment/web'],
      events,
      now,
      budgetBytes: 4_096,
    });
    expect(Buffer.byteLength(text)).toBeLessThan(4_096);
    expect(text).toMatch(/Events \(200, newest first, newest \d+ shown; call get_events for the rest\):/);
    expect(text).toContain('restart 0 ');
    expect(text).not.toContain('restart 199 ');
    expect(text).toContain('Owner chain: Pod/web-1 -> ReplicaSet/web-abc -> Deployment/web');
  });
});

describe('env values written as plain secrets', () => {
  const leaky = (name: string) => ({
    name,
    image: 'tools:1',
    env: [
      { name: 'API_TOKEN', value: `token-of-${name}` },
      { name: 'UPSTREAM', value: `https://svc:pw-of-${name}@upstream` },
    ],
  });

  it('are masked in init, regular and ephemeral containers of a pod', () => {
    const text = formatPodDetails({
      ...nothingElse,
      pod: {
        metadata: { name: 'web-1', namespace: 'shop' },
        spec: {
          initContainers: [leaky('migrate')],
          containers: [leaky('app')],
          ephemeralContainers: [{ ...leaky('debugger'), targetContainerName: 'app' }],
        },
      },
    });
    for (const name of ['migrate', 'app', 'debugger']) {
      expect(text).not.toContain(`token-of-${name}`);
      expect(text).not.toContain(`pw-of-${name}`);
    }
    expect(text).toContain('  debugger (ephemeral): tools:1');
    expect(text).toContain('      API_TOKEN=<masked: secret-looking name, 16 chars>');
    expect(text).toContain(
      'ephemeral container debugger env UPSTREAM: https://svc:<masked: password in URL, 14 chars>@upstream',
    );
  });

  it('are masked in the init containers of a deployment template', () => {
    const text = formatDeploymentDetails({
      ...nothingElse,
      deployment: {
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { spec: { initContainers: [leaky('migrate')], containers: [leaky('app')] } },
        },
      },
    });
    expect(text).toContain('  migrate (init): tools:1');
    expect(text).not.toContain('token-of-');
    expect(text).not.toContain('pw-of-');
  });
});

describe('formatDeploymentDetails', () => {
  it('copes with a deployment that has no status, ReplicaSets or pods yet', () => {
    const deployment: V1Deployment = {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 2,
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }],
        },
        strategy: { type: 'Recreate' },
        template: { spec: { containers: [{ name: 'app', image: 'shop/web:1' }] } },
      },
    };
    const text = formatDeploymentDetails({ ...nothingElse, deployment });
    expect(text).toContain('Health: Unknown: no status yet');
    expect(text).toContain('Replicas: 2 desired, 0 updated, 0 ready, 0 available, 0 unavailable');
    expect(text).toContain('Strategy: Recreate (all old pods stop before new ones start)');
    expect(text).toContain('Selector: app=web, tier In (front)');
    expect(text).toContain('ReplicaSets: none found');
    expect(text).toContain('Pods: none match the selector');
    expect(text).toContain('  app: shop/web:1');
  });
});

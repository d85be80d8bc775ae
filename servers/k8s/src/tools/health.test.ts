import { defaultFixtures, type KubeObject } from '@sre-agent/test/fakes/kube-apiserver/index.ts';
import { type K8sHarness, startK8sHarness } from '@sre-agent/test/k8s-harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHealthKind } from './health.js';

const now = new Date('2026-03-01T12:00:00Z');

/** Objects the default fixture lacks: a new deployment with no status yet, an ExternalName service. */
const extras: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'fresh', namespace: 'payments', generation: 1, creationTimestamp: now.toISOString() },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'fresh' } },
      template: {
        metadata: { labels: { app: 'fresh' } },
        spec: { containers: [{ name: 'app', image: 'app:1' }] },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'payments-gateway', namespace: 'payments', creationTimestamp: now.toISOString() },
    spec: { type: 'ExternalName', externalName: 'api.gateway.example.com' },
  },
];

let harness: K8sHarness;
beforeAll(async () => {
  harness = await startK8sHarness({ now, objects: [...defaultFixtures(now).objects, ...extras] });
});
afterAll(() => harness.close());

const health = (resource_type: string, resource_name: string, namespace = 'payments') =>
  harness.call('get_resource_health', { namespace, resource_type, resource_name });

describe('get_resource_health', () => {
  it('judges pods: crash loop, OOM kill, unschedulable, healthy', async () => {
    const crash = await health('pod', 'ledger-5c8d7f9b4d-x9p4r');
    expect(crash.text).toMatch(
      /^pod payments\/ledger-5c8d7f9b4d-x9p4r: Unhealthy\nReasons \(worst first\):\n- container ledger: CrashLoopBackOff\n/,
    );
    expect(crash.text).toContain(
      'Next: get_pod_details ledger-5c8d7f9b4d-x9p4r; get_pod_logs ledger-5c8d7f9b4d-x9p4r (previous: true after a crash)',
    );
    const oom = await health('po', 'ledger-5c8d7f9b4d-z5n8w');
    expect(oom.text).toMatch(/: Degraded\n/);
    expect(oom.text).toContain(
      '- container ledger: 3 restart(s) (last: OOMKilled, exit code 137, last 42s ago): out of memory, check limits.memory',
    );
    const pending = await health('Pod', 'fraud-model-6b7c9d8f5b-h8j2n');
    expect(pending.text).toContain(': Unhealthy\nReasons (worst first):\n- Pending, Unschedulable\n');
    expect(pending.text).toMatch(
      /What the cluster says:\n<untrusted-data [^>]+>\n.*\n- Pending, Unschedulable: 0\/4 nodes are available/,
    );
    const fine = await health('pod', 'checkout-7d9f8b6c5d-4xk2p');
    expect(fine.text).toBe(
      'pod payments/checkout-7d9f8b6c5d-4xk2p: Healthy\nReasons (worst first):\n- Running, 1/1 container(s) ready',
    );
  });

  it('judges deployments: degraded, stuck rollout, scaled to 0 on purpose, no status yet', async () => {
    const ledger = await health('deploy', 'ledger');
    expect(ledger.text).toMatch(/^deployment payments\/ledger: Degraded\n/);
    expect(ledger.text).toContain('- 1/3 ready, 3 up to date, 1 available');
    expect(ledger.text).toContain('- pod ledger-5c8d7f9b4d-x9p4r: container ledger: CrashLoopBackOff');
    const stuck = await health('deployments', 'fraud-model');
    expect(stuck.text).toMatch(
      /^deployment payments\/fraud-model: Unhealthy\nReasons \(worst first\):\n- rollout stuck: Progressing=False \(ProgressDeadlineExceeded\)/,
    );
    const idle = await health('Deployment', 'batch-reports');
    expect(idle.text).toBe(
      'deployment payments/batch-reports: Healthy\nReasons (worst first):\n- scaled to 0 on purpose (spec.replicas=0): no pods expected',
    );
    const fresh = await health('deployment', 'fresh');
    expect(fresh.isError).toBe(false);
    expect(fresh.text).toContain(
      'deployment payments/fresh: Unknown\nReasons (worst first):\n- no status yet: the controller has not reported on it',
    );
  });

  it('judges statefulsets, daemonsets and replicasets', async () => {
    expect((await health('sts', 'ledger-db')).text).toMatch(
      /: Degraded\n[\s\S]*- 1\/2 ready, 2 updated\n- pod ledger-db-1: Pending, Unschedulable/,
    );
    expect((await health('rs', 'ledger-5c8d7f9b4d')).text).toMatch(
      /^replicaset payments\/ledger-5c8d7f9b4d: Degraded/,
    );
    const ds = await health('ds', 'node-exporter', 'monitoring');
    expect(ds.text).toMatch(/^daemonset monitoring\/node-exporter: (Degraded|Unhealthy)\n/);
    expect(ds.text).toMatch(/node\(s\) ready/);
  });

  it('judges services by their endpoints', async () => {
    const orphan = await health('svc', 'orphan');
    expect(orphan.text).toContain(
      'service payments/orphan: Unhealthy\nReasons (worst first):\n- 0 ready, 0 not ready endpoint(s): no running pod matches the selector app=legacy-billing; traffic to it fails',
    );
    expect((await health('service', 'checkout')).text).toBe(
      'service payments/checkout: Healthy\nReasons (worst first):\n- 3 ready, 0 not ready endpoint(s)',
    );
    expect((await health('service', 'payments-gateway')).text).toContain(
      ': Healthy\nReasons (worst first):\n- ExternalName alias of api.gateway.example.com: no endpoints needed',
    );
  });

  it('judges nodes (cluster-scoped, namespace ignored) and PVCs', async () => {
    const lost = await health('no', 'worker-4');
    expect(lost.text).toMatch(
      /^node worker-4: Unhealthy\nReasons \(worst first\):\n- kubelet stopped posting status: Ready=Unknown \(NodeStatusUnknown\)/,
    );
    expect((await health('node', 'worker-1', 'anything-at-all')).text).toMatch(/^node worker-1: Healthy/);
    expect((await health('pvc', 'data-ledger-db-0')).text).toMatch(
      /^pvc payments\/data-ledger-db-0: Healthy\n.*\n- Bound to pvc-\S+ \(20Gi, gp3\)/,
    );
    expect((await health('PersistentVolumeClaim', 'data-ledger-db-1')).text).toMatch(
      /: Degraded\n.*\n- Pending: no volume bound yet/,
    );
  });

  it('lists the valid choices for an unknown resource_type, including names every object inherits', async () => {
    for (const kind of ['widget', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const { text, isError } = await health(kind, 'x');
      expect(isError, kind).toBe(true);
      expect(text).toBe(
        `Unknown resource_type "${kind}". Use one of: pod, deployment, statefulset, daemonset, replicaset, service, node, pvc (or po, deploy, sts, ds, rs, svc, no, persistentvolumeclaim).`,
      );
    }
    expect(resolveHealthKind('__proto__')).toBeUndefined();
  });

  it('suggests close names on a 404, for namespaced and cluster-scoped kinds', async () => {
    expect((await health('deploy', 'legder')).text).toBe(
      'Deployment "legder" not found in namespace "payments" (context "fake"). Did you mean "ledger"? Call list_deployments_from_namespace to see what exists.',
    );
    expect((await health('node', 'worker-9')).text).toMatch(
      /^Node "worker-9" not found \(context "fake"\)\. Did you mean "worker-1"/,
    );
  });

  it('returns the verdict as JSON', async () => {
    const { json } = await harness.call('get_resource_health', {
      namespace: 'payments',
      resource_type: 'svc',
      resource_name: 'orphan',
      output: 'json',
    });
    expect(JSON.parse(json)).toMatchObject({
      kind: 'service',
      namespace: 'payments',
      name: 'orphan',
      verdict: 'Unhealthy',
    });
  });
});

describe('resolveHealthKind', () => {
  it('accepts kinds, plurals and short names in any case', () => {
    expect(
      [
        'PO',
        'pods',
        'Deploy',
        'deployment.apps',
        'STS',
        'ds',
        'rs',
        'Svc',
        'no',
        'persistentvolumeclaims',
      ].map(resolveHealthKind),
    ).toEqual([
      'pod',
      'pod',
      'deployment',
      'deployment',
      'statefulset',
      'daemonset',
      'replicaset',
      'service',
      'node',
      'pvc',
    ]);
    expect(resolveHealthKind('configmap')).toBeUndefined();
  });
});

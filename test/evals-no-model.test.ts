// The no-model side of the incident evals: scoring rules, the compact scenario builder, and the AWS
// checks run for real against the fakes (the full suite runs with npm run eval -- --no-model).
import { describe, expect, it } from 'vitest';
import { buildScenario } from '../evals/src/kube/scenario.ts';
import type { KubeScenario } from '../evals/src/kube/types.ts';
import { loadTasks } from '../evals/src/load-tasks.ts';
import { runNoModel } from '../evals/src/no-model.ts';
import type { AwsNoModelResult } from '../evals/src/no-model-aws.ts';
import type { KubeNoModelResult } from '../evals/src/no-model-kube.ts';
import { findingsOf, missingWords, rankRootCause } from '../evals/src/score.ts';
import { measureToolsLists } from '../evals/src/tools-list.ts';
import { causes, objectCauses } from '../servers/k8s/src/diagnose/causes.ts';

const deployment = { kind: 'Deployment', namespace: 'payments', name: 'ledger' };

describe('root cause ranking', () => {
  const findings = [
    { object: { kind: 'Node', name: 'worker-2' }, cause: 'NodeNotReady' },
    { object: deployment, cause: 'DeploymentUnavailable' },
    { object: deployment, cause: 'MissingSecretKey' },
  ];

  it('ranks the first finding with the right object and an accepted cause', () => {
    const ranked = rankRootCause(findings, [
      { object: deployment, cause: ['MissingSecretKey', 'CreateContainerConfigError'] },
    ]);
    expect(ranked).toEqual({ rank: 3, objectRank: 2, top: 'Node/worker-2 NodeNotReady' });
  });

  it('tells the right object with a wrong cause from a miss', () => {
    expect(rankRootCause(findings, [{ object: deployment, cause: ['OOMKilled'] }])).toMatchObject({
      rank: undefined,
      objectRank: 2,
    });
  });

  it('accepts an alternate root cause, and a cluster-scoped object without namespace', () => {
    const ranked = rankRootCause(findings, [
      { object: { kind: 'Deployment', namespace: 'shop', name: 'cart' }, cause: ['CrashLoopBackOff'] },
      { object: { kind: 'Node', name: 'worker-2' }, cause: ['nodenotready'] },
    ]);
    expect(ranked.rank).toBe(1);
  });

  it('reads findings from a single-cluster or a multi-cluster answer', () => {
    expect(findingsOf(JSON.stringify({ context: 'a', findings }))).toHaveLength(3);
    expect(
      findingsOf(
        JSON.stringify({
          results: [
            { context: 'a', findings },
            { context: 'b', error: 'down' },
          ],
        }),
      ),
    ).toHaveLength(3);
  });

  it('requires every word, where a|b accepts either', () => {
    expect(
      missingWords('Pods need the key DB-PASSWORD', ['db-password', 'exceed|over budget', 'key']),
    ).toEqual(['exceed|over budget']);
  });
});

describe('compact scenarios', () => {
  const [task] = loadTasks(['missing-secret-key']);
  const now = new Date('2026-03-10T03:07:00Z');
  const { objects, unserved } = buildScenario(task!.kube as KubeScenario, now);
  const of = (kind: string, namespace: string) =>
    objects.filter((o) => o.kind === kind && o.metadata.namespace === namespace);

  it('expands a workload into its owner chain, pods in the stated state and the kubelet events', () => {
    const pods = of('Pod', 'payments').filter((p) => p.metadata.name.startsWith('ledger-'));
    expect(pods).toHaveLength(2);
    const rs = of('ReplicaSet', 'payments').find(
      (r) => r.metadata.name === pods[0]!.metadata.ownerReferences?.[0]?.name,
    );
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'ledger' });
    expect(pods[0]!.status.containerStatuses[0].state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: "couldn't find key db-password in Secret payments/ledger-db",
    });
    const events = of('Event', 'payments').filter((e) => e.involvedObject.name === pods[0]!.metadata.name);
    expect(events.map((e) => e.message)).toContain(
      "Error: couldn't find key db-password in Secret payments/ledger-db",
    );
    expect(unserved).toEqual([]);
  });

  it('computes endpoints from the pods and adds healthy background noise', () => {
    const endpoints = of('Endpoints', 'payments').find((e) => e.metadata.name === 'ledger');
    // Pods that never start still have an IP: the controller lists them as not ready.
    expect(endpoints?.subsets[0].addresses).toBeUndefined();
    expect(endpoints?.subsets[0].notReadyAddresses).toHaveLength(2);
    const checkout = of('Endpoints', 'payments').find((e) => e.metadata.name === 'checkout');
    expect(checkout?.subsets[0].addresses).toHaveLength(3);
    expect(of('Deployment', 'kube-system').map((d) => d.metadata.name)).toEqual(['coredns']);
    expect(objects.filter((o) => o.kind === 'Node').map((n) => n.metadata.name)).toEqual([
      'worker-1',
      'worker-2',
      'worker-3',
    ]);
  });
});

describe('a rollout in progress', () => {
  it('keeps the old ReplicaSet running beside the new one, and can leave the rollout paused', () => {
    const [task] = loadTasks(['rollout-left-paused']);
    const { objects } = buildScenario(task!.kube as KubeScenario, new Date('2026-03-10T03:07:00Z'));
    const mine = objects.filter((o) => o.metadata.namespace === 'payments');
    const deployment = mine.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.paused).toBe(true);
    expect(deployment.status).toMatchObject({ replicas: 4, updatedReplicas: 1, readyReplicas: 4 });
    const sets = mine.filter((o) => o.kind === 'ReplicaSet');
    expect(
      sets.map((rs) => [
        rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
        rs.spec.replicas,
        rs.spec.template.spec.containers[0].image,
      ]),
    ).toEqual([
      ['13', 1, 'registry.example.com/payments/billing:4.1.0'],
      ['12', 3, 'registry.example.com/payments/billing:4.0.9'],
    ]);
  });
});

describe('Kubernetes tasks without a model', () => {
  it('asks diagnose_cluster and diagnose_workload for JSON to rank and text to count', async () => {
    const [result] = (await runNoModel(loadTasks(['missing-secret-key']))) as KubeNoModelResult[];
    expect(result!.cluster).toMatchObject({
      rank: 1,
      objectRank: 1,
      top: 'Deployment/ledger MissingSecretKey',
    });
    expect(result!.workload?.rank).toBe(1);
    expect(result!.cluster.tokens).toBeGreaterThan(50);
    expect(result!.missing).toEqual([]);
  });
});

describe('AWS tasks without a model', () => {
  it('checks the tool answer against the planned cost change, and fails without it', async () => {
    const [task] = loadTasks(['aws-cost-increase-driver']);
    const withoutSpike = { ...task!, aws: { cost: { spikes: [] } } };
    const [solved, unsolved] = (await runNoModel([task!, withoutSpike])) as AwsNoModelResult[];
    expect(solved!.passed).toBe(true);
    expect(unsolved!.passed).toBe(false);
    expect(unsolved!.calls[0]!.missing).toEqual([
      '/drivers of the change:\\n.*\\nAmazon Relational Database Service /',
    ]);
  });
});

describe('tools/list sizes', () => {
  it('measures every server, and the write tools only when writes are on', async () => {
    const sizes = await measureToolsLists();
    expect(sizes.map((s) => `${s.server}${s.writes ? '+w' : ''}`)).toEqual([
      'k8s',
      'k8s+w',
      'aws_cost',
      'aws_core',
    ]);
    const [k8s, k8sWrites] = sizes;
    expect(k8sWrites!.tools).toBeGreaterThan(k8s!.tools);
    expect(k8s!.tokens).toBe(Math.ceil(k8s!.bytes / 4));
  });
});

describe('task files', () => {
  it('name only cause codes the diagnose analyzers define', () => {
    const known = new Set([...Object.keys(causes), ...Object.keys(objectCauses)]);
    const unknown = loadTasks()
      .flatMap((t) => t.verify.rootCause.flatMap((r) => r.cause.map((c) => `${t.name}: ${c}`)))
      .filter((entry) => !known.has(entry.split(': ')[1]!));
    expect(unknown).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { eventOn, podOf, webOwners } from '../test-pods.js';
import { snapshotOf } from '../test-snapshot.js';
import { pendingAnalyzer, schedulingCause } from './pending.js';

const now = new Date('2026-03-01T12:00:00Z');
const unschedulable = (name: string, message: string, spec = {}) =>
  podOf(name, [], {
    spec: {
      nodeName: undefined,
      containers: [{ name: 'app', resources: { requests: { cpu: '2' } } }],
      ...spec,
    },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    },
  });

describe('pending analyzer', () => {
  it("reports the scheduler's dominant reason per workload, with the requests", () => {
    const message =
      '0/4 nodes are available: 3 Insufficient cpu, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';
    const [finding] = pendingAnalyzer.analyze(
      snapshotOf({ ...webOwners, pods: [unschedulable('web-5d9c7-a', message)] }),
      now,
    );
    expect(finding).toMatchObject({
      object: { kind: 'Deployment', name: 'web' },
      cause: 'InsufficientCPU',
      severity: 'critical',
    });
    expect(finding?.evidence).toContain('requests: cpu=2 memory=-');
  });

  it('is a warning while cluster-autoscaler adds a node', () => {
    const pod = unschedulable('web-5d9c7-a', '0/3 nodes are available: 3 Insufficient memory.');
    const events = [
      eventOn(
        'web-5d9c7-a',
        'TriggeredScaleUp',
        'pod triggered scale-up: [{eks-workers 3->4 (max: 10)}]',
        now,
      ),
    ];
    const [finding] = pendingAnalyzer.analyze(snapshotOf({ ...webOwners, pods: [pod], events }), now);
    expect(finding).toMatchObject({ cause: 'InsufficientMemory', severity: 'warning' });
    expect(finding?.summary).toMatch(/cluster-autoscaler is adding a node\.$/);
  });

  it('relates the unbound claim', () => {
    const pod = unschedulable('db-1', 'pod has unbound immediate PersistentVolumeClaims. preemption: ...', {
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } }],
    });
    const pvcs = [{ metadata: { name: 'data-db-1', namespace: 'shop' }, status: { phase: 'Pending' } }];
    const [finding] = pendingAnalyzer.analyze(snapshotOf({ pods: [pod], pvcs }), now);
    expect(finding?.cause).toBe('UnboundPVC');
    expect(finding?.related?.[0]).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'shop',
      name: 'data-db-1',
    });
    expect(finding?.next).toBe('kubectl -n shop describe pvc data-db-1 (StorageClass, provisioner events).');
  });

  it('maps each scheduler wording to one code', () => {
    expect(schedulingCause('0/3 nodes are available: 3 Insufficient memory.')).toBe('InsufficientMemory');
    expect(
      schedulingCause("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."),
    ).toBe('NodeAffinityMismatch');
    expect(
      schedulingCause('0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.'),
    ).toBe('UntoleratedTaint');
    // Only broken nodes' taints: still the taint (the node analyzers explain it).
    expect(
      schedulingCause(
        '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.',
      ),
    ).toBe('UntoleratedTaint');
    expect(schedulingCause('0/3 nodes are available: 3 Too many pods.')).toBe('Unschedulable');
  });

  it('blames what rules out the selected nodes when the pod selects its nodes', () => {
    const message =
      "0/4 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 3 node(s) didn't match Pod's node affinity/selector.";
    // Without a selector the mismatch rules out most nodes; with one, the three are expected to be skipped.
    expect(schedulingCause(message)).toBe('NodeAffinityMismatch');
    expect(schedulingCause(message, true)).toBe('UntoleratedTaint');
    // Selecting nodes and matching none is still the selector's fault.
    expect(
      schedulingCause("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", true),
    ).toBe('NodeAffinityMismatch');
    const gpu = podOf('gpu-0', [], {
      spec: {
        containers: [{ name: 'app', image: 'registry.example.com/ml/inference:0.7.0' }],
        nodeSelector: { accelerator: 'nvidia-a10g' },
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
      },
    });
    gpu.spec = { ...gpu.spec, nodeName: undefined } as typeof gpu.spec;
    const [finding] = pendingAnalyzer.analyze(snapshotOf({ ...webOwners, pods: [gpu] }), now);
    expect(finding).toMatchObject({ cause: 'UntoleratedTaint' });
    expect(finding?.evidence.join('\n')).toContain('nvidia.com/gpu');
  });

  it('ignores scheduled and running pods', () => {
    const scheduled = podOf('a', [], { status: { phase: 'Pending' } });
    expect(pendingAnalyzer.analyze(snapshotOf({ pods: [scheduled, podOf('b')] }), now)).toEqual([]);
  });
});

/** StatefulSets (ordinal pods, per-pod claims) and DaemonSets (one pod per node). */
import type { Clock } from '../../../test/fakes/kube-apiserver/build.ts';
import { nameSuffix, ownerRef, uid } from '../../../test/fakes/kube-apiserver/build.ts';
import type { KubeObject } from '../../../test/fakes/kube-apiserver/index.ts';
import {
  applyPodSpec,
  type Built,
  buildPods,
  containerSpec,
  expandPods,
  type Placement,
  randomNames,
} from './pods.ts';
import type { WorkloadSpec } from './types.ts';

function base(clock: Clock, w: WorkloadSpec, kind: string): KubeObject {
  const labels = w.labels ?? { app: w.name };
  const container = containerSpec(w);
  const template = { metadata: { labels }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } };
  applyPodSpec(template.spec, w, container);
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: uid(kind, w.namespace, w.name),
      generation: 1,
      creationTimestamp: clock.ago((w.createdDays ?? 60) * 86400),
      labels,
    },
    spec: { selector: { matchLabels: labels }, template },
  };
}

export function buildStatefulSet(clock: Clock, w: WorkloadSpec, place: Placement): Built {
  const replicas = w.replicas ?? (Array.isArray(w.pods) ? expandPods(w, 0).length : 1);
  const specs = expandPods(w, replicas);
  const sts = base(clock, w, 'StatefulSet');
  const revision = `${w.name}-${nameSuffix(`${w.namespace}/${w.name}`, 10)}`;
  const ready = specs.filter((s) => s.state === 'Running').length;
  Object.assign(sts.spec, {
    replicas,
    serviceName: w.name,
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    ...(w.claim
      ? {
          volumeClaimTemplates: [
            {
              metadata: { name: w.claim },
              spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: '20Gi' } },
              },
            },
          ],
        }
      : {}),
  });
  sts.status = {
    observedGeneration: 1,
    replicas,
    ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
    currentReplicas: replicas,
    updatedReplicas: replicas,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  const names = specs.map((_, i) => `${w.name}-${i}`);
  const pods = buildPods(clock, {
    w,
    container: containerSpec(w),
    owner: ownerRef(sts),
    labels: { ...(w.labels ?? { app: w.name }), 'controller-revision-hash': revision },
    names,
    specs,
    place,
    ...(w.claim
      ? {
          volumes: (i: number) => [
            { name: w.claim!, persistentVolumeClaim: { claimName: `${w.claim}-${w.name}-${i}` } },
          ],
        }
      : {}),
  });
  pods.objects.push(sts);
  return pods;
}

/** One pod per node; `pods` in list form lines up with `nodes`. */
export function buildDaemonSet(
  clock: Clock,
  w: WorkloadSpec,
  nodes: string[],
  place: Placement,
  lostNodes: ReadonlySet<string> = new Set(),
): Built {
  // The pod on a lost node is marked not ready by the node controller; the kubelet says nothing.
  const specs = expandPods(w, nodes.length).map((s, i) =>
    lostNodes.has(nodes[i]!) && !Array.isArray(w.pods)
      ? { ...s, state: 'NotReady' as const, quiet: true }
      : s,
  );
  const ds = base(clock, w, 'DaemonSet');
  const ready = specs.filter((s) => s.state === 'Running').length;
  Object.assign(ds.spec, {
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
  });
  ds.status = {
    currentNumberScheduled: nodes.length,
    numberMisscheduled: 0,
    desiredNumberScheduled: nodes.length,
    ...(ready ? { numberReady: ready, numberAvailable: ready } : {}),
    ...(nodes.length - ready ? { numberUnavailable: nodes.length - ready } : {}),
    observedGeneration: 1,
    updatedNumberScheduled: nodes.length,
  };
  const pods = buildPods(clock, {
    w,
    container: containerSpec(w),
    owner: ownerRef(ds),
    labels: w.labels ?? { app: w.name },
    names: randomNames(w.name, specs.length, `${w.namespace}/${w.name}`),
    specs,
    place,
    nodes,
  });
  pods.objects.push(ds);
  return pods;
}

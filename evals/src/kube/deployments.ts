/** A Deployment with its ReplicaSet(s) and pods; mid-rollout when `previous` is given. */
import type { Clock } from '../../../test/fakes/kube-apiserver/build.ts';
import { buildDeployment } from '../../../test/fakes/kube-apiserver/build-workloads.ts';
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

export function buildDeploymentScenario(clock: Clock, w: WorkloadSpec, place: Placement): Built {
  const replicas = w.replicas ?? (Array.isArray(w.pods) ? expandPods(w, 0).length : 2);
  const specs = expandPods(w, replicas);
  const container = containerSpec(w);
  const labels = w.labels ?? { app: w.name };
  const revision = w.revision ?? (w.previous ? (w.previous.revision ?? 1) + 1 : 1);
  const ready = specs.filter((s) => s.state === 'Running').length;
  const createdAgo = (w.createdDays ?? 60) * 86400;
  const built = buildDeployment(clock, {
    namespace: w.namespace,
    name: w.name,
    replicas,
    ready: ready + (w.previous?.ready ?? 0),
    containers: [container],
    createdAgo,
    labels,
    stuck: w.stuck ?? false,
    revision,
  });
  const { deployment, replicaSet } = built;
  applyPodSpec(deployment.spec.template.spec, w, container);
  applyPodSpec(replicaSet.spec.template.spec, w, container);
  const podLabels = { ...labels, 'pod-template-hash': built.hash };
  const pods = buildPods(clock, {
    w,
    container,
    owner: built.podOwner,
    labels: podLabels,
    names: randomNames(`${w.name}-${built.hash}`, specs.length, `${w.namespace}/${w.name}/${revision}`),
    specs,
    place,
  });
  pods.objects.push(deployment, replicaSet);
  if (w.paused) pause(clock, deployment);
  if (w.previous) rollout(clock, w, pods, deployment, replicaSet, place, createdAgo, [specs.length, ready]);
  pods.events.push({
    namespace: w.namespace,
    involved: { kind: 'Deployment', namespace: w.namespace, name: w.name },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: `Scaled up replica set ${replicaSet.metadata.name} to ${specs.length}`,
    component: 'deployment-controller',
    firstAgo: w.previous ? 45 * 60 : createdAgo,
  });
  return pods;
}

/** The previous revision's ReplicaSet, still running `previous.ready` pods of the old image. */
function rollout(
  clock: Clock,
  w: WorkloadSpec,
  into: Built,
  deployment: KubeObject,
  newRs: KubeObject,
  place: Placement,
  createdAgo: number,
  [newPods, newReady]: [number, number],
) {
  const prev = w.previous!;
  const oldSpec: WorkloadSpec = { ...w, image: prev.image, pods: { state: 'Running' } };
  const container = containerSpec(oldSpec);
  const oldRevision = prev.revision ?? (w.revision ?? 2) - 1;
  const old = buildDeployment(clock, {
    namespace: w.namespace,
    name: w.name,
    replicas: prev.ready,
    ready: prev.ready,
    containers: [container],
    createdAgo,
    labels: w.labels ?? { app: w.name },
    revision: oldRevision,
  });
  applyPodSpec(old.replicaSet.spec.template.spec, oldSpec, container);
  old.replicaSet.metadata.creationTimestamp = clock.ago(createdAgo);
  newRs.metadata.creationTimestamp = clock.ago(45 * 60);
  // Mid-rollout the new ReplicaSet holds only the pods created so far.
  newRs.spec.replicas = newPods;
  newRs.status = { ...newRs.status, replicas: newPods, fullyLabeledReplicas: newPods };
  if (newReady) Object.assign(newRs.status, { readyReplicas: newReady, availableReplicas: newReady });
  else {
    delete newRs.status.readyReplicas;
    delete newRs.status.availableReplicas;
  }
  const pods = buildPods(clock, {
    w: oldSpec,
    container,
    owner: old.podOwner,
    labels: { ...(w.labels ?? { app: w.name }), 'pod-template-hash': old.hash },
    names: randomNames(`${w.name}-${old.hash}`, prev.ready, `${w.namespace}/${w.name}/${oldRevision}`),
    specs: Array.from({ length: prev.ready }, () => ({ state: 'Running' as const })),
    place,
  });
  into.objects.push(old.replicaSet, ...pods.objects);
  Object.assign(into.logs, pods.logs);
  const replicas = deployment.spec.replicas as number;
  const status = deployment.status as Record<string, unknown>;
  status.replicas = newPods + prev.ready;
  status.updatedReplicas = newPods;
  status.readyReplicas = prev.ready + newReady;
  status.availableReplicas = prev.ready + newReady;
  if (replicas - prev.ready - newReady > 0) status.unavailableReplicas = replicas - prev.ready - newReady;
  else delete status.unavailableReplicas;
  deployment.metadata.annotations = {
    ...deployment.metadata.annotations,
    'kubernetes.io/change-cause': `image ${container.image.split(':')[0]}:${(w.image ?? '').split(':')[1] ?? ''}`,
  };
}

/** `kubectl rollout pause`: the controller stops and says so in the Progressing condition. */
function pause(clock: Clock, deployment: KubeObject): void {
  deployment.spec.paused = true;
  const progressing = (deployment.status.conditions as Record<string, string>[]).find(
    (c) => c.type === 'Progressing',
  );
  if (progressing) {
    Object.assign(progressing, {
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
      lastUpdateTime: clock.ago(3 * 3600),
      lastTransitionTime: clock.ago(3 * 3600),
    });
  }
}

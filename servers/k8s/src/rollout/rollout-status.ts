import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { Wire } from '../kube-client.js';

export type RolloutState = 'complete' | 'progressing' | 'failed';

export interface RolloutStatus {
  state: RolloutState;
  /** kubectl's own sentence for where the rollout stands. */
  message: string;
}

/** `kubectl rollout status` for a Deployment, step for step. */
export function deploymentRolloutStatus(deployment: Wire<V1Deployment>): RolloutStatus {
  const { metadata, spec, status } = deployment;
  const name = metadata?.name ?? '?';
  if ((metadata?.generation ?? 0) > (status?.observedGeneration ?? 0)) {
    return progressing('Waiting for the deployment spec update to be observed by the controller.');
  }
  const progress = status?.conditions?.find((item) => item.type === 'Progressing');
  if (progress?.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'failed',
      message: `Deployment "${name}" exceeded its progress deadline: ${progress.message ?? ''}`.trim(),
    };
  }
  const desired = spec?.replicas ?? 1;
  const updated = status?.updatedReplicas ?? 0;
  const total = status?.replicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  if (spec?.paused) return progressing(`Deployment "${name}" is paused; resume it for the rollout to go on.`);
  if (updated < desired) return progressing(`${updated} of ${desired} new replicas have been updated.`);
  if (total > updated) return progressing(`${total - updated} old replica(s) are pending termination.`);
  if (available < updated) return progressing(`${available} of ${updated} updated replicas are available.`);
  return {
    state: 'complete',
    message: `Deployment "${name}" successfully rolled out (${updated} replica(s)).`,
  };
}

export function statefulSetRolloutStatus(set: Wire<V1StatefulSet>): RolloutStatus {
  const { metadata, spec, status } = set;
  const name = metadata?.name ?? '?';
  if ((metadata?.generation ?? 0) > (status?.observedGeneration ?? 0)) {
    return progressing('Waiting for the statefulset spec update to be observed by the controller.');
  }
  if (spec?.updateStrategy?.type === 'OnDelete') {
    return {
      state: 'complete',
      message: `StatefulSet "${name}" uses OnDelete: pods update only when deleted.`,
    };
  }
  const desired = spec?.replicas ?? 1;
  const ready = status?.readyReplicas ?? 0;
  if (ready < desired) return progressing(`${ready} of ${desired} pods are ready.`);
  const partition = spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (partition > 0) {
    const updated = status?.updatedReplicas ?? 0;
    const expected = desired - partition;
    if (updated < expected)
      return progressing(`${updated} of ${expected} pods above partition ${partition} updated.`);
    return {
      state: 'complete',
      message: `Partitioned rollout complete: ${updated} new pods (partition ${partition}).`,
    };
  }
  if (status?.updateRevision !== status?.currentRevision) {
    return progressing(`${status?.updatedReplicas ?? 0} of ${desired} pods are on the new revision.`);
  }
  return {
    state: 'complete',
    message: `StatefulSet "${name}" rolled out: ${ready} pod(s) at revision ${status?.currentRevision ?? '?'}.`,
  };
}

export function daemonSetRolloutStatus(set: Wire<V1DaemonSet>): RolloutStatus {
  const { metadata, spec, status } = set;
  const name = metadata?.name ?? '?';
  if ((metadata?.generation ?? 0) > (status?.observedGeneration ?? 0)) {
    return progressing('Waiting for the daemonset spec update to be observed by the controller.');
  }
  if (spec?.updateStrategy?.type === 'OnDelete') {
    return {
      state: 'complete',
      message: `DaemonSet "${name}" uses OnDelete: pods update only when deleted.`,
    };
  }
  const desired = status?.desiredNumberScheduled ?? 0;
  const updated = status?.updatedNumberScheduled ?? 0;
  const available = status?.numberAvailable ?? 0;
  if (updated < desired) return progressing(`${updated} of ${desired} updated pods have been scheduled.`);
  if (available < desired) return progressing(`${available} of ${desired} updated pods are available.`);
  return { state: 'complete', message: `DaemonSet "${name}" successfully rolled out (${desired} node(s)).` };
}

function progressing(message: string): RolloutStatus {
  return { state: 'progressing', message };
}

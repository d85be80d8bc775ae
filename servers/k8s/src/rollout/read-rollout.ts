import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { KubeApis } from '../kube-client.js';
import { toKubeToolError } from '../kube-errors.js';
import { readWorkload, type Workload, type WorkloadRef } from '../workload-ref.js';
import {
  daemonSetRolloutStatus,
  deploymentRolloutStatus,
  type RolloutStatus,
  statefulSetRolloutStatus,
} from './rollout-status.js';

export type RolloutKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** A workload that rolls out, read fresh, with where its rollout stands. */
export interface RolloutRead {
  object: V1Deployment | V1StatefulSet | V1DaemonSet;
  status: RolloutStatus;
}

export function assertRollable(ref: WorkloadRef): RolloutKind {
  if (ref.kind === 'Deployment' || ref.kind === 'StatefulSet' || ref.kind === 'DaemonSet') return ref.kind;
  throw new ToolError(
    `A ${ref.kind} does not roll out.`,
    'Pass a deployment, statefulset or daemonset, e.g. "deployment/checkout".',
  );
}

export async function readRollout(
  apis: KubeApis,
  namespace: string,
  kind: RolloutKind,
  name: string,
): Promise<RolloutRead> {
  const object = await readWorkload(apis, namespace, { kind, name });
  return { object: object as RolloutRead['object'], status: rolloutStatusOf(kind, object) };
}

function rolloutStatusOf(kind: RolloutKind, object: Workload): RolloutStatus {
  if (kind === 'Deployment') return deploymentRolloutStatus(object as V1Deployment);
  if (kind === 'StatefulSet') return statefulSetRolloutStatus(object as V1StatefulSet);
  return daemonSetRolloutStatus(object as V1DaemonSet);
}

/** The ReplicaSets of a namespace that a deployment controls, for its history. */
export async function replicaSetsOf(apis: KubeApis, namespace: string, deployment: V1Deployment) {
  const uid = deployment.metadata?.uid;
  try {
    const list = await apis.apps.listNamespacedReplicaSet({ namespace, limit: 1_000 });
    return list.items.filter((set) =>
      set.metadata?.ownerReferences?.some((owner) => owner.controller && owner.uid === uid),
    );
  } catch (error) {
    throw toKubeToolError(error, { verb: 'list', resource: 'replicasets', namespace }, apis);
  }
}

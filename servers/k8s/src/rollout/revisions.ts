import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import type { Wire } from '../kube-client.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';

/** One revision of a Deployment: the ReplicaSet that holds its pod template. */
export interface DeploymentRevision {
  revision: number;
  replicaSet: string;
  images: string[];
  changeCause?: string;
  replicas: number;
  readyReplicas: number;
  created?: string;
  current: boolean;
  template: Wire<V1PodTemplateSpec> | undefined;
}

/** The Deployment's revisions, newest first, from the ReplicaSets it controls (what kubectl rollout history reads). */
export function deploymentRevisions(
  deployment: Wire<V1Deployment>,
  replicaSets: readonly Wire<V1ReplicaSet>[],
): DeploymentRevision[] {
  const uid = deployment.metadata?.uid;
  const currentRevision = Number(deployment.metadata?.annotations?.[revisionAnnotation] ?? Number.NaN);
  return replicaSets
    .filter((set) => set.metadata?.ownerReferences?.some((owner) => owner.controller && owner.uid === uid))
    .map((set) => {
      const revision = Number(set.metadata?.annotations?.[revisionAnnotation] ?? 0);
      const changeCause = set.metadata?.annotations?.[changeCauseAnnotation];
      const created = set.metadata?.creationTimestamp;
      return {
        revision,
        replicaSet: set.metadata?.name ?? '?',
        images: imagesOf(set.spec?.template),
        ...(changeCause ? { changeCause } : {}),
        replicas: set.status?.replicas ?? 0,
        readyReplicas: set.status?.readyReplicas ?? 0,
        ...(created ? { created: String(created) } : {}),
        current: revision === currentRevision,
        template: set.spec?.template,
      };
    })
    .sort((a, b) => b.revision - a.revision);
}

export function imagesOf(template: Wire<V1PodTemplateSpec> | undefined): string[] {
  return (template?.spec?.containers ?? []).map((container) => `${container.name}=${container.image ?? '?'}`);
}

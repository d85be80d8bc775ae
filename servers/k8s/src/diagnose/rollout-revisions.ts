import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import type { Wire } from '../kube-client.js';
import type { ClusterSnapshot } from './snapshot.js';

type ReplicaSetLike = Wire<V1ReplicaSet>;

export interface Revision {
  replicaSet: ReplicaSetLike;
  name: string;
  revision: number;
}

/** A Deployment's newest ReplicaSet and the one before it, by the controller's revision annotation. */
export interface Rollout {
  current: Revision;
  previous?: Revision;
}

const revisionAnnotation = 'deployment.kubernetes.io/revision';

export function rolloutOf(snapshot: ClusterSnapshot, deployment: Wire<V1Deployment>): Rollout | undefined {
  const uid = deployment.metadata?.uid;
  const owned = (
    revisionsByOwner(snapshot).get(`${deployment.metadata?.namespace}/${deployment.metadata?.name}`) ?? []
  )
    // Same name, but a deleted-and-recreated Deployment's old ReplicaSets are not its history.
    .filter((item) => !uid || !item.ownerUid || item.ownerUid === uid);
  const [current, previous] = owned;
  if (!current) return undefined;
  return previous ? { current, previous } : { current };
}

const cache = new WeakMap<ClusterSnapshot, Map<string, (Revision & { ownerUid?: string })[]>>();

/** ReplicaSets per owning Deployment (`namespace/name`), newest revision first; built once per snapshot. */
function revisionsByOwner(snapshot: ClusterSnapshot): Map<string, (Revision & { ownerUid?: string })[]> {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const index = new Map<string, (Revision & { ownerUid?: string })[]>();
  for (const set of snapshot.replicaSets) {
    const owner = set.metadata?.ownerReferences?.find((ref) => ref.kind === 'Deployment');
    const revision = Number(set.metadata?.annotations?.[revisionAnnotation] ?? Number.NaN);
    if (!owner || !Number.isFinite(revision)) continue;
    const key = `${set.metadata?.namespace}/${owner.name}`;
    const item = {
      replicaSet: set,
      name: set.metadata?.name ?? '?',
      revision,
      ...(owner.uid ? { ownerUid: owner.uid } : {}),
    };
    const list = index.get(key);
    if (list) list.push(item);
    else index.set(key, [item]);
  }
  for (const list of index.values()) list.sort((a, b) => b.revision - a.revision);
  cache.set(snapshot, index);
  return index;
}

export interface ImageChange {
  container: string;
  /** Absent for a container the new revision added. */
  from?: string;
  to: string;
}

/** Per container, the image that differs between two revisions. */
export function imageChanges(from: ReplicaSetLike, to: ReplicaSetLike): ImageChange[] {
  const before = new Map(containers(from).map((item) => [item.name, item.image ?? '?']));
  const changes: ImageChange[] = [];
  for (const container of containers(to)) {
    const old = before.get(container.name);
    const image = container.image ?? '?';
    if (old === undefined) changes.push({ container: container.name, to: image });
    else if (old !== image) changes.push({ container: container.name, from: old, to: image });
  }
  return changes;
}

function containers(set: ReplicaSetLike): { name: string; image?: string | undefined }[] {
  const spec = set.spec?.template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** The new ReplicaSet has not made all its replicas available. */
export function isShort(set: ReplicaSetLike): boolean {
  const desired = set.spec?.replicas ?? 0;
  return desired > 0 && (set.status?.availableReplicas ?? 0) < desired;
}

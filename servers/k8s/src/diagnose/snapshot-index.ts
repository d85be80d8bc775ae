import type { CoreV1Event, V1Node, V1Pod } from '@kubernetes/client-node';
import { truncateCodePoints } from '@sre-agent/shared';
import type { Wire } from '../kube-client.js';
import type { ObjectRef } from './finding.js';
import type { ClusterSnapshot } from './snapshot.js';

export type PodLike = Wire<V1Pod>;
export type EventLike = Wire<CoreV1Event>;

/** Lookups every analyzer needs, built once per snapshot (10,000 pods: a few ms, not per analyzer). */
export interface SnapshotIndex {
  /** The workload to act on: Pod -> ReplicaSet -> Deployment, Job -> CronJob; the pod itself when unowned. */
  topOwner(pod: PodLike): ObjectRef;
  /** Pods per top owner (refKey), for "2 of 5 pods". */
  podsOwnedBy(owner: ObjectRef): number;
  /** Recent events about one object, newest first. */
  eventsFor(kind: string, namespace: string | undefined, name: string): EventLike[];
  node(name: string): Wire<V1Node> | undefined;
}

const cache = new WeakMap<ClusterSnapshot, SnapshotIndex>();

export function indexSnapshot(snapshot: ClusterSnapshot): SnapshotIndex {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const index = buildIndex(snapshot);
  cache.set(snapshot, index);
  return index;
}

const key = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}/${namespace ?? ''}/${name}`;

function buildIndex(snapshot: ClusterSnapshot): SnapshotIndex {
  const owners = new Map<string, ObjectRef>();
  for (const rs of snapshot.replicaSets) {
    const owner = controllerOf(rs.metadata?.ownerReferences);
    if (owner && rs.metadata?.name)
      owners.set(key('ReplicaSet', rs.metadata.namespace, rs.metadata.name), owner);
  }
  for (const job of snapshot.jobs) {
    const owner = controllerOf(job.metadata?.ownerReferences);
    if (owner && job.metadata?.name) owners.set(key('Job', job.metadata.namespace, job.metadata.name), owner);
  }
  const events = new Map<string, EventLike[]>();
  for (const event of snapshot.events) {
    const involved = event.involvedObject;
    const k = key(
      involved?.kind ?? '',
      involved?.namespace ?? event.metadata?.namespace,
      involved?.name ?? '',
    );
    const list = events.get(k);
    if (list) list.push(event);
    else events.set(k, [event]);
  }
  const nodes = new Map(snapshot.nodes.map((node) => [node.metadata?.name ?? '', node]));
  const topOwner = (pod: PodLike): ObjectRef => {
    const namespace = pod.metadata?.namespace;
    const direct = controllerOf(pod.metadata?.ownerReferences);
    if (!direct) return { kind: 'Pod', namespace, name: pod.metadata?.name ?? '?' };
    const ref = { kind: direct.kind, namespace, name: direct.name };
    const up = owners.get(key(ref.kind, namespace, ref.name));
    return up ? { kind: up.kind, namespace, name: up.name } : ref;
  };
  const counts = new Map<string, number>();
  for (const pod of snapshot.pods) {
    const owner = topOwner(pod);
    const k = key(owner.kind, owner.namespace, owner.name);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return {
    topOwner,
    podsOwnedBy: (owner) => counts.get(key(owner.kind, owner.namespace, owner.name)) ?? 0,
    eventsFor: (kind, namespace, name) => events.get(key(kind, namespace, name)) ?? [],
    node: (name) => nodes.get(name),
  };
}

function controllerOf(
  refs: readonly { kind?: string; name?: string; controller?: boolean }[] | undefined,
): ObjectRef | undefined {
  const ref = refs?.find((item) => item.controller) ?? refs?.[0];
  return ref?.kind && ref.name ? { kind: ref.kind, name: ref.name } : undefined;
}

/** When an event last happened, whichever of its (classic or events.k8s.io) timestamps is set. */
export function eventTime(event: EventLike): number {
  const raw =
    event.lastTimestamp ??
    event.series?.lastObservedTime ??
    event.eventTime ??
    event.firstTimestamp ??
    event.metadata?.creationTimestamp;
  return raw ? new Date(raw as string | Date).getTime() : 0;
}

/** How many times an event was seen (classic count or series count). */
export function eventCount(event: EventLike): number {
  return event.count ?? event.series?.count ?? 1;
}

/**
 * Text from the cluster that goes into a summary line (outside the fence) is cut down to
 * identifier characters, so a crafted reason or name cannot carry an instruction.
 */
export function word(text: string | undefined, max = 63): string {
  return (text ?? '').replace(/[^\w./:@-]/g, '').slice(0, max);
}

/** One evidence line: flattened and bounded so one huge message cannot take the whole budget. */
export function evidenceLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return truncateCodePoints(flat, max, '…');
}

export function toMs(value: string | Date | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

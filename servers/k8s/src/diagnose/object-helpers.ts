import type { ConditionLike } from '../health/verdict.js';
import type { ObjectRef } from './finding.js';
import type { ClusterSnapshot } from './snapshot.js';
import type { PodLike } from './snapshot-index.js';
import { toMs } from './snapshot-index.js';

export { conditionOf } from '../health/verdict.js';

/** How long a workload may be short of replicas before it is a finding, not a rollout in motion. */
export const graceMs = 5 * 60_000;

interface Named {
  metadata?: { name?: string; namespace?: string } | undefined;
}

export function refOf(kind: string, object: Named): ObjectRef {
  const namespace = object.metadata?.namespace;
  const name = object.metadata?.name ?? '?';
  return namespace ? { kind, namespace, name } : { kind, name };
}

/**
 * False when the loader could not list `resource` (RBAC): an empty list then means "unknown",
 * and an analyzer must not conclude "no pod matches" from it.
 */
export function canRead(snapshot: ClusterSnapshot, resource: string): boolean {
  return !snapshot.unreadable.some((entry) => entry === resource || entry.startsWith(`${resource}:`));
}

/** Milliseconds from a wire timestamp to `now`; undefined when the timestamp is missing or bad. */
export function msSince(timestamp: string | Date | undefined | null, now: Date): number | undefined {
  const ms = toMs(timestamp);
  return ms === undefined ? undefined : now.getTime() - ms;
}

export function isPodReady(pod: PodLike): boolean {
  return (pod.status?.conditions ?? []).some((item) => item.type === 'Ready' && item.status === 'True');
}

/** Succeeded and Failed pods never serve again; Services and nodes only care about the others. */
export function isPodLive(pod: PodLike): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** `a, b, c +4 more`: names for a summary line without letting a list of 500 through. */
export function nameList(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} +${names.length - max} more` : shown;
}

/** `Ready=False (KubeletNotReady): message`, an evidence line from a condition. */
export function conditionLine(condition: ConditionLike & { lastTransitionTime?: string | Date }): string {
  const reason = condition.reason ? ` (${condition.reason})` : '';
  const at = condition.lastTransitionTime;
  const since = at ? ` since ${at instanceof Date ? at.toISOString() : at}` : '';
  return `${condition.type}=${condition.status}${reason}${since}${condition.message ? `: ${condition.message}` : ''}`;
}

/** `app=web,tier=api` from a selector map. */
export function labelsText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

export function matchesLabels(
  labels: Record<string, string> | undefined,
  selector: Record<string, string>,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

const podsByController = new WeakMap<ClusterSnapshot, Map<string, PodLike[]>>();

/** Pods whose controller is this object (a StatefulSet's, DaemonSet's or Job's own pods). */
export function podsControlledBy(snapshot: ClusterSnapshot, kind: string, object: Named): PodLike[] {
  let index = podsByController.get(snapshot);
  if (!index) {
    index = new Map();
    for (const pod of snapshot.pods) {
      const owner =
        pod.metadata?.ownerReferences?.find((ref) => ref.controller) ?? pod.metadata?.ownerReferences?.[0];
      if (!owner) continue;
      const key = `${owner.kind}/${pod.metadata?.namespace ?? ''}/${owner.name}`;
      const list = index.get(key);
      if (list) list.push(pod);
      else index.set(key, [pod]);
    }
    podsByController.set(snapshot, index);
  }
  return index.get(`${kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`) ?? [];
}

/** When a pod stopped being ready (its Ready condition's transition), else when it was created. */
export function notReadySince(pod: PodLike): string | Date | undefined {
  const ready = pod.status?.conditions?.find((item) => item.type === 'Ready');
  return ready?.lastTransitionTime ?? pod.metadata?.creationTimestamp;
}

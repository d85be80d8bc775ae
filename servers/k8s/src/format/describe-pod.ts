import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { byteLength, fenceUntrusted, formatAge } from '@sre-agent/shared';
import { podHealth } from '../health/pod-health.js';
import {
  addNote,
  type ContainerView,
  describeContainer,
  safeReason,
  type UntrustedNotes,
} from './describe-containers.js';
import { renderEventTable, sortNewestFirst } from './events.js';

export interface PodDetailsInput {
  pod: V1Pod;
  /** Controllers above the pod, nearest first: `ReplicaSet/ledger-5c8d7f9b4d`, `Deployment/ledger`. */
  owners: readonly string[];
  events: readonly CoreV1Event[];
  now: Date;
  budgetBytes: number;
}

/** `kubectl describe pod`, the parts that matter when something is wrong, health verdict first. */
export function formatPodDetails(input: PodDetailsInput): string {
  const { pod, now } = input;
  const notes: UntrustedNotes = [];
  const health = podHealth(pod, now);
  const lines = [
    `Pod ${pod.metadata?.namespace}/${pod.metadata?.name}`,
    `Health: ${health.verdict}: ${health.reasons.join('; ')}`,
    ...podSummaryLines(pod, input.owners, now),
    'Containers:',
    ...containerViews(pod).flatMap((view) => describeContainer(view, now, notes)),
    `Conditions: ${describeConditions(pod.status?.conditions, notes, 'pod condition')}`,
    ...volumeLines(pod),
  ];
  return finishDetails(lines, notes, input.events, {
    now,
    budgetBytes: input.budgetBytes,
    source: `pod ${pod.metadata?.namespace}/${pod.metadata?.name}`,
    withoutObject: true,
  });
}

function podSummaryLines(pod: V1Pod, owners: readonly string[], now: Date): string[] {
  const status = pod.status;
  const ready = (status?.containerStatuses ?? []).filter((item) => item.ready).length;
  const total = pod.spec?.containers?.length ?? 0;
  const restarts = (status?.containerStatuses ?? []).reduce((sum, item) => sum + (item.restartCount ?? 0), 0);
  const ips = (status?.podIPs ?? []).map((item) => item.ip).join(', ') || status?.podIP || '(none yet)';
  const node = pod.spec?.nodeName
    ? `${pod.spec.nodeName}${status?.hostIP ? ` (${status.hostIP})` : ''}`
    : '(not scheduled)';
  const reason = safeReason(status?.reason);
  return [
    `Status: ${status?.phase ?? 'Unknown'}${reason ? ` (${reason})` : ''}, ${ready}/${total} ready, ${restarts} restart(s), age ${formatAge(pod.metadata?.creationTimestamp, now)}${pod.metadata?.deletionTimestamp ? ', terminating' : ''}`,
    `Owner chain: ${owners.length > 0 ? [`Pod/${pod.metadata?.name}`, ...owners].join(' -> ') : '(none: a bare pod, nothing recreates it)'}`,
    `Node: ${node}   IPs: ${ips}   QoS: ${status?.qosClass ?? '?'}`,
    `Service account: ${pod.spec?.serviceAccountName ?? 'default'}   Restart policy: ${pod.spec?.restartPolicy ?? 'Always'}`,
    `Labels: ${formatLabels(pod.metadata?.labels)}`,
  ];
}

function containerViews(pod: V1Pod): ContainerView[] {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  const view =
    (init: boolean, ephemeral = false) =>
    (spec: NonNullable<V1Pod['spec']>['containers'][number]) => ({
      spec,
      init,
      ephemeral,
      status: statuses.find((item) => item.name === spec.name),
    });
  return [
    ...(pod.spec?.initContainers ?? []).map(view(true)),
    ...(pod.spec?.containers ?? []).map(view(false)),
    ...(pod.spec?.ephemeralContainers ?? []).map(view(false, true)),
  ];
}

interface ConditionView {
  type: string;
  status: string;
  reason?: string | undefined;
  message?: string | undefined;
}

export function describeConditions(
  conditions: readonly ConditionView[] | undefined,
  notes: UntrustedNotes,
  label: string,
): string {
  if (!conditions?.length) return '(none reported yet)';
  return conditions
    .map((condition) => {
      addNote(notes, `${label} ${condition.type}`, condition.message);
      const reason = safeReason(condition.reason);
      return `${condition.type}=${condition.status}${reason ? ` (${reason})` : ''}`;
    })
    .join(', ');
}

function volumeLines(pod: V1Pod): string[] {
  const volumes = (pod.spec?.volumes ?? []).map((volume) => {
    if (volume.persistentVolumeClaim)
      return `${volume.name} <- pvc ${volume.persistentVolumeClaim.claimName}`;
    if (volume.secret) return `${volume.name} <- secret ${volume.secret.secretName}`;
    if (volume.configMap) return `${volume.name} <- configmap ${volume.configMap.name}`;
    if (volume.emptyDir) return `${volume.name} <- emptyDir`;
    if (volume.projected) return `${volume.name} <- projected`;
    if (volume.hostPath) return `${volume.name} <- hostPath ${volume.hostPath.path}`;
    return volume.name;
  });
  return volumes.length > 0 ? [`Volumes: ${volumes.join(', ')}`] : [];
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length > 0 ? entries.map(([key, value]) => `${key}=${value}`).join(', ') : '(none)';
}

/**
 * Facts, then the cluster's free text in one fence, then the object's events (also fenced),
 * newest first and cut to what is left of the budget.
 */
export function finishDetails(
  lines: string[],
  notes: UntrustedNotes,
  events: readonly CoreV1Event[],
  options: { now: Date; budgetBytes: number; source: string; withoutObject?: boolean },
): string {
  const parts = [lines.join('\n')];
  if (notes.length > 0)
    parts.push(
      `Cluster text (env values, messages):\n${fenceUntrusted(`${options.source} text`, notes.join('\n'))}`,
    );
  const used = byteLength(parts.join('\n'));
  if (events.length === 0) {
    parts.push('Events: none recorded (events expire after about an hour by default).');
    return parts.join('\n');
  }
  const sorted = sortNewestFirst(events);
  const table = renderEventTable(sorted, {
    now: options.now,
    withoutObject: options.withoutObject ?? false,
    budgetBytes: Math.max(600, options.budgetBytes - used - 600),
    source: `${options.source} events`,
  });
  const cut =
    table.shown < sorted.length ? `, newest ${table.shown} shown; call get_events for the rest` : '';
  parts.push(`Events (${sorted.length}, newest first${cut}):\n${table.text}`);
  return parts.join('\n');
}

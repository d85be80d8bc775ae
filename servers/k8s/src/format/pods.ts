import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { formatAge, formatDuration } from '@sre-agent/shared';
import type { Wire } from '../kube-client.js';
import type { ListRow } from './summary.js';

/** A pod from a typed API call or straight off the wire (the pod lists read raw pages). */
export type PodLike = Wire<V1Pod>;
type ContainerStatusLike = Wire<V1ContainerStatus>;

export const podHeaders = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'];

/** Reasons a container cannot start as specified: it will not fix itself. */
const brokenReasons = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Error',
  'Evicted',
  'ContainerStatusUnknown',
]);

/** A restart this recent is a current problem, not history. */
const recentRestartMs = 60 * 60_000;

export interface PodSummary {
  ready: string;
  /** kubectl's STATUS column. */
  status: string;
  restarts: number;
  /** When the most recent restart ended, if any container restarted. */
  lastRestart: Date | undefined;
  /** Why the pod needs attention; undefined when it does not. */
  problem: string | undefined;
  severity: number;
}

/**
 * The STATUS kubectl prints (its printPod logic): a waiting or terminated container's reason
 * wins over the phase, init containers show as `Init:…`, a deleted pod is `Terminating`.
 */
export function podStatus(pod: PodLike): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Unknown';
  const init = initStatus(pod);
  let hasRunning = false;
  if (init) reason = init;
  else {
    const containers = status.containerStatuses ?? [];
    // kubectl walks backwards, so the first container's reason is the one shown.
    for (let index = containers.length - 1; index >= 0; index--) {
      const container = containers[index];
      const state = container?.state;
      if (state?.waiting?.reason) reason = state.waiting.reason;
      else if (state?.terminated) reason = terminatedReason(state.terminated);
      else if (container?.ready && state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = hasReadyCondition(pod) ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp) {
    return status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return reason;
}

function initStatus(pod: PodLike): string | undefined {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const total = pod.spec?.initContainers?.length ?? statuses.length;
  for (const [index, container] of statuses.entries()) {
    const { terminated, waiting } = container.state ?? {};
    if (terminated?.exitCode === 0) continue;
    // A restartable init container (sidecar) that is running is done initialising.
    if (container.state?.running && container.started) continue;
    if (terminated) return `Init:${terminatedReason(terminated)}`;
    if (waiting?.reason && waiting.reason !== 'PodInitializing') return `Init:${waiting.reason}`;
    return `Init:${index}/${total}`;
  }
  return undefined;
}

function terminatedReason(terminated: { reason?: string; signal?: number; exitCode: number }): string {
  if (terminated.reason) return terminated.reason;
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
}

function hasReadyCondition(pod: PodLike): boolean {
  return (pod.status?.conditions ?? []).some((item) => item.type === 'Ready' && item.status === 'True');
}

export function summarisePod(pod: PodLike, now: Date): PodSummary {
  const containers = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? containers.length;
  const ready = containers.filter((item) => item.ready).length;
  const restarts = sum([...containers, ...(pod.status?.initContainerStatuses ?? [])]);
  const lastRestart = latestRestart(containers);
  const status = podStatus(pod);
  const { problem, severity } = podProblem({ pod, status, ready, total, lastRestart, now });
  return { ready: `${ready}/${total}`, status, restarts, lastRestart, problem, severity };
}

/** What the problem column is decided from. */
interface PodFacts {
  pod: PodLike;
  status: string;
  ready: number;
  total: number;
  lastRestart: Date | undefined;
  now: Date;
}

type Problem = { problem: string | undefined; severity: number };

function podProblem(facts: PodFacts): Problem {
  const found = basicProblem(facts);
  // CrashLoopBackOff or "not ready" hide why the container died; an OOM kill is worth naming,
  // even when old: the memory limit is still what it was.
  if (facts.status === 'OOMKilled' || lastExitReason(facts.pod) !== 'OOMKilled') return found;
  if (found.problem === undefined) return { problem: 'restarted after OOMKilled', severity: 3 };
  return { problem: `${found.problem} after OOMKilled`, severity: found.severity };
}

function basicProblem({ pod, status, ready, total, lastRestart, now }: PodFacts): Problem {
  const base = status.replace(/^Init:/, '');
  if (brokenReasons.has(base) || pod.status?.phase === 'Failed') return { problem: status, severity: 0 };
  if (status === 'Completed' || pod.status?.phase === 'Succeeded') return { problem: undefined, severity: 9 };
  if (status === 'Pending' && isUnschedulable(pod)) return { problem: 'Unschedulable', severity: 0 };
  if (status !== 'Running') return { problem: status, severity: 1 };
  if (ready < total) return { problem: 'not ready', severity: 2 };
  if (lastRestart && now.getTime() - lastRestart.getTime() < recentRestartMs) {
    return { problem: 'restarted in the last hour', severity: 3 };
  }
  return { problem: undefined, severity: 9 };
}

/** The reason the most recently restarted container last exited. */
export function lastExitReason(pod: PodLike): string | undefined {
  let latest: { at: number; reason: string | undefined } | undefined;
  for (const container of pod.status?.containerStatuses ?? []) {
    const terminated = container.lastState?.terminated;
    const at = terminated?.finishedAt ? new Date(terminated.finishedAt).getTime() : Number.NaN;
    if (terminated && (!latest || at > latest.at)) latest = { at, reason: terminated.reason };
  }
  return latest?.reason;
}

function isUnschedulable(pod: PodLike): boolean {
  return (pod.status?.conditions ?? []).some(
    (item) => item.type === 'PodScheduled' && item.status === 'False' && item.reason === 'Unschedulable',
  );
}

function sum(containers: readonly ContainerStatusLike[]): number {
  return containers.reduce((total, item) => total + (item.restartCount ?? 0), 0);
}

function latestRestart(containers: readonly ContainerStatusLike[]): Date | undefined {
  let latest: Date | undefined;
  for (const container of containers) {
    const finished = container.lastState?.terminated?.finishedAt;
    const time = finished ? new Date(finished) : undefined;
    if (time && !Number.isNaN(time.getTime()) && (!latest || time > latest)) latest = time;
  }
  return latest;
}

/** `14 (88s ago)`, like kubectl's RESTARTS column. */
export function formatRestarts(restarts: number, lastRestart: Date | undefined, now: Date): string {
  if (!lastRestart || restarts === 0) return String(restarts);
  return `${restarts} (${formatDuration(now.getTime() - lastRestart.getTime())} ago)`;
}

export function podRow(pod: PodLike, now: Date): ListRow {
  const summary = summarisePod(pod, now);
  return {
    namespace: pod.metadata?.namespace,
    cells: [
      pod.metadata?.name ?? '?',
      summary.ready,
      summary.status,
      formatRestarts(summary.restarts, summary.lastRestart, now),
      formatAge(pod.metadata?.creationTimestamp, now),
      pod.spec?.nodeName ?? '<none>',
    ],
    status: summary.status,
    problem: summary.problem,
    severity: summary.severity,
  };
}

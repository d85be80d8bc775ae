/** GET pods/{name}/log: container choice, previous instance, and the kubelet's filters, in the kubelet's order. */

import { badRequest } from './status.ts';
import type { KubeObject, LogLine, PodLogs } from './types.ts';
import { logKey } from './types.ts';

type ContainerStatus = {
  name: string;
  state?: { waiting?: { reason?: string }; running?: unknown; terminated?: unknown };
  lastState?: { terminated?: unknown };
  containerID?: string;
};

const containerNames = (pod: KubeObject, field: 'containers' | 'initContainers'): string[] =>
  ((pod.spec?.[field] ?? []) as { name: string }[]).map((c) => c.name);

const chooseContainer = (pod: KubeObject, requested: string | null): string => {
  const name = pod.metadata.name;
  const containers = containerNames(pod, 'containers');
  const inits = containerNames(pod, 'initContainers');
  if (!requested) {
    if (containers.length === 1) return containers[0]!;
    const initPart = inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : '';
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${initPart}`,
    );
  }
  if (!containers.includes(requested) && !inits.includes(requested)) {
    throw badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  return requested;
};

const statusOf = (pod: KubeObject, container: string): ContainerStatus | undefined => {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return (all as ContainerStatus[]).find((s) => s.name === container);
};

/** Mirrors the kubelet refusing logs of containers that never ran. */
const checkStarted = (pod: KubeObject, container: string, previous: boolean): void => {
  const name = pod.metadata.name;
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const status = statusOf(pod, container);
  if (previous) {
    if (!status?.lastState?.terminated) {
      throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    }
    return;
  }
  const waiting = status?.state?.waiting;
  if (!status || (waiting && !status.lastState?.terminated)) {
    const reason = waiting?.reason ?? 'ContainerCreating';
    const why =
      reason === 'ImagePullBackOff' || reason === 'ErrImagePull'
        ? 'trying and failing to pull image'
        : reason;
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
  }
};

const numberParam = (query: URLSearchParams, key: string): number | undefined => {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || (key !== 'tailLines' && n === 0)) {
    throw badRequest(`PodLogOptions "" is invalid: ${key}: Invalid value: ${raw}: must be greater than 0`);
  }
  return n;
};

/** RFC 3339 with nanoseconds, as the container runtime stamps lines. */
const nanoTime = (iso: string): string => {
  const d = new Date(iso);
  const frac = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `${d.toISOString().slice(0, 19)}.${frac}000000Z`;
};

const filterLines = (lines: LogLine[], query: URLSearchParams, now: Date): string => {
  const since = numberParam(query, 'sinceSeconds');
  const tail = numberParam(query, 'tailLines');
  const limitBytes = numberParam(query, 'limitBytes');
  let selected =
    since === undefined ? lines : lines.filter((l) => Date.parse(l.time) >= now.getTime() - since * 1000);
  if (tail !== undefined) selected = tail === 0 ? [] : selected.slice(-tail);
  const timestamps = query.get('timestamps') === 'true';
  const text = selected.map((l) => (timestamps ? `${nanoTime(l.time)} ${l.text}\n` : `${l.text}\n`)).join('');
  if (limitBytes === undefined) return text;
  return Buffer.from(text, 'utf8').subarray(0, limitBytes).toString('utf8');
};

export const readPodLog = (pod: KubeObject, logs: PodLogs, query: URLSearchParams, now: Date): string => {
  const container = chooseContainer(pod, query.get('container'));
  const previous = query.get('previous') === 'true';
  checkStarted(pod, container, previous);
  const entry = logs[logKey(pod.metadata.namespace ?? '', pod.metadata.name, container)];
  return filterLines((previous ? entry?.previous : entry?.current) ?? [], query, now);
};

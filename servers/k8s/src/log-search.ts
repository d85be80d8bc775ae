import type { V1Pod } from '@kubernetes/client-node';
import { mapLimit } from '@sre-agent/shared';
import { grepLines, splitLogLines } from './format/logs.js';
import type { KubeApis } from './kube-client.js';
import { statusCode, statusMessage, toKubeToolError } from './kube-errors.js';

/** Pods searched at most per call; a 300-replica DaemonSet is sampled, and the answer says so. */
export const maxPodsSearched = 50;
/** Log reads in flight at once: enough to be quick, few enough not to load the API server. */
const concurrency = 6;
/** Lines read per container: the newest ones within the time window. */
const tailLinesPerContainer = 5_000;
const bytesPerContainer = 1024 * 1024;

export interface LogSearchRequest {
  namespace: string;
  labelSelector: string;
  pattern: RegExp;
  sinceSeconds: number;
  previous: boolean;
  container?: string | undefined;
  signal: AbortSignal;
}

export interface LogMatch {
  pod: string;
  container: string;
  /** The runtime's RFC 3339 timestamp of the line. */
  time: string;
  text: string;
  /** The line before it in the same container, for context. */
  before?: string;
}

export interface LogSearchOutcome {
  podsMatched: number;
  podsSearched: number;
  containersRead: number;
  /** Containers with no log to read, and why (waiting to start, never restarted, ...). */
  skipped: string[];
  matches: LogMatch[];
}

interface Target {
  pod: string;
  container: string;
}

/** Reads the logs of every pod (and container) the selector matches, in parallel, and greps them. */
export async function searchLogs(apis: KubeApis, request: LogSearchRequest): Promise<LogSearchOutcome> {
  const { namespace, labelSelector } = request;
  const pods = await apis.core
    .listNamespacedPod({ namespace, labelSelector, limit: 1_000 })
    .catch((error: unknown) => {
      throw toKubeToolError(error, { verb: 'list', resource: 'pods', namespace }, apis);
    });
  const searched = [...pods.items].sort((a, b) => trouble(b) - trouble(a)).slice(0, maxPodsSearched);
  const targets = searched.flatMap((pod) => targetsOf(pod, request));
  const skipped: string[] = [];
  const matches: LogMatch[] = [];
  let containersRead = 0;
  await mapLimit(targets, concurrency, async (target) => {
    request.signal.throwIfAborted();
    const read = await readLines(apis, request, target);
    if (typeof read === 'string') {
      skipped.push(`${target.pod}/${target.container}: ${read}`);
      return;
    }
    containersRead += 1;
    matches.push(...matchLines(read, request.pattern, target));
  });
  matches.sort((a, b) => a.time.localeCompare(b.time));
  return { podsMatched: pods.items.length, podsSearched: searched.length, containersRead, skipped, matches };
}

/** Restarts and unready containers: where the errors are, searched first when pods are sampled. */
function trouble(pod: V1Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (sum, item) => sum + (item.restartCount ?? 0) + (item.ready ? 0 : 1),
    0,
  );
}

/** Every container of the pod (init containers that ran included), or the one asked for. */
function targetsOf(pod: V1Pod, request: LogSearchRequest): Target[] {
  const name = pod.metadata?.name ?? '';
  const containers = (pod.spec?.containers ?? []).map((item) => item.name);
  const inits = (pod.status?.initContainerStatuses ?? [])
    .filter((item) => item.state?.terminated || item.lastState?.terminated)
    .map((item) => item.name);
  const all = [...inits, ...containers];
  const chosen = request.container === undefined ? all : all.filter((item) => item === request.container);
  return chosen.map((container) => ({ pod: name, container }));
}

async function readLines(
  apis: KubeApis,
  request: LogSearchRequest,
  target: Target,
): Promise<string[] | string> {
  try {
    const body = await apis.core.readNamespacedPodLog({
      namespace: request.namespace,
      name: target.pod,
      container: target.container,
      previous: request.previous,
      sinceSeconds: request.sinceSeconds,
      tailLines: tailLinesPerContainer,
      limitBytes: bytesPerContainer,
      timestamps: true,
    });
    return splitLogLines(body, body.length >= bytesPerContainer);
  } catch (error) {
    // 400 is the kubelet saying why there is nothing to read; one such container is no failure.
    if (statusCode(error) === 400) return statusMessage(error) ?? 'no logs';
    if (statusCode(error) === 404) return 'pod is gone';
    throw toKubeToolError(
      error,
      { verb: 'get', resource: 'pods/log', namespace: request.namespace, name: target.pod },
      apis,
    );
  }
}

function matchLines(lines: readonly string[], pattern: RegExp, target: Target): LogMatch[] {
  const parsed = lines.map(splitTimestamp);
  const texts = parsed.map((line) => line.text);
  const hits = new Set(grepLines(texts, pattern));
  const matches: LogMatch[] = [];
  parsed.forEach((line, index) => {
    if (!hits.has(line.text)) return;
    const before = parsed[index - 1]?.text;
    matches.push({ ...target, ...line, ...(before === undefined ? {} : { before }) });
  });
  return matches;
}

/** `2026-03-01T11:59:01.000000000Z message` as the runtime stamps lines with `timestamps=true`. */
function splitTimestamp(line: string): { time: string; text: string } {
  const space = line.indexOf(' ');
  const stamp = space > 0 ? line.slice(0, space) : '';
  if (!/^\d{4}-\d\d-\d\dT/.test(stamp)) return { time: '', text: line };
  return { time: stamp, text: line.slice(space + 1) };
}

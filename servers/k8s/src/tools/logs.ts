import type { V1Pod } from '@kubernetes/client-node';
import { byteLength, defineTool, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { boundedString, contextArg, namespaceArg, objectNameArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { compileGrep, formatLogs, splitLogLines } from '../format/logs.js';
import type { KubeApis } from '../kube-client.js';
import { statusCode, statusMessage, toKubeToolError } from '../kube-errors.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { readPod } from './read-named.js';

/** The most log bytes read per call: 5000 long lines must not become 50 MB in memory. */
export const maxLogBytes = 2 * 1024 * 1024;
const defaultContainerAnnotation = 'kubectl.kubernetes.io/default-container';

const logInput = {
  namespace: namespaceArg,
  pod_name: objectNameArg('pod'),
  tail_lines: z.number().int().min(1).max(5_000).default(50).describe('Last N lines'),
  container: boundedString(63, 'a container name').optional().describe('Default: the default container'),
  previous: z.boolean().default(false).describe('Previous (crashed) instance'),
  since_seconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .optional()
    .describe('Seconds back'),
  grep: boundedString(200, 'grep')
    .refine((value) => value.length > 0, 'grep is a regular expression, e.g. "ERROR|Exception"')
    .optional()
    .describe('Regex filter'),
  context: contextArg,
};

export function logTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_pod_logs',
      description: 'Recent lines; previous=true shows why a crashed container died.',
      input: logInput,
      annotations: {
        title: 'Read pod logs',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler(args, toolContext) {
        const { namespace, pod_name: name } = args;
        assertNamespaceAllowed(deps.config, namespace);
        // Before any request: a bad pattern is the caller's to fix, not the cluster's.
        const pattern = args.grep === undefined ? undefined : compileGrep(args.grep);
        const apis = await deps.kube.forContext(args.context);
        const pod = await readPod(apis, namespace, name);
        const { container, note } = chooseContainer(pod, args.container);
        if (args.previous) assertHasPrevious(pod, container);
        const read = await readLog(apis, { ...args, container });
        const text = formatLogs(
          {
            ...args,
            pod: name,
            container,
            tailLines: read.tailLines,
            sinceSeconds: args.since_seconds,
            lines: read.lines,
            byteCapNote: read.note,
            budgetBytes: toolContext.budgetBytes,
          },
          pattern,
        );
        return {
          text: note ? `${note}\n${text}` : text,
          moreHint: 'Use a smaller tail_lines, since_seconds or a grep pattern.',
        };
      },
    }),
  ];
}

/**
 * The container to read, as kubectl picks it: the one asked for, else the
 * `kubectl.kubernetes.io/default-container` annotation, else the first. When it was picked for
 * the caller, `note` names the others, so reading another costs no failed call first.
 */
export function chooseContainer(
  pod: V1Pod,
  requested: string | undefined,
): { container: string; note?: string } {
  const containers = (pod.spec?.containers ?? []).map((item) => item.name);
  const inits = (pod.spec?.initContainers ?? []).map((item) => item.name);
  const all = [...containers, ...inits.map((item) => `${item} (init)`)];
  const podName = pod.metadata?.name ?? '?';
  if (requested !== undefined) {
    if (containers.includes(requested) || inits.includes(requested)) return { container: requested };
    throw new ToolError(
      `Pod "${podName}" has no container "${requested}".`,
      `Its containers: ${all.join(', ')}.`,
    );
  }
  const annotated = pod.metadata?.annotations?.[defaultContainerAnnotation];
  const chosen = annotated && containers.includes(annotated) ? annotated : containers[0];
  if (!chosen)
    throw new ToolError(`Pod "${podName}" has no containers.`, 'Check the pod with get_pod_details.');
  if (all.length === 1) return { container: chosen };
  return {
    container: chosen,
    note: `Defaulted container "${chosen}" out of: ${all.join(', ')}. Pass \`container\` to read another.`,
  };
}

function assertHasPrevious(pod: V1Pod, container: string): void {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = statuses.find((item) => item.name === container);
  if (status && !status.lastState?.terminated) {
    throw new ToolError(
      `Container "${container}" of pod "${pod.metadata?.name}" has not restarted (restarts: ${status.restartCount ?? 0}), so there is no previous instance.`,
      'Call get_pod_logs without `previous` to read the current one.',
    );
  }
}

interface LogRequest {
  namespace: string;
  pod_name: string;
  container: string;
  previous: boolean;
  tail_lines: number;
  since_seconds?: number | undefined;
}

/**
 * The kubelet applies tailLines first and limitBytes second, keeping the OLDEST bytes; when the
 * cap bites, read again with fewer lines so the newest ones are the ones returned.
 */
async function readLog(
  apis: KubeApis,
  request: LogRequest,
): Promise<{ lines: string[]; tailLines: number; note?: string }> {
  const first = await fetchLog(apis, request, request.tail_lines);
  if (byteLength(first) < maxLogBytes)
    return { lines: splitLogLines(first, false), tailLines: request.tail_lines };
  const received = splitLogLines(first, true).length;
  const fewer = Math.max(1, Math.floor(received * 0.9));
  const second = await fetchLog(apis, request, fewer);
  const capped = byteLength(second) >= maxLogBytes;
  const note = `The last ${request.tail_lines} lines are over ${maxLogBytes / 1024 / 1024} MiB, so only the newest ${fewer} were read.`;
  return { lines: splitLogLines(second, capped), tailLines: fewer, note };
}

async function fetchLog(apis: KubeApis, request: LogRequest, tailLines: number): Promise<string> {
  const { namespace, pod_name: name, container } = request;
  try {
    return await apis.core.readNamespacedPodLog({
      name,
      namespace,
      container,
      previous: request.previous,
      tailLines,
      limitBytes: maxLogBytes,
      ...(request.since_seconds ? { sinceSeconds: request.since_seconds } : {}),
    });
  } catch (error) {
    // 400 is the kubelet saying why there are no logs (waiting to start, no previous instance).
    if (statusCode(error) === 400) {
      throw new ToolError(
        `No logs for container "${container}" of pod "${name}": ${statusMessage(error) ?? 'the kubelet refused'}.`,
        'Call get_pod_details to see why the container has not run; its events usually say.',
      );
    }
    throw toKubeToolError(error, { verb: 'get', resource: 'pods/log', namespace, name }, apis);
  }
}

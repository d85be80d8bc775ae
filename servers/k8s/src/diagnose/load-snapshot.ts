import { mapLimit } from '@sre-agent/shared';
import type { K8sConfig } from '../config.js';
import type { KubeApis } from '../kube-client.js';
import { statusCode, toKubeToolError } from '../kube-errors.js';
import { forEachObject, maxListObjects } from '../list-all.js';
import { namespaceScope } from '../namespaces-guard.js';
import { readPodUsage } from './load-usage.js';
import { type ClusterSnapshot, emptySnapshot } from './snapshot.js';
import { eventTime } from './snapshot-index.js';

/** Events older than this explain history, not the incident at hand. */
export const eventWindowMs = 2 * 3_600_000;
/** Lists read at once: enough to hide latency, few enough not to be throttled (APF). */
export const listConcurrency = 6;

type ListField = Exclude<keyof ClusterSnapshot, 'context' | 'namespace' | 'podUsage' | 'unreadable'>;

/** Each list of the snapshot: where it lives and what RBAC calls it. */
const lists: { field: ListField; base: string; resource: string; clusterScoped?: boolean }[] = [
  { field: 'pods', base: '/api/v1', resource: 'pods' },
  { field: 'events', base: '/api/v1', resource: 'events' },
  { field: 'nodes', base: '/api/v1', resource: 'nodes', clusterScoped: true },
  { field: 'deployments', base: '/apis/apps/v1', resource: 'deployments' },
  { field: 'replicaSets', base: '/apis/apps/v1', resource: 'replicasets' },
  { field: 'statefulSets', base: '/apis/apps/v1', resource: 'statefulsets' },
  { field: 'daemonSets', base: '/apis/apps/v1', resource: 'daemonsets' },
  { field: 'jobs', base: '/apis/batch/v1', resource: 'jobs' },
  { field: 'cronJobs', base: '/apis/batch/v1', resource: 'cronjobs' },
  { field: 'hpas', base: '/apis/autoscaling/v2', resource: 'horizontalpodautoscalers' },
  { field: 'services', base: '/api/v1', resource: 'services' },
  { field: 'endpoints', base: '/api/v1', resource: 'endpoints' },
  { field: 'ingresses', base: '/apis/networking.k8s.io/v1', resource: 'ingresses' },
  { field: 'pvcs', base: '/api/v1', resource: 'persistentvolumeclaims' },
  { field: 'pvs', base: '/api/v1', resource: 'persistentvolumes', clusterScoped: true },
];

export interface LoadOptions {
  /** One namespace (already checked against SRE_NAMESPACES); undefined = all (or all allowed). */
  namespace?: string | undefined;
  now: Date;
  signal?: AbortSignal | undefined;
}

/**
 * Reads every list the analyzers need, in parallel through the raw list path. A list RBAC
 * refuses (or a group the server does not serve) leaves a gap named in `unreadable` instead of
 * failing the diagnosis; an unreachable server or rejected credentials still fail it.
 */
export async function loadSnapshot(
  apis: KubeApis,
  config: Pick<K8sConfig, 'allowedNamespaces'>,
  options: LoadOptions,
): Promise<ClusterSnapshot> {
  const scope = options.namespace ? [options.namespace] : namespaceScope(config);
  const snapshot = emptySnapshot(apis.context, options.namespace);
  const tasks = lists.map((list) => async () => {
    const paths =
      list.clusterScoped || scope === 'all'
        ? [`${list.base}/${list.resource}`]
        : scope.map((ns) => namespacedPath(list.base, ns, list.resource));
    const items = await readList(apis, list.resource, paths, options, snapshot.unreadable);
    (snapshot[list.field] as unknown[]) = items;
  });

  await mapLimit(tasks, listConcurrency, (task) => task());
  // After the pods: which namespaces need usage depends on them.
  snapshot.podUsage = await readPodUsage(apis, snapshot.pods, options, snapshot.unreadable);
  const since = options.now.getTime() - eventWindowMs;
  snapshot.events = snapshot.events
    .map((event) => ({ event, at: eventTime(event) }))
    .filter((item) => item.at >= since)
    .sort((a, b) => b.at - a.at)
    .map((item) => item.event);
  snapshot.unreadable.sort();
  return snapshot;
}

export function namespacedPath(base: string, namespace: string, resource: string): string {
  return `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

async function readList(
  apis: KubeApis,
  resource: string,
  paths: string[],
  options: LoadOptions,
  unreadable: string[],
): Promise<unknown[]> {
  const items: unknown[] = [];
  try {
    const fetchers = paths.map(
      (path) => (query: Parameters<KubeApis['rawList']>[1]) => apis.rawList<unknown>(path, query),
    );
    const walk = await forEachObject(fetchers, {}, (item) => items.push(item), { signal: options.signal });
    if (walk.capped) unreadable.push(`${resource}: only the first ${maxListObjects} read`);
    return items;
  } catch (error) {
    const gap = gapFor(resource, error);
    if (gap === undefined)
      throw toKubeToolError(error, { verb: 'list', resource, namespace: options.namespace }, apis);
    if (gap) unreadable.push(gap);
    return [];
  }
}

/**
 * What a failed list leaves: a named gap (403, 5xx), nothing (404: the group is not served
 * here, e.g. no Ingress API), or undefined when the whole diagnosis should fail (no connection,
 * 401, a cancelled call).
 */
export function gapFor(resource: string, error: unknown): string | '' | undefined {
  const code = statusCode(error);
  if (code === 404) return '';
  if (code === 403) return `${resource}: forbidden (RBAC)`;
  if (code !== undefined && code !== 401 && code >= 400) return `${resource}: HTTP ${code}`;
  return undefined;
}

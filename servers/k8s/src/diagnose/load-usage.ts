import { mapLimit } from '@sre-agent/shared';
import type { KubeApis } from '../kube-client.js';
import { statusCode, toKubeToolError } from '../kube-errors.js';
import { forEachObject } from '../list-all.js';
import { cpuMillicores, memoryBytes } from '../quantity.js';
import type { LoadOptions } from './load-snapshot.js';
import type { PodUsage } from './snapshot.js';
import type { PodLike } from './snapshot-index.js';

const base = '/apis/metrics.k8s.io/v1beta1';
/**
 * Usage is read only where an analyzer needs it (namespaces with OOM-killed containers), at
 * most this many: metrics-server answers a list whole, unpaged, and on 10,000 pods that one
 * answer cost more than every other list together.
 */
export const usageNamespacesMax = 8;

interface PodMetricsItem {
  metadata?: { name?: string; namespace?: string };
  containers?: { name?: string; usage?: { cpu?: string; memory?: string } }[];
}

/**
 * Pod usage from metrics.k8s.io: undefined when metrics-server is not installed (404/503), an
 * empty list when it is but no pod needed it (so "no metrics API" stays a fact analyzers can use).
 */
export async function readPodUsage(
  apis: KubeApis,
  pods: readonly PodLike[],
  options: LoadOptions,
  unreadable: string[],
): Promise<PodUsage[] | undefined> {
  const namespaces = [...new Set(pods.filter(oomKilled).map((pod) => pod.metadata?.namespace ?? ''))].slice(
    0,
    usageNamespacesMax,
  );
  const items: PodUsage[] = [];
  try {
    if (namespaces.length === 0) {
      // The group's discovery document: 200 when served, 404/503 when not; no list needed.
      await apis.rawList(base, { limit: 1 });
      return items;
    }
    await mapLimit(namespaces, 4, (namespace) => {
      const fetch = (query: Parameters<KubeApis['rawList']>[1]) =>
        apis.rawList<PodMetricsItem>(`${base}/namespaces/${encodeURIComponent(namespace)}/pods`, query);
      return forEachObject([fetch], {}, (item) => items.push(toUsage(item as PodMetricsItem)), {
        signal: options.signal,
      });
    });
    return items;
  } catch (error) {
    const code = statusCode(error);
    if (code === 403) unreadable.push('pods.metrics.k8s.io: forbidden (RBAC)');
    else if (code === undefined || code === 401) {
      throw toKubeToolError(error, { verb: 'list', resource: 'pods.metrics.k8s.io' }, apis);
    }
    return undefined;
  }
}

function oomKilled(pod: PodLike): boolean {
  return (pod.status?.containerStatuses ?? []).some(
    (status) =>
      status.lastState?.terminated?.reason === 'OOMKilled' ||
      status.state?.terminated?.reason === 'OOMKilled',
  );
}

function toUsage(item: PodMetricsItem): PodUsage {
  return {
    namespace: item.metadata?.namespace ?? '',
    name: item.metadata?.name ?? '',
    containers: (item.containers ?? []).map((container) => ({
      name: container.name ?? '',
      cpuMillicores: cpuMillicores(container.usage?.cpu) ?? 0,
      memoryBytes: memoryBytes(container.usage?.memory) ?? 0,
    })),
  };
}

import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { KubeApis, Wire } from '../kube-client.js';
import { statusCode, toKubeToolError } from '../kube-errors.js';
import { type FetchPage, forEachObject, kubeFetcher } from '../list-all.js';
import { cpuMillicores, memoryBytes } from '../quantity.js';

const metricsBase = '/apis/metrics.k8s.io/v1beta1';

/** Usage beside what was asked for: millicores and bytes. */
export interface Usage {
  cpu: number;
  memory: number;
}

export interface PodTop {
  namespace: string;
  name: string;
  node?: string;
  usage: Usage;
  requests: Partial<Usage>;
  limits: Partial<Usage>;
}

export interface NodeTop {
  name: string;
  usage: Usage;
  allocatable: Partial<Usage>;
  /** Sum of the requests of the pods scheduled on the node. */
  requested: Usage;
  pods: number;
}

interface MetricsItem {
  metadata?: { name?: string; namespace?: string };
  usage?: { cpu?: string; memory?: string };
  containers?: { usage?: { cpu?: string; memory?: string } }[];
}

/** Pod usage from metrics-server joined with each pod's requests and limits. */
export async function readPodTop(
  apis: KubeApis,
  scope: 'all' | string[],
  signal: AbortSignal,
): Promise<PodTop[]> {
  const usage = new Map<string, Usage>();
  await readMetrics(apis, scope, 'pods', signal, (item) => {
    const sum = { cpu: 0, memory: 0 };
    for (const container of item.containers ?? []) addUsage(sum, container.usage);
    usage.set(`${item.metadata?.namespace}/${item.metadata?.name}`, sum);
  });
  const rows: PodTop[] = [];
  await forEachObject(
    podFetchers(apis, scope),
    {},
    (pod: Wire<V1Pod>) => {
      const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
      const used = usage.get(key);
      if (!used) return;
      rows.push({
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
        usage: used,
        requests: sumResources(pod, 'requests'),
        limits: sumResources(pod, 'limits'),
      });
    },
    { signal },
  );
  return rows;
}

/** Node usage against allocatable, and how much of it the scheduled pods requested. */
export async function readNodeTop(apis: KubeApis, signal: AbortSignal): Promise<NodeTop[]> {
  const usage = new Map<string, Usage>();
  await readMetrics(apis, 'all', 'nodes', signal, (item) => {
    const sum = { cpu: 0, memory: 0 };
    addUsage(sum, item.usage);
    usage.set(item.metadata?.name ?? '', sum);
  });
  const requested = new Map<string, { usage: Usage; pods: number }>();
  await forEachObject(
    podFetchers(apis, 'all'),
    { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' },
    (pod: Wire<V1Pod>) => {
      const node = pod.spec?.nodeName;
      if (!node) return;
      const entry = requested.get(node) ?? { usage: { cpu: 0, memory: 0 }, pods: 0 };
      const asked = sumResources(pod, 'requests');
      entry.usage.cpu += asked.cpu ?? 0;
      entry.usage.memory += asked.memory ?? 0;
      entry.pods += 1;
      requested.set(node, entry);
    },
    { signal },
  );
  const rows: NodeTop[] = [];
  const nodes = kubeFetcher(apis, { resource: 'nodes' }, (query) =>
    apis.rawList<V1Node>('/api/v1/nodes', query),
  );
  await forEachObject(
    [nodes],
    {},
    (node) => {
      const name = node.metadata?.name ?? '';
      const used = usage.get(name);
      if (!used) return;
      const allocatable = node.status?.allocatable ?? {};
      rows.push({
        name,
        usage: used,
        allocatable: defined({
          cpu: cpuMillicores(allocatable.cpu),
          memory: memoryBytes(allocatable.memory),
        }),
        requested: requested.get(name)?.usage ?? { cpu: 0, memory: 0 },
        pods: requested.get(name)?.pods ?? 0,
      });
    },
    { signal },
  );
  return rows;
}

async function readMetrics(
  apis: KubeApis,
  scope: 'all' | string[],
  plural: 'pods' | 'nodes',
  signal: AbortSignal,
  visit: (item: Wire<MetricsItem>) => void,
): Promise<void> {
  const paths =
    plural === 'nodes' || scope === 'all'
      ? [`${metricsBase}/${plural}`]
      : scope.map((namespace) => `${metricsBase}/namespaces/${encodeURIComponent(namespace)}/pods`);
  try {
    const fetchers = paths.map(
      (path) => (query: Parameters<KubeApis['rawList']>[1]) => apis.rawList<MetricsItem>(path, query),
    );
    await forEachObject(fetchers, {}, visit, { signal });
  } catch (error) {
    const code = statusCode(error);
    // The aggregated API is absent (404) or its backend is not ready (503).
    if (code === 404 || code === 503) {
      throw new ToolError(
        `The metrics API (metrics.k8s.io) is not available in context "${apis.context}" (HTTP ${code}): metrics-server is not installed or not ready.`,
        'Install metrics-server (kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml), or read requests and limits with get_pod_details instead.',
      );
    }
    throw toKubeToolError(error, { verb: 'list', resource: `${plural}.metrics.k8s.io` }, apis);
  }
}

function podFetchers(apis: KubeApis, scope: 'all' | string[]): FetchPage<Wire<V1Pod>>[] {
  const paths =
    scope === 'all'
      ? ['/api/v1/pods']
      : scope.map((namespace) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`);
  return paths.map((path) =>
    kubeFetcher(apis, { resource: 'pods' }, (query) => apis.rawList<V1Pod>(path, query)),
  );
}

function addUsage(sum: Usage, usage: { cpu?: string; memory?: string } | undefined): void {
  sum.cpu += cpuMillicores(usage?.cpu) ?? 0;
  sum.memory += memoryBytes(usage?.memory) ?? 0;
}

/** Sum over the pod's containers; a resource some container leaves unset has no pod-level total. */
function sumResources(pod: Wire<V1Pod>, which: 'requests' | 'limits'): Partial<Usage> {
  const containers = pod.spec?.containers ?? [];
  const total = (resource: 'cpu' | 'memory') => {
    const values = containers.map((item) => item.resources?.[which]?.[resource]);
    if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
    const parse = resource === 'cpu' ? cpuMillicores : memoryBytes;
    return values.reduce<number>((sum, value) => sum + (parse(String(value)) ?? 0), 0);
  };
  return defined({ cpu: total('cpu'), memory: total('memory') });
}

function defined(usage: { cpu: number | undefined; memory: number | undefined }): Partial<Usage> {
  return {
    ...(usage.cpu === undefined ? {} : { cpu: usage.cpu }),
    ...(usage.memory === undefined ? {} : { memory: usage.memory }),
  };
}

import type { V1LabelSelector } from '@kubernetes/client-node';
import { defineTool, ToolError } from '@sre-agent/shared';
import { boundedString, contextArg, namespaceArg, objectNameArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { formatHealth } from '../format/health.js';
import { deploymentHealth, replicaSetHealth } from '../health/deployment-health.js';
import { nodeHealth } from '../health/node-health.js';
import { podHealth } from '../health/pod-health.js';
import { podProblemFindings } from '../health/pods-summary.js';
import { pvcHealth } from '../health/pvc-health.js';
import { serviceHealth } from '../health/service-health.js';
import { daemonSetHealth, statefulSetHealth } from '../health/sets-health.js';
import type { Finding, HealthReport } from '../health/verdict.js';
import type { KubeApis } from '../kube-client.js';
import { isNotFound, toKubeToolError } from '../kube-errors.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { selectorToString } from './deployment-details.js';
import { namesOf, readDeployment, readNamed, readPod, suggestionPage } from './read-named.js';

export const healthKinds = [
  'pod',
  'deployment',
  'statefulset',
  'daemonset',
  'replicaset',
  'service',
  'node',
  'pvc',
] as const;
export type HealthKind = (typeof healthKinds)[number];

// A Map, not an object literal: `__proto__` or `constructor` from the user must find nothing.
const aliases = new Map<string, HealthKind>(
  Object.entries<HealthKind>({
    po: 'pod',
    pods: 'pod',
    deploy: 'deployment',
    deployments: 'deployment',
    sts: 'statefulset',
    statefulsets: 'statefulset',
    ds: 'daemonset',
    daemonsets: 'daemonset',
    rs: 'replicaset',
    replicasets: 'replicaset',
    svc: 'service',
    services: 'service',
    no: 'node',
    nodes: 'node',
    persistentvolumeclaim: 'pvc',
    persistentvolumeclaims: 'pvc',
    pvcs: 'pvc',
  }),
);

/** `Deploy`, `deployments`, `deployment.apps` -> `deployment`; undefined when unknown. */
export function resolveHealthKind(input: string): HealthKind | undefined {
  const key = input
    .trim()
    .toLowerCase()
    .replace(/\.(apps|v1)$/, '');
  return (healthKinds as readonly string[]).includes(key) ? (key as HealthKind) : aliases.get(key);
}

export function healthTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_resource_health',
      description: 'Healthy/Degraded/Unhealthy, with reasons: pod, workload, service, node, PVC.',
      input: {
        namespace: namespaceArg,
        resource_type: boundedString(64, 'resource_type').describe(healthKinds.join(', ')),
        resource_name: objectNameArg('resource'),
        output: outputArg,
        context: contextArg,
      },
      annotations: {
        title: 'Resource health',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler({ namespace, resource_type, resource_name: name, output, context }) {
        const kind = resolveHealthKind(resource_type);
        if (!kind) {
          throw new ToolError(
            `Unknown resource_type "${resource_type}".`,
            `Use one of: ${healthKinds.join(', ')} (or po, deploy, sts, ds, rs, svc, no, persistentvolumeclaim).`,
          );
        }
        const scoped = kind === 'node' ? undefined : namespace;
        if (scoped) assertNamespaceAllowed(deps.config, scoped);
        const apis = await deps.kube.forContext(context);
        const report = await checkHealth(apis, kind, scoped ?? '', name, deps.now());
        if (output === 'json') return { json: { kind, namespace: scoped, name, ...report } };
        return {
          text: formatHealth({ kind, namespace: scoped, name, report, next: nextSteps(kind, scoped, name) }),
        };
      },
    }),
  ];
}

interface Check {
  apis: KubeApis;
  ref: { name: string; namespace: string };
  page: { namespace: string; limit: number };
  now: Date;
  read<T>(
    resource: string,
    listTool: string,
    get: () => Promise<T>,
    list: () => Promise<NameList>,
  ): Promise<T>;
}

type NameList = { items: { metadata?: { name?: string } | undefined }[] };

/** One reader and one judge per kind; workloads also look at their pods to name the problem. */
const checks: Record<HealthKind, (c: Check) => Promise<HealthReport>> = {
  pod: async (c) => podHealth(await readPod(c.apis, c.ref.namespace, c.ref.name), c.now),
  deployment: async (c) => {
    const item = await readDeployment(c.apis, c.ref.namespace, c.ref.name);
    return deploymentHealth(item, await podFindings(c, item.spec?.selector));
  },
  statefulset: async (c) => {
    const item = await c.read(
      'statefulsets',
      'list_all_resources',
      () => c.apis.apps.readNamespacedStatefulSet(c.ref),
      () => c.apis.apps.listNamespacedStatefulSet(c.page),
    );
    return statefulSetHealth(item, await podFindings(c, item.spec?.selector));
  },
  daemonset: async (c) => {
    const item = await c.read(
      'daemonsets',
      'list_daemonsets_from_namespace',
      () => c.apis.apps.readNamespacedDaemonSet(c.ref),
      () => c.apis.apps.listNamespacedDaemonSet(c.page),
    );
    return daemonSetHealth(item, await podFindings(c, item.spec?.selector));
  },
  replicaset: async (c) => {
    const item = await c.read(
      'replicasets',
      'list_all_resources',
      () => c.apis.apps.readNamespacedReplicaSet(c.ref),
      () => c.apis.apps.listNamespacedReplicaSet(c.page),
    );
    return replicaSetHealth(item, await podFindings(c, item.spec?.selector));
  },
  service: async (c) => {
    const item = await c.read(
      'services',
      'list_services_from_namespace',
      () => c.apis.core.readNamespacedService(c.ref),
      () => c.apis.core.listNamespacedService(c.page),
    );
    return serviceHealth(item, await endpointsOf(c));
  },
  node: async (c) =>
    nodeHealth(
      await c.read(
        'nodes',
        'list_all_resources',
        () => c.apis.core.readNode({ name: c.ref.name }),
        () => c.apis.core.listNode({ limit: suggestionPage }),
      ),
    ),
  pvc: async (c) =>
    pvcHealth(
      await c.read(
        'persistentvolumeclaims',
        'list_all_resources',
        () => c.apis.core.readNamespacedPersistentVolumeClaim(c.ref),
        () => c.apis.core.listNamespacedPersistentVolumeClaim(c.page),
      ),
    ),
};

function checkHealth(
  apis: KubeApis,
  kind: HealthKind,
  namespace: string,
  name: string,
  now: Date,
): Promise<HealthReport> {
  const label = kind === 'pvc' ? 'persistentvolumeclaim' : kind;
  return checks[kind]({
    apis,
    now,
    ref: { name, namespace },
    page: { namespace, limit: suggestionPage },
    read: (resource, listTool, get, list) =>
      readNamed({
        apis,
        kind: label,
        resource,
        namespace: kind === 'node' ? undefined : namespace,
        name,
        listTool,
        read: get,
        listNames: async () => namesOf(await list()),
      }),
  });
}

/** What one page of the workload's pods shows: enough to name the problems, bounded for huge workloads. */
async function podFindings(c: Check, selector: V1LabelSelector | undefined): Promise<Finding[]> {
  const labelSelector = selectorToString(selector);
  if (!labelSelector) return [];
  const { namespace } = c.ref;
  const list = await c.apis.core
    .listNamespacedPod({ namespace, labelSelector, limit: 500 })
    .catch((error: unknown) => {
      throw toKubeToolError(error, { verb: 'list', resource: 'pods', namespace }, c.apis);
    });
  return podProblemFindings(list.items, c.now);
}

async function endpointsOf(c: Check) {
  try {
    return await c.apis.core.readNamespacedEndpoints(c.ref);
  } catch (error) {
    // No Endpoints object at all is the "no endpoints" case, not an error.
    if (isNotFound(error)) return undefined;
    throw toKubeToolError(error, { verb: 'get', resource: 'endpoints', ...c.ref }, c.apis);
  }
}

function nextSteps(kind: HealthKind, namespace: string | undefined, name: string): string[] {
  const about = `get_events with involved_object "${kind === 'pvc' ? 'persistentvolumeclaim' : kind}/${name}"${namespace ? '' : ' in namespace "default"'}`;
  if (kind === 'pod')
    return [`get_pod_details ${name}`, `get_pod_logs ${name} (previous: true after a crash)`, about];
  if (kind === 'deployment') return [`get_deployment_details ${name}`, about];
  if (kind === 'service') return [`list_pods_from_namespace with the service's selector`, about];
  return [about];
}

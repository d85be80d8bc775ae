import type {
  CoreV1Event,
  V1Deployment,
  V1LabelSelector,
  V1Pod,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { contextArg, namespaceArg, objectNameArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { formatDeploymentDetails } from '../format/describe-deployment.js';
import { sortNewestFirst } from '../format/events.js';
import type { KubeApis } from '../kube-client.js';
import { toKubeToolError } from '../kube-errors.js';
import { forEachObject, kubeFetcher } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { redactList } from '../redact.js';
import { readDeployment, typed } from './read-named.js';

/** Enough pods to summarise any real deployment without holding a huge list. */
const maxPods = 2_000;
const maxEvents = 5_000;

export function deploymentDetailsTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_deployment_details',
      description: 'When a deployment is degraded: conditions, ReplicaSets, pods, events.',
      input: {
        namespace: namespaceArg,
        deployment_name: objectNameArg('deployment'),
        output: outputArg,
        context: contextArg,
      },
      annotations: {
        title: 'Describe a deployment',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler({ namespace, deployment_name: name, output, context }, toolContext) {
        assertNamespaceAllowed(deps.config, namespace);
        const apis = await deps.kube.forContext(context);
        const deployment = await readDeployment(apis, namespace, name);
        const related = await readRelated(apis, deployment, toolContext.signal);
        if (output === 'json') {
          return {
            json: redactList(asObjectList(deployment, related)),
            moreHint: 'Call get_pod_details or get_events for the objects cut off.',
          };
        }
        const { replicaSets, pods, events, note } = related;
        const now = deps.now();
        const text = formatDeploymentDetails({
          deployment,
          replicaSets,
          pods,
          events,
          now,
          budgetBytes: toolContext.budgetBytes,
        });
        return {
          text: note ? `${text}\n${note}` : text,
          moreHint: 'Call get_pod_details on one pod, or get_events with involved_object.',
        };
      },
    }),
  ];
}

interface Related {
  replicaSets: V1ReplicaSet[];
  pods: V1Pod[];
  events: CoreV1Event[];
  note?: string;
}

/** Its ReplicaSets and pods (by selector and owner), and the events about any of them. */
async function readRelated(apis: KubeApis, deployment: V1Deployment, signal: AbortSignal): Promise<Related> {
  const namespace = deployment.metadata?.namespace ?? '';
  const name = deployment.metadata?.name ?? '';
  const selector = selectorToString(deployment.spec?.selector);
  const uid = deployment.metadata?.uid;
  const [replicaSets, pods] = await Promise.all([
    listReplicaSets(apis, namespace, selector).then((sets) => sets.filter((set) => ownedBy(set, uid, name))),
    listPods(apis, namespace, selector, signal),
  ]);
  const names = new Set([name, ...replicaSets.map(nameOf), ...pods.map(nameOf)]);
  return { replicaSets, pods, ...(await eventsAboutAny(apis, namespace, names, signal)) };
}

/** A flat list, most important first, so the budget cuts whole objects from the end. */
function asObjectList(deployment: V1Deployment, related: Related) {
  return [
    typed(deployment, 'Deployment', 'apps/v1'),
    ...related.replicaSets.map((item) => typed(item, 'ReplicaSet', 'apps/v1')),
    ...related.pods.map((item) => typed(item, 'Pod', 'v1')),
    ...sortNewestFirst(related.events).map((item) => typed(item, 'Event', 'v1')),
  ];
}

/** The label selector in the string form the API takes (`app=x,tier in (web,api)`). */
export function selectorToString(selector: V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector?.matchExpressions ?? []) {
    const values = `(${(expression.values ?? []).join(',')})`;
    if (expression.operator === 'In') parts.push(`${expression.key} in ${values}`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin ${values}`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else if (expression.operator === 'DoesNotExist') parts.push(`!${expression.key}`);
  }
  return parts.join(',');
}

function nameOf(item: { metadata?: { name?: string } | undefined }): string {
  return item.metadata?.name ?? '';
}

function ownedBy(set: V1ReplicaSet, uid: string | undefined, name: string): boolean {
  return (set.metadata?.ownerReferences ?? []).some(
    (owner) => owner.kind === 'Deployment' && (uid ? owner.uid === uid : owner.name === name),
  );
}

async function listReplicaSets(
  apis: KubeApis,
  namespace: string,
  labelSelector: string,
): Promise<V1ReplicaSet[]> {
  // An empty selector would match every ReplicaSet in the namespace; a deployment always has one.
  if (!labelSelector) return [];
  const list = await apis.apps
    .listNamespacedReplicaSet({ namespace, labelSelector, limit: 500 })
    .catch((error: unknown) => {
      throw toKubeToolError(error, { verb: 'list', resource: 'replicasets', namespace }, apis);
    });
  return list.items;
}

async function listPods(
  apis: KubeApis,
  namespace: string,
  labelSelector: string,
  signal: AbortSignal,
): Promise<V1Pod[]> {
  if (!labelSelector) return [];
  const pods: V1Pod[] = [];
  const fetch = kubeFetcher(apis, { resource: 'pods', namespace }, (query) =>
    apis.core.listNamespacedPod({ namespace, ...query }),
  );
  await forEachObject([fetch], { labelSelector }, (pod) => pods.push(pod), { signal, cap: maxPods });
  return pods;
}

/** Events about any of `names` in the namespace; missing events are a note, not a failure. */
async function eventsAboutAny(
  apis: KubeApis,
  namespace: string,
  names: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<{ events: CoreV1Event[]; note?: string }> {
  const events: CoreV1Event[] = [];
  const fetch = kubeFetcher(apis, { resource: 'events', namespace }, (query) =>
    apis.core.listNamespacedEvent({ namespace, ...query }),
  );
  try {
    await forEachObject(
      [fetch],
      {},
      (event) => {
        if (names.has(event.involvedObject?.name ?? '')) events.push(event);
      },
      { signal, cap: maxEvents },
    );
    return { events };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { events: [], note: `Events unavailable: ${reason}` };
  }
}

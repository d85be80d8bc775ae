import { defineTool, isToolError, type ToolError } from '@sre-agent/shared';
import { contextArg, listArgs, namespaceArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { daemonSetHeaders, daemonSetRow } from '../format/daemonsets.js';
import { deploymentHeaders, deploymentRow } from '../format/deployments.js';
import { podHeaders, podRow } from '../format/pods.js';
import { type EndpointCounts, serviceHeaders, serviceRow } from '../format/services.js';
import { createTally, type ListRow } from '../format/summary.js';
import {
  formatAllResources,
  formatAllResourcesJson,
  type KindSection,
} from '../format/summary-all-resources.js';
import {
  cronJobHeaders,
  cronJobRow,
  jobHeaders,
  jobRow,
  replicaSetHeaders,
  replicaSetRow,
  statefulSetHeaders,
  statefulSetRow,
} from '../format/summary-controllers.js';
import { createJsonCollector } from '../format/summary-json.js';
import type { KubeApis } from '../kube-client.js';
import { forEachObject, type KubeListPage, kubeFetcher, type PageQuery } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { assertNamespaceExists, listAnnotations } from './namespaces-scope.js';
import { endpointCounts } from './services.js';

interface Kind<T> {
  section: Omit<KindSection, 'tally' | 'items' | 'note'>;
  /** RBAC's plural, for error messages. */
  resource: string;
  list(namespace: string, query: PageQuery): Promise<KubeListPage<T>>;
  row(item: T): ListRow;
  /** Objects left out of the table (counted in the note), like old ReplicaSets scaled to 0. */
  hide?(item: T): boolean;
}

interface ReadOptions {
  apis: KubeApis;
  namespace: string;
  selectors: Pick<PageQuery, 'labelSelector' | 'fieldSelector'>;
  json: boolean;
  budgetBytes: number;
  signal: AbortSignal;
}

/** Reads one kind; a refusal (RBAC, say) becomes a note on its section, not a failed call. */
function reader<T>(kind: Kind<T>) {
  return async (options: ReadOptions): Promise<KindSection & { error?: ToolError }> => {
    const tally = createTally(Math.ceil(options.budgetBytes / 16));
    const json = options.json ? createJsonCollector(options.budgetBytes) : undefined;
    let hidden = 0;
    const fetch = kubeFetcher(
      options.apis,
      { resource: kind.resource, namespace: options.namespace },
      (query) => kind.list(options.namespace, query),
    );
    try {
      await forEachObject(
        [fetch],
        options.selectors,
        (item) => {
          if (kind.hide?.(item)) return void hidden++;
          const row = kind.row(item);
          tally.add(row);
          json?.add(item, row.problem !== undefined);
        },
        { signal: options.signal },
      );
    } catch (error) {
      if (!isToolError(error)) throw error;
      return { ...kind.section, tally, items: [], note: `not listed: ${error.message}`, error };
    }
    const note = hidden > 0 ? `${hidden} old ReplicaSet(s) scaled to 0 not shown` : undefined;
    return { ...kind.section, tally, items: json?.items() ?? [], note };
  };
}

/** A kind as `kubectl get all` names it: `Deployment` is listed as "deployments", shown as "deployment/x". */
function kind<T>(
  name: string,
  apiVersion: string,
  headers: string[],
  parts: Pick<Kind<T>, 'list' | 'row' | 'hide'> & { listTool?: string },
): Kind<T> {
  const label = name.toLowerCase();
  const more = parts.listTool
    ? `Call ${parts.listTool} for all of them.`
    : 'Narrow with label_selector, or ask get_resource_health about one of them.';
  const { listTool: _listTool, ...rest } = parts;
  return {
    section: { noun: `${label}s`, label, kind: name, apiVersion, headers, more },
    resource: `${label}s`,
    ...rest,
  };
}

function kinds(apis: KubeApis, now: Date, endpoints: EndpointCounts | undefined) {
  const { apps, batch, core } = apis;
  return [
    reader(
      kind('Deployment', 'apps/v1', deploymentHeaders, {
        list: (namespace, query) => apps.listNamespacedDeployment({ namespace, ...query }),
        row: (item) => deploymentRow(item, now),
        listTool: 'list_deployments_from_namespace',
      }),
    ),
    reader(
      kind('StatefulSet', 'apps/v1', statefulSetHeaders, {
        list: (namespace, query) => apps.listNamespacedStatefulSet({ namespace, ...query }),
        row: (item) => statefulSetRow(item, now),
      }),
    ),
    reader(
      kind('DaemonSet', 'apps/v1', daemonSetHeaders, {
        list: (namespace, query) => apps.listNamespacedDaemonSet({ namespace, ...query }),
        row: (item) => daemonSetRow(item, now),
        listTool: 'list_daemonsets_from_namespace',
      }),
    ),
    reader(
      kind('ReplicaSet', 'apps/v1', replicaSetHeaders, {
        list: (namespace, query) => apps.listNamespacedReplicaSet({ namespace, ...query }),
        row: (item) => replicaSetRow(item, now),
        hide: (item) => (item.spec?.replicas ?? 1) === 0,
      }),
    ),
    ...workloadsAndNetwork(core, batch, now, endpoints),
  ];
}

function workloadsAndNetwork(
  core: KubeApis['core'],
  batch: KubeApis['batch'],
  now: Date,
  endpoints: EndpointCounts | undefined,
) {
  return [
    reader(
      kind('Pod', 'v1', podHeaders, {
        list: (namespace, query) => core.listNamespacedPod({ namespace, ...query }),
        row: (item) => podRow(item, now),
        listTool: 'list_pods_from_namespace',
      }),
    ),
    reader(
      kind('Service', 'v1', serviceHeaders, {
        list: (namespace, query) => core.listNamespacedService({ namespace, ...query }),
        row: (item) => serviceRow(item, now, endpoints),
        listTool: 'list_services_from_namespace',
      }),
    ),
    reader(
      kind('Job', 'batch/v1', jobHeaders, {
        list: (namespace, query) => batch.listNamespacedJob({ namespace, ...query }),
        row: (item) => jobRow(item, now),
      }),
    ),
    reader(
      kind('CronJob', 'batch/v1', cronJobHeaders, {
        list: (namespace, query) => batch.listNamespacedCronJob({ namespace, ...query }),
        row: (item) => cronJobRow(item, now),
      }),
    ),
  ];
}

export function allResourcesTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_all_resources',
      description: 'First look at a namespace (kubectl get all); problems first.',
      input: {
        namespace: namespaceArg,
        label_selector: listArgs.label_selector,
        field_selector: listArgs.field_selector.describe('metadata.* only, e.g. "metadata.name=web"'),
        output: outputArg,
        context: contextArg,
      },
      annotations: listAnnotations('Everything in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const endpoints = await endpointCounts(apis, args.namespace, context.signal);
        const options: ReadOptions = {
          apis,
          namespace: args.namespace,
          selectors: { labelSelector: args.label_selector, fieldSelector: args.field_selector },
          json: args.output === 'json',
          budgetBytes: context.budgetBytes,
          signal: context.signal,
        };
        const sections = await Promise.all(kinds(apis, deps.now(), endpoints).map((read) => read(options)));
        const failed = sections.filter((section) => section.error);
        if (failed.length === sections.length && failed[0]?.error) throw failed[0].error;
        if (sections.every((section) => section.tally.total === 0))
          await assertNamespaceExists(apis, args.namespace);
        const spec = { namespace: args.namespace, sections, budgetBytes: context.budgetBytes };
        const moreHint = 'Call the list_* tool of one kind (with limit and continue) to see all of it.';
        if (options.json) return { json: formatAllResourcesJson(spec), moreHint };
        return { text: formatAllResources(spec), moreHint };
      },
    }),
  ];
}

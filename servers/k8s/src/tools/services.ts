import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { countEndpoints, type EndpointCounts, serviceHeaders, serviceRow } from '../format/services.js';
import type { KubeApis } from '../kube-client.js';
import { forEachObject, kubeFetcher, runList } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { inNamespace, listAnnotations } from './namespaces-scope.js';

export function serviceListTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_services_from_namespace',
      description: 'Services without ready endpoints come first.',
      input: { namespace: namespaceArg, ...listArgs },
      annotations: listAnnotations('List services in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const now = deps.now();
        const endpoints = await endpointCounts(apis, args.namespace, context.signal);
        const scope = inNamespace(apis, 'services', args.namespace, (namespace, query) =>
          apis.core.listNamespacedService({ namespace, ...query }),
        );
        const plan = {
          noun: 'services',
          kind: 'Service',
          apiVersion: 'v1',
          headers: serviceHeaders,
          row: (service: V1Service) => serviceRow(service, now, endpoints),
          more: 'Narrow with label_selector or field_selector (e.g. "metadata.name=checkout"), or page with limit and continue.',
        };
        return runList({ ...plan, ...scope }, args, context);
      },
    }),
  ];
}

/**
 * Ready addresses per service in the namespace. Best effort: without RBAC on endpoints the
 * list still works, it just cannot flag services with nobody behind them.
 */
export async function endpointCounts(
  apis: KubeApis,
  namespace: string,
  signal?: AbortSignal,
): Promise<EndpointCounts | undefined> {
  const items: V1Endpoints[] = [];
  const fetch = kubeFetcher(apis, { resource: 'endpoints', namespace }, (query) =>
    apis.core.listNamespacedEndpoints({ namespace, ...query }),
  );
  try {
    await forEachObject([fetch], {}, (item) => items.push(item), signal ? { signal } : {});
  } catch {
    return undefined;
  }
  return countEndpoints(items);
}

import type { V1Namespace } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { namespaceHeaders, namespaceRow } from '../format/namespaces.js';
import { type FetchPage, kubeFetcher, runList } from '../list-all.js';
import { listAnnotations } from './namespaces-scope.js';

export function namespaceTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_namespaces',
      description: 'Start here: which namespaces exist.',
      input: listArgs,
      annotations: listAnnotations('List namespaces'),
      async handler(args, context) {
        const apis = await deps.kube.forContext(args.context);
        const now = deps.now();
        const allowed = deps.config.allowedNamespaces;
        const listAll = kubeFetcher(apis, { resource: 'namespaces' }, (query) =>
          apis.core.listNamespace(query),
        );
        // Under an allow-list, only the allowed namespaces are visible: the others do not exist for this server.
        const fetch: FetchPage<V1Namespace> =
          allowed.length === 0
            ? listAll
            : async (query) => {
                const page = await listAll(query);
                return {
                  ...page,
                  items: page.items.filter((item) => allowed.includes(item.metadata?.name ?? '')),
                };
              };
        const plan = {
          noun: 'namespaces',
          kind: 'Namespace',
          apiVersion: 'v1',
          scope: allowed.length === 0 ? 'the cluster' : `the allow-list (${allowed.join(', ')})`,
          headers: namespaceHeaders,
          withNamespace: false,
          fetchers: [fetch],
          row: (namespace: V1Namespace) => namespaceRow(namespace, now),
          more: 'Narrow with label_selector, or page with limit and continue.',
        };
        return runList(plan, args, context);
      },
    }),
  ];
}

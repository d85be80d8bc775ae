import type { V1Pod } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { type PodLike, podHeaders, podRow } from '../format/pods.js';
import { runList } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { acrossNamespaces, inNamespace, listAnnotations } from './namespaces-scope.js';

/** The pod LIST tools; get_pod_details lives in pod-details.ts. */
export function podListTools(deps: K8sToolDeps) {
  const plan = () => {
    const now = deps.now();
    return {
      noun: 'pods',
      kind: 'Pod',
      apiVersion: 'v1',
      headers: podHeaders,
      row: (pod: PodLike) => podRow(pod, now),
    };
  };
  return [
    defineTool({
      name: 'list_pods_from_namespace',
      description: 'kubectl STATUS per pod; failing pods first.',
      input: { namespace: namespaceArg, ...listArgs },
      annotations: listAnnotations('List pods in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        // Raw pages only: never loads the SDK's generated clients (most of its memory).
        const apis = await deps.kube.rawForContext(args.context);
        const scope = inNamespace(apis, 'pods', args.namespace, (namespace, query, onItem) =>
          apis.rawList<V1Pod>(podsPath(namespace), query, onItem),
        );
        const more =
          'Narrow with label_selector or field_selector (e.g. "status.phase!=Running"), or page with limit and continue.';
        return runList({ ...plan(), ...scope, more }, args, context);
      },
    }),
    defineTool({
      name: 'list_pods_all_namespaces',
      description: 'Find failing pods cluster-wide; problems first, summarised.',
      input: listArgs,
      annotations: listAnnotations('List pods in all namespaces'),
      async handler(args, context) {
        // Raw pages only: never loads the SDK's generated clients (most of its memory).
        const apis = await deps.kube.rawForContext(args.context);
        const scope = acrossNamespaces(
          apis,
          deps.config,
          'pods',
          (query, onItem) => apis.rawList<V1Pod>('/api/v1/pods', query, onItem),
          (namespace, query, onItem) => apis.rawList<V1Pod>(podsPath(namespace), query, onItem),
        );
        const more =
          'Call list_pods_from_namespace for one namespace, narrow with label_selector or field_selector (e.g. "status.phase=Pending"), or page with limit and continue.';
        return runList({ ...plan(), ...scope, more }, args, context);
      },
    }),
  ];
}

function podsPath(namespace: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
}

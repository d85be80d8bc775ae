import type { V1Deployment } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { deploymentHeaders, deploymentRow } from '../format/deployments.js';
import type { Wire } from '../kube-client.js';
import { runList } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { acrossNamespaces, inNamespace, listAnnotations } from './namespaces-scope.js';

/** The deployment LIST tools; get_deployment_details is another file's. */
export function deploymentListTools(deps: K8sToolDeps) {
  const plan = () => {
    const now = deps.now();
    return {
      noun: 'deployments',
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      headers: deploymentHeaders,
      row: (deployment: Wire<V1Deployment>) => deploymentRow(deployment, now),
    };
  };
  return [
    defineTool({
      name: 'list_deployments_from_namespace',
      description: 'Deployments short of replicas or stuck come first.',
      input: { namespace: namespaceArg, ...listArgs },
      annotations: listAnnotations('List deployments in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        // Raw pages only, as the pod lists: never loads the SDK's generated clients (most of its memory).
        const apis = await deps.kube.rawForContext(args.context);
        const scope = inNamespace(apis, 'deployments', args.namespace, (namespace, query, onItem) =>
          apis.rawList<V1Deployment>(deploymentsPath(namespace), query, onItem),
        );
        const more = 'Narrow with label_selector, or page with limit and continue.';
        return runList({ ...plan(), ...scope, more }, args, context);
      },
    }),
    defineTool({
      name: 'list_deployments_all_namespaces',
      description: 'Every (allowed) namespace; unhealthy deployments first.',
      input: listArgs,
      annotations: listAnnotations('List deployments in all namespaces'),
      async handler(args, context) {
        // Raw pages only, as the pod lists: never loads the SDK's generated clients (most of its memory).
        const apis = await deps.kube.rawForContext(args.context);
        const scope = acrossNamespaces(
          apis,
          deps.config,
          'deployments',
          (query, onItem) => apis.rawList<V1Deployment>('/apis/apps/v1/deployments', query, onItem),
          (namespace, query, onItem) => apis.rawList<V1Deployment>(deploymentsPath(namespace), query, onItem),
        );
        const more =
          'Call list_deployments_from_namespace for one namespace, narrow with label_selector, or page with limit and continue.';
        return runList({ ...plan(), ...scope, more }, args, context);
      },
    }),
  ];
}

function deploymentsPath(namespace: string): string {
  return `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments`;
}

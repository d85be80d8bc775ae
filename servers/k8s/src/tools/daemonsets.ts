import type { V1DaemonSet } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { daemonSetHeaders, daemonSetRow } from '../format/daemonsets.js';
import { runList } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { inNamespace, listAnnotations } from './namespaces-scope.js';

export function daemonSetListTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_daemonsets_from_namespace',
      description: 'Daemonsets missing pods on some nodes come first.',
      input: { namespace: namespaceArg, ...listArgs },
      annotations: listAnnotations('List daemonsets in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const now = deps.now();
        const scope = inNamespace(apis, 'daemonsets', args.namespace, (namespace, query) =>
          apis.apps.listNamespacedDaemonSet({ namespace, ...query }),
        );
        const plan = {
          noun: 'daemonsets',
          kind: 'DaemonSet',
          apiVersion: 'apps/v1',
          headers: daemonSetHeaders,
          row: (daemonSet: V1DaemonSet) => daemonSetRow(daemonSet, now),
          more: 'Narrow with label_selector, or page with limit and continue.',
        };
        return runList({ ...plan, ...scope }, args, context);
      },
    }),
  ];
}

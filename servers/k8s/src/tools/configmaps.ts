import type { V1ConfigMap } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { configMapHeaders, configMapRow } from '../format/configmaps.js';
import { runList } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { inNamespace, listAnnotations } from './namespaces-scope.js';

export function configMapListTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_configmaps_from_namespace',
      description: 'Configmaps with their key names.',
      input: { namespace: namespaceArg, ...listArgs },
      annotations: listAnnotations('List configmaps in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const now = deps.now();
        const scope = inNamespace(apis, 'configmaps', args.namespace, (namespace, query) =>
          apis.core.listNamespacedConfigMap({ namespace, ...query }),
        );
        const plan = {
          noun: 'configmaps',
          kind: 'ConfigMap',
          apiVersion: 'v1',
          headers: configMapHeaders,
          row: (configMap: V1ConfigMap) => configMapRow(configMap, now),
          more: 'Narrow with label_selector or field_selector (e.g. "metadata.name=app-config"), or page with limit and continue.',
        };
        return runList({ ...plan, ...scope }, args, context);
      },
    }),
  ];
}

import type { V1Secret } from '@kubernetes/client-node';
import { defineTool } from '@sre-agent/shared';
import { listArgs, namespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { secretHeaders, secretRow } from '../format/secrets.js';
import { runList } from '../list-all.js';
import { assertNamespaceAllowed } from '../namespaces-guard.js';
import { inNamespace, listAnnotations } from './namespaces-scope.js';

export function secretListTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_secrets_from_namespace',
      description: 'Types, key names and sizes; never values.',
      input: { namespace: namespaceArg, ...listArgs },
      annotations: listAnnotations('List secrets in a namespace'),
      async handler(args, context) {
        assertNamespaceAllowed(deps.config, args.namespace);
        const apis = await deps.kube.forContext(args.context);
        const now = deps.now();
        const scope = inNamespace(apis, 'secrets', args.namespace, (namespace, query) =>
          apis.core.listNamespacedSecret({ namespace, ...query }),
        );
        const plan = {
          noun: 'secrets',
          kind: 'Secret',
          apiVersion: 'v1',
          headers: secretHeaders,
          // runList's JSON path redacts every object; the text row never reads a value.
          row: (secret: V1Secret) => secretRow(secret, now),
          more: 'Narrow with label_selector or field_selector (e.g. "type=kubernetes.io/tls"), or page with limit and continue.',
        };
        return runList({ ...plan, ...scope }, args, context);
      },
    }),
  ];
}

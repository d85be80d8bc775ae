import type { V1Namespace } from '@kubernetes/client-node';
import { defineTool, formatAge, renderTable } from '@sre-agent/shared';
import { contextArg, outputArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { toKubeToolError } from '../kube-errors.js';

export function namespaceTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_namespaces',
      description:
        'List namespaces with their phase and age. Start here to learn which namespaces exist before asking about workloads.',
      input: { output: outputArg, context: contextArg },
      annotations: {
        title: 'List namespaces',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler({ output, context }) {
        const apis = await deps.kube.forContext(context);
        const allowed = deps.config.allowedNamespaces;
        const list = await apis.core.listNamespace().catch((error: unknown) => {
          throw toKubeToolError(error, { verb: 'list', resource: 'namespaces' }, apis);
        });
        const items = list.items.filter(
          (item) => allowed.length === 0 || allowed.includes(item.metadata?.name ?? ''),
        );
        if (output === 'json') return { json: items };
        return { text: formatNamespaces(items, deps.now()) };
      },
    }),
  ];
}

export function formatNamespaces(items: readonly V1Namespace[], now: Date): string {
  if (items.length === 0) return 'No namespaces visible.';
  const rows = items.map((item) => [
    item.metadata?.name ?? '?',
    item.status?.phase ?? 'Unknown',
    formatAge(item.metadata?.creationTimestamp, now),
  ]);
  return `${items.length} namespace(s)\n${renderTable(['NAME', 'STATUS', 'AGE'], rows)}`;
}

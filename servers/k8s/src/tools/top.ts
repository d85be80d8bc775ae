import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { contextArg, optionalNamespaceArg } from '../args.js';
import type { K8sToolDeps } from '../deps.js';
import { formatNodeTop, formatPodTop } from '../format/top.js';
import { assertNamespaceAllowed, namespaceScope } from '../namespaces-guard.js';
import { readNodeTop, readPodTop } from '../top/read-usage.js';

export function topTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'get_top',
      description:
        'kubectl top for pods or nodes, with requests and limits. Finds what is hot or near its limit.',
      input: {
        kind: z.enum(['pods', 'nodes']).default('pods').describe('What to measure'),
        namespace: optionalNamespaceArg,
        sort_by: z.enum(['cpu', 'memory']).default('cpu').describe('Sort order'),
        limit: z.number().int().min(1).max(200).default(20).describe('Rows shown'),
        context: contextArg,
      },
      annotations: {
        title: 'Resource usage (top)',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      async handler(args, toolContext) {
        const apis = await deps.kube.forContext(args.context);
        if (args.kind === 'nodes') {
          return {
            text: formatNodeTop(await readNodeTop(apis, toolContext.signal), args.sort_by, args.limit),
          };
        }
        if (args.namespace !== undefined) assertNamespaceAllowed(deps.config, args.namespace);
        const scope = args.namespace === undefined ? namespaceScope(deps.config) : [args.namespace];
        const rows = await readPodTop(apis, scope, toolContext.signal);
        const where = args.namespace
          ? `namespace ${args.namespace}`
          : scope === 'all'
            ? 'all namespaces'
            : scope.join(', ');
        return { text: formatPodTop(rows, args.sort_by, args.limit, `${where} (context ${apis.context})`) };
      },
    }),
  ];
}

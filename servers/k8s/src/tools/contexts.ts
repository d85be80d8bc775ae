import { defineTool } from '@sre-agent/shared';
import type { K8sToolDeps } from '../deps.js';
import { formatContexts } from '../format/contexts.js';
import { listAnnotations } from './namespaces-scope.js';

export function contextTools(deps: K8sToolDeps) {
  return [
    defineTool({
      name: 'list_contexts',
      description: 'Clusters (kubeconfig contexts) and which one is the default.',
      input: {},
      annotations: { ...listAnnotations('List kubeconfig contexts'), openWorldHint: false },
      async handler() {
        const contexts = await deps.kube.contexts();
        return { text: formatContexts(contexts, deps.config.defaultContext) };
      },
    }),
  ];
}

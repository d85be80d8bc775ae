import type { AnyTool } from '@sre-agent/shared';
import { namespaceArg } from './args.js';
import type { KubeClientProvider } from './kube-client.js';

/**
 * Fills an omitted `namespace` with the namespace of the call's context (kubeconfig
 * `contexts[].context.namespace`, in a pod the service account's), else "default", as kubectl
 * does. The one place the default is applied; the tool's own SRE_NAMESPACES check then sees the
 * resolved name, and its confirmation and audit texts name it. Tools without `namespaceArg`
 * (where no namespace means every namespace) pass through unchanged.
 */
export function withContextNamespace(tool: AnyTool, kube: Pick<KubeClientProvider, 'namespaceOf'>): AnyTool {
  if (tool.input.namespace !== namespaceArg) return tool;
  return {
    ...tool,
    async handler(args, toolContext) {
      if (args.namespace !== undefined) return tool.handler(args, toolContext);
      const context = typeof args.context === 'string' ? args.context : undefined;
      return tool.handler({ ...args, namespace: await kube.namespaceOf(context) }, toolContext);
    },
  };
}

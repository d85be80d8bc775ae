import { renderTable } from '@sre-agent/shared';
import type { KubeContextInfo } from '../kube-client.js';
import { plural } from './summary.js';

/**
 * `kubectl config get-contexts`, plus each cluster's server URL and which context a call
 * without `context` uses. Never the users: their names often say whose credentials they are.
 */
export function formatContexts(
  contexts: readonly KubeContextInfo[],
  kubeContextEnv: string | undefined,
): string {
  const rows = contexts.map((context) => [
    context.current ? '*' : '',
    context.name,
    context.cluster,
    context.server,
    context.namespace ?? '',
  ]);
  const used = contexts.find((context) => context.default);
  const lines = [
    `${plural(contexts.length, 'contexts')} in the kubeconfig (* = current-context).`,
    used
      ? `Calls without \`context\` use "${used.name}" (${kubeContextEnv ? 'KUBE_CONTEXT' : 'current-context'}).`
      : `KUBE_CONTEXT names "${kubeContextEnv}", which is not in the kubeconfig: pass \`context\` on every call, or fix KUBE_CONTEXT.`,
    renderTable(['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'NAMESPACE'], rows),
  ];
  return lines.join('\n');
}

import { ToolError } from '@sre-agent/shared';
import type { K8sConfig } from './config.js';

/** Refuses namespaces outside SRE_NAMESPACES before any request is made. */
export function assertNamespaceAllowed(
  config: Pick<K8sConfig, 'allowedNamespaces'>,
  namespace: string,
): void {
  const allowed = config.allowedNamespaces;
  if (allowed.length === 0 || allowed.includes(namespace)) return;
  throw new ToolError(
    `Namespace "${namespace}" is outside this server's allow-list (SRE_NAMESPACES).`,
    `Allowed namespaces: ${allowed.join(', ')}.`,
  );
}

/** The namespaces an all-namespaces tool should visit: every one, or just the allowed ones. */
export function namespaceScope(config: Pick<K8sConfig, 'allowedNamespaces'>): 'all' | string[] {
  return config.allowedNamespaces.length === 0 ? 'all' : config.allowedNamespaces;
}

import type { AnyTool } from '@sre-agent/shared';
import type { K8sToolDeps } from './deps.js';
import { namespaceTools } from './tools/namespaces.js';

/** Every Kubernetes tool, listed explicitly: this file is the server's table of contents. */
export function k8sTools(deps: K8sToolDeps): AnyTool[] {
  return [...namespaceTools(deps)] as AnyTool[];
}

import type { AnyTool } from '@sre-agent/shared';
import { acrossContexts } from './across-contexts.js';
import { withContextNamespace } from './context-namespace.js';
import type { K8sToolDeps } from './deps.js';
import { allResourcesTools } from './tools/all-resources.js';
import { configMapListTools } from './tools/configmaps.js';
import { contextTools } from './tools/contexts.js';
import { daemonSetListTools } from './tools/daemonsets.js';
import { deploymentDetailsTools } from './tools/deployment-details.js';
import { deploymentListTools } from './tools/deployments.js';
import { diagnoseTools } from './tools/diagnose.js';
import { eventTools } from './tools/events.js';
import { genericTools } from './tools/generic.js';
import { healthTools } from './tools/health.js';
import { logTools } from './tools/logs.js';
import { namespaceTools } from './tools/namespaces.js';
import { podDetailsTools } from './tools/pod-details.js';
import { podListTools } from './tools/pods.js';
import { rolloutWriteTools } from './tools/rollout-writes.js';
import { rolloutReadTools } from './tools/rollouts.js';
import { scaleTools } from './tools/scale.js';
import { searchLogTools } from './tools/search-logs.js';
import { secretListTools } from './tools/secrets.js';
import { serviceListTools } from './tools/services.js';
import { topTools } from './tools/top.js';

/** The groups a client can choose from (SRE_K8S_TOOLSETS); `core` holds the seed's tools. */
export const k8sToolsetNames = ['core', 'diagnose', 'rollout', 'generic'] as const;
export type K8sToolsetName = (typeof k8sToolsetNames)[number];

/** Every Kubernetes tool, listed explicitly by toolset: this is the server's table of contents. */
const toolsets: Record<K8sToolsetName, (deps: K8sToolDeps) => AnyTool[]> = {
  core: (deps) =>
    [
      ...contextTools(deps),
      ...namespaceTools(deps),
      ...deploymentListTools(deps),
      ...podListTools(deps),
      ...serviceListTools(deps),
      ...secretListTools(deps),
      ...daemonSetListTools(deps),
      ...configMapListTools(deps),
      ...allResourcesTools(deps),
      ...deploymentDetailsTools(deps),
      ...podDetailsTools(deps),
      ...logTools(deps),
      ...eventTools(deps),
      ...healthTools(deps),
      ...scaleTools(deps),
    ] as AnyTool[],
  diagnose: (deps) => [...diagnoseTools(deps), ...searchLogTools(deps), ...topTools(deps)] as AnyTool[],
  rollout: (deps) => [...rolloutReadTools(deps), ...rolloutWriteTools(deps)] as AnyTool[],
  generic: (deps) => [...genericTools(deps)] as AnyTool[],
};

/** Tools that answer for several clusters at once when given `contexts` (fan-out, per-cluster time limit). */
const multiCluster = new Set([
  'list_namespaces',
  'list_pods_all_namespaces',
  'list_deployments_all_namespaces',
  'get_events_all_namespaces',
  'diagnose_cluster',
  'list_resources',
]);

export function k8sTools(deps: K8sToolDeps, enabled: readonly K8sToolsetName[] = k8sToolsetNames): AnyTool[] {
  return (
    enabled
      .flatMap((name) => toolsets[name](deps))
      .map((tool) => withContextNamespace(tool, deps.kube))
      // Outside the namespace step, so each cluster's call resolves its own context's namespace.
      .map((tool) => (multiCluster.has(tool.name) ? acrossContexts(tool, deps.kube) : tool))
  );
}

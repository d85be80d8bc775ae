import type { K8sConfig } from './config.js';
import type { KubeClientProvider } from './kube-client.js';

/** What every Kubernetes tool needs; narrow, so tests can pass their own clock. */
export interface K8sToolDeps {
  kube: KubeClientProvider;
  config: K8sConfig;
  now: () => Date;
}

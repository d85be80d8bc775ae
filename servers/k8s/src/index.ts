export type { K8sConfig } from './config.js';
export { k8sEnvSchema, parseK8sConfig } from './config.js';
export type { K8sToolDeps } from './deps.js';
export type { KubeApis, KubeClientProvider } from './kube-client.js';
export { createKubeClientProvider } from './kube-client.js';
export type { K8sServerOptions } from './server.js';
export { createK8sServer, serverName, serverVersion } from './server.js';
export { k8sTools } from './toolsets.js';
export { createKubeUpstreamCheck } from './upstream-check.js';

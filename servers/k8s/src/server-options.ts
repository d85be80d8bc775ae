import { cacheUpstreamCheck, type RunServerOptions } from '@sre-agent/shared';
import { parseK8sConfig } from './config.js';
import { createKubeClientProvider } from './kube-client.js';
import { createK8sServer, serverName, serverVersion } from './server.js';
import { createKubeUpstreamCheck } from './upstream-check.js';

/** Everything `runServer` needs to run this server (the stdio front aside). */
export const k8sServerOptions: RunServerOptions = {
  name: serverName,
  version: serverVersion,
  description: 'MCP server for Kubernetes: workloads, logs, events, health and gated scaling',
  setup({ config, logger, env }) {
    const k8sConfig = parseK8sConfig(env);
    // One lazily loaded client for every session: creating it must not delay `initialize`.
    const deps = { kube: createKubeClientProvider(k8sConfig), config: k8sConfig, now: () => new Date() };
    // One cached check for every session and /healthz: health polls must not each hit the API server.
    const upstream = cacheUpstreamCheck(createKubeUpstreamCheck({ config: k8sConfig, kube: deps.kube, env }));
    return { createServer: () => createK8sServer({ deps, config, logger, upstream }), upstream };
  },
};

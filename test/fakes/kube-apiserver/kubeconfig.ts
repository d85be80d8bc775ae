/** Writes a kubeconfig that `KubeConfig.loadFromFile` accepts for the fake's plain-HTTP URL. */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type KubeconfigContext = {
  name: string;
  /** Default namespace of the context; omitted when unset, like a fresh kubeconfig. */
  namespace?: string;
  /** Bearer token for this context's user. */
  token?: string;
  /** API server URL; default this fake's. Point it at a closed port to simulate an unreachable cluster. */
  server?: string;
};

export type KubeconfigOptions = {
  /** Current context (and file) name; default `fake`. */
  contextName?: string;
  namespace?: string;
  /** Bearer token for the user entry; defaults to the server's token, if it has one. */
  token?: string;
  /** More contexts in the same file, each with its own cluster and user entry. */
  extraContexts?: KubeconfigContext[];
};

const entries = (ctx: KubeconfigContext, server: string) => ({
  cluster: [
    `- name: ${ctx.name}-cluster`,
    '  cluster:',
    `    server: ${ctx.server ?? server}`,
    // client-node 1.x+ refuses http:// servers unless the cluster entry skips TLS verification.
    '    insecure-skip-tls-verify: true',
  ],
  user: [
    `- name: ${ctx.name}-user`,
    ...(ctx.token ? ['  user:', `    token: ${JSON.stringify(ctx.token)}`] : ['  user: {}']),
  ],
  context: [
    `- name: ${ctx.name}`,
    '  context:',
    `    cluster: ${ctx.name}-cluster`,
    `    user: ${ctx.name}-user`,
    ...(ctx.namespace ? [`    namespace: ${ctx.namespace}`] : []),
  ],
});

export const kubeconfigYaml = (server: string, opts: KubeconfigOptions): string => {
  const current: KubeconfigContext = {
    name: opts.contextName ?? 'fake',
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
    ...(opts.token ? { token: opts.token } : {}),
  };
  const all = [current, ...(opts.extraContexts ?? [])].map((ctx) => entries(ctx, server));
  return [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    ...all.flatMap((e) => e.cluster),
    'users:',
    ...all.flatMap((e) => e.user),
    'contexts:',
    ...all.flatMap((e) => e.context),
    `current-context: ${current.name}`,
    '',
  ].join('\n');
};

export const writeKubeconfigFile = (dir: string, server: string, opts: KubeconfigOptions): string => {
  const path = join(dir, `kubeconfig-${opts.contextName ?? 'fake'}.yaml`);
  writeFileSync(path, kubeconfigYaml(server, opts), { mode: 0o600 });
  return path;
};

/** Writes a kubeconfig that `KubeConfig.loadFromFile` accepts for the fake's plain-HTTP URL. */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type KubeconfigOptions = {
  /** Context (and file) name; default `fake`. */
  contextName?: string;
  /** Default namespace of the context; omitted when unset, like a fresh kubeconfig. */
  namespace?: string;
  /** Bearer token for the user entry; defaults to the server's token, if it has one. */
  token?: string;
};

export const kubeconfigYaml = (server: string, opts: KubeconfigOptions): string => {
  const context = opts.contextName ?? 'fake';
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    `- name: ${context}-cluster`,
    '  cluster:',
    `    server: ${server}`,
    // client-node 1.x+ refuses http:// servers unless the cluster entry skips TLS verification.
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${context}-user`,
    opts.token ? '  user:' : '  user: {}',
    ...(opts.token ? [`    token: ${JSON.stringify(opts.token)}`] : []),
    'contexts:',
    `- name: ${context}`,
    '  context:',
    `    cluster: ${context}-cluster`,
    `    user: ${context}-user`,
    ...(opts.namespace ? [`    namespace: ${opts.namespace}`] : []),
    `current-context: ${context}`,
    '',
  ];
  return lines.join('\n');
};

export const writeKubeconfigFile = (dir: string, server: string, opts: KubeconfigOptions): string => {
  const path = join(dir, `kubeconfig-${opts.contextName ?? 'fake'}.yaml`);
  writeFileSync(path, kubeconfigYaml(server, opts), { mode: 0o600 });
  return path;
};

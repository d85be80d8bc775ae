import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isToolError, truncateCodePoints, type UpstreamCheck } from '@sre-agent/shared';
import type { K8sConfig } from './config.js';
import type { KubeClientProvider } from './kube-client.js';
import { statusCode } from './kube-errors.js';

export interface KubeUpstreamOptions {
  config: Pick<K8sConfig, 'kubeconfigPath'>;
  kube: KubeClientProvider;
  env?: Record<string, string | undefined>;
  /** Where ~/.kube/config is looked for. */
  home?: string;
  /** The in-cluster service account token; its presence (with KUBERNETES_SERVICE_HOST) means in-cluster. */
  serviceAccountToken?: string;
  /** How long GET /version may take (exec credential plugins such as `aws eks get-token` are slow); past it the API server is "down". */
  timeoutMs?: number;
}

const defaultTokenPath = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Is a kubeconfig there, and does the default context's API server answer `GET /version` (readable
 * without RBAC grants on a real cluster)? Names the paths tried, the context and the server URL;
 * never a credential. Wrap it in cacheUpstreamCheck: it does I/O.
 */
export function createKubeUpstreamCheck(options: KubeUpstreamOptions): UpstreamCheck {
  return async () => {
    const missing = await missingKubeconfig(options);
    if (missing) return { configured: false, reachable: false, detail: missing };
    let apis: Awaited<ReturnType<KubeClientProvider['forContext']>>;
    try {
      apis = await options.kube.forContext();
    } catch (error) {
      return { configured: false, reachable: false, detail: firstLine(error) };
    }
    const where = `context "${apis.context}" at ${withoutUserInfo(apis.server)}`;
    try {
      const version = (await withTimeout(apis.rawGet('/version'), options.timeoutMs ?? 10_000)) as {
        gitVersion?: string;
      };
      return {
        configured: true,
        reachable: true,
        detail: `${where}: Kubernetes ${version.gitVersion ?? '(version unknown)'}`,
      };
    } catch (error) {
      return { configured: true, reachable: false, detail: `${where}: ${describeFailure(error)}` };
    }
  };
}

async function missingKubeconfig(options: KubeUpstreamOptions): Promise<string | undefined> {
  const env = options.env ?? process.env;
  const listed = options.config.kubeconfigPath?.split(delimiter).filter(Boolean) ?? [];
  if (listed.length > 0) {
    if ((await Promise.all(listed.map(exists))).some(Boolean)) return undefined;
    return `KUBECONFIG names ${listed.join(', ')}, but no such file exists; point it at a kubeconfig.`;
  }
  const homeConfig = join(options.home ?? homedir(), '.kube', 'config');
  if (await exists(homeConfig)) return undefined;
  if (env.KUBERNETES_SERVICE_HOST && (await exists(options.serviceAccountToken ?? defaultTokenPath))) {
    return undefined;
  }
  return (
    `No kubeconfig found: KUBECONFIG is unset, ${homeConfig} does not exist, and this is not a pod ` +
    'with a service account. Set KUBECONFIG to a kubeconfig file (kubectl config view shows the one in use).'
  );
}

function describeFailure(error: unknown): string {
  const code = statusCode(error);
  if (code === 401) return 'the API server rejected the credentials (401); refresh them';
  if (code !== undefined) return `the API server answered HTTP ${code} to GET /version`;
  if (error instanceof NoAnswer) return `unreachable: ${error.message}`;
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, a TLS or DNS failure) is its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${firstLine(error.cause)})` : '';
  return `unreachable: ${firstLine(error)}${cause}`;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = truncateCodePoints(text.split('\n')[0] ?? '', 300);
  return isToolError(error) && error.remedy ? `${line} ${error.remedy}` : line;
}

// A URL's user:password part is a credential; the rest names the cluster.
function withoutUserInfo(server: string): string {
  return server.replace(/^(\w+:\/\/)[^/@]*@/, '$1');
}

class NoAnswer extends Error {}

// The request itself cannot be aborted through the client; it is left to fail on its own.
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer to GET /version within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

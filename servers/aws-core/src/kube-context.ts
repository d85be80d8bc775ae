import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The cluster the current (or configured) kube context points at, as the kubeconfig says it. */
export interface KubeClusterRef {
  context: string;
  /** The kubeconfig cluster entry's name; `aws eks update-kubeconfig` sets it to the cluster ARN. */
  cluster: string;
  server: string | undefined;
  /** From an `aws eks get-token --cluster-name X --region R` (or aws-iam-authenticator) exec user. */
  execClusterName: string | undefined;
  execRegion: string | undefined;
}

export type KubeContextLookup =
  | { status: 'ok'; ref: KubeClusterRef }
  | { status: 'unavailable'; reason: string };

export interface EksClusterIdentity {
  name: string;
  region: string;
  arn: string | undefined;
  endpoint: string | undefined;
}

interface Named<T> {
  name?: string;
  [key: string]: T | string | undefined;
}
interface KubeconfigDoc {
  'current-context'?: string;
  contexts?: Named<{ cluster?: string; user?: string }>[];
  clusters?: Named<{ server?: string }>[];
  users?: Named<{ exec?: { command?: string; args?: string[] } }>[];
}

async function loadDocs(paths: string[]): Promise<KubeconfigDoc[]> {
  const { load } = await import('js-yaml');
  const docs: KubeconfigDoc[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    // A kubeconfig may be YAML or JSON; JSON is YAML, so one parser reads both.
    if (text !== undefined) docs.push((load(text) ?? {}) as KubeconfigDoc);
  }
  return docs;
}

/** Kubeconfig merging as kubectl does it: the first file to define a name wins. */
function find<T>(
  docs: KubeconfigDoc[],
  list: 'contexts' | 'clusters' | 'users',
  name: string | undefined,
): T | undefined {
  if (!name) return undefined;
  for (const doc of docs) {
    // A hand-edited kubeconfig can hold anything where a list belongs: treat it as absent.
    const entries: unknown = doc[list];
    if (!Array.isArray(entries)) continue;
    const entry = (entries as (Named<T> | null)[]).find((e) => e?.name === name);
    if (entry) return entry[list.slice(0, -1)] as T | undefined;
  }
  return undefined;
}

const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

function argAfter(args: readonly string[], flags: readonly string[]): string | undefined {
  const index = args.findIndex((a) => flags.includes(a));
  return index >= 0 ? args[index + 1] : undefined;
}

export async function readKubeContext(options: {
  kubeconfigPath: string | undefined;
  context: string | undefined;
}): Promise<KubeContextLookup> {
  const paths = options.kubeconfigPath?.split(delimiter).filter(Boolean) ?? [
    join(homedir(), '.kube', 'config'),
  ];
  let docs: KubeconfigDoc[];
  try {
    docs = await loadDocs(paths);
  } catch (error) {
    return {
      status: 'unavailable',
      reason: `could not read the kubeconfig: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  if (docs.length === 0)
    return { status: 'unavailable', reason: `no kubeconfig at ${paths.join(delimiter)}` };
  const context = options.context ?? docs.find((d) => d['current-context'])?.['current-context'];
  if (!context) return { status: 'unavailable', reason: 'the kubeconfig has no current context' };
  const entry = find<{ cluster?: string; user?: string }>(docs, 'contexts', context);
  if (typeof entry?.cluster !== 'string')
    return { status: 'unavailable', reason: `context "${context}" is not in the kubeconfig` };
  const execArgs = find<{ exec?: { args?: unknown } }>(docs, 'users', entry.user)?.exec?.args;
  const args = Array.isArray(execArgs) ? execArgs.map(String) : [];
  return {
    status: 'ok',
    ref: {
      context,
      cluster: entry.cluster,
      server: stringOrUndefined(find<{ server?: unknown }>(docs, 'clusters', entry.cluster)?.server),
      execClusterName: argAfter(args, ['--cluster-name', '--cluster-id', '-i']),
      execRegion: argAfter(args, ['--region']),
    },
  };
}

function normaliseUrl(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '').replace(/:443$/, '');
}

/** How the kube context points at this EKS cluster, or undefined when it does not. */
export function matchEksCluster(
  ref: KubeClusterRef,
  cluster: EksClusterIdentity,
): 'endpoint' | 'arn' | 'exec' | undefined {
  if (ref.server && cluster.endpoint && normaliseUrl(ref.server) === normaliseUrl(cluster.endpoint))
    return 'endpoint';
  if (cluster.arn && ref.cluster === cluster.arn) return 'arn';
  const sameRegion = ref.execRegion === undefined || ref.execRegion === cluster.region;
  if (ref.execClusterName === cluster.name && sameRegion) return 'exec';
  return undefined;
}

import type { ToolAnnotations } from '@sre-agent/shared';
import { ToolError } from '@sre-agent/shared';
import type { K8sConfig } from '../config.js';
import type { KubeRaw } from '../kube-client.js';
import { isNotFound } from '../kube-errors.js';
import { type FetchPage, type KubeListPage, kubeFetcher, type PageQuery } from '../list-all.js';
import { namespaceScope } from '../namespaces-guard.js';
import { didYouMean } from '../suggest.js';

/** Where a list reads from, and how to say so. */
export interface ListScope<T> {
  fetchers: FetchPage<T>[];
  scope: string;
  withNamespace: boolean;
  explainEmpty?: () => Promise<void>;
}

type ListInNamespace<T> = (
  namespace: string,
  query: PageQuery,
  onItem?: (item: T) => void,
) => Promise<KubeListPage<T>>;

/** One namespace (already checked against the allow-list by the caller). */
export function inNamespace<T>(
  apis: KubeRaw,
  resource: string,
  namespace: string,
  list: ListInNamespace<T>,
): ListScope<T> {
  return {
    fetchers: [kubeFetcher(apis, { resource, namespace }, (query, onItem) => list(namespace, query, onItem))],
    scope: `namespace "${namespace}"`,
    withNamespace: false,
    explainEmpty: () => assertNamespaceExists(apis, namespace),
  };
}

/** Every namespace in one request, or, under SRE_NAMESPACES, each allowed namespace in turn. */
export function acrossNamespaces<T>(
  apis: KubeRaw,
  config: Pick<K8sConfig, 'allowedNamespaces'>,
  resource: string,
  listAll: FetchPage<T>,
  list: ListInNamespace<T>,
): ListScope<T> {
  const allowed = namespaceScope(config);
  if (allowed === 'all') {
    return {
      fetchers: [kubeFetcher(apis, { resource }, listAll)],
      scope: 'all namespaces',
      withNamespace: true,
    };
  }
  return {
    fetchers: allowed.map((namespace) =>
      kubeFetcher(apis, { resource, namespace }, (query, onItem) => list(namespace, query, onItem)),
    ),
    scope: `the allowed namespaces (${allowed.join(', ')})`,
    withNamespace: true,
  };
}

/**
 * An empty list in a namespace that does not exist is a typo, not an empty namespace: say so,
 * with the closest names. When RBAC hides namespaces, stay quiet rather than guess.
 */
export async function assertNamespaceExists(apis: KubeRaw, namespace: string): Promise<void> {
  try {
    await apis.rawGet(`/api/v1/namespaces/${encodeURIComponent(namespace)}`);
    return;
  } catch (error) {
    if (!isNotFound(error)) return;
  }
  const names = await apis
    .rawGet('/api/v1/namespaces')
    .then((list) => ((list as NamespaceList).items ?? []).map((item) => item.metadata?.name ?? ''))
    .catch(() => [] as string[]);
  throw new ToolError(
    `Namespace "${namespace}" does not exist (context "${apis.context}").`,
    `${didYouMean(namespace, names)} Call list_namespaces to see them all.`.trim(),
  );
}

interface NamespaceList {
  items?: { metadata?: { name?: string } }[] | null;
}

/** Every list tool reads and never writes. */
export function listAnnotations(title: string): ToolAnnotations {
  return { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
}

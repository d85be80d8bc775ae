import type { CoreV1Event, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { ToolError } from '@sre-agent/shared';
import type { KubeApis } from '../kube-client.js';
import { isNotFound, toKubeToolError } from '../kube-errors.js';
import { didYouMean } from '../suggest.js';

/**
 * Shared by the details, logs, health and scale tools: reading one named object, and what to
 * say when it is not there (the closest names, or that the namespace itself is missing).
 */
export interface NamedRead<T> {
  apis: KubeApis;
  /** Singular, as the model would say it: "pod", "deployment". */
  kind: string;
  /** Plural RBAC resource: "pods", "deployments". */
  resource: string;
  namespace: string | undefined;
  name: string;
  /** The list tool that shows what exists, named in the remedy. */
  listTool: string;
  read(): Promise<T>;
  /** Names that do exist, for the did-you-mean. */
  listNames(): Promise<string[]>;
}

export async function readNamed<T>(request: NamedRead<T>): Promise<T> {
  try {
    return await request.read();
  } catch (error) {
    const { apis, resource, namespace, name } = request;
    if (!isNotFound(error)) throw toKubeToolError(error, { verb: 'get', resource, namespace, name }, apis);
    throw await notFound(request);
  }
}

/** One pod, or a not-found error that suggests the closest pod names. */
export function readPod(apis: KubeApis, namespace: string, name: string): Promise<V1Pod> {
  return readNamed({
    apis,
    kind: 'pod',
    resource: 'pods',
    namespace,
    name,
    listTool: 'list_pods_from_namespace',
    read: () => apis.core.readNamespacedPod({ name, namespace }),
    listNames: async () => namesOf(await apis.core.listNamespacedPod({ namespace, limit: suggestionPage })),
  });
}

/** One deployment, or a not-found error that suggests the closest deployment names. */
export function readDeployment(apis: KubeApis, namespace: string, name: string): Promise<V1Deployment> {
  return readNamed({
    apis,
    kind: 'deployment',
    resource: 'deployments',
    namespace,
    name,
    listTool: 'list_deployments_from_namespace',
    read: () => apis.apps.readNamespacedDeployment({ name, namespace }),
    listNames: async () =>
      namesOf(await apis.apps.listNamespacedDeployment({ namespace, limit: suggestionPage })),
  });
}

async function notFound<T>(request: NamedRead<T>): Promise<ToolError> {
  const { apis, kind, namespace, name } = request;
  const names = await request.listNames().catch(() => []);
  const where = namespace ? ` in namespace "${namespace}"` : '';
  const cause = `${capitalise(kind)} "${name}" not found${where} (context "${apis.context}").`;
  if (names.length === 0 && namespace) {
    const missing = await missingNamespace(apis, namespace);
    if (missing) return missing;
  }
  const hint = didYouMean(name, names);
  const listing = names.length === 0 ? `There are no ${kind}s${where}.` : '';
  return new ToolError(
    cause,
    [hint, listing, `Call ${request.listTool} to see what exists.`].filter(Boolean).join(' '),
  );
}

/** A ToolError when the namespace does not exist (with a did-you-mean), else undefined. */
export async function missingNamespace(apis: KubeApis, namespace: string): Promise<ToolError | undefined> {
  if (await namespaceExists(apis, namespace)) return undefined;
  const namespaces = await listNamespaceNames(apis);
  return new ToolError(
    `Namespace "${namespace}" does not exist (context "${apis.context}").`,
    `${didYouMean(namespace, namespaces)} Call list_namespaces to see them all.`.trim(),
  );
}

async function namespaceExists(apis: KubeApis, namespace: string): Promise<boolean> {
  try {
    await apis.core.readNamespace({ name: namespace });
    return true;
  } catch (error) {
    // A 403 on namespaces says nothing about existence; assume it exists.
    return !isNotFound(error);
  }
}

async function listNamespaceNames(apis: KubeApis): Promise<string[]> {
  try {
    const list = await apis.core.listNamespace({ limit: 1000 });
    return list.items.map((item) => item.metadata?.name ?? '').filter(Boolean);
  } catch {
    return [];
  }
}

/** Names from one page of a list call; enough for a did-you-mean. */
export function namesOf(list: { items: { metadata?: { name?: string } | undefined }[] }): string[] {
  return list.items.map((item) => item.metadata?.name ?? '').filter(Boolean);
}

export const suggestionPage = 1_000;

/**
 * The events of one object. Optional to the caller: when events cannot be read (RBAC), the
 * details are still worth returning, with a note saying why the events are missing.
 */
export async function eventsAbout(
  apis: KubeApis,
  namespace: string,
  name: string,
): Promise<{ events: CoreV1Event[]; note?: string }> {
  try {
    const list = await apis.core.listNamespacedEvent({
      namespace,
      fieldSelector: `involvedObject.name=${name},involvedObject.namespace=${namespace}`,
      limit: 500,
    });
    return { events: list.items };
  } catch (error) {
    const reason = toKubeToolError(error, { verb: 'list', resource: 'events', namespace }, apis);
    return { events: [], note: `Events unavailable: ${reason.message}` };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Objects from typed lists carry no kind; JSON output names it so a mixed list stays readable. */
export function typed<T extends object>(
  item: T,
  kind: string,
  apiVersion: string,
): T & { kind: string; apiVersion: string } {
  return { apiVersion, kind, ...item } as T & { kind: string; apiVersion: string };
}

import { mapLimit, ToolError } from '@sre-agent/shared';
import type { KubeApis } from './kube-client.js';
import { toKubeToolError } from './kube-errors.js';
import { closestNames } from './suggest.js';

/** One kind the API serves, as discovery describes it (subresources left out). */
export interface ApiResource {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The URL segment and RBAC resource: `certificates`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
}

export interface Discovery {
  /** Every served kind, core group first, then groups in the server's priority order. */
  resources: ApiResource[];
  /** Groups whose discovery failed (an aggregated API that is down), named in answers. */
  failedGroups: string[];
  fetchedAt: number;
}

/** Long enough to spare the API server, short enough that a new CRD shows up in a few minutes. */
export const discoveryTtlMs = 5 * 60_000;
/** On a miss, discovery older than this is read again once: the kind may be a CRD just installed. */
const refreshOnMissMs = 30_000;

const cache = new WeakMap<KubeApis, Promise<Discovery>>();

/**
 * Discovery for one context, cached on its clients (so a changed kubeconfig context starts afresh).
 * Legacy discovery: /api/v1, /apis, then each group's preferred version, eight at a time.
 */
export async function discover(apis: KubeApis, now = Date.now()): Promise<Discovery> {
  const cached = cache.get(apis);
  if (cached) {
    const value = await cached.catch(() => undefined);
    if (value && now - value.fetchedAt < discoveryTtlMs) return value;
  }
  const fresh = readDiscovery(apis, now);
  cache.set(apis, fresh);
  fresh.catch(() => cache.delete(apis));
  return fresh;
}

async function readDiscovery(apis: KubeApis, now: number): Promise<Discovery> {
  const get = (path: string) =>
    apis.rawGet(path).catch((error: unknown) => {
      throw toKubeToolError(error, { verb: 'get', resource: `discovery ${path}` }, apis);
    });
  const [core, groupList] = await Promise.all([get('/api/v1'), get('/apis')]);
  const groups = ((groupList as { groups?: GroupDoc[] }).groups ?? []).filter(
    (group) => group.preferredVersion,
  );
  const failedGroups: string[] = [];
  const lists = await mapLimit(groups, 8, async (group) => {
    const groupVersion = group.preferredVersion?.groupVersion ?? '';
    try {
      return await get(`/apis/${groupVersion}`);
    } catch {
      failedGroups.push(group.name);
      return undefined;
    }
  });
  const resources = [core, ...lists].flatMap((list) => (list ? resourcesOf(list as ResourceListDoc) : []));
  return { resources, failedGroups, fetchedAt: now };
}

interface GroupDoc {
  name: string;
  preferredVersion?: { groupVersion: string; version: string };
}

interface ResourceListDoc {
  groupVersion: string;
  resources?: {
    name: string;
    singularName?: string;
    namespaced: boolean;
    kind: string;
    verbs?: string[];
    shortNames?: string[];
  }[];
}

function resourcesOf(list: ResourceListDoc): ApiResource[] {
  const [group, version] = list.groupVersion.includes('/')
    ? (list.groupVersion.split('/') as [string, string])
    : ['', list.groupVersion];
  return (list.resources ?? [])
    .filter((resource) => !resource.name.includes('/'))
    .map((resource) => ({
      group,
      version,
      kind: resource.kind,
      plural: resource.name,
      singular: resource.singularName || resource.kind.toLowerCase(),
      namespaced: resource.namespaced,
      shortNames: resource.shortNames ?? [],
      verbs: resource.verbs ?? [],
    }));
}

/**
 * The kind a model named: `Certificate`, `certificates`, `cert`, `certificates.cert-manager.io`,
 * `cert-manager.io/v1/Certificate` or `v1/Pod`, in any case. The core group wins a tie, as in kubectl
 * (`events` is v1 Event, not events.k8s.io). A miss names the closest served kinds.
 */
export async function resolveKind(apis: KubeApis, name: string, now = Date.now()): Promise<ApiResource> {
  let discovery = await discover(apis, now);
  let found = matchKind(discovery.resources, name);
  // A miss is worth one fresh read when the kind may be a CRD installed since, or when a group's
  // discovery failed last time (an aggregated API that was restarting).
  if (!found && (now - discovery.fetchedAt > refreshOnMissMs || discovery.failedGroups.length > 0)) {
    cache.delete(apis);
    discovery = await discover(apis, now);
    found = matchKind(discovery.resources, name);
  }
  found ??= await nonPreferredVersion(apis, name);
  if (found) return found;
  const names = [
    ...new Set(discovery.resources.flatMap((resource) => [resource.kind, ...resource.shortNames])),
  ];
  const close = closestNames(name.split('/').at(-1)?.split('.')[0] ?? name, names);
  const down = discovery.failedGroups.length
    ? ` Discovery failed for ${discovery.failedGroups.join(', ')}, so their kinds are unknown right now.`
    : '';
  throw new ToolError(
    `The cluster (context "${apis.context}") serves no kind "${name}".${down}`,
    `${close.length > 0 ? `Did you mean ${close.map((item) => `"${item}"`).join(' or ')}? ` : ''}Pass a kind, plural or short name (as in kubectl api-resources), or group/version/kind.`,
  );
}

/** `autoscaling/v1/HorizontalPodAutoscaler`: a version discovery did not prefer, asked for by name. */
async function nonPreferredVersion(apis: KubeApis, name: string): Promise<ApiResource | undefined> {
  const parts = name.trim().toLowerCase().split('/');
  if (parts.length !== 3 || !parts[0] || !/^v\d+((alpha|beta)\d+)?$/.test(parts[1] ?? '')) return undefined;
  const list = await apis.rawGet(`/apis/${parts[0]}/${parts[1]}`).catch(() => undefined);
  return list ? matchKind(resourcesOf(list as ResourceListDoc), name) : undefined;
}

export function matchKind(resources: readonly ApiResource[], name: string): ApiResource | undefined {
  const wanted = name.trim().toLowerCase();
  const parts = wanted.split('/');
  if (parts.length === 3 || parts.length === 2) {
    const [group, version, kind] = parts.length === 3 ? parts : ['', parts[0], parts[1]];
    return resources.find(
      (resource) =>
        resource.group === group && resource.version === version && namesOf(resource).includes(kind ?? ''),
    );
  }
  const exact = resources.find((resource) => namesOf(resource).includes(wanted));
  if (exact) return exact;
  // `deployments.apps`, `certificates.cert-manager.io`, `deploy.apps`: kubectl's resource.group form.
  const dot = wanted.indexOf('.');
  if (dot <= 0) return undefined;
  const [short, group] = [wanted.slice(0, dot), wanted.slice(dot + 1)];
  return resources.find((resource) => resource.group === group && namesOf(resource).includes(short));
}

function namesOf(resource: ApiResource): string[] {
  return [resource.kind.toLowerCase(), resource.plural, resource.singular, ...resource.shortNames];
}

/** `cert-manager.io/v1` or `v1`. */
export function apiVersionOf(resource: Pick<ApiResource, 'group' | 'version'>): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** The collection path: `/apis/cert-manager.io/v1/namespaces/payments/certificates`. */
export function collectionPath(resource: ApiResource, namespace?: string): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${resource.plural}`;
}

/** `certificates.cert-manager.io` or `pods`: how RBAC and kubectl name a resource. */
export function qualifiedName(resource: ApiResource): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
}

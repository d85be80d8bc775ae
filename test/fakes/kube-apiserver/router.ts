/** Maps a request to discovery or to a resource verb, and runs it against the store. */

import { apiGroup, apiGroupList, apiResourceList, apiVersions, VERSION_INFO } from './discovery.ts';
import { listObjects } from './list.ts';
import { readPodLog } from './logs.ts';
import { createObject, deleteObject, getObject, patchObject, replaceObject } from './objects.ts';
import type { ResourceDef } from './resources.ts';
import { findResource } from './resources.ts';
import { patchScale, readScale, replaceScale } from './scale.ts';
import type { RequestTarget } from './status.ts';
import { badRequest, KubeError, methodNotAllowed, resourceNotFound } from './status.ts';
import type { ObjectStore } from './store.ts';
import type { PodLogs } from './types.ts';

export type Route =
  | { type: 'doc'; body: unknown }
  | { type: 'health' }
  | { type: 'resource'; def: ResourceDef; namespace?: string; name?: string; subresource?: string };

export type ApiResponse = { code: number; body: unknown; contentType?: string };

export type RouteContext = { store: ObjectStore; logs: PodLogs; now: () => Date; serverAddress: string };

const discoveryDoc = (group: string, version: string | undefined): Route => {
  const body = version === undefined ? apiGroup(group) : apiResourceList(group, version);
  if (!body) throw resourceNotFound();
  return { type: 'doc', body };
};

/** Splits `/api/v1/namespaces/ns/pods/name/log` (or `/apis/apps/v1/...`) into its parts. */
export const parseRoute = (path: string, ctx: RouteContext): Route | undefined => {
  const parts = path.split('/').filter((p) => p !== '');
  if (path === '/version' || path === '/version/') return { type: 'doc', body: VERSION_INFO };
  if (['healthz', 'readyz', 'livez'].includes(parts[0] ?? '') && parts.length === 1)
    return { type: 'health' };
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'doc', body: apiVersions(ctx.serverAddress) };
    [group, version, rest] = ['', parts[1], parts.slice(2)];
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'doc', body: apiGroupList() };
    [group, version, rest] = [parts[1]!, parts[2], parts.slice(3)];
  } else return undefined;
  if (rest.length === 0) return discoveryDoc(group, version);
  // `/namespaces/x/status` is the namespace's own subresource, not a collection inside it.
  const inNamespace =
    rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize';
  const [namespace, plural, name, subresource, extra] = inNamespace
    ? [rest[1], rest[2]!, rest[3], rest[4], rest[5]]
    : [undefined, rest[0]!, rest[1], rest[2], rest[3]];
  const def = findResource(group, version!, plural);
  if (!def || extra !== undefined) throw resourceNotFound();
  // Namespaced types list across namespaces at the cluster path, but are never addressed by name there.
  if ((def.namespaced && !namespace && name !== undefined) || (!def.namespaced && namespace)) {
    throw resourceNotFound();
  }
  if (subresource !== undefined && !def.subresources.includes(subresource)) throw resourceNotFound();
  return { type: 'resource', def, namespace, name, subresource };
};

export const verbOf = (method: string, name: string | undefined, query: URLSearchParams): string => {
  if (method === 'GET')
    return name ? 'get' : query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
  if (method === 'DELETE') return name ? 'delete' : 'deletecollection';
  return { POST: 'create', PUT: 'update', PATCH: 'patch' }[method] ?? method.toLowerCase();
};

export const targetOf = (route: Route | undefined, method: string, query: URLSearchParams): RequestTarget => {
  if (route?.type !== 'resource') return { verb: method.toLowerCase() };
  const { def, namespace, name, subresource } = route;
  return { verb: verbOf(method, name, query), def, namespace, name, subresource };
};

type Request = { method: string; query: URLSearchParams; body: unknown; contentType: string };

const subresourceVerb = (
  route: Extract<Route, { type: 'resource' }>,
  req: Request,
  ctx: RouteContext,
): ApiResponse => {
  const { def, namespace, name, subresource } = route;
  const dryRun = req.query.get('dryRun') === 'All';
  if (subresource === 'log' && req.method === 'GET') {
    const pod = getObject({ store: ctx.store, def, namespace, name: name!, dryRun });
    return { code: 200, body: readPodLog(pod, ctx.logs, req.query, ctx.now()), contentType: 'text/plain' };
  }
  if (subresource === 'scale') {
    const w = { store: ctx.store, def, namespace: namespace!, name: name!, dryRun };
    if (req.method === 'GET') return { code: 200, body: readScale(w) };
    if (req.method === 'PUT') return { code: 200, body: replaceScale(w, req.body) };
    if (req.method === 'PATCH') return { code: 200, body: patchScale(w, req.body, req.contentType) };
  }
  if (subresource === 'status') {
    const t = { store: ctx.store, def, namespace, name: name!, dryRun };
    if (req.method === 'GET') return { code: 200, body: getObject(t) };
    if (req.method === 'PATCH') return { code: 200, body: patchObject(t, req.body, req.contentType) };
    if (req.method === 'PUT') return { code: 200, body: replaceObject(t, req.body) };
  }
  throw methodNotAllowed();
};

export const handleResource = (
  route: Extract<Route, { type: 'resource' }>,
  req: Request,
  ctx: RouteContext,
): ApiResponse => {
  const { def, namespace, name } = route;
  if (route.subresource) return subresourceVerb(route, req, ctx);
  const verb = verbOf(req.method, name, req.query);
  const dryRun = req.query.get('dryRun') === 'All';
  if (verb === 'watch') throw badRequest('watch is not supported by the fake kube-apiserver');
  if (verb === 'list') return { code: 200, body: listObjects(ctx.store, def, namespace, req.query) };
  if (verb === 'create')
    return { code: 201, body: createObject({ store: ctx.store, def, namespace, dryRun }, req.body) };
  if (!name) throw methodNotAllowed();
  const t = { store: ctx.store, def, namespace, name, dryRun };
  if (verb === 'get') return { code: 200, body: getObject(t) };
  if (verb === 'patch') return { code: 200, body: patchObject(t, req.body, req.contentType) };
  if (verb === 'update') return { code: 200, body: replaceObject(t, req.body) };
  if (verb === 'delete') return { code: 200, body: deleteObject(t) };
  throw new KubeError(405, 'the server does not allow this method on the requested resource', {});
};

// What the real API server's authorizer sees of a request (k8s.io/apiserver RequestInfoFactory): the
// verb, API group, resource, subresource and namespace RBAC rules are matched against, or the
// non-resource URL. Derived from the method, path and query alone, as the real server does, so a
// test can check the calls a client made against a ClusterRole without a real cluster.

export type RequestAttributes =
  | {
      kind: 'resource';
      verb: string;
      group: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { kind: 'nonResource'; verb: string; path: string };

const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

export function requestAttributes(
  method: string,
  path: string,
  query: Record<string, string>,
): RequestAttributes {
  const parts = path.split('/').filter((part) => part !== '');
  const httpVerb = method.toUpperCase();
  const prefixLength = parts[0] === 'api' ? 2 : parts[0] === 'apis' ? 3 : 0;
  // /api, /api/v1, /apis, /apis/apps, /apis/apps/v1: discovery, like /version and /healthz.
  if (prefixLength === 0 || parts.length <= prefixLength)
    return { kind: 'nonResource', verb: httpVerb.toLowerCase(), path };
  const group = parts[0] === 'apis' ? (parts[1] ?? '') : '';
  let rest = parts.slice(prefixLength);
  let namespace: string | undefined;
  // /namespaces/x is the namespace object itself; /namespaces/x/pods/... is a namespaced resource.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  const verb =
    httpVerb === 'GET' || httpVerb === 'HEAD'
      ? name !== undefined
        ? 'get'
        : query.watch === 'true' || query.watch === '1'
          ? 'watch'
          : 'list'
      : httpVerb === 'DELETE'
        ? name !== undefined
          ? 'delete'
          : 'deletecollection'
        : (verbs[httpVerb] ?? httpVerb.toLowerCase());
  return {
    kind: 'resource',
    verb,
    group,
    resource,
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

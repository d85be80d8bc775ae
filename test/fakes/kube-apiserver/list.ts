/** Collection GETs: selectors, then etcd-style chunking with opaque continue tokens. */

import type { ResourceDef } from './resources.ts';
import { apiVersionOf } from './resources.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { badRequest } from './status.ts';
import type { ObjectStore } from './store.ts';
import { objectKey } from './store.ts';
import type { KubeObject } from './types.ts';

type ContinueToken = { v: string; rv: number; start: string };

/** Same layout as the real token (base64 JSON with the key to resume from), so nothing can rely on its shape. */
const encodeContinue = (rv: string, lastKey: string): string =>
  Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: `${lastKey}\u0000` })).toString(
    'base64',
  );

const decodeContinue = (token: string): ContinueToken => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as ContinueToken;
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.start !== 'string') throw new Error('bad version');
    return parsed;
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
};

const parseLimit = (raw: string | null): number => {
  if (raw === null || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid value for limit: ${raw}`);
  return n;
};

const keyOf = (def: ResourceDef, obj: KubeObject): string =>
  objectKey(def.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name);

/** Typed list items carry no apiVersion/kind on the real wire; only the list does. */
const stripTypeMeta = (obj: KubeObject): Omit<KubeObject, 'apiVersion' | 'kind'> => {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
};

export const listObjects = (
  store: ObjectStore,
  def: ResourceDef,
  namespace: string | undefined,
  query: URLSearchParams,
): Record<string, unknown> => {
  const byLabel = parseLabelSelector(query.get('labelSelector') ?? undefined);
  const byField = parseFieldSelector(query.get('fieldSelector') ?? undefined, def);
  const limit = parseLimit(query.get('limit'));
  const token = query.get('continue');
  const start = token ? decodeContinue(token).start : undefined;

  let items = store.range(def.plural, namespace, start);
  if (byLabel) items = items.filter(byLabel);
  if (byField) items = items.filter(byField);

  const rv = store.resourceVersion();
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (limit > 0 && items.length > limit) {
    const page = items.slice(0, limit);
    metadata.continue = encodeContinue(rv, keyOf(def, page[page.length - 1]!));
    // The real storage layer can only count what remains when nothing filters the list.
    if (!byLabel && !byField) metadata.remainingItemCount = items.length - limit;
    items = page;
  }
  return {
    kind: `${def.kind}List`,
    apiVersion: apiVersionOf(def),
    metadata,
    items: items.map(stripTypeMeta),
  };
};

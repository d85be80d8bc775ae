/** In-memory object store with etcd-like ordering and a cluster-wide resourceVersion counter. */

import { randomUUID } from 'node:crypto';
import type { ResourceDef } from './resources.ts';
import { apiVersionOf, RESOURCES, resourceForObject } from './resources.ts';
import type { KubeObject } from './types.ts';

export type ObjectStore = {
  /** Current cluster resourceVersion (what a list reports). */
  resourceVersion(): string;
  get<T extends object = KubeObject>(
    plural: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined;
  /** Objects of one type in key order, optionally within one namespace. */
  list<T extends object = KubeObject>(plural: string, namespace?: string): T[];
  /** Like `list`, from the first key >= `start` (a continue token's resume point). */
  range(plural: string, namespace: string | undefined, start: string | undefined): KubeObject[];
  /** Inserts or replaces; stamps uid, resourceVersion and creationTimestamp. Returns the stored object. */
  put(obj: KubeObject): KubeObject;
  remove(plural: string, namespace: string | undefined, name: string): KubeObject | undefined;
  defOf(obj: KubeObject): ResourceDef;
};

export const objectKey = (namespace: string | undefined, name: string): string =>
  namespace ? `${namespace}/${name}` : name;

export const createObjectStore = (objects: readonly KubeObject[] = []): ObjectStore => {
  const tables = new Map<string, Map<string, KubeObject>>(RESOURCES.map((r) => [r.plural, new Map()]));
  // Sorted key lists are cached per type and dropped on write: lists far outnumber writes.
  const sorted = new Map<string, { keys: string[]; items: KubeObject[] }>();
  let rv = 1000;

  const defOf = (obj: KubeObject): ResourceDef => {
    const def = resourceForObject(obj.apiVersion, obj.kind);
    if (!def) throw new Error(`fake kube-apiserver does not serve ${obj.apiVersion} ${obj.kind}`);
    return def;
  };
  const table = (plural: string): Map<string, KubeObject> => {
    const t = tables.get(plural);
    if (!t) throw new Error(`fake kube-apiserver does not serve resource "${plural}"`);
    return t;
  };
  const ordered = (plural: string): { keys: string[]; items: KubeObject[] } => {
    let entry = sorted.get(plural);
    if (!entry) {
      const t = table(plural);
      const keys = [...t.keys()].sort();
      entry = { keys, items: keys.map((k) => t.get(k)!) };
      sorted.set(plural, entry);
    }
    return entry;
  };

  /** Binary search: paging 10k pods must not rescan the whole table for every page. */
  const lowerBound = (keys: string[], key: string): number => {
    let [lo, hi] = [0, keys.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const range = (plural: string, namespace: string | undefined, start: string | undefined): KubeObject[] => {
    const { keys, items } = ordered(plural);
    // Namespaced keys are `ns/name`, so one namespace is one contiguous run of keys.
    const prefix = namespace ? `${namespace}/` : '';
    const from = lowerBound(keys, start !== undefined && start > prefix ? start : prefix);
    const to = namespace ? lowerBound(keys, `${namespace}0`) : keys.length; // '0' sorts right after '/'
    return items.slice(from, Math.max(from, to));
  };

  const put = (obj: KubeObject): KubeObject => {
    const def = defOf(obj);
    const meta = obj.metadata;
    const stored: KubeObject = {
      ...obj,
      apiVersion: apiVersionOf(def),
      kind: def.kind,
      metadata: {
        ...meta,
        uid: meta.uid ?? randomUUID(),
        resourceVersion: String(++rv),
        creationTimestamp: meta.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
    if (!def.namespaced) delete stored.metadata.namespace;
    table(def.plural).set(objectKey(def.namespaced ? meta.namespace : undefined, meta.name), stored);
    sorted.delete(def.plural);
    return stored;
  };

  for (const obj of objects) put(obj);

  return {
    resourceVersion: () => String(rv),
    get: <T extends object>(plural: string, namespace: string | undefined, name: string) =>
      table(plural).get(objectKey(namespace, name)) as T | undefined,
    list: <T extends object>(plural: string, namespace?: string) =>
      range(plural, namespace, undefined) as T[],
    range,
    put,
    remove: (plural, namespace, name) => {
      const t = table(plural);
      const key = objectKey(namespace, name);
      const old = t.get(key);
      if (old) {
        t.delete(key);
        sorted.delete(plural);
        rv++;
      }
      return old;
    },
    defOf,
  };
};

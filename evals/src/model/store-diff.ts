/** What a run changed in the fake cluster: objects compared before and after, bookkeeping fields aside. */
import type { FakeKubeApiServer } from '../../../test/fakes/kube-apiserver/index.ts';
import { RESOURCES } from '../../../test/fakes/kube-apiserver/index.ts';

export type StoreSnapshot = Map<string, string>;

// The API server bumps these on every write; they say nothing about what changed.
const bookkeeping = new Set(['resourceVersion', 'generation', 'managedFields']);

function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) => (bookkeeping.has(key) ? undefined : v));
}

export function snapshotStore(api: FakeKubeApiServer): StoreSnapshot {
  const out: StoreSnapshot = new Map();
  for (const def of RESOURCES) {
    if (def.kind === 'Event') continue;
    for (const obj of api.store.list(def.plural)) {
      out.set(`${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, canonical(obj));
    }
  }
  return out;
}

/** Keys (`Kind/namespace/name`) of objects created, deleted or changed. */
export function changedObjects(before: StoreSnapshot, after: StoreSnapshot): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

export function valueAt(
  api: FakeKubeApiServer,
  kind: string,
  namespace: string | undefined,
  name: string,
  path: string | string[],
): unknown {
  const def = RESOURCES.find((r) => r.kind === kind);
  if (!def) return undefined;
  const obj = api.store.get(def.plural, namespace, name) as Record<string, unknown> | undefined;
  return (typeof path === 'string' ? path.split('.') : path).reduce<unknown>(
    (at, part) => (at as Record<string, unknown> | undefined)?.[part],
    obj,
  );
}

/** Single-object verbs: get, create, update (PUT), patch and delete, with the real server's checks. */

import { applyPatch } from './patch.ts';
import type { ResourceDef } from './resources.ts';
import { apiVersionOf } from './resources.ts';
import { alreadyExists, badRequest, conflict, invalid, KubeError, notFound } from './status.ts';
import type { ObjectStore } from './store.ts';
import type { KubeObject } from './types.ts';

export type ObjectTarget = {
  store: ObjectStore;
  def: ResourceDef;
  namespace: string | undefined;
  name: string;
  dryRun: boolean;
};

export const getObject = (t: ObjectTarget): KubeObject => {
  const obj = t.store.get(t.def.plural, t.namespace, t.name);
  if (!obj) throw notFound(t.def, t.name);
  return obj;
};

const namespaceMustExist = (store: ObjectStore, namespace: string | undefined): void => {
  if (namespace && !store.get('namespaces', undefined, namespace)) {
    throw new KubeError(404, `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
  }
};

const validate = (def: ResourceDef, obj: KubeObject): void => {
  const replicas = obj.spec?.replicas;
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0)) {
    const kind = def.group ? `${def.kind}.${def.group}` : def.kind;
    throw invalid(
      kind,
      obj.metadata.name,
      'spec.replicas',
      replicas,
      'must be greater than or equal to 0',
      def,
    );
  }
};

/** A no-op write keeps the resourceVersion, as the real server does. */
const withoutVersion = (obj: KubeObject): string =>
  JSON.stringify({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } });

/** Stores `next` in place of `old`: identity is immutable, a stale resourceVersion conflicts, spec edits bump generation. */
const update = (t: ObjectTarget, old: KubeObject, next: KubeObject): KubeObject => {
  if (next.metadata?.name !== undefined && next.metadata.name !== t.name) {
    throw badRequest(
      `the name of the object (${next.metadata.name}) does not match the name on the URL (${t.name})`,
    );
  }
  const sent = next.metadata?.resourceVersion;
  if (sent && sent !== old.metadata.resourceVersion) throw conflict(t.def, t.name);
  const specChanged = JSON.stringify(next.spec) !== JSON.stringify(old.spec);
  const merged: KubeObject = {
    ...next,
    apiVersion: apiVersionOf(t.def),
    kind: t.def.kind,
    metadata: {
      ...next.metadata,
      name: t.name,
      ...(t.namespace ? { namespace: t.namespace } : {}),
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      ...(old.metadata.generation !== undefined || specChanged
        ? { generation: (old.metadata.generation ?? 1) + (specChanged ? 1 : 0) }
        : {}),
    },
  };
  validate(t.def, merged);
  if (withoutVersion(merged) === withoutVersion(old)) return old;
  return t.dryRun ? merged : t.store.put(merged);
};

export const patchObject = (t: ObjectTarget, body: unknown, contentType: string): KubeObject => {
  const old = getObject(t);
  // Patches apply to the live object, resourceVersion included (a JSON patch may `test` it);
  // it conflicts only when the patch itself sets a different one.
  const next = applyPatch(structuredClone(old), body, contentType) as KubeObject;
  return update(t, old, next);
};

export const replaceObject = (t: ObjectTarget, body: unknown): KubeObject =>
  update(t, getObject(t), body as KubeObject);

export const createObject = (t: Omit<ObjectTarget, 'name'>, body: unknown): KubeObject => {
  const obj = body as KubeObject;
  const name = obj?.metadata?.name;
  if (!name) throw invalid(t.def.kind, '', 'metadata.name', '', 'name or generateName is required');
  if (t.namespace && obj.metadata.namespace && obj.metadata.namespace !== t.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  namespaceMustExist(t.store, t.namespace);
  if (t.store.get(t.def.plural, t.namespace, name)) throw alreadyExists(t.def, name);
  const fresh: KubeObject = {
    ...obj,
    apiVersion: apiVersionOf(t.def),
    kind: t.def.kind,
    metadata: { ...obj.metadata, namespace: t.namespace, generation: 1 },
  };
  validate(t.def, fresh);
  return t.dryRun ? fresh : t.store.put(fresh);
};

/** Pods come back as the object; most other types answer with a Success Status, as the real registry does. */
export const deleteObject = (t: ObjectTarget): KubeObject => {
  const old = getObject(t);
  if (!t.dryRun) t.store.remove(t.def.plural, t.namespace, t.name);
  if (t.def.kind === 'Pod') return old;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {} as KubeObject['metadata'],
    status: 'Success',
    details: {
      name: t.name,
      ...(t.def.group ? { group: t.def.group } : {}),
      kind: t.def.plural,
      uid: old.metadata.uid,
    },
  };
};

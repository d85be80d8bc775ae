/** The scale subresource (autoscaling/v1 Scale) of deployments, replicasets, statefulsets and RCs. */

import { applyPatch } from './patch.ts';
import type { ResourceDef } from './resources.ts';
import { conflict, invalid, notFound } from './status.ts';
import type { ObjectStore } from './store.ts';
import type { KubeObject } from './types.ts';

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

/** The string form the real server puts in Scale.status.selector (`app=checkout,tier in (web)`). */
export const selectorString = (selector: LabelSelector | Record<string, string> | undefined): string => {
  if (!selector) return '';
  const isTyped = 'matchLabels' in selector || 'matchExpressions' in selector;
  const labels =
    (isTyped ? (selector as LabelSelector).matchLabels : (selector as Record<string, string>)) ?? {};
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  for (const e of (isTyped ? (selector as LabelSelector).matchExpressions : undefined) ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    if (e.operator === 'In') parts.push(`${e.key} in ${values}`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin ${values}`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
};

export const toScale = (obj: KubeObject): KubeObject => {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const replicas = obj.spec?.replicas ?? 1;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    // ScaleSpec.replicas is omitempty on the wire: a scale of zero arrives as `spec: {}`.
    spec: replicas ? { replicas } : {},
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorString(obj.spec?.selector) },
  };
};

export type ScaleWrite = {
  store: ObjectStore;
  def: ResourceDef;
  namespace: string;
  name: string;
  dryRun: boolean;
};

const current = (w: ScaleWrite): KubeObject => {
  const obj = w.store.get(w.def.plural, w.namespace, w.name);
  if (!obj) throw notFound(w.def, w.name);
  return obj;
};

/** Writes a Scale back into its owner: spec.replicas, a new generation and resourceVersion. */
const commit = (w: ScaleWrite, obj: KubeObject, scale: KubeObject): KubeObject => {
  const replicas = scale.spec?.replicas ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid(
      'Scale.autoscaling',
      w.name,
      'spec.replicas',
      replicas,
      'must be greater than or equal to 0',
    );
  }
  const sent = scale.metadata?.resourceVersion;
  if (sent && sent !== obj.metadata.resourceVersion) throw conflict(w.def, w.name);
  if (replicas === (obj.spec?.replicas ?? 1)) return toScale(obj);
  const next: KubeObject = {
    ...obj,
    metadata: { ...obj.metadata, generation: (obj.metadata.generation ?? 1) + 1 },
    spec: { ...obj.spec, replicas },
  };
  return toScale(w.dryRun ? next : w.store.put(next));
};

export const readScale = (w: ScaleWrite): KubeObject => toScale(current(w));

export const replaceScale = (w: ScaleWrite, body: unknown): KubeObject => {
  const obj = current(w);
  return commit(w, obj, body as KubeObject);
};

export const patchScale = (w: ScaleWrite, body: unknown, contentType: string): KubeObject => {
  const obj = current(w);
  const patched = applyPatch(toScale(obj), body, contentType) as KubeObject;
  return commit(w, obj, patched);
};

/** The three patch types the real server accepts from clients (server-side apply is out of scope). */

import { KubeError } from './status.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge, null deletes, everything else replaces. */
export const mergePatch = (target: Json, patch: Json): Json => {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
};

const namedList = (v: Json[]): v is JsonObject[] =>
  v.length > 0 && v.every((e) => isObject(e) && 'name' in e);

/**
 * Strategic merge without the schema: lists of named objects (containers, env, ports, volumes) merge by
 * `name`, which is the merge key the real schema declares for all of those; other lists replace.
 */
export const strategicMergePatch = (target: Json, patch: Json): Json => {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const current = out[key];
    if (value === null) delete out[key];
    else if (Array.isArray(value) && Array.isArray(current) && namedList(value) && namedList(current)) {
      const merged = [...current];
      for (const item of value) {
        const at = merged.findIndex((m) => m.name === item.name);
        if (at >= 0) merged[at] = strategicMergePatch(merged[at]!, item) as JsonObject;
        else merged.push(item);
      }
      out[key] = merged;
    } else out[key] = strategicMergePatch(current ?? null, value);
  }
  return out;
};

type JsonPatchOp = { op: string; path: string; value?: Json; from?: string };

const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

const pointer = (path: string): string[] => {
  if (path === '') return [];
  if (!path.startsWith('/')) throw patchError(`invalid JSON pointer "${path}"`);
  return path.slice(1).split('/').map(unescapeToken);
};

/**
 * A JSON patch that cannot be applied (a failed `test`, a missing path): the real API server
 * answers every one with this same generic 422 and empty details, so a client cannot read the
 * cause off the reply. `_why` documents the case here only.
 */
const patchError = (_why: string): KubeError =>
  new KubeError(422, 'the server rejected our request due to an error in our request', {}, 'Invalid');

const parentOf = (doc: Json, tokens: string[], path: string): { parent: Json; last: string } => {
  let cur: Json = doc;
  for (const token of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur)
      ? cur[Number(token)]
      : isObject(cur)
        ? cur[token]
        : undefined;
    if (next === undefined) throw patchError(`doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return { parent: cur, last: tokens[tokens.length - 1]! };
};

const read = (doc: Json, path: string): Json => {
  const { parent, last } = parentOf(doc, pointer(path), path);
  const v = Array.isArray(parent) ? parent[Number(last)] : isObject(parent) ? parent[last] : undefined;
  if (v === undefined) throw patchError(`doc is missing path: "${path}": missing value`);
  return v;
};

const write = (
  doc: Json,
  path: string,
  value: Json | undefined,
  mode: 'add' | 'replace' | 'remove',
): void => {
  const tokens = pointer(path);
  if (tokens.length === 0) throw patchError('cannot replace the whole document');
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (mode === 'add') parent.splice(i, 0, value!);
    else if (i >= parent.length) throw patchError(`doc is missing path: "${path}": missing value`);
    else if (mode === 'replace') parent[i] = value!;
    else parent.splice(i, 1);
  } else if (isObject(parent)) {
    if (mode !== 'add' && !(last in parent))
      throw patchError(`doc is missing path: "${path}": missing value`);
    if (mode === 'remove') delete parent[last];
    else parent[last] = value!;
  } else throw patchError(`doc is missing path: "${path}": missing value`);
};

/** RFC 6902, applied to a deep copy so a failing operation leaves the stored object untouched. */
export const jsonPatch = (target: Json, ops: unknown): Json => {
  if (!Array.isArray(ops))
    throw new KubeError(400, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const doc = structuredClone(target);
  for (const op of ops as JsonPatchOp[]) {
    switch (op.op) {
      case 'add':
      case 'replace':
        write(doc, op.path, op.value ?? null, op.op);
        break;
      case 'remove':
        write(doc, op.path, undefined, 'remove');
        break;
      case 'test':
        if (JSON.stringify(read(doc, op.path)) !== JSON.stringify(op.value))
          throw patchError(`testing value ${op.path} failed: test failed`);
        break;
      case 'move':
      case 'copy': {
        const value = structuredClone(read(doc, op.from ?? ''));
        if (op.op === 'move') write(doc, op.from ?? '', undefined, 'remove');
        write(doc, op.path, value, 'add');
        break;
      }
      default:
        throw patchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
};

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
] as const;

/** Applies a patch body of the given Content-Type; anything else is the real server's 415. */
export const applyPatch = (target: unknown, body: unknown, contentType: string): unknown => {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json-patch+json') return jsonPatch(target as Json, body);
  if (type === 'application/merge-patch+json') return mergePatch(target as Json, body as Json);
  if (type === 'application/strategic-merge-patch+json')
    return strategicMergePatch(target as Json, body as Json);
  throw new KubeError(
    415,
    `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}, application/apply-patch+yaml, application/apply-patch+cbor`,
  );
};

/** labelSelector and fieldSelector parsing and matching, with the real server's error wording. */

import type { ResourceDef } from './resources.ts';
import { badRequest } from './status.ts';
import type { KubeObject } from './types.ts';

type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type Matcher = (obj: KubeObject) => boolean;

const KEY = /^([a-z0-9A-Z.\-/_]+)$/;

/** Splits on commas that are not inside `( ... )`, as `in (a,b)` holds commas of its own. */
const splitTopLevel = (selector: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
};

const checkKey = (key: string, raw: string): string => {
  if (!KEY.test(key))
    throw badRequest(`unable to parse requirement: <nil>: Invalid value: "${raw}": invalid label key`);
  return key;
};

const parseRequirement = (raw: string): LabelRequirement => {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(raw);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    return { op: set[2] as 'in' | 'notin', key: checkKey(set[1]!, raw), values };
  }
  const cmp = /^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/.exec(raw);
  if (cmp) {
    return { op: cmp[2] === '!=' ? 'neq' : 'eq', key: checkKey(cmp[1]!, raw), value: cmp[3]! };
  }
  if (raw.startsWith('!')) return { op: 'notexists', key: checkKey(raw.slice(1).trim(), raw) };
  return { op: 'exists', key: checkKey(raw, raw) };
};

const matchRequirement = (labels: Record<string, string>, r: LabelRequirement): boolean => {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'eq':
      return value === r.value;
    case 'neq':
      return value !== r.value;
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
};

export const parseLabelSelector = (selector: string | undefined): Matcher | undefined => {
  if (!selector?.trim()) return undefined;
  const reqs = splitTopLevel(selector).map(parseRequirement);
  return (obj) => reqs.every((r) => matchRequirement(obj.metadata.labels ?? {}, r));
};

/** Reads a dotted field path the way the real field-label conversion funcs expose it (bools and numbers as text). */
const fieldValue = (obj: KubeObject, path: string): string => {
  if (path === 'source') return String(obj.source?.component ?? '');
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null)
    return path === 'spec.unschedulable' || path === 'spec.hostNetwork' ? 'false' : '';
  return String(cur);
};

export const parseFieldSelector = (selector: string | undefined, def: ResourceDef): Matcher | undefined => {
  if (!selector?.trim()) return undefined;
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...def.fields]);
  const reqs = splitTopLevel(selector).map((raw) => {
    const m = /^([^!=\s]+)\s*(==|!=|=)\s*(.*)$/.exec(raw);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${raw}'`);
    const field = m[1]!;
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
    return { field, negate: m[2] === '!=', value: m[3]!.trim() };
  });
  return (obj) => reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
};

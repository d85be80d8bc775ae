import type { CoreV1Event } from '@kubernetes/client-node';
import { fenceUntrusted, formatAge, renderTable, truncateCodePoints } from '@sre-agent/shared';
import { finishDetails, formatLabels } from './describe-pod.js';
import { formatKeySizes } from './secrets.js';

/** An object of any kind, already redacted (Secret data reduced to sizes, managedFields gone). */
export type AnyObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
};

export interface DescribeInput {
  object: AnyObject;
  /** `Certificate`, `cert-manager.io/v1`. */
  kind: string;
  apiVersion: string;
  events: readonly CoreV1Event[];
  /** Why events are missing (RBAC, cluster-scoped under an allow-list). */
  eventsNote?: string | undefined;
  secretKeys?: readonly { key: string; bytes: number }[] | undefined;
  now: Date;
  budgetBytes: number;
}

const maxString = 300;
const maxDepth = 10;
const maxArrayItems = 20;

/**
 * `kubectl describe` for any kind: who it is, then status (conditions first, as a table), then
 * spec, then any other top-level field, then recent events. Everything that came from the
 * cluster is inside one untrusted-data fence.
 */
export function formatDescribe(input: DescribeInput): string {
  const { object, now } = input;
  const metadata = object.metadata ?? {};
  const name = String(metadata.name ?? '?');
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const header = [
    `${input.kind} ${namespace ? `${namespace}/` : ''}${name} (${input.apiVersion}), age ${formatAge(metadata.creationTimestamp as string | undefined, now)}`,
    ...metadataLines(metadata),
  ];
  const body = [
    ...statusLines(object.status, now),
    ...section('Spec', object.spec),
    ...otherFields(object, input.secretKeys),
    ...section('Annotations', metadata.annotations),
  ];
  const described = [
    ...header,
    fenceUntrusted(`${input.kind} ${name}`, body.join('\n') || '(no status or spec)'),
  ];
  if (input.eventsNote) described.push(input.eventsNote);
  return finishDetails(described, [], input.events, {
    now,
    budgetBytes: input.budgetBytes,
    source: `${input.kind} ${name}`,
    withoutObject: true,
  });
}

function metadataLines(metadata: Record<string, unknown>): string[] {
  const lines = [`Labels: ${formatLabels(metadata.labels as Record<string, string> | undefined)}`];
  const owners = (metadata.ownerReferences as { kind?: string; name?: string }[] | undefined) ?? [];
  if (owners.length > 0)
    lines.push(`Owners: ${owners.map((owner) => `${owner.kind}/${owner.name}`).join(', ')}`);
  const finalizers = (metadata.finalizers as string[] | undefined) ?? [];
  if (metadata.deletionTimestamp) {
    lines.push(
      `Being deleted since ${String(metadata.deletionTimestamp)}${finalizers.length ? `, waiting on finalizers ${finalizers.join(', ')}` : ''}`,
    );
  } else if (finalizers.length > 0) lines.push(`Finalizers: ${finalizers.join(', ')}`);
  return lines;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Conditions first, as the table an SRE scans for a False; then the rest of status. */
function statusLines(status: unknown, now: Date): string[] {
  if (!isRecord(status)) return [];
  const { conditions, ...rest } = status;
  const lines: string[] = [];
  if (Array.isArray(conditions) && conditions.length > 0) {
    const rows = (conditions as Condition[]).map((condition) => [
      String(condition.type ?? ''),
      String(condition.status ?? ''),
      String(condition.reason ?? ''),
      condition.lastTransitionTime ? formatAge(condition.lastTransitionTime, now) : '',
      clip(String(condition.message ?? '')),
    ]);
    lines.push('Conditions:', indent(renderTable(['TYPE', 'STATUS', 'REASON', 'AGE', 'MESSAGE'], rows)));
  }
  return [...lines, ...section('Status', rest)];
}

function otherFields(object: AnyObject, secretKeys: DescribeInput['secretKeys']): string[] {
  const skip = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const lines: string[] = [];
  if (secretKeys) {
    skip.add('data').add('stringData');
    lines.push(`Data (values never shown): ${secretKeys.length ? formatKeySizes(secretKeys) : '(none)'}`);
  }
  for (const [key, value] of Object.entries(object)) {
    if (!skip.has(key)) lines.push(...section(capitalise(key), value));
  }
  return lines;
}

function section(title: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (isRecord(value) && Object.keys(value).length === 0) return [];
  if (!isRecord(value) && !Array.isArray(value)) return [`${title}: ${scalar(value)}`];
  return [`${title}:`, ...yamlLines(value, 1)];
}

/** A compact YAML-like rendering: short arrays of scalars inline, long strings clipped, bounded depth. */
export function yamlLines(value: unknown, depth: number): string[] {
  const pad = '  '.repeat(depth);
  if (depth > maxDepth) return [`${pad}…`];
  if (Array.isArray(value)) {
    if (value.every((item) => !isRecord(item) && !Array.isArray(item)))
      return [`${pad}[${inlineArray(value)}]`];
    const shown = value.slice(0, maxArrayItems).flatMap((item) => {
      const nested = yamlLines(item, depth + 1);
      const first = nested[0]?.trimStart() ?? '';
      return [`${pad}- ${first}`, ...nested.slice(1)];
    });
    return value.length > maxArrayItems ? [...shown, `${pad}… ${value.length - maxArrayItems} more`] : shown;
  }
  if (!isRecord(value)) return [`${pad}${scalar(value)}`];
  return Object.entries(value).flatMap(([key, child]) => {
    if (child === undefined || child === null) return [];
    if (isRecord(child) || Array.isArray(child)) {
      if (Array.isArray(child) && child.every((item) => !isRecord(item) && !Array.isArray(item))) {
        return [`${pad}${key}: [${inlineArray(child)}]`];
      }
      if (isRecord(child) && Object.keys(child).length === 0) return [`${pad}${key}: {}`];
      return [`${pad}${key}:`, ...yamlLines(child, depth + 1)];
    }
    return [`${pad}${key}: ${scalar(child)}`];
  });
}

function inlineArray(items: readonly unknown[]): string {
  const shown = items.slice(0, maxArrayItems).map(scalar).join(', ');
  return items.length > maxArrayItems ? `${shown}, … ${items.length - maxArrayItems} more` : shown;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return clip(value.includes('\n') ? value.replace(/\n/g, '\\n') : value);
  return String(value);
}

function clip(text: string): string {
  return truncateCodePoints(text, maxString, '…');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: the server-side printing kubectl uses.
 * Built-in kinds get the columns kubectl shows for them (a few kinds here, Name + Created At for
 * the rest, as the real server's default convertor); custom resources get Name + their CRD's
 * additionalPrinterColumns, `date` columns rendered as an age ("5d"), as the real server does.
 */

import type { PrinterColumn, ResourceDef } from './resources.ts';
import type { KubeObject } from './types.ts';

type Column = { name: string; type: string; format: string; description: string; priority: number };
type Printer = { columns: Column[]; cells(obj: KubeObject, now: Date): unknown[] };

/** True when the client asked for a Table first (kubectl and generic readers do). */
export const wantsTable = (accept: string | undefined): boolean =>
  (accept ?? '').split(',')[0]?.includes('as=Table') === true;

const column = (name: string, type = 'string', priority = 0, format = ''): Column => ({
  name,
  type,
  format,
  description: `${name} column`,
  priority,
});

const nameColumn = column('Name', 'string', 0, 'name');

/** `5d`, `3h`, `12m`, `40s`: kubectl's short human duration. */
export const humanAge = (timestamp: unknown, now: Date): string => {
  if (typeof timestamp !== 'string') return '<unknown>';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
};

/**
 * The subset of JSONPath CRDs use in printer columns: `.a.b`, `[0]`, and `[?(@.type=="Ready")]`.
 * Like the real server, a path that finds nothing gives an empty cell (null), not an error.
 */
export const evalJsonPath = (object: unknown, path: string): unknown => {
  const steps = path.match(/\[\?\(@\.[\w.]+==["'][^"']*["']\)\]|\[\d+\]|\.[^.[]+/g) ?? [];
  let current: unknown[] = [object];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      const filter = /^\[\?\(@\.([\w.]+)==["']([^"']*)["']\)\]$/.exec(step);
      const index = /^\[(\d+)\]$/.exec(step);
      if (filter && Array.isArray(value)) {
        next.push(...value.filter((item) => String(evalJsonPath(item, `.${filter[1]}`)) === filter[2]));
      } else if (index && Array.isArray(value)) {
        if (value[Number(index[1])] !== undefined) next.push(value[Number(index[1])]);
      } else if (step.startsWith('.')) {
        const child = (value as Record<string, unknown>)[step.slice(1)];
        if (child !== undefined) next.push(child);
      }
    }
    current = next;
  }
  return current.length === 0 ? null : current[0];
};

const crdPrinter = (columns: PrinterColumn[]): Printer => ({
  columns: [
    nameColumn,
    ...columns.map((c) => column(c.name, c.type === 'date' ? 'string' : c.type, c.priority ?? 0)),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    ...columns.map((c) => {
      const value = evalJsonPath(obj, c.jsonPath);
      return c.type === 'date' && value !== null ? humanAge(value, now) : value;
    }),
  ],
});

const podStatus = (pod: KubeObject): string => {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  for (const status of pod.status?.containerStatuses ?? []) {
    const reason = status.state?.waiting?.reason ?? status.state?.terminated?.reason;
    if (reason) return reason;
  }
  return pod.status?.phase ?? 'Unknown';
};

const builtinPrinters: Record<string, Printer> = {
  Pod: {
    columns: [
      nameColumn,
      column('Ready'),
      column('Status'),
      column('Restarts', 'string'),
      column('Age'),
      column('IP', 'string', 1),
      column('Node', 'string', 1),
    ],
    cells: (pod, now) => {
      const statuses: { ready?: boolean; restartCount?: number }[] = pod.status?.containerStatuses ?? [];
      return [
        pod.metadata.name,
        `${statuses.filter((s) => s.ready).length}/${pod.spec?.containers?.length ?? 0}`,
        podStatus(pod),
        String(statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0)),
        humanAge(pod.metadata.creationTimestamp, now),
        pod.status?.podIP ?? '<none>',
        pod.spec?.nodeName ?? '<none>',
      ];
    },
  },
  Deployment: {
    columns: [
      nameColumn,
      column('Ready'),
      column('Up-to-date', 'integer'),
      column('Available', 'integer'),
      column('Age'),
    ],
    cells: (d, now) => [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      humanAge(d.metadata.creationTimestamp, now),
    ],
  },
  Namespace: {
    columns: [nameColumn, column('Status'), column('Age')],
    cells: (ns, now) => [
      ns.metadata.name,
      ns.status?.phase ?? '',
      humanAge(ns.metadata.creationTimestamp, now),
    ],
  },
  Node: {
    columns: [nameColumn, column('Status'), column('Roles'), column('Age'), column('Version')],
    cells: (node, now) => {
      const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      const roles = Object.keys(node.metadata.labels ?? {})
        .filter((label) => label.startsWith('node-role.kubernetes.io/'))
        .map((label) => label.slice('node-role.kubernetes.io/'.length));
      return [
        node.metadata.name,
        ready?.status === 'True' ? 'Ready' : 'NotReady',
        roles.join(',') || '<none>',
        humanAge(node.metadata.creationTimestamp, now),
        node.status?.nodeInfo?.kubeletVersion ?? '',
      ];
    },
  },
};

// The real server's default convertor, for kinds without a printer of their own.
const defaultPrinter: Printer = {
  columns: [nameColumn, { ...column('Created At', 'date'), description: 'CreationTimestamp' }],
  cells: (obj) => [obj.metadata.name, obj.metadata.creationTimestamp ?? null],
};

const printerFor = (def: ResourceDef): Printer =>
  def.printerColumns ? crdPrinter(def.printerColumns) : (builtinPrinters[def.kind] ?? defaultPrinter);

/** Each row carries the object's metadata (includeObject=Metadata, the default), as the real server sends it. */
const row = (printer: Printer, obj: KubeObject, now: Date) => ({
  cells: printer.cells(obj, now),
  object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
});

/** A list body (`{items, metadata}`) or one object, as a meta.k8s.io/v1 Table. */
export const toTable = (
  def: ResourceDef,
  body: Record<string, unknown>,
  now: Date,
): Record<string, unknown> => {
  const printer = printerFor(def);
  const isList = Array.isArray(body.items);
  const objects = (isList ? body.items : [body]) as KubeObject[];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: isList ? body.metadata : { resourceVersion: (body as KubeObject).metadata?.resourceVersion },
    columnDefinitions: printer.columns,
    rows: objects.map((obj) => row(printer, obj, now)),
  };
};

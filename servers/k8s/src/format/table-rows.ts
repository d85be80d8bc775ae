import { formatAge, truncateCodePoints } from '@sre-agent/shared';
import { maskNamedValue, maskSecretShapes } from '../secret-values.js';
import type { ListRow } from './summary.js';

/** A `meta.k8s.io/v1` Table as the API server prints a list (kubectl's columns, CRD printer columns). */
export interface KubeTable {
  columnDefinitions?: { name: string; type?: string; priority?: number }[];
  rows?: TableRow[];
  metadata?: { continue?: string; remainingItemCount?: number };
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { name?: string; namespace?: string } };
}

/**
 * The answer as a Table. An API that cannot print Tables (some aggregated APIs) answers the
 * `application/json` fallback with a plain list: its objects get Name and Age, as kubectl shows them.
 */
export function asTable(answer: unknown, now: Date): KubeTable {
  const body = (answer ?? {}) as KubeTable & { items?: { metadata?: Record<string, unknown> }[] };
  if (Array.isArray(body.rows) || !Array.isArray(body.items)) return body;
  return {
    columnDefinitions: [{ name: 'Name' }, { name: 'Age' }],
    metadata: body.metadata,
    rows: body.items.map((item) => ({
      cells: [item.metadata?.name, formatAge(item.metadata?.creationTimestamp as string | undefined, now)],
      object: { metadata: item.metadata as { name?: string; namespace?: string } },
    })),
  };
}

/** The columns kubectl shows without `-o wide` (priority 0), by index, with their headers. */
export function visibleColumns(table: KubeTable): { index: number; header: string }[] {
  return (table.columnDefinitions ?? [])
    .map((column, index) => ({ index, header: column.name.toUpperCase(), priority: column.priority ?? 0 }))
    .filter((column) => column.priority === 0)
    .map(({ index, header }) => ({ index, header }));
}

const secretReference = /^SECRET([ _-]?(NAME|REF))?$/;

// A printer column may hold a whole status message; a row is a glance, describe_resource has the rest.
const maxCell = 80;

const badStatuses = new Set([
  'crashloopbackoff',
  'error',
  'failed',
  'imagepullbackoff',
  'errimagepull',
  'createcontainerconfigerror',
  'pending',
  'notready',
  'unknown',
  'evicted',
  'oomkilled',
  'lost',
  'degraded',
  'terminating',
]);

/**
 * One Table row as a list row. Whether it needs attention is read from the columns every
 * printer shares by convention: READY "False" or "1/3", STATUS a known failure word.
 */
export function tableRow(row: TableRow, columns: readonly { index: number; header: string }[]): ListRow {
  // A printer column can print any field: a value under a secret-looking header (a CRD's TOKEN
  // column) or of a secret shape is masked as it would be in the object itself.
  const cells = columns.map(({ index, header }) => {
    const text = cellText(row.cells[index]);
    // cert-manager's SECRET column and its kin hold a Secret's name, not its value.
    return secretReference.test(header) ? maskSecretShapes(text) : maskNamedValue(header, text).text;
  });
  const at = (header: string) => {
    const position = columns.findIndex((column) => column.header === header);
    return position === -1 ? undefined : cells[position];
  };
  const ready = at('READY');
  const status = at('STATUS');
  const problem = readyProblem(ready) ?? statusProblem(status);
  return {
    namespace: row.object?.metadata?.namespace,
    cells,
    status: status || (ready === undefined ? 'listed' : readyProblem(ready) ? 'not ready' : 'ready'),
    problem,
    severity: problem === undefined ? undefined : 1,
  };
}

function readyProblem(ready: string | undefined): string | undefined {
  if (ready === undefined) return undefined;
  if (ready.toLowerCase() === 'false') return 'not Ready';
  const fraction = /^(\d+)\/(\d+)$/.exec(ready);
  if (fraction && Number(fraction[1]) < Number(fraction[2])) return 'not all ready';
  return undefined;
}

function statusProblem(status: string | undefined): string | undefined {
  return status && badStatuses.has(status.toLowerCase()) ? status : undefined;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return truncateCodePoints(text.replace(/\s+/g, ' ').trim(), maxCell, '…');
}

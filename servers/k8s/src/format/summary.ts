/**
 * What every list tool builds while it pages through the API: counts by status and namespace,
 * and a bounded set of rows (problems first). Bounded, because a 10,000-pod cluster must be
 * summarised without holding 10,000 rows, let alone 10,000 objects.
 */

/** One object as a list shows it. */
export interface ListRow {
  /** The kubectl columns, without NAMESPACE. */
  cells: string[];
  namespace?: string | undefined;
  /** What the counts group by: STATUS for pods, "ok"/"degraded" style buckets for controllers. */
  status: string;
  /** Why this object needs attention; undefined when it does not. */
  problem?: string | undefined;
  /** Lower sorts first among problems (0 = broken, 1 = waiting, 2 = degraded). */
  severity?: number;
}

export interface NamespaceCount {
  total: number;
  problems: number;
}

export interface ListTally {
  total: number;
  problems: number;
  byStatus: Map<string, number>;
  byProblem: Map<string, number>;
  byNamespace: Map<string, NamespaceCount>;
  /**
   * Problem rows first, taking turns across kinds of problem (most severe kind first), so a
   * cut list still shows every kind; then the rest, in arrival (API) order.
   */
  rows(): ListRow[];
  /** Rows counted but not kept, because they could never fit the budget. */
  droppedRows: number;
}

export interface Tally extends ListTally {
  add(row: ListRow): void;
}

/**
 * @param maxRows rows of each kind (problem, healthy) worth keeping: more than the budget
 *   could ever show is wasted memory.
 */
export function createTally(maxRows: number): Tally {
  const problemRows: ListRow[] = [];
  const okRows: ListRow[] = [];
  const tally: Tally = {
    total: 0,
    problems: 0,
    byStatus: new Map(),
    byProblem: new Map(),
    byNamespace: new Map(),
    droppedRows: 0,
    add(row) {
      tally.total++;
      increment(tally.byStatus, row.status);
      const namespace = row.namespace === undefined ? undefined : tally.byNamespace.get(row.namespace);
      const counts = namespace ?? { total: 0, problems: 0 };
      counts.total++;
      if (row.problem !== undefined) {
        tally.problems++;
        counts.problems++;
        increment(tally.byProblem, row.problem);
      }
      if (row.namespace !== undefined && !namespace) tally.byNamespace.set(row.namespace, counts);
      const keep = row.problem === undefined ? okRows : problemRows;
      if (keep.length < maxRows) keep.push(row);
      else tally.droppedRows++;
    },
    rows: () => [...interleave(problemRows), ...okRows],
  };
  return tally;
}

function interleave(rows: readonly ListRow[]): ListRow[] {
  const groups = new Map<string, ListRow[]>();
  for (const row of rows) {
    const key = row.problem ?? '';
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const ordered = [...groups.values()].sort(
    (a, b) => (a[0]?.severity ?? 9) - (b[0]?.severity ?? 9) || b.length - a.length,
  );
  const out: ListRow[] = [];
  for (let index = 0; out.length < rows.length; index++) {
    for (const group of ordered) {
      const row = group[index];
      if (row) out.push(row);
    }
  }
  return out;
}

/** `40 Running, 3 CrashLoopBackOff, 2 Pending`: most frequent first, bounded. */
export function formatCounts(counts: ReadonlyMap<string, number>, maxBytes = 1_200): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return joinBounded(
    sorted.map(([label, count]) => `${count} ${label}`),
    maxBytes,
    (left) => `+${left} more`,
  );
}

/** Namespaces with problems first (most problems first), then the biggest. */
export function formatNamespaceCounts(counts: ReadonlyMap<string, NamespaceCount>, maxBytes = 1_500): string {
  const sorted = [...counts].sort(
    (a, b) => b[1].problems - a[1].problems || b[1].total - a[1].total || a[0].localeCompare(b[0]),
  );
  return joinBounded(
    sorted.map(
      ([name, { total, problems }]) =>
        `${name} ${total}${problems ? ` (${plural(problems, 'problems')})` : ''}`,
    ),
    maxBytes,
    (left) => `+${left} more namespaces`,
  );
}

/** `1 pod`, `2 pods`: every noun here is a regular English plural. */
export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun.replace(/s$/, '') : noun}`;
}

function joinBounded(parts: readonly string[], maxBytes: number, more: (left: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const part of parts) {
    if (used + part.length + 2 > maxBytes) break;
    kept.push(part);
    used += part.length + 2;
  }
  const left = parts.length - kept.length;
  return left > 0 ? [...kept, more(left)].join(', ') : kept.join(', ');
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

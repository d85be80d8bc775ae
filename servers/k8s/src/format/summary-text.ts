import { byteLength, renderTable } from '@sre-agent/shared';
import { formatCounts, formatNamespaceCounts, type ListRow, type ListTally, plural } from './summary.js';

export interface PageInfo {
  /** The API's token for the next page; absent on the last page. */
  continue?: string | undefined;
  /** The API's estimate of what is left, when it gives one. */
  remaining?: number | undefined;
}

export interface ListTextSpec {
  /** Plural noun: "pods". */
  noun: string;
  /** `namespace "payments"` or `all namespaces`. */
  scope: string;
  /** The kubectl columns without NAMESPACE. */
  headers: string[];
  /** Adds a NAMESPACE column and the per-namespace counts. */
  withNamespace: boolean;
  tally: ListTally;
  budgetBytes: number;
  /** How to see what is not shown, in terms of this tool's arguments. */
  more: string;
  /** Set when paging stopped at the hard cap: the number of objects read. */
  cappedAt?: number | undefined;
  /** Set in `limit` mode: this is one page, not everything. */
  page?: PageInfo | undefined;
}

/**
 * A summary first (counts by status, problems, namespaces), then one line per object,
 * problems first, as many as fit the budget, then what was left out and how to get it.
 */
export function formatListText(spec: ListTextSpec): string {
  const { tally } = spec;
  const header = headerLines(spec);
  if (tally.total === 0) return header.join('\n');
  const rows = spec.tally.rows();
  const headers = spec.withNamespace ? ['NAMESPACE', ...spec.headers] : spec.headers;
  const cells = rows.map((row) => (spec.withNamespace ? [row.namespace ?? '', ...row.cells] : row.cells));
  const compose = (shown: number) => {
    const table = renderTable(headers, cells.slice(0, shown));
    const footer = footerLines(spec, rows.slice(0, shown));
    return [...header, table, ...footer].join('\n');
  };
  // The longest prefix of rows that fits: one render per probe, and rows are few (bounded).
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (byteLength(compose(middle)) <= spec.budgetBytes) low = middle;
    else high = middle - 1;
  }
  return compose(low);
}

function headerLines(spec: ListTextSpec): string[] {
  const { tally, noun } = spec;
  const onPage = spec.page ? ' on this page' : '';
  if (tally.total === 0) {
    const selectors = spec.page?.continue ? '' : ' (check the namespace and any selectors)';
    return [`No ${noun}${onPage} found in ${spec.scope}${selectors}.`, ...pageLines(spec)];
  }
  const lines = [`${plural(tally.total, noun)}${onPage} in ${spec.scope}: ${formatCounts(tally.byStatus)}.`];
  if (tally.problems > 0) {
    lines.push(`Need attention: ${tally.problems} (${formatCounts(tally.byProblem)}); listed first.`);
  }
  if (spec.withNamespace && tally.byNamespace.size > 1) {
    lines.push(`By namespace: ${formatNamespaceCounts(tally.byNamespace)}.`);
  }
  if (spec.cappedAt !== undefined) {
    lines.push(`Stopped after ${spec.cappedAt} ${noun} (hard cap): counts cover only those. ${spec.more}`);
  }
  return lines;
}

function footerLines(spec: ListTextSpec, shown: readonly ListRow[]): string[] {
  const lines: string[] = [];
  const total = spec.tally.total;
  if (shown.length < total) {
    const problemsShown = shown.filter((row) => row.problem !== undefined).length;
    const problems =
      spec.tally.problems > 0 ? ` (${problemsShown} of ${spec.tally.problems} needing attention)` : '';
    lines.push(`[Showing ${shown.length} of ${total} ${spec.noun}${problems}. ${spec.more}]`);
  }
  return [...lines, ...pageLines(spec)];
}

function pageLines(spec: ListTextSpec): string[] {
  const next = spec.page?.continue;
  if (!spec.page) return [];
  if (!next) return ['This is the last page.'];
  const remaining = spec.page.remaining !== undefined ? ` (about ${spec.page.remaining} more)` : '';
  return [`Next page${remaining}: call again with the same arguments and continue="${next}".`];
}

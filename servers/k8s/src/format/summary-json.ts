import { byteLength } from '@sre-agent/shared';
import { redactObject } from '../redact.js';
import type { ListTally } from './summary.js';
import type { PageInfo } from './summary-text.js';

/**
 * Keeps raw objects for `output: "json"`, redacted on the way in, problems first, and stops
 * keeping them once a budget's worth is held: the rest are counted, not stored.
 */
export interface JsonCollector {
  add(object: unknown, problem: boolean): void;
  items(): unknown[];
}

export function createJsonCollector(budgetBytes: number): JsonCollector {
  const held = { problem: [] as unknown[], ok: [] as unknown[] };
  const used = { problem: 0, ok: 0 };
  return {
    add(object, problem) {
      const key = problem ? 'problem' : 'ok';
      if (used[key] > budgetBytes) return;
      const redacted = redactObject(object);
      used[key] += byteLength(JSON.stringify(redacted));
      held[key].push(redacted);
    },
    items: () => [...held.problem, ...held.ok],
  };
}

export interface ListJsonSpec {
  /** `Pod`: each item gets it back, since typed list items lose their kind on the wire. */
  kind: string;
  apiVersion: string;
  scope: string;
  tally: ListTally;
  items: unknown[];
  budgetBytes: number;
  more: string;
  cappedAt?: number | undefined;
  page?: PageInfo | undefined;
}

/** The summary plus as many raw objects as fit the budget (compact JSON), problems first. */
export function formatListJson(spec: ListJsonSpec): Record<string, unknown> {
  const { tally } = spec;
  const typed = spec.items.map((item) => {
    const { apiVersion: _apiVersion, kind: _kind, ...rest } = item as Record<string, unknown>;
    return { apiVersion: spec.apiVersion, kind: spec.kind, ...rest };
  });
  const compose = (shown: number) => ({
    scope: spec.scope,
    total: tally.total,
    countsByStatus: Object.fromEntries(tally.byStatus),
    needAttention: tally.problems,
    ...(tally.problems > 0 ? { countsByProblem: Object.fromEntries(tally.byProblem) } : {}),
    ...(tally.byNamespace.size > 1 ? { countsByNamespace: topNamespaces(tally) } : {}),
    ...(spec.cappedAt !== undefined ? { cappedAt: spec.cappedAt } : {}),
    ...(spec.page ? pageFields(spec.page) : {}),
    itemsShown: shown,
    itemsOmitted: tally.total - shown,
    ...(shown < tally.total ? { howToGetMore: spec.more } : {}),
    items: typed.slice(0, shown),
  });
  let low = 0;
  let high = typed.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (byteLength(JSON.stringify(compose(middle))) <= spec.budgetBytes) low = middle;
    else high = middle - 1;
  }
  return compose(low);
}

function pageFields(page: PageInfo): Record<string, unknown> {
  return {
    continue: page.continue ?? null,
    ...(page.remaining !== undefined ? { remainingItemCount: page.remaining } : {}),
  };
}

// Thousands of namespaces would crowd out the objects themselves.
function topNamespaces(tally: ListTally): Record<string, { total: number; problems: number }> {
  const sorted = [...tally.byNamespace].sort(
    (a, b) => b[1].problems - a[1].problems || b[1].total - a[1].total || a[0].localeCompare(b[0]),
  );
  return Object.fromEntries(sorted.slice(0, 50));
}

import { byteLength } from './budget.js';

export interface JsonFit {
  text: string;
  /** Items of the top-level array (or `items` list) left out to fit. */
  omitted: number;
}

/**
 * Renders a value as JSON within the budget. Lists are cut item by item (never mid-object),
 * so what is returned always parses; the caller announces what was left out.
 */
export function renderJsonWithinBudget(value: unknown, budgetBytes: number): JsonFit {
  const full = JSON.stringify(value, null, 1);
  if (byteLength(full) <= budgetBytes) return { text: full, omitted: 0 };
  const items = Array.isArray(value) ? value : undefined;
  if (!items) {
    const compact = JSON.stringify(value);
    if (byteLength(compact) <= budgetBytes) return { text: compact, omitted: 0 };
    return { text: JSON.stringify({ error: 'object larger than the output budget' }), omitted: 1 };
  }
  let low = 0;
  let high = items.length;
  // Binary search for the longest prefix that fits: one JSON.stringify per probe.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (byteLength(JSON.stringify(items.slice(0, middle))) <= budgetBytes) low = middle;
    else high = middle - 1;
  }
  return { text: JSON.stringify(items.slice(0, low)), omitted: items.length - low };
}

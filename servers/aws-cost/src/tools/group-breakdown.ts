import type { Decimal } from 'decimal.js';
import type { Expression, GroupDefinition } from '../ce-types.js';
import { anyEstimated, rankDescending, totalsByGroup, unitOf } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { groupLabel } from '../filters.js';
import { formatBreakdown } from '../format/breakdown.js';
import { monthlyGroupedQuery } from '../monthly-grouped-query.js';
import type { Period } from '../periods.js';
import { createMeter } from '../request-meter.js';

export interface BreakdownRequest {
  period: Period;
  group: GroupDefinition;
  filter?: Expression | undefined;
  /** Heading before the period label, e.g. "Cost by service". */
  title: string;
  /** Column header for the group names, e.g. SERVICE. */
  column: string;
  topN: number;
  notes?: string[];
}

/**
 * "How much per X over a period": one MONTHLY request grouped by X (the cheapest shape), summed
 * across months, ranked, with readable labels (account names, untagged).
 */
export async function groupBreakdown(
  deps: CostToolDeps,
  request: BreakdownRequest,
  signal: AbortSignal,
): Promise<string> {
  const { period, group } = request;
  const meter = createMeter(signal);
  const result = await deps.ce.getCostAndUsage(monthlyGroupedQuery(period, group, request.filter), meter);
  const rows = rankDescending(totalsByGroup(result, 'UnblendedCost'))
    .filter(([, amount]) => !amount.isZero())
    .map(([key, amount]): [string, Decimal] => [groupLabel(group, key, result.accountNames), amount]);
  return formatBreakdown({
    title: `${request.title}, ${period.label}`,
    column: request.column,
    rows,
    unit: unitOf(result, 'UnblendedCost'),
    estimated: anyEstimated(result),
    topN: request.topN,
    meter,
    notes: request.notes ?? [],
  });
}

import type { CostAndUsageQuery, Expression, GroupDefinition } from './ce-types.js';
import { type Period, toInterval } from './periods.js';

/** One MONTHLY request grouped one way: the cheapest shape for "how much per X over a period". */
export function monthlyGroupedQuery(
  period: Period,
  group: GroupDefinition,
  filter?: Expression,
  metric = 'UnblendedCost',
): CostAndUsageQuery {
  return {
    TimePeriod: toInterval(period, 'MONTHLY'),
    Granularity: 'MONTHLY',
    Metrics: [metric as CostAndUsageQuery['Metrics'][number]],
    GroupBy: [group],
    ...(filter ? { Filter: filter } : {}),
  };
}

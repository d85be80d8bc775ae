import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { periodArg } from '../args.js';
import { anyEstimated, rankDescending, totalsByGroup, unitOf } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { groupLabel } from '../filters.js';
import { formatBreakdown } from '../format/breakdown.js';
import { monthlyGroupedQuery } from '../monthly-grouped-query.js';
import { resolvePeriodSpec } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

export function costByAccountTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_by_account',
      description:
        'Cost per linked account over a period, ranked, with account names (from the API, no extra request). Answers "which account is the most expensive".',
      input: {
        period: periodArg('this_month'),
        top_n: z
          .number()
          .int()
          .min(1)
          .max(200)
          .default(20)
          .describe('Accounts listed; the rest are summed into one line'),
      },
      annotations: readOnly('Cost by account'),
      async handler({ period: spec, top_n }, ctx) {
        const period = resolvePeriodSpec(spec, deps.now());
        const meter = createMeter(ctx.signal);
        const group = { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' } as const;
        const result = await deps.ce.getCostAndUsage(monthlyGroupedQuery(period, group), meter);
        const rows = rankDescending(totalsByGroup(result, 'UnblendedCost'))
          .filter(([, amount]) => !amount.isZero())
          .map(([key, amount]): [string, typeof amount] => [
            groupLabel(group, key, result.accountNames),
            amount,
          ]);
        return {
          text: formatBreakdown({
            title: `Cost by linked account, ${period.label}`,
            column: 'ACCOUNT',
            rows,
            unit: unitOf(result, 'UnblendedCost'),
            estimated: anyEstimated(result),
            topN: top_n,
            meter,
          }),
        };
      },
    }),
  ];
}

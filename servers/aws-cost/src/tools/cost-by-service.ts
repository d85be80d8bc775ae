import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { periodArg } from '../args.js';
import { anyEstimated, rankDescending, totalsByGroup, unitOf } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { buildFilter } from '../filters.js';
import { formatBreakdown } from '../format/breakdown.js';
import { monthlyGroupedQuery } from '../monthly-grouped-query.js';
import { resolvePeriodSpec } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

export function costByServiceTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_by_service',
      description:
        'The most expensive AWS services over a period, ranked, with each one\'s share of the total. Answers "what did we spend this month and on what". One billed request per result page.',
      input: {
        period: periodArg('this_month'),
        top_n: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(10)
          .describe('Services listed; the rest are summed into one line'),
        exclude_services: z
          .array(z.string().min(1).max(256))
          .max(50)
          .optional()
          .describe('Services to leave out, exact names, e.g. ["Tax", "AWS Support (Business)"]'),
      },
      annotations: readOnly('Cost by service'),
      async handler({ period: spec, top_n, exclude_services }, ctx) {
        const period = resolvePeriodSpec(spec, deps.now());
        const meter = createMeter(ctx.signal);
        const query = monthlyGroupedQuery(
          period,
          { Type: 'DIMENSION', Key: 'SERVICE' },
          buildFilter({ exclude_services }),
        );
        const result = await deps.ce.getCostAndUsage(query, meter);
        const excluded = exclude_services?.length ? [`Excluded: ${exclude_services.join(', ')}`] : [];
        return {
          text: formatBreakdown({
            title: `Cost by service, ${period.label}`,
            column: 'SERVICE',
            rows: rankDescending(totalsByGroup(result, 'UnblendedCost')).filter(
              ([, amount]) => !amount.isZero(),
            ),
            unit: unitOf(result, 'UnblendedCost'),
            estimated: anyEstimated(result),
            topN: top_n,
            meter,
            notes: excluded,
          }),
        };
      },
    }),
  ];
}

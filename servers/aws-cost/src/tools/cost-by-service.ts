import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { countArg, periodArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { buildFilter } from '../filters.js';
import { resolvePeriodSpec } from '../periods.js';
import { readOnly } from './annotations.js';
import { groupBreakdown } from './group-breakdown.js';

export function costByServiceTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_by_service',
      description:
        'The most expensive AWS services over a period, ranked, with each one\'s share of the total. Answers "what did we spend this month and on what". One billed request per result page.',
      input: {
        period: periodArg('this_month'),
        top_n: countArg('Services listed; the rest are summed into one line', 10, 100),
        exclude_services: z
          .array(z.string().min(1).max(256))
          .max(50)
          .optional()
          .describe('Services to leave out, exact names, e.g. ["Tax", "AWS Support (Business)"]'),
      },
      annotations: readOnly('Cost by service'),
      async handler({ period, top_n, exclude_services }, ctx) {
        const request = {
          period: resolvePeriodSpec(period, deps.now()),
          group: { Type: 'DIMENSION', Key: 'SERVICE' } as const,
          filter: buildFilter({ exclude_services }),
          title: 'Cost by service',
          column: 'SERVICE',
          topN: top_n,
          notes: exclude_services?.length ? [`Excluded: ${exclude_services.join(', ')}`] : [],
        };
        return { text: await groupBreakdown(deps, request, ctx.signal) };
      },
    }),
  ];
}

import { defineTool } from '@sre-agent/shared';
import { countArg, filterArgs, periodArg } from '../args.js';
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
        'AWS services ranked by cost over a period, with shares of the total. Answers "what did we spend and on what".',
      input: {
        period: periodArg('this_month'),
        top_n: countArg('Services listed; the rest are summed', 10, 100),
        exclude_services: filterArgs.exclude_services,
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

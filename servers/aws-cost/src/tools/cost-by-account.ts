import { defineTool } from '@sre-agent/shared';
import { countArg, periodArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { fenceFreeTextGroups } from '../format/fence-groups.js';
import { resolvePeriodSpec } from '../periods.js';
import { readOnly } from './annotations.js';
import { groupBreakdown } from './group-breakdown.js';

export function costByAccountTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_by_account',
      description:
        'Linked accounts ranked by cost over a period, with names. Answers "which account costs most".',
      input: {
        period: periodArg('this_month'),
        top_n: countArg('Accounts listed; the rest are summed', 20, 200),
      },
      annotations: readOnly('Cost by account'),
      async handler({ period, top_n }, ctx) {
        const request = {
          period: resolvePeriodSpec(period, deps.now()),
          group: { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' } as const,
          title: 'Cost by linked account',
          column: 'ACCOUNT',
          topN: top_n,
        };
        return {
          text: fenceFreeTextGroups(await groupBreakdown(deps, request, ctx.signal), [request.group]),
        };
      },
    }),
  ];
}

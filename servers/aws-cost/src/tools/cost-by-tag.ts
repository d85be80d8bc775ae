import { defineTool } from '@sre-agent/shared';
import { countArg, periodArg, tagKeyArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { fenceAfterHeading } from '../format/fence-groups.js';
import { resolvePeriodSpec } from '../periods.js';
import { readOnly } from './annotations.js';
import { groupBreakdown } from './group-breakdown.js';

export function costByTagTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_by_tag',
      description:
        'Values of one cost allocation tag ranked by cost over a period, untagged costs included. Answers "what does team X cost".',
      input: {
        tag_key: tagKeyArg,
        period: periodArg('this_month'),
        top_n: countArg('Tag values listed; the rest are summed', 20, 200),
      },
      annotations: readOnly('Cost by tag'),
      async handler({ tag_key, period, top_n }, ctx) {
        const request = {
          period: resolvePeriodSpec(period, deps.now()),
          group: { Type: 'TAG', Key: tag_key } as const,
          title: `Cost by tag "${tag_key}"`,
          column: tag_key.toUpperCase(),
          topN: top_n,
        };
        const text = await groupBreakdown(deps, request, ctx.signal);
        // Tag values are free text anyone with tagging rights can write: present them as data.
        return { text: fenceAfterHeading(text, `tag values of ${tag_key}`) };
      },
    }),
  ];
}

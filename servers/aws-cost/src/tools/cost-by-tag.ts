import { defineTool, fenceUntrusted } from '@sre-agent/shared';
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

export const tagKeyArg = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^$]+$/, 'a tag key cannot contain "$"')
  .describe(
    'Cost allocation tag key, e.g. "team" (case-sensitive; it must be activated as a cost allocation tag)',
  );

export function costByTagTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_by_tag',
      description:
        'Cost per value of one cost allocation tag over a period, ranked; costs without the tag are shown as "(no <key> tag)". Answers "what does team X cost". Use list_tag_values to see the values.',
      input: {
        tag_key: tagKeyArg,
        period: periodArg('this_month'),
        top_n: z
          .number()
          .int()
          .min(1)
          .max(200)
          .default(20)
          .describe('Tag values listed; the rest are summed into one line'),
      },
      annotations: readOnly('Cost by tag'),
      async handler({ tag_key, period: spec, top_n }, ctx) {
        const period = resolvePeriodSpec(spec, deps.now());
        const meter = createMeter(ctx.signal);
        const group = { Type: 'TAG', Key: tag_key } as const;
        const result = await deps.ce.getCostAndUsage(monthlyGroupedQuery(period, group), meter);
        const rows = rankDescending(totalsByGroup(result, 'UnblendedCost'))
          .filter(([, amount]) => !amount.isZero())
          .map(([key, amount]): [string, typeof amount] => [groupLabel(group, key), amount]);
        const text = formatBreakdown({
          title: `Cost by tag "${tag_key}", ${period.label}`,
          column: tag_key.toUpperCase(),
          rows,
          unit: unitOf(result, 'UnblendedCost'),
          estimated: anyEstimated(result),
          topN: top_n,
          meter,
        });
        // Tag values are free text anyone with tagging rights can write: present them as data.
        const [head, table] = splitAtTable(text);
        return { text: table ? `${head}\n${fenceUntrusted(`tag values of ${tag_key}`, table)}` : text };
      },
    }),
  ];
}

function splitAtTable(text: string): [string, string | undefined] {
  const at = text.indexOf('\n\n');
  return at < 0 ? [text, undefined] : [text.slice(0, at + 1), text.slice(at + 2)];
}

import { defineTool, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { COST_METRICS, countArg, dateArg, filterArgs, groupByItemArg, optionalPeriodArg } from '../args.js';
import type { CostAndUsageQuery, Granularity } from '../ce-types.js';
import type { CostToolDeps } from '../deps.js';
import { buildFilter, describeFilter, parseGroupBy } from '../filters.js';
import { formatCostAndUsage } from '../format/cost-and-usage.js';
import { fenceFreeTextGroups } from '../format/fence-groups.js';
import { forGranularity, type Period, resolveDates, resolvePeriodSpec, toInterval } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

interface RangeArgs {
  start_date?: string | undefined;
  end_date?: string | undefined;
  period?: string | undefined;
}

/** Dates or a named period, never both; validated before anything is sent. */
export function resolveRange(args: RangeArgs, granularity: Granularity, now: Date): Period {
  const hasDates = args.start_date !== undefined || args.end_date !== undefined;
  if (hasDates && args.period !== undefined) {
    throw new ToolError('Pass either start_date/end_date or period, not both.', 'Drop one of them.');
  }
  if (hasDates) {
    if (!args.start_date || !args.end_date) {
      throw new ToolError(
        'start_date and end_date go together.',
        'Pass both (end_date is inclusive), or a period.',
      );
    }
    return resolveDates(args.start_date, args.end_date, now, granularity);
  }
  const spec = args.period ?? 'this_month';
  return forGranularity(resolvePeriodSpec(spec, now), granularity, now, spec);
}

const costAndUsageInput = {
  start_date: dateArg('First day').optional(),
  end_date: dateArg('Last day').optional(),
  period: optionalPeriodArg('Instead of the dates (default this_month)'),
  granularity: z
    .enum(['MONTHLY', 'DAILY', 'HOURLY'])
    .default('MONTHLY')
    .describe('HOURLY covers the last 14 days only'),
  metric: z
    .enum([...COST_METRICS, 'UsageQuantity'])
    .default('UnblendedCost')
    .describe('UsageQuantity gives usage, not cost'),
  group_by: z
    .array(groupByItemArg)
    .max(2)
    .default([])
    .describe('Up to two, e.g. ["LINKED_ACCOUNT", "tag:team"]'),
  ...filterArgs,
  limit: countArg('Groups per period, largest first; the rest are summed', 20, 200),
};

type CostAndUsageArgs = z.infer<z.ZodObject<typeof costAndUsageInput>>;

async function costAndUsage(
  deps: CostToolDeps,
  args: CostAndUsageArgs,
  signal: AbortSignal,
): Promise<string> {
  const period = resolveRange(args, args.granularity, deps.now());
  const groupBy = args.group_by.map(parseGroupBy);
  const filter = buildFilter(args);
  const query: CostAndUsageQuery = {
    TimePeriod: toInterval(period, args.granularity),
    Granularity: args.granularity,
    Metrics: [args.metric],
    ...(groupBy.length > 0 ? { GroupBy: groupBy } : {}),
    ...(filter ? { Filter: filter } : {}),
  };
  const meter = createMeter(signal);
  const result = await deps.ce.getCostAndUsage(query, meter);
  const { granularity, metric, limit } = args;
  const view = { period, granularity, metric, groupBy, result, limit, meter };
  return fenceFreeTextGroups(formatCostAndUsage({ ...view, filterLine: describeFilter(args) }), groupBy);
}

export function costAndUsageTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_and_usage',
      description:
        'General cost or usage query: any dates, per month, day or hour, up to two groupings, filters. Use it only when no focused tool fits.',
      input: costAndUsageInput,
      annotations: readOnly('Cost and usage'),
      async handler(args, ctx) {
        return {
          text: await costAndUsage(deps, args, ctx.signal),
          moreHint: 'Use a shorter period, MONTHLY granularity, a smaller limit, or filters.',
        };
      },
    }),
  ];
}

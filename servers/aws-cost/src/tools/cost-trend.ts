import { defineTool, type ToolResult } from '@sre-agent/shared';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { countArg, groupByItemArg, metricArg } from '../args.js';
import type { CostAndUsageQuery, GroupDefinition } from '../ce-types.js';
import { renderTrendChart } from '../chart/trend-chart.js';
import { type PeriodTotal, seriesByGroup, totalsByPeriod, unitOf } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { groupLabel, parseGroupBy } from '../filters.js';
import { fenceFreeTextGroups } from '../format/fence-groups.js';
import { formatTrend, isPartial } from '../format/trend.js';
import { addDays, isoDay, monthStart, type Period, resolveDates } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const CHART_SERIES = 7;

function labelledSeries(
  series: Map<string, Decimal[]>,
  group: GroupDefinition,
  names: Record<string, string>,
) {
  const labelled = new Map<string, Decimal[]>();
  for (const [key, values] of series) labelled.set(groupLabel(group, key, names), values);
  return labelled;
}

/** The top groups stacked bottom-up, the rest as "Other", or one "Total" series when not grouped. */
function chartSeries(months: PeriodTotal[], groups: Map<string, Decimal[]>) {
  if (groups.size === 0) return [{ label: 'Total', values: months.map((m) => m.total.toNumber()) }];
  const ranked = [...groups].sort((a, b) => Decimal.sum(0, ...b[1]).comparedTo(Decimal.sum(0, ...a[1])));
  const top = ranked
    .slice(0, CHART_SERIES)
    .map(([label, values]) => ({ label, values: values.map((v) => v.toNumber()) }));
  const rest = ranked.slice(CHART_SERIES);
  if (rest.length === 0) return top;
  const other = months.map((_, i) =>
    rest.reduce((sum, [, values]) => sum.plus(values[i] ?? 0), new Decimal(0)).toNumber(),
  );
  return [...top, { label: `Other (${rest.length})`, values: other }];
}

const trendInput = {
  months: countArg('Complete months before this one (Cost Explorer keeps 14)', 6, 13),
  group_by: groupByItemArg.optional(),
  include_current_month: z
    .boolean()
    .default(true)
    .describe('Add this month to date (complete days, compared by daily pace)'),
  metric: metricArg,
  top_n: countArg('Groups in the table (the chart shows 7)', 10, 50),
  chart: z.boolean().default(true).describe('Attach the PNG chart (false saves tokens)'),
};

type TrendArgs = z.infer<z.ZodObject<typeof trendInput>>;

/**
 * One MONTHLY request from the first of `months` months ago to yesterday (or the end of last month).
 * Today is left out as in compare_costs: its costs are still arriving (Cost Explorer lags up to 24
 * hours), and counting it as a day would drag the month's daily pace down, by a fifth on the 3rd.
 */
function trendQuery(args: TrendArgs, now: Date): { period: Period; query: CostAndUsageQuery } {
  const today = isoDay(now);
  const firstOfMonth = monthStart(today);
  const end =
    args.include_current_month && today > firstOfMonth ? addDays(today, -1) : addDays(firstOfMonth, -1);
  const period = resolveDates(monthStart(today, -args.months), end, now, 'MONTHLY');
  const group = args.group_by ? parseGroupBy(args.group_by) : undefined;
  const query: CostAndUsageQuery = {
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: 'MONTHLY',
    Metrics: [args.metric],
    ...(group ? { GroupBy: [group] } : {}),
  };
  return { period, query };
}

async function costTrend(deps: CostToolDeps, args: TrendArgs, signal: AbortSignal): Promise<ToolResult> {
  const { period, query } = trendQuery(args, deps.now());
  const meter = createMeter(signal);
  const result = await deps.ce.getCostAndUsage(query, meter);
  const months = totalsByPeriod(result, args.metric);
  const group = query.GroupBy?.[0];
  const groups = group
    ? labelledSeries(seriesByGroup(result, args.metric), group, result.accountNames)
    : new Map<string, Decimal[]>();
  const unit = unitOf(result, args.metric);
  const by = args.group_by ? `, by ${args.group_by}` : '';
  const title = `Monthly cost trend (${args.metric}), ${period.start.slice(0, 7)} to ${addDays(period.end, -1).slice(0, 7)}${by}`;
  const image = args.chart && months.length > 0 ? chartImage(title, months, groups, unit) : undefined;
  const chartNote = image
    ? 'Chart: PNG attached (stacked bars: top 7 groups plus "Other"; the partial month is lighter).'
    : undefined;
  const { group_by: groupName, top_n: topN } = args;
  const table = formatTrend({ title, months, groups, groupName, topN, unit, meter, chartNote });
  const text = fenceFreeTextGroups(table, group ? [group] : []);
  return { text, ...(image ? { images: [image] } : {}) };
}

export function costTrendTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_trend',
      description:
        'Monthly cost over the last N months with month-over-month change, optionally per group with what grew and shrank most, and a PNG chart. Answers "how has spend moved".',
      input: trendInput,
      annotations: readOnly('Cost trend'),
      handler: (args, ctx) => costTrend(deps, args, ctx.signal),
    }),
  ];
}

function chartImage(title: string, months: PeriodTotal[], groups: Map<string, Decimal[]>, unit: string) {
  const png = renderTrendChart({
    title,
    months: months.map((m) => ({
      label: MONTHS[Number(m.start.slice(5, 7)) - 1] ?? '?',
      year: m.start.slice(2, 4),
      partial: isPartial(m),
    })),
    series: chartSeries(months, groups),
    unit,
  });
  return { data: png.toString('base64'), mimeType: 'image/png' };
}

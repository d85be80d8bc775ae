import { defineTool, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { dateArg, filterArgs, metricArg } from '../args.js';
import type { ForecastQuery, Metric } from '../ce-types.js';
import { totalsByPeriod } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { buildFilter, describeFilter } from '../filters.js';
import { formatForecast } from '../format/forecast.js';
import { sumAmounts } from '../format/money.js';
import { addDays, daysBetween, isCalendarDate, isoDay, monthStart } from '../periods.js';
import { createMeter, type RequestMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

/** The forecast API spells metrics in SCREAMING_SNAKE_CASE: UnblendedCost -> UNBLENDED_COST. */
export const forecastMetric = (metric: string) =>
  metric.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() as Metric;

function checkEnd(end: string, today: string): void {
  if (!isCalendarDate(end)) {
    throw new ToolError(`end_date "${end}" is not a valid date.`, 'Use YYYY-MM-DD, e.g. 2025-03-31.');
  }
  if (end < today) {
    throw new ToolError(
      `end_date ${end} is before today (${today}); a forecast looks ahead.`,
      'Use get_cost_and_usage for past costs.',
    );
  }
  if (end > addDays(today, 365)) {
    throw new ToolError(
      `end_date ${end} is more than 12 months ahead.`,
      `Use an end_date on or before ${addDays(today, 365)}.`,
    );
  }
}

const forecastInput = {
  end_date: dateArg('Last day to forecast (default month end, at most 12 months ahead)').optional(),
  metric: metricArg,
  prediction_interval: z
    .number()
    .int()
    .min(51)
    .max(99)
    .default(80)
    .describe('Confidence of the bounds, in percent'),
  ...filterArgs,
};

async function costForecast(
  deps: CostToolDeps,
  args: z.infer<z.ZodObject<typeof forecastInput>>,
  signal: AbortSignal,
): Promise<string> {
  const today = isoDay(deps.now());
  const monthEnd = addDays(monthStart(today, 1), -1);
  const end = args.end_date ?? monthEnd;
  if (args.end_date) checkEnd(args.end_date, today);
  const filter = buildFilter(args);
  const meter = createMeter(signal);
  const query: ForecastQuery = {
    TimePeriod: { Start: today, End: addDays(end, 1) },
    Metric: forecastMetric(args.metric),
    Granularity: 'MONTHLY',
    PredictionIntervalLevel: args.prediction_interval,
    ...(filter ? { Filter: filter } : {}),
  };
  // The month total is only projected when the forecast ends this month and the month has a past.
  const wantsMonthToDate = end <= monthEnd && today > monthStart(today);
  const [forecast, monthToDate] = await Promise.all([
    deps.ce.getCostForecast(query, meter),
    wantsMonthToDate ? actualBefore(deps, today, args.metric, filter, meter) : undefined,
  ]);
  const days = daysBetween(today, addDays(end, 1));
  const level = args.prediction_interval;
  const filterLine = describeFilter(args);
  const view = { metric: args.metric, start: today, endInclusive: end, days, level, forecast, monthToDate };
  return formatForecast({ ...view, filterLine, meter });
}

export function costForecastTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_forecast',
      description:
        'Forecast of spend from today to end_date with a prediction interval; for this month, the projected month total (actual to date plus forecast).',
      input: forecastInput,
      annotations: readOnly('Cost forecast'),
      async handler(args, ctx) {
        return { text: await costForecast(deps, args, ctx.signal) };
      },
    }),
  ];
}

/** This month's actual cost up to yesterday: the forecast starts today, so the two never overlap. */
async function actualBefore(
  deps: CostToolDeps,
  today: string,
  metric: string,
  filter: ForecastQuery['Filter'],
  meter: RequestMeter,
) {
  const start = monthStart(today);
  const result = await deps.ce.getCostAndUsage(
    {
      TimePeriod: { Start: start, End: today },
      Granularity: 'MONTHLY',
      Metrics: [metric as 'UnblendedCost'],
      ...(filter ? { Filter: filter } : {}),
    },
    meter,
  );
  return {
    start,
    endInclusive: addDays(today, -1),
    amount: sumAmounts(totalsByPeriod(result, metric).map((p) => p.total)),
  };
}

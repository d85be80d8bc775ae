import { defineTool } from '@sre-agent/shared';
import { filterArgs, periodArg } from '../args.js';
import { totalsByPeriod, unitOf } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { buildFilter, describeFilter } from '../filters.js';
import { dailyStats, formatDailyStats } from '../format/daily-stats.js';
import { isoDay, resolvePeriodSpec } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

export function dailyCostStatsTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_daily_cost_stats',
      description:
        'Per-day statistics of a period (today left out, incomplete): average, weekday vs weekend, most and least expensive days. Answers "which day spiked".',
      input: { period: periodArg('last_30_days'), ...filterArgs },
      annotations: readOnly('Daily cost statistics'),
      async handler(args, ctx) {
        const now = deps.now();
        const period = resolvePeriodSpec(args.period, now);
        const filter = buildFilter(args);
        const meter = createMeter(ctx.signal);
        const query = {
          TimePeriod: { Start: period.start, End: period.end },
          Granularity: 'DAILY' as const,
          Metrics: ['UnblendedCost' as const],
          ...(filter ? { Filter: filter } : {}),
        };
        const result = await deps.ce.getCostAndUsage(query, meter);
        const today = isoDay(now);
        // Today's costs are still arriving; counting them would drag every average down.
        const days = totalsByPeriod(result, 'UnblendedCost').filter((d) => d.start !== today);
        return {
          text: formatDailyStats({
            title: `Daily cost, ${period.label}`,
            stats: dailyStats(days),
            unit: unitOf(result, 'UnblendedCost'),
            excludedToday: period.includesToday ? today : undefined,
            filterLine: describeFilter(args),
            meter,
          }),
        };
      },
    }),
  ];
}

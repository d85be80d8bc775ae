import { defineTool } from '@sre-agent/shared';
import type { Decimal } from 'decimal.js';
import type { z } from 'zod';
import { countArg, filterArgs, groupByItemArg, periodArg } from '../args.js';
import type { CostAndUsageQuery, CostAndUsageResult, Expression, GroupDefinition } from '../ce-types.js';
import { anyEstimated, totalsByGroup, unitOf } from '../cost-math.js';
import type { CostToolDeps } from '../deps.js';
import { buildFilter, describeFilter, groupLabel, parseGroupBy } from '../filters.js';
import { comparesPerDay, formatComparison } from '../format/comparison.js';
import { fenceFreeTextGroups } from '../format/fence-groups.js';
import { monthlyGroupedQuery } from '../monthly-grouped-query.js';
import { dayAfter, findOnceAMonthCharges, type OnceAMonthCharge, probeDay } from '../once-a-month.js';
import { completeDays, isoDay, type Period, resolvePeriodSpec } from '../periods.js';
import { createMeter, type RequestMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

/** The probe of a per-day comparison: one day's groups, and the month around it. */
async function probeOnceAMonth(
  deps: CostToolDeps,
  longer: { period: Period; result: CostAndUsageResult },
  group: GroupDefinition,
  filter: Expression | undefined,
  meter: RequestMeter,
) {
  const day = probeDay(longer.period);
  if (!day) return undefined;
  const query: CostAndUsageQuery = {
    TimePeriod: { Start: day, End: dayAfter(day) },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    GroupBy: [group],
    ...(filter ? { Filter: filter } : {}),
  };
  const dayResult = await deps.ce.getCostAndUsage(query, meter);
  const month = longer.result.results.filter((r) => r.TimePeriod?.Start === day);
  return {
    day,
    dayAmounts: byLabel(dayResult, group),
    monthAmounts: byLabel({ results: month, accountNames: longer.result.accountNames }, group),
  };
}

function byLabel(result: CostAndUsageResult, group: GroupDefinition): Map<string, Decimal> {
  const labelled = new Map<string, Decimal>();
  for (const [key, amount] of totalsByGroup(result, 'UnblendedCost')) {
    const label = groupLabel(group, key, result.accountNames);
    labelled.set(label, amount.plus(labelled.get(label) ?? 0));
  }
  return labelled;
}

/**
 * The two periods as compared: a period running to today is cut to its complete days, since today's
 * costs are partial and would be counted as a whole day in per-day rates (and in totals set side by
 * side). Cut or not, it is compared per day against any other length.
 */
export function comparedPeriods(specA: string, specB: string, now: Date) {
  const [rawA, rawB] = [resolvePeriodSpec(specA, now), resolvePeriodSpec(specB, now)];
  const [a, b] = [completeDays(rawA, now), completeDays(rawB, now)];
  const cut = a !== rawA || b !== rawB;
  const runsToToday = rawA.includesToday || rawB.includesToday;
  const today = runsToToday ? { day: isoDay(now), cut } : undefined;
  return { a, b, perDay: comparesPerDay(a, b, runsToToday), today };
}

const compareInput = {
  period_a: periodArg('last_month').describe('Earlier period (forms as period_b); default last_month'),
  period_b: periodArg('this_month'),
  group_by: groupByItemArg.default('SERVICE'),
  top_n: countArg('Drivers listed, largest change first', 10, 100),
  ...filterArgs,
};

async function compareCosts(
  deps: CostToolDeps,
  args: z.infer<z.ZodObject<typeof compareInput>>,
  signal: AbortSignal,
): Promise<string> {
  const now = deps.now();
  const { a, b, perDay, today } = comparedPeriods(args.period_a, args.period_b, now);
  const group = parseGroupBy(args.group_by);
  const filter = buildFilter(args);
  const meter = createMeter(signal);
  const [resultA, resultB] = await Promise.all([
    deps.ce.getCostAndUsage(monthlyGroupedQuery(a, group, filter), meter),
    deps.ce.getCostAndUsage(monthlyGroupedQuery(b, group, filter), meter),
  ]);
  const amountsA = byLabel(resultA, group);
  const amountsB = byLabel(resultB, group);
  // A per-day rate of a partial month is fooled by charges posted once a month: find them.
  let onceAMonth: OnceAMonthCharge[] = [];
  if (perDay) {
    const longer = a.days >= b.days ? { period: a, result: resultA } : { period: b, result: resultB };
    const probe = await probeOnceAMonth(deps, longer, group, filter, meter);
    onceAMonth = findOnceAMonthCharges({
      labels: new Set([...amountsA.keys(), ...amountsB.keys()]),
      byServiceName: group.Type === 'DIMENSION' && group.Key === 'SERVICE',
      probe,
    });
  }
  const text = formatComparison({
    groupName: args.group_by,
    a,
    b,
    perDay,
    today,
    amountsA,
    amountsB,
    onceAMonth,
    estimated: anyEstimated(resultA) || anyEstimated(resultB),
    unit: unitOf(resultB, 'UnblendedCost'),
    topN: args.top_n,
    meter,
    filterLine: describeFilter(args),
  });
  return fenceFreeTextGroups(text, [group]);
}

export function compareCostsTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'compare_costs',
      description:
        'Two periods compared per group: change per group, top drivers, what is new or gone; unequal lengths are compared per day, over complete days. Answers "which service grew", "why is this month higher".',
      input: compareInput,
      annotations: readOnly('Compare costs'),
      async handler(args, ctx) {
        return { text: await compareCosts(deps, args, ctx.signal) };
      },
    }),
  ];
}

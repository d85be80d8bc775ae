import { renderTable } from '@sre-agent/shared';
import type { Decimal } from 'decimal.js';
import type { CostAndUsageResult, GroupDefinition } from '../ce-types.js';
import { anyEstimated, periodTotal, totalsByPeriod, unitOf } from '../cost-math.js';
import { groupLabel } from '../filters.js';
import type { Period } from '../periods.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatAmount, formatShare, sumAmounts, toDecimal } from './money.js';

export interface CostAndUsageView {
  period: Period;
  granularity: string;
  metric: string;
  groupBy: GroupDefinition[];
  filterLine: string | undefined;
  result: CostAndUsageResult;
  /** Groups shown per period; the rest are summed into one line. */
  limit: number;
  meter: RequestMeter;
}

const ESTIMATED_NOTE = '* estimated: the period is not final yet.';

export function formatCostAndUsage(view: CostAndUsageView): string {
  const { result, metric } = view;
  const unit = unitOf(result, metric);
  const money = metric !== 'UsageQuantity';
  const periods = totalsByPeriod(result, metric);
  const total = sumAmounts(periods.map((p) => p.total));
  const estimated = anyEstimated(result);
  const by =
    view.groupBy.length > 0
      ? `, by ${view.groupBy.map((g) => (g.Type === 'DIMENSION' ? g.Key : `${g.Type.toLowerCase()}:${g.Key}`)).join(' and ')}`
      : '';
  const lines = [
    `Cost and usage (${metric}), ${view.period.label}, ${view.granularity}${by}`,
    ...(view.filterLine ? [view.filterLine] : []),
    formatMeterLine(view.meter),
    `Total: ${formatAmount(total, unit, money)}${estimated ? ' (estimated)' : ''}`,
    '',
  ];
  if (periods.length === 0) return [...lines, 'No cost data for this period.'].join('\n');
  const table =
    view.groupBy.length === 0 ? ungroupedTable(periods, unit, money) : groupedTable(view, unit, money);
  return [...lines, table, ...(estimated ? ['', ESTIMATED_NOTE] : [])].join('\n');
}

function ungroupedTable(periods: ReturnType<typeof totalsByPeriod>, unit: string, money: boolean): string {
  const rows = periods.map((p) => [
    p.start,
    `${formatAmount(p.total, unit, money)}${p.estimated ? ' *' : ''}`,
  ]);
  return renderTable(['PERIOD', 'AMOUNT'], rows);
}

function groupedTable(view: CostAndUsageView, unit: string, money: boolean): string {
  const { result, metric, groupBy, limit } = view;
  const headers = [
    ...(result.results.length > 1 ? ['PERIOD'] : []),
    ...groupBy.map((g) => g.Key.toUpperCase()),
    'AMOUNT',
    'SHARE',
  ];
  const rows: string[][] = [];
  for (const r of result.results) {
    const periodCells =
      result.results.length > 1 ? [`${r.TimePeriod?.Start ?? ''}${r.Estimated ? ' *' : ''}`] : [];
    const whole = periodTotal(r, metric);
    const groups = (r.Groups ?? [])
      .map((g): [string[], Decimal] => [g.Keys ?? [], toDecimal(g.Metrics?.[metric]?.Amount)])
      .filter(([, amount]) => !amount.isZero())
      .sort((a, b) => b[1].comparedTo(a[1]));
    for (const [keys, amount] of groups.slice(0, limit)) {
      const labels = keys.map((key, i) => groupLabel(groupBy[i]!, key, result.accountNames));
      rows.push([...periodCells, ...labels, formatAmount(amount, unit, money), formatShare(amount, whole)]);
    }
    const rest = groups.slice(limit);
    if (rest.length > 0) {
      const restSum = sumAmounts(rest.map(([, amount]) => amount));
      const filler = groupBy.map((_, i) => (i === 0 ? `(${rest.length} more)` : ''));
      rows.push([...periodCells, ...filler, formatAmount(restSum, unit, money), formatShare(restSum, whole)]);
    }
  }
  if (rows.length === 0) return 'No cost in any group for this period.';
  return renderTable(headers, rows);
}

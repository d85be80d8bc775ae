import { renderTable } from '@sre-agent/shared';
import { Decimal } from 'decimal.js';
import type { PeriodTotal } from '../cost-math.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, formatPercentChange, sumAmounts } from './money.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface DailyStats {
  days: number;
  total: Decimal;
  average: Decimal;
  weekday: { days: number; average: Decimal };
  weekend: { days: number; average: Decimal };
  /** Most expensive first. */
  ranked: PeriodTotal[];
}

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const mean = (values: Decimal[]) =>
  values.length === 0 ? new Decimal(0) : sumAmounts(values).dividedBy(values.length);

export function dailyStats(days: PeriodTotal[]): DailyStats {
  const weekend = days.filter((d) => [0, 6].includes(weekdayOf(d.start)));
  const weekday = days.filter((d) => ![0, 6].includes(weekdayOf(d.start)));
  const total = sumAmounts(days.map((d) => d.total));
  return {
    days: days.length,
    total,
    average: mean(days.map((d) => d.total)),
    weekday: { days: weekday.length, average: mean(weekday.map((d) => d.total)) },
    weekend: { days: weekend.length, average: mean(weekend.map((d) => d.total)) },
    ranked: [...days].sort((a, b) => b.total.comparedTo(a.total)),
  };
}

export interface DailyStatsView {
  title: string;
  stats: DailyStats;
  unit: string;
  excludedToday: string | undefined;
  filterLine: string | undefined;
  meter: RequestMeter;
}

function dayRows(days: PeriodTotal[], unit: string): string[][] {
  return days.map((d) => [
    d.start,
    WEEKDAYS[weekdayOf(d.start)] ?? '',
    `${formatMoney(d.total, unit)}${d.estimated ? ' *' : ''}`,
  ]);
}

export function formatDailyStats(view: DailyStatsView): string {
  const { stats, unit } = view;
  const head = [view.title, ...(view.filterLine ? [view.filterLine] : []), formatMeterLine(view.meter)];
  if (view.excludedToday) head.push(`Today (${view.excludedToday}) is left out: its data is incomplete.`);
  if (stats.days === 0) return [...head, '', 'No complete days in this period.'].join('\n');
  const diff = stats.weekend.average.minus(stats.weekday.average);
  const lines = [
    ...head,
    `Days: ${stats.days}, total ${formatMoney(stats.total, unit)}, average ${formatMoney(stats.average, unit)}/day`,
    `Weekdays (${stats.weekday.days}): ${formatMoney(stats.weekday.average, unit)}/day; weekends (${stats.weekend.days}): ${formatMoney(stats.weekend.average, unit)}/day (weekend ${formatPercentChange(diff, stats.weekday.average)} vs weekday)`,
    '',
    'Most expensive days:',
    renderTable(['DATE', 'DAY', 'COST'], dayRows(stats.ranked.slice(0, 3), unit)),
    '',
    'Least expensive days:',
    renderTable(['DATE', 'DAY', 'COST'], dayRows(stats.ranked.slice(-3).reverse(), unit)),
  ];
  if (stats.ranked.some((d) => d.estimated)) lines.push('* estimated: not final yet.');
  return lines.join('\n');
}

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

/** Weekday against weekend pace; a period without one of them (e.g. Monday to Friday) says so. */
function weekLine(stats: DailyStats, unit: string): string {
  const { weekday, weekend } = stats;
  const side = (name: string, part: { days: number; average: Decimal }) =>
    `${name} (${part.days}): ${formatMoney(part.average, unit)}/day`;
  if (weekday.days === 0 || weekend.days === 0) {
    const only = weekday.days === 0 ? side('Weekends', weekend) : side('Weekdays', weekday);
    return `${only}; no ${weekday.days === 0 ? 'weekdays' : 'weekend days'} in this period to compare with.`;
  }
  const diff = weekend.average.minus(weekday.average);
  return `${side('Weekdays', weekday)}; ${side('weekends', weekend)} (weekend ${formatPercentChange(diff, weekday.average)} vs weekday)`;
}

/** Three most and three least expensive days; one ranked list when the two would overlap. */
function extremes(ranked: PeriodTotal[], unit: string): string[] {
  const table = (days: PeriodTotal[]) => renderTable(['DATE', 'DAY', 'COST'], dayRows(days, unit));
  if (ranked.length <= 6) return ['Days, most expensive first:', table(ranked)];
  return [
    'Most expensive days:',
    table(ranked.slice(0, 3)),
    '',
    'Least expensive days:',
    table(ranked.slice(-3).reverse()),
  ];
}

export function formatDailyStats(view: DailyStatsView): string {
  const { stats, unit } = view;
  const head = [view.title, ...(view.filterLine ? [view.filterLine] : []), formatMeterLine(view.meter)];
  if (view.excludedToday) head.push(`Today (${view.excludedToday}) is left out: its data is incomplete.`);
  if (stats.days === 0) return [...head, '', 'No complete days in this period.'].join('\n');
  const lines = [
    ...head,
    `Days: ${stats.days}, total ${formatMoney(stats.total, unit)}, average ${formatMoney(stats.average, unit)}/day`,
    weekLine(stats, unit),
    '',
    ...extremes(stats.ranked, unit),
  ];
  if (stats.ranked.some((d) => d.estimated)) lines.push('* estimated: not final yet.');
  return lines.join('\n');
}

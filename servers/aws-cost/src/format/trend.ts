import { renderTable } from '@sre-agent/shared';
import { Decimal } from 'decimal.js';
import type { PeriodTotal } from '../cost-math.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, formatPercentChange, formatSignedMoney, sumAmounts } from './money.js';

export interface TrendView {
  title: string;
  months: PeriodTotal[];
  /** Per group label, one amount per month; empty when not grouped. */
  groups: Map<string, Decimal[]>;
  groupName: string | undefined;
  topN: number;
  unit: string;
  meter: RequestMeter;
  chartNote: string | undefined;
}

const monthOf = (p: PeriodTotal) => p.start.slice(0, 7);
const daysIn = (p: PeriodTotal) =>
  Math.max(1, Math.round((Date.parse(p.end) - Date.parse(p.start)) / 86_400_000));

/** The partial month is compared by daily pace, since its total is only part of a month. */
function monthRows(months: PeriodTotal[], unit: string): string[][] {
  return months.map((m, i) => {
    const previous = months[i - 1];
    const label = `${monthOf(m)}${m.estimated ? '*' : ''}`;
    if (!previous) return [label, formatMoney(m.total, unit), '', ''];
    if (isPartial(m)) {
      const { pace, before } = paces(m, previous);
      return [
        label,
        formatMoney(m.total, unit),
        '(partial)',
        `${formatPercentChange(pace.minus(before), before)}/day`,
      ];
    }
    const delta = m.total.minus(previous.total);
    return [
      label,
      formatMoney(m.total, unit),
      formatSignedMoney(delta, unit),
      formatPercentChange(delta, previous.total),
    ];
  });
}

function paces(m: PeriodTotal, previous: PeriodTotal) {
  return { pace: m.total.dividedBy(daysIn(m)), before: previous.total.dividedBy(daysIn(previous)) };
}

function partialNote(months: PeriodTotal[], unit: string): string[] {
  const m = months[months.length - 1];
  const previous = months[months.length - 2];
  if (!m || !previous || !isPartial(m)) return [];
  const { pace, before } = paces(m, previous);
  return [
    `${monthOf(m)} is partial (${daysIn(m)} days): ${formatMoney(pace, unit)}/day vs ${formatMoney(before, unit)}/day in ${monthOf(previous)} (${formatPercentChange(pace.minus(before), before)}); get_cost_forecast projects the month end.`,
  ];
}

export function isPartial(p: PeriodTotal): boolean {
  const start = new Date(`${p.start}T00:00:00Z`);
  const nextMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
    .toISOString()
    .slice(0, 10);
  return p.end < nextMonth;
}

/** Index of the last complete month, the fair end point for "how much did it grow". */
function lastCompleteIndex(months: PeriodTotal[]): number {
  const last = months.length - 1;
  return last > 0 && isPartial(months[last]!) ? last - 1 : last;
}

interface RankedGroup {
  label: string;
  first: Decimal;
  last: Decimal;
  total: Decimal;
  change: Decimal;
}

/** The groups, largest over the range first, each from the first month to the last complete one. */
function rankGroups(groups: Map<string, Decimal[]>, end: number): RankedGroup[] {
  const zero = new Decimal(0);
  const ranked = [...groups].map(([label, values]) => {
    const first = values[0] ?? zero;
    const last = values[end] ?? zero;
    return { label, first, last, total: sumAmounts(values), change: last.minus(first) };
  });
  return ranked.sort((a, b) => b.total.comparedTo(a.total));
}

/** The three largest moves one way (1 = grew, -1 = shrank), as `label +$12.00 (+3.4%)`. */
function movers(ranked: RankedGroup[], sign: 1 | -1, unit: string): string {
  const moved = ranked
    .filter((g) => g.change.times(sign).isPositive() && !g.change.isZero())
    .sort((a, b) => b.change.times(sign).comparedTo(a.change.times(sign)))
    .slice(0, 3)
    .map(
      (g) => `${g.label} ${formatSignedMoney(g.change, unit)} (${formatPercentChange(g.change, g.first)})`,
    );
  return moved.join('; ') || 'none';
}

function groupSection(view: TrendView): string[] {
  if (view.groups.size === 0 || view.months.length === 0) return [];
  const { unit, months } = view;
  const end = lastCompleteIndex(months);
  const first = monthOf(months[0]!);
  const last = monthOf(months[end]!);
  const ranked = rankGroups(view.groups, end);
  const rows = ranked
    .slice(0, view.topN)
    .map((g) => [
      g.label,
      formatMoney(g.first, unit),
      formatMoney(g.last, unit),
      formatSignedMoney(g.change, unit),
      formatPercentChange(g.change, g.first),
      formatMoney(g.total, unit),
    ]);
  const more =
    ranked.length > view.topN ? [`(${ranked.length - view.topN} more ${view.groupName} not listed)`] : [];
  return [
    '',
    `Top ${Math.min(view.topN, ranked.length)} by ${view.groupName}, ${first} vs ${last}:`,
    renderTable([view.groupName ?? 'GROUP', first, last, 'CHANGE', 'CHANGE %', 'TOTAL'], rows),
    ...more,
    `Grew most (${first} to ${last}): ${movers(ranked, 1, unit)}`,
    `Shrank most: ${movers(ranked, -1, unit)}`,
  ];
}

export function formatTrend(view: TrendView): string {
  const total = sumAmounts(view.months.map((m) => m.total));
  const lines = [
    view.title,
    formatMeterLine(view.meter),
    `Total over the range: ${formatMoney(total, view.unit)}`,
    '',
  ];
  if (view.months.length === 0) return [...lines, 'No cost data in this range.'].join('\n');
  lines.push(renderTable(['MONTH', 'TOTAL', 'CHANGE', 'CHANGE %'], monthRows(view.months, view.unit)));
  if (view.months.some((m) => m.estimated)) lines.push('* estimated: not final yet.');
  lines.push(...partialNote(view.months, view.unit));
  lines.push(...groupSection(view));
  if (view.chartNote) lines.push('', view.chartNote);
  return lines.join('\n');
}

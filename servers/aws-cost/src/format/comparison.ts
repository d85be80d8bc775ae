import { renderTable } from '@sre-agent/shared';
import { Decimal } from 'decimal.js';
import { monthsIn, type OnceAMonthCharge } from '../once-a-month.js';
import type { Period } from '../periods.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, formatPercentChange, formatShare, formatSignedMoney, sumAmounts } from './money.js';

export interface ComparisonView {
  groupName: string;
  a: Period;
  b: Period;
  /** Amount per group label in each period. */
  amountsA: Map<string, Decimal>;
  amountsB: Map<string, Decimal>;
  /** Compared per day rather than whole (see comparesPerDay). */
  perDay: boolean;
  /** Today, when a period ran to it: left out of that period (cut), or all of it. */
  today?: { day: string; cut: boolean } | undefined;
  /** Groups charged once a month, kept out of per-day rates (only used when comparing per day). */
  onceAMonth?: readonly OnceAMonthCharge[];
  estimated: boolean;
  unit: string;
  topN: number;
  meter: RequestMeter;
  filterLine: string | undefined;
}

interface Delta {
  label: string;
  a: Decimal;
  b: Decimal;
  delta: Decimal;
}

const ZERO = new Decimal(0);

export function compareGroups(amountsA: Map<string, Decimal>, amountsB: Map<string, Decimal>): Delta[] {
  const labels = new Set([...amountsA.keys(), ...amountsB.keys()]);
  return [...labels]
    .map((label) => {
      const a = amountsA.get(label) ?? ZERO;
      const b = amountsB.get(label) ?? ZERO;
      return { label, a, b, delta: b.minus(a) };
    })
    .filter((d) => !d.delta.isZero() || !d.a.isZero())
    .sort((x, y) => y.delta.abs().comparedTo(x.delta.abs()));
}

/**
 * Calendar months differ by up to three days and are compared whole. Anything more uneven (this
 * month so far against all of last month) is compared per day, or every group would seem to shrink;
 * so is a period `cut` to its complete days (a month so far is no calendar month, however long).
 */
const WHOLE_PERIOD_SLACK_DAYS = 3;

export const comparesPerDay = (a: Period, b: Period, cut: boolean) =>
  a.days !== b.days && (cut || Math.abs(a.days - b.days) > WHOLE_PERIOD_SLACK_DAYS);

const without = (amounts: Map<string, Decimal>, left: ReadonlySet<string>) =>
  new Map([...amounts].filter(([label]) => !left.has(label)));

const perDayOf = (amounts: Map<string, Decimal>, days: number) =>
  new Map([...amounts].map(([label, amount]) => [label, amount.dividedBy(Math.max(1, days))]));

export function formatComparison(view: ComparisonView): string {
  const { unit } = view;
  const totalA = sumAmounts(view.amountsA.values());
  const totalB = sumAmounts(view.amountsB.values());
  const change = totalB.minus(totalA);
  const perDay = view.perDay;
  const monthly = perDay ? (view.onceAMonth ?? []) : [];
  const left = new Set(monthly.map((m) => m.label));
  const drivers = perDay
    ? compareGroups(
        perDayOf(without(view.amountsA, left), view.a.days),
        perDayOf(without(view.amountsB, left), view.b.days),
      )
    : compareGroups(view.amountsA, view.amountsB);
  const driversChange = sumAmounts(drivers.map((d) => d.delta));
  const lines = [
    `Cost comparison by ${view.groupName}: A = ${view.a.label}, B = ${view.b.label}`,
    ...(view.filterLine ? [view.filterLine] : []),
    formatMeterLine(view.meter),
    `Total: A ${formatMoney(totalA, unit)} -> B ${formatMoney(totalB, unit)}: ${formatSignedMoney(change, unit)} (${formatPercentChange(change, totalA)})${view.estimated ? '; includes estimated (not final) amounts' : ''}`,
    ...todayNote(view),
    ...lengthNote(
      view,
      sumAmounts(without(view.amountsA, left).values()),
      sumAmounts(without(view.amountsB, left).values()),
      left.size > 0,
    ),
    '',
    perDay
      ? 'Top drivers of the change, per day (the periods differ in length):'
      : 'Top drivers of the change:',
    driversTable(drivers.slice(0, view.topN), driversChange, unit, perDay),
    ...onceAMonthSection(view, monthly),
    ...newAndGone(compareGroups(view.amountsA, view.amountsB), unit),
  ];
  return lines.join('\n');
}

function newAndGone(deltas: Delta[], unit: string): string[] {
  const fresh = deltas.filter((d) => d.a.isZero() && !d.b.isZero());
  const gone = deltas.filter((d) => d.b.isZero() && !d.a.isZero());
  return [
    ...(fresh.length > 0 ? ['', `New in B (${fresh.length}): ${listAmounts(fresh, (d) => d.b, unit)}`] : []),
    ...(gone.length > 0 ? ['', `Gone in B (${gone.length}): ${listAmounts(gone, (d) => d.a, unit)}`] : []),
  ];
}

function todayNote({ today, a }: ComparisonView): string[] {
  if (!today) return [];
  if (today.cut) {
    return [
      `Today (${today.day}) is left out: its costs are partial (Cost Explorer lags up to 24 hours), so only complete days are compared.`,
    ];
  }
  const which = a.includesToday ? 'A' : 'B';
  return [
    `${which} is today (${today.day}) alone, whose costs are partial (Cost Explorer lags up to 24 hours): its rate runs low.`,
  ];
}

function lengthNote(view: ComparisonView, totalA: Decimal, totalB: Decimal, leftOut: boolean): string[] {
  if (view.a.days === view.b.days) return [];
  const perDayA = totalA.dividedBy(Math.max(1, view.a.days));
  const perDayB = totalB.dividedBy(Math.max(1, view.b.days));
  const note = leftOut ? ', once-a-month charges left out (listed below)' : '';
  return [
    `Periods differ in length (${view.a.days} vs ${view.b.days} days); per day: A ${formatMoney(perDayA, view.unit)}, B ${formatMoney(perDayB, view.unit)} (${formatPercentChange(perDayB.minus(perDayA), perDayA)})${note}.`,
  ];
}

/**
 * Charges posted once a month, compared per month: a per-day rate would spread last month's over
 * 31 days and this month's over the days so far, and show support or tax "growing" tenfold.
 */
function onceAMonthSection(view: ComparisonView, monthly: readonly OnceAMonthCharge[]): string[] {
  if (monthly.length === 0) return [];
  const [monthsA, monthsB] = [monthsIn(view.a), monthsIn(view.b)];
  const rows = monthly
    .map(({ label, reason }) => {
      const a = (view.amountsA.get(label) ?? ZERO).dividedBy(monthsA);
      const b = (view.amountsB.get(label) ?? ZERO).dividedBy(monthsB);
      return { label, reason, a, b, delta: b.minus(a) };
    })
    .sort((x, y) => y.a.abs().plus(y.b.abs()).comparedTo(x.a.abs().plus(x.b.abs())));
  const table = renderTable(
    ['GROUP', 'A/MONTH', 'B/MONTH', 'CHANGE', 'CHANGE %', 'WHY'],
    rows.map((r) => [
      r.label,
      formatMoney(r.a, view.unit),
      formatMoney(r.b, view.unit),
      formatSignedMoney(r.delta, view.unit),
      formatPercentChange(r.delta, r.a),
      r.reason,
    ]),
  );
  return [
    '',
    `Once-a-month charges (${rows.length}), left out of the per-day rates above and compared per month (a period still running shows what has posted so far):`,
    table,
  ];
}

function driversTable(deltas: Delta[], change: Decimal, unit: string, perDay: boolean): string {
  if (deltas.length === 0) return '(no differences)';
  const rows = deltas.map((d) => [
    d.label,
    formatMoney(d.a, unit),
    formatMoney(d.b, unit),
    formatSignedMoney(d.delta, unit),
    formatPercentChange(d.delta, d.a),
    change.isZero() ? '-' : formatShare(d.delta, change),
  ]);
  const headers = perDay
    ? ['GROUP', 'A/DAY', 'B/DAY', 'CHANGE/DAY', 'CHANGE %', 'OF TOTAL CHANGE']
    : ['GROUP', 'A', 'B', 'CHANGE', 'CHANGE %', 'OF TOTAL CHANGE'];
  return renderTable(headers, rows);
}

function listAmounts(deltas: Delta[], pick: (d: Delta) => Decimal, unit: string): string {
  const shown = [...deltas].sort((x, y) => pick(y).comparedTo(pick(x))).slice(0, 10);
  const more = deltas.length > shown.length ? `, and ${deltas.length - shown.length} more` : '';
  return `${shown.map((d) => `${d.label} ${formatMoney(pick(d), unit)}`).join(', ')}${more}`;
}

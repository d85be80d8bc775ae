import type { Decimal } from 'decimal.js';
import type { CostAndUsageResult, ResultByTime } from './ce-types.js';
import { sumAmounts, toDecimal } from './format/money.js';

export interface PeriodTotal {
  start: string;
  end: string;
  estimated: boolean;
  total: Decimal;
}

/** Group keys joined for map lookups; `\u0000` never occurs in a key. */
export const joinKeys = (keys: readonly string[] | undefined) => (keys ?? []).join('\u0000');
export const splitKeys = (joined: string) => joined.split('\u0000');

/** The currency or unit the API reported for a metric, USD when nothing was returned. */
export function unitOf(result: CostAndUsageResult, metric: string): string {
  for (const r of result.results) {
    const unit =
      r.Total?.[metric]?.Unit ?? r.Groups?.find((g) => g.Metrics?.[metric]?.Unit)?.Metrics?.[metric]?.Unit;
    if (unit) return unit;
  }
  return 'USD';
}

/** A period's total; when grouped the API leaves Total empty, so it is the sum of the groups. */
export function periodTotal(result: ResultByTime, metric: string): Decimal {
  const total = result.Total?.[metric]?.Amount;
  if (total !== undefined && (result.Groups ?? []).length === 0) return toDecimal(total);
  return sumAmounts((result.Groups ?? []).map((g) => g.Metrics?.[metric]?.Amount));
}

export function totalsByPeriod(result: CostAndUsageResult, metric: string): PeriodTotal[] {
  return result.results.map((r) => ({
    start: r.TimePeriod?.Start ?? '',
    end: r.TimePeriod?.End ?? '',
    estimated: r.Estimated === true,
    total: periodTotal(r, metric),
  }));
}

/** Sum per group over all periods, keyed by `joinKeys`. */
export function totalsByGroup(result: CostAndUsageResult, metric: string): Map<string, Decimal> {
  const amounts = new Map<string, (string | undefined)[]>();
  for (const r of result.results) {
    for (const g of r.Groups ?? []) {
      const key = joinKeys(g.Keys);
      amounts.set(key, [...(amounts.get(key) ?? []), g.Metrics?.[metric]?.Amount]);
    }
  }
  return new Map([...amounts].map(([key, list]) => [key, sumAmounts(list)]));
}

/** Per group, its amount in each period (missing periods are zero), keyed by `joinKeys`. */
export function seriesByGroup(result: CostAndUsageResult, metric: string): Map<string, Decimal[]> {
  const series = new Map<string, Decimal[]>();
  result.results.forEach((r, index) => {
    for (const g of r.Groups ?? []) {
      const key = joinKeys(g.Keys);
      const row = series.get(key) ?? result.results.map(() => toDecimal(0));
      row[index] = row[index]!.plus(toDecimal(g.Metrics?.[metric]?.Amount));
      series.set(key, row);
    }
  });
  return series;
}

export function anyEstimated(result: CostAndUsageResult): boolean {
  return result.results.some((r) => r.Estimated === true);
}

/** Sorted descending by amount. */
export function rankDescending<T>(entries: Iterable<[T, Decimal]>): [T, Decimal][] {
  return [...entries].sort((a, b) => b[1].comparedTo(a[1]));
}

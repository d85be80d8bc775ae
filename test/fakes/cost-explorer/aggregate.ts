import type { ItemPredicate } from './expression.ts';
import type { Ledger, LedgerRow } from './ledger.ts';
import { type Period, periodIndex } from './periods.ts';

/** Sums per period and group: `cells[period].get(groupKey)[valueIndex]`, in ledger units. */
export type Cells = Map<string, number[]>[];

export interface AggregateQuery {
  ledger: Ledger;
  periods: readonly Period[];
  hourly: boolean;
  predicate: ItemPredicate;
  groupKey: (row: LedgerRow) => string;
  /** Per-hour values of a row to sum, e.g. one per requested metric. */
  values: (row: LedgerRow) => number[];
}

/** One pass over the ledger days the periods cover, adding each row into its period and group. */
export function aggregate(query: AggregateQuery): Cells {
  const { periods } = query;
  const cells: Cells = periods.map(() => new Map());
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return cells;
  const fromDay = Math.floor(first.startHour / 24);
  const toDay = Math.ceil(last.endHour / 24);
  for (const row of query.ledger.rows(fromDay, toDay)) {
    if (!query.predicate(row.item)) continue;
    if (query.hourly) addHours(query, cells, row);
    else {
      const index = periodIndex(periods, row.day * 24);
      if (index >= 0) add(cells[index]!, query.groupKey(row), query.values(row), row.hours);
    }
  }
  return cells;
}

function addHours(query: AggregateQuery, cells: Cells, row: LedgerRow): void {
  const values = query.values(row);
  const key = query.groupKey(row);
  for (let hour = 0; hour < row.hours; hour++) {
    const index = periodIndex(query.periods, row.day * 24 + hour);
    if (index >= 0) add(cells[index]!, key, values, 1);
  }
}

function add(cell: Map<string, number[]>, key: string, values: number[], hours: number): void {
  let sums = cell.get(key);
  if (!sums) {
    sums = values.map(() => 0);
    cell.set(key, sums);
  }
  for (let i = 0; i < values.length; i++) sums[i]! += values[i]! * hours;
}

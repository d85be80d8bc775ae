import { aggregate, type Cells } from './aggregate.ts';
import { monthStart } from './dates.ts';
import { assertDimension, dimensionAttributes, dimensionValue } from './dimensions.ts';
import { validationError } from './errors.ts';
import { compileExpression, type WireExpression } from './expression.ts';
import {
  formatAmount,
  type Ledger,
  type LedgerRow,
  METRIC_NAMES,
  type MetricName,
  metricScale,
  metricUnit,
  perHour,
} from './ledger.ts';
import { page } from './paging.ts';
import { assertGranularity, buildPeriods, type Period, parseTimePeriod } from './periods.ts';

export interface WireGroupDefinition {
  Type?: string;
  Key?: string;
}

export interface FakeContext {
  ledger: Ledger;
  now: Date;
  pageSize: number;
}

function assertMetrics(value: unknown): MetricName[] {
  if (!Array.isArray(value) || value.length === 0) throw validationError('Metrics is required');
  for (const metric of value) {
    if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
      throw validationError(
        `Metric ${String(metric)} is not valid. Valid metrics: ${METRIC_NAMES.join(', ')}`,
      );
    }
  }
  return value as MetricName[];
}

/** A group key the way the API spells it: dimension values as-is, tags and categories as `key$value`. */
export function compileGroupKey(
  groupBy: readonly WireGroupDefinition[] | undefined,
): (row: LedgerRow) => string {
  const definitions = groupBy ?? [];
  if (definitions.length > 2)
    throw validationError('You can group by at most two dimensions, tags or cost categories');
  const parts = definitions.map((def): ((row: LedgerRow) => string) => {
    const key = def.Key ?? '';
    if (def.Type === 'DIMENSION') {
      const dimension = assertDimension(key);
      return (row) => dimensionValue(row.item, dimension);
    }
    if (def.Type === 'TAG') return (row) => `${key}$${row.item.tags[key] ?? ''}`;
    if (def.Type === 'COST_CATEGORY') return (row) => `${key}$${row.item.costCategories[key] ?? ''}`;
    throw validationError(`GroupBy Type must be DIMENSION, TAG or COST_CATEGORY, got ${String(def.Type)}`);
  });
  // \u0000 cannot occur in a value, so it safely joins and splits composite keys.
  return (row) => parts.map((part) => part(row)).join('\u0000');
}

interface Cell {
  period: number;
  key?: string;
  sums?: number[];
}

/** Every (period, group) pair in order; a period without groups still yields one cell. */
function flatten(cells: Cells, grouped: boolean): Cell[] {
  return cells.flatMap((groups, period) => {
    if (!grouped) return [{ period, sums: groups.get('') }];
    const keys = [...groups.keys()].sort();
    if (keys.length === 0) return [{ period }];
    return keys.map((key) => ({ period, key, sums: groups.get(key) }));
  });
}

function metricsObject(metrics: readonly MetricName[], sums: number[] | undefined, currency: string) {
  return Object.fromEntries(
    metrics.map((metric, i) => [
      metric,
      { Amount: formatAmount(sums?.[i] ?? 0, metricScale(metric)), Unit: metricUnit(metric, currency) },
    ]),
  );
}

function resultsByTime(
  pageCells: Cell[],
  periods: Period[],
  metrics: MetricName[],
  ctx: FakeContext,
  grouped: boolean,
) {
  const currentMonthHour = monthStart(Math.floor(ctx.now.getTime() / 86_400_000)) * 24;
  const results: Record<string, unknown>[] = [];
  let open: { period: number; result: Record<string, unknown> } | undefined;
  for (const cell of pageCells) {
    if (open?.period !== cell.period) {
      const p = periods[cell.period]!;
      const result: Record<string, unknown> = {
        TimePeriod: { Start: p.start, End: p.end },
        Total: grouped ? {} : metricsObject(metrics, cell.sums, ctx.ledger.currency),
        Groups: [],
        Estimated: p.endHour > currentMonthHour,
      };
      results.push(result);
      open = { period: cell.period, result };
    }
    if (grouped && cell.key !== undefined) {
      (open.result.Groups as unknown[]).push({
        Keys: cell.key.split('\u0000'),
        Metrics: metricsObject(metrics, cell.sums, ctx.ledger.currency),
      });
    }
  }
  return results;
}

function accountAttributes(pageCells: Cell[], groupBy: readonly WireGroupDefinition[]) {
  const position = groupBy.findIndex((def) => def.Type === 'DIMENSION' && def.Key === 'LINKED_ACCOUNT');
  if (position < 0) return [];
  const ids = new Set(pageCells.flatMap((cell) => (cell.key ? [cell.key.split('\u0000')[position]!] : [])));
  return [...ids].sort().map((id) => ({ Value: id, Attributes: dimensionAttributes('LINKED_ACCOUNT', id) }));
}

export function getCostAndUsage(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const granularity = assertGranularity(body.Granularity, ['DAILY', 'MONTHLY', 'HOURLY']);
  const range = parseTimePeriod(body.TimePeriod as never, granularity, ctx.now);
  const metrics = assertMetrics(body.Metrics);
  const groupBy = (body.GroupBy as WireGroupDefinition[] | undefined) ?? [];
  const groupKey = compileGroupKey(groupBy);
  const predicate = compileExpression(body.Filter as WireExpression | undefined);
  const periods = buildPeriods(range, granularity, ctx.now);
  const grouped = groupBy.length > 0;
  const cells = aggregate({
    ledger: ctx.ledger,
    periods,
    hourly: granularity === 'HOURLY',
    predicate,
    groupKey: grouped ? groupKey : () => '',
    values: (row) => metrics.map((metric) => perHour(row, metric)),
  });
  const slice = page(flatten(cells, grouped), body, 'NextPageToken', ctx.pageSize);
  return {
    ...(slice.next ? { NextPageToken: slice.next } : {}),
    GroupDefinitions: groupBy,
    ResultsByTime: resultsByTime(slice.items, periods, metrics, ctx, grouped),
    DimensionValueAttributes: accountAttributes(slice.items, groupBy),
  };
}

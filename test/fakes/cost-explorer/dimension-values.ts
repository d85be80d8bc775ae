import type { FakeContext } from './cost-and-usage.ts';
import { assertDimension, dimensionAttributes, dimensionValue } from './dimensions.ts';
import { compileExpression, type WireExpression } from './expression.ts';
import type { LineItem } from './line-items.ts';
import { page } from './paging.ts';
import { parseTimePeriod } from './periods.ts';

/** Distinct strings a line item field takes over the requested period, after filter and search. */
function distinct(
  body: Record<string, unknown>,
  ctx: FakeContext,
  values: (item: LineItem) => string[],
): string[] {
  const range = parseTimePeriod(body.TimePeriod as never, 'DAILY', ctx.now);
  const filter = compileExpression(body.Filter as WireExpression | undefined);
  const search = typeof body.SearchString === 'string' ? body.SearchString.toLowerCase() : '';
  const seen = new Set<string>();
  const items = new Set<LineItem>();
  for (const row of ctx.ledger.rows(range.startHour / 24, range.endHour / 24)) items.add(row.item);
  for (const item of items) {
    if (!filter(item)) continue;
    for (const value of values(item)) if (value.toLowerCase().includes(search)) seen.add(value);
  }
  return [...seen].sort();
}

function pageSize(body: Record<string, unknown>, ctx: FakeContext): number {
  return typeof body.MaxResults === 'number' ? body.MaxResults : ctx.pageSize;
}

export function getDimensionValues(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const dimension = assertDimension(body.Dimension);
  const all = distinct(body, ctx, (item) => [dimensionValue(item, dimension)]);
  const slice = page(all, body, 'NextPageToken', pageSize(body, ctx));
  return {
    DimensionValues: slice.items.map((value) => ({
      Value: value,
      Attributes: dimensionAttributes(dimension, value),
    })),
    ReturnSize: slice.items.length,
    TotalSize: all.length,
    ...(slice.next ? { NextPageToken: slice.next } : {}),
  };
}

/** Without TagKey the API lists tag keys; with it, the values seen for that key. */
export function getTags(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const key = typeof body.TagKey === 'string' ? body.TagKey : undefined;
  const all = distinct(body, ctx, (item) => {
    if (key === undefined) return Object.keys(item.tags);
    const value = item.tags[key];
    return value === undefined ? [] : [value];
  });
  const slice = page(all, body, 'NextPageToken', pageSize(body, ctx));
  return {
    Tags: slice.items,
    ReturnSize: slice.items.length,
    TotalSize: all.length,
    ...(slice.next ? { NextPageToken: slice.next } : {}),
  };
}

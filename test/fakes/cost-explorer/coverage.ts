import { aggregate } from './aggregate.ts';
import type { FakeContext } from './cost-and-usage.ts';
import { compileExpression, type ItemPredicate, type WireExpression } from './expression.ts';
import { formatAmount, type LedgerRow } from './ledger.ts';
import { page } from './paging.ts';
import {
  assertGranularity,
  buildPeriods,
  type Granularity,
  type Period,
  parseTimePeriod,
} from './periods.ts';

const percent = (part: number, whole: number) => (whole === 0 ? '0' : ((part / whole) * 100).toFixed(10));
const usd = (micros: number) => formatAmount(micros, 1_000_000);
const hours = (milli: number) => formatAmount(milli, 1_000);

/** Sums per-hour values of eligible rows over each period of the request. */
function coverageSums(
  body: Record<string, unknown>,
  ctx: FakeContext,
  eligible: ItemPredicate,
  values: (r: LedgerRow) => number[],
) {
  const granularity: Granularity =
    body.Granularity === undefined ? 'MONTHLY' : assertGranularity(body.Granularity, ['DAILY', 'MONTHLY']);
  const range = parseTimePeriod(body.TimePeriod as never, granularity, ctx.now);
  const periods = buildPeriods(range, granularity, ctx.now);
  const filter = compileExpression(body.Filter as WireExpression | undefined);
  const cells = aggregate({
    ledger: ctx.ledger,
    periods,
    hourly: false,
    predicate: (item) => eligible(item) && filter(item),
    groupKey: () => '',
    values,
  });
  return periods.map((period, i): [Period, number[]] => [period, cells[i]?.get('') ?? [0, 0, 0]]);
}

export function getSavingsPlansCoverage(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const sums = coverageSums(
    body,
    ctx,
    (item) => item.spec.savingsPlans !== undefined,
    (row) => [row.cost, row.spCovered],
  );
  const coverages = sums.map(([p, [total = 0, covered = 0]]) => ({
    Attributes: {},
    Coverage: {
      SpendCoveredBySavingsPlans: usd(covered),
      OnDemandCost: usd(total - covered),
      TotalCost: usd(total),
      CoveragePercentage: percent(covered, total),
    },
    TimePeriod: { Start: p.start, End: p.end },
  }));
  const size = typeof body.MaxResults === 'number' ? body.MaxResults : ctx.pageSize;
  const slice = page(coverages, body, 'NextToken', size);
  return { SavingsPlansCoverages: slice.items, ...(slice.next ? { NextToken: slice.next } : {}) };
}

function mentionsService(expression: WireExpression | undefined): boolean {
  if (!expression) return false;
  if (expression.Dimensions?.Key === 'SERVICE') return true;
  const nested = [
    ...(expression.And ?? []),
    ...(expression.Or ?? []),
    ...(expression.Not ? [expression.Not] : []),
  ];
  return nested.some(mentionsService);
}

function coverage(sums: number[]) {
  const [running = 0, reserved = 0, onDemandCost = 0] = sums;
  return {
    CoverageHours: {
      OnDemandHours: hours(running - reserved),
      ReservedHours: hours(reserved),
      TotalRunningHours: hours(running),
      CoverageHoursPercentage: percent(reserved, running),
    },
    CoverageCost: { OnDemandCost: usd(onDemandCost) },
  };
}

/** Like the real API, coverage is for Amazon EC2 unless the filter names a service. */
export function getReservationCoverage(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const ec2Only = !mentionsService(body.Filter as WireExpression | undefined);
  const sums = coverageSums(
    body,
    ctx,
    (item) =>
      item.instanceType !== 'NoInstanceType' &&
      (!ec2Only || item.service === 'Amazon Elastic Compute Cloud - Compute'),
    (row) => [
      row.usage,
      row.reservedHours,
      row.usage === 0 ? 0 : Math.round((row.cost * (row.usage - row.reservedHours)) / row.usage),
    ],
  );
  const totals = [0, 0, 0];
  for (const [, s] of sums) for (let i = 0; i < 3; i++) totals[i]! += s[i] ?? 0;
  const byTime = sums.map(([p, s]) => ({
    TimePeriod: { Start: p.start, End: p.end },
    Groups: [],
    Total: coverage(s),
  }));
  const size = typeof body.MaxResults === 'number' ? body.MaxResults : ctx.pageSize;
  const slice = page(byTime, body, 'NextPageToken', size);
  return {
    CoveragesByTime: slice.items,
    Total: coverage(totals),
    ...(slice.next ? { NextPageToken: slice.next } : {}),
  };
}

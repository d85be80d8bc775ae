import { MONITOR_ARN } from './catalog.ts';
import type { FakeContext } from './cost-and-usage.ts';
import { dayNumber, isoDay, isValidDate } from './dates.ts';
import { validationError } from './errors.ts';
import { type Ledger, rowAmount, type Spike } from './ledger.ts';
import { page } from './paging.ts';

export interface AnomalyImpact {
  actual: number;
  expected: number;
  total: number;
  max: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Dollars spent on the spiked line item during the spike, and what it would have cost without it. */
export function anomalyImpact(ledger: Ledger, spike: Spike): AnomalyImpact {
  let actual = 0;
  let max = 0;
  for (let day = spike.firstDay; day <= Math.min(spike.lastDay, ledger.today); day++) {
    let spent = 0;
    for (const row of ledger.rows(day, day + 1))
      if (row.item === spike.item) spent += rowAmount(row, 'UnblendedCost');
    actual += spent;
    max = Math.max(max, spent - spent / spike.factor);
  }
  const expected = actual / spike.factor;
  return { actual: actual / 1e6, expected: expected / 1e6, total: (actual - expected) / 1e6, max: max / 1e6 };
}

function toWire(ledger: Ledger, spike: Spike) {
  const impact = anomalyImpact(ledger, spike);
  const { item } = spike;
  return {
    AnomalyId: spike.id,
    AnomalyStartDate: isoDay(spike.firstDay),
    ...(spike.lastDay < ledger.today ? { AnomalyEndDate: isoDay(spike.lastDay) } : {}),
    DimensionValue: item.service,
    RootCauses: [
      {
        Service: item.service,
        Region: item.region,
        LinkedAccount: item.account,
        LinkedAccountName: item.accountName,
        UsageType: item.usageType,
        Impact: { Contribution: round2(impact.total) },
      },
    ],
    AnomalyScore: { MaxScore: 0.5 + spike.factor / 10, CurrentScore: spike.lastDay < ledger.today ? 0 : 0.7 },
    Impact: {
      MaxImpact: round2(impact.max),
      TotalImpact: round2(impact.total),
      TotalActualSpend: round2(impact.actual),
      TotalExpectedSpend: round2(impact.expected),
      TotalImpactPercentage: round2((impact.total / impact.expected) * 100),
    },
    MonitorArn: MONITOR_ARN,
  };
}

interface ImpactFilter {
  NumericOperator?: string;
  StartValue?: number;
  EndValue?: number;
}

function matchesImpact(value: number, filter: ImpactFilter | undefined): boolean {
  if (!filter) return true;
  const start = filter.StartValue ?? 0;
  switch (filter.NumericOperator) {
    case 'GREATER_THAN_OR_EQUAL':
      return value >= start;
    case 'GREATER_THAN':
      return value > start;
    case 'LESS_THAN_OR_EQUAL':
      return value <= start;
    case 'LESS_THAN':
      return value < start;
    case 'EQUAL':
      return value === start;
    case 'BETWEEN':
      return value >= start && value <= (filter.EndValue ?? start);
    default:
      throw validationError('TotalImpact NumericOperator is not valid');
  }
}

export function getAnomalies(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const interval = body.DateInterval as { StartDate?: string; EndDate?: string } | undefined;
  if (!isValidDate(interval?.StartDate))
    throw validationError('DateInterval StartDate is required (yyyy-MM-dd)');
  const from = dayNumber(interval.StartDate);
  const to = isValidDate(interval.EndDate) ? dayNumber(interval.EndDate) : ctx.ledger.today;
  const monitor = body.MonitorArn;
  const anomalies = ctx.ledger.spikes
    .filter((s) => s.firstDay >= from && s.firstDay <= to && s.firstDay <= ctx.ledger.today)
    .filter(() => monitor === undefined || monitor === MONITOR_ARN)
    .sort((a, b) => b.firstDay - a.firstDay)
    .map((spike) => toWire(ctx.ledger, spike))
    .filter((a) => matchesImpact(a.Impact.TotalImpact, body.TotalImpact as ImpactFilter | undefined));
  const size = typeof body.MaxResults === 'number' ? body.MaxResults : ctx.pageSize;
  const slice = page(anomalies, body, 'NextPageToken', size);
  return { Anomalies: slice.items, ...(slice.next ? { NextPageToken: slice.next } : {}) };
}

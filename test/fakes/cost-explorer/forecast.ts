import type { FakeContext } from './cost-and-usage.ts';
import { dayOf, isValidDate } from './dates.ts';
import { CeError, validationError } from './errors.ts';
import { compileExpression, type ItemPredicate, type WireExpression } from './expression.ts';
import { formatAmount, type Ledger, type MetricName, metricScale, metricUnit, rowAmount } from './ledger.ts';
import { assertGranularity, buildPeriods, type Period } from './periods.ts';

const FORECAST_METRICS: Record<string, MetricName> = {
  UNBLENDED_COST: 'UnblendedCost',
  BLENDED_COST: 'BlendedCost',
  AMORTIZED_COST: 'AmortizedCost',
  NET_UNBLENDED_COST: 'NetUnblendedCost',
  NET_AMORTIZED_COST: 'NetAmortizedCost',
  USAGE_QUANTITY: 'UsageQuantity',
  NORMALIZED_USAGE_AMOUNT: 'NormalizedUsageAmount',
};

/** The fake's model: the mean daily amount of the last 28 complete days, in ledger units. */
export function forecastDailyRate(ledger: Ledger, predicate: ItemPredicate, metric: MetricName): number {
  let total = 0;
  for (const row of ledger.rows(ledger.today - 28, ledger.today)) {
    if (predicate(row.item)) total += rowAmount(row, metric);
  }
  return total / 28;
}

/** Prediction interval half-width as a share of the mean: wider for higher confidence. */
export function forecastSpread(level: number): number {
  return 0.04 + ((level - 50) / 49) * 0.16;
}

function parseForecastPeriod(body: Record<string, unknown>, now: Date) {
  const period = body.TimePeriod as { Start?: string; End?: string } | undefined;
  if (!isValidDate(period?.Start) || !isValidDate(period?.End)) {
    throw validationError('TimePeriod Start and End must be dates in the format yyyy-MM-dd');
  }
  const start = dayOf(new Date(period.Start));
  const end = dayOf(new Date(period.End));
  if (start >= end) throw validationError('Start date should be before end date');
  if (start < dayOf(now)) throw validationError('Start date must be equal to or later than the current date');
  if (end - start > 366) throw validationError('The forecast period can be at most 12 months');
  return { startHour: start * 24, endHour: end * 24 };
}

export function getCostForecast(body: Record<string, unknown>, ctx: FakeContext): unknown {
  const metric = FORECAST_METRICS[String(body.Metric)];
  if (!metric) throw validationError(`Metric must be one of ${Object.keys(FORECAST_METRICS).join(', ')}`);
  const granularity = assertGranularity(body.Granularity, ['DAILY', 'MONTHLY']);
  const range = parseForecastPeriod(body, ctx.now);
  const level = typeof body.PredictionIntervalLevel === 'number' ? body.PredictionIntervalLevel : 80;
  if (level < 51 || level > 99) throw validationError('PredictionIntervalLevel must be between 51 and 99');
  const predicate = compileExpression(body.Filter as WireExpression | undefined);
  const rate = forecastDailyRate(ctx.ledger, predicate, metric);
  if (rate === 0) {
    throw new CeError(
      'DataUnavailableException',
      'Insufficient amount of historical data to generate forecast.',
    );
  }
  // Forecast periods run into the future, so they are built against the end of the range.
  const periods = buildPeriods(range, granularity, new Date(range.endHour * 3_600_000));
  return forecastResponse(periods, rate, forecastSpread(level), metric, ctx.ledger.currency);
}

function forecastResponse(
  periods: Period[],
  rate: number,
  spread: number,
  metric: MetricName,
  currency: string,
) {
  const scale = metricScale(metric);
  let total = 0;
  const results = periods.map((p) => {
    const mean = Math.round((rate * (p.endHour - p.startHour)) / 24);
    total += mean;
    return {
      TimePeriod: { Start: p.start, End: p.end },
      MeanValue: formatAmount(mean, scale),
      PredictionIntervalLowerBound: formatAmount(Math.round(mean * (1 - spread)), scale),
      PredictionIntervalUpperBound: formatAmount(Math.round(mean * (1 + spread)), scale),
    };
  });
  return {
    Total: { Amount: formatAmount(total, scale), Unit: metricUnit(metric, currency) },
    ForecastResultsByTime: results,
  };
}

import { renderTable } from '@sre-agent/shared';
import type { Decimal } from 'decimal.js';
import type { ForecastResult } from '../ce-types.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, sumAmounts } from './money.js';

export interface ForecastView {
  metric: string;
  start: string;
  endInclusive: string;
  days: number;
  level: number;
  forecast: ForecastResult;
  /** Actual cost of the current month before today, when the forecast ends this month. */
  monthToDate: { start: string; endInclusive: string; amount: Decimal } | undefined;
  filterLine: string | undefined;
  meter: RequestMeter;
}

export function formatForecast(view: ForecastView): string {
  const periods = view.forecast.ForecastResultsByTime ?? [];
  const unit = view.forecast.Total?.Unit ?? 'USD';
  const mean = sumAmounts([
    view.forecast.Total?.Amount ?? sumAmounts(periods.map((p) => p.MeanValue)).toString(),
  ]);
  const lower = sumAmounts(periods.map((p) => p.PredictionIntervalLowerBound));
  const upper = sumAmounts(periods.map((p) => p.PredictionIntervalUpperBound));
  const range = `${view.start} to ${view.endInclusive}`;
  const lines = [
    `Cost forecast (${view.metric}), ${range}, ${view.level}% prediction interval`,
    ...(view.filterLine ? [view.filterLine] : []),
    formatMeterLine(view.meter),
    `Forecast for ${range} (${view.days} days): ${formatMoney(mean, unit)} (${view.level}% interval ${formatMoney(lower, unit)} to ${formatMoney(upper, unit)})`,
  ];
  const mtd = view.monthToDate;
  if (mtd) {
    lines.push(
      `Month to date (${mtd.start} to ${mtd.endInclusive}, actual, estimated until the bill is final): ${formatMoney(mtd.amount, unit)}`,
      `Projected total for ${view.start.slice(0, 7)}: ${formatMoney(mtd.amount.plus(mean), unit)} (interval ${formatMoney(mtd.amount.plus(lower), unit)} to ${formatMoney(mtd.amount.plus(upper), unit)})`,
    );
  }
  if (periods.length > 1) {
    const rows = periods.map((p) => [
      p.TimePeriod?.Start ?? '',
      formatMoney(sumAmounts([p.MeanValue]), unit),
      formatMoney(sumAmounts([p.PredictionIntervalLowerBound]), unit),
      formatMoney(sumAmounts([p.PredictionIntervalUpperBound]), unit),
    ]);
    lines.push('', renderTable(['PERIOD', 'FORECAST', 'LOWER', 'UPPER'], rows));
  }
  lines.push('', 'A forecast projects recent spend forward; it is not a bill.');
  return lines.join('\n');
}

import { renderTable } from '@sre-agent/shared';
import type { Decimal } from 'decimal.js';
import type { ReservationCoverage, ReservationCoverageResult, SavingsPlansCoverage } from '../ce-types.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatAmount, formatMoney, formatShare, sumAmounts, toDecimal } from './money.js';

export interface SavingsPlansView {
  label: string;
  coverages: SavingsPlansCoverage[];
  meter: RequestMeter;
}

export function formatSavingsPlansCoverage(view: SavingsPlansView): string {
  const covered = sumAmounts(view.coverages.map((c) => c.Coverage?.SpendCoveredBySavingsPlans));
  const onDemand = sumAmounts(view.coverages.map((c) => c.Coverage?.OnDemandCost));
  const total = sumAmounts(view.coverages.map((c) => c.Coverage?.TotalCost));
  const lines = [`Savings Plans coverage, ${view.label}`, formatMeterLine(view.meter)];
  if (view.coverages.length === 0 || total.isZero()) {
    return [...lines, '', 'No Savings Plans eligible spend (EC2, Fargate, Lambda) in this period.'].join(
      '\n',
    );
  }
  lines.push(
    `Overall: ${formatShare(covered, total)} of eligible spend covered (${formatMoney(covered)} of ${formatMoney(total)}; ${formatMoney(onDemand)} at on-demand rates)`,
    '',
  );
  const rows = view.coverages.map((c) => {
    const cov = c.Coverage;
    return [
      c.TimePeriod?.Start ?? '',
      formatMoney(toDecimal(cov?.SpendCoveredBySavingsPlans)),
      formatMoney(toDecimal(cov?.OnDemandCost)),
      formatMoney(toDecimal(cov?.TotalCost)),
      `${toDecimal(cov?.CoveragePercentage).toFixed(1)}%`,
    ];
  });
  lines.push(renderTable(['PERIOD', 'COVERED', 'ON-DEMAND', 'ELIGIBLE TOTAL', 'COVERAGE'], rows));
  return lines.join('\n');
}

export interface ReservationView {
  label: string;
  service: string;
  result: ReservationCoverageResult;
  meter: RequestMeter;
}

function hours(value: Decimal): string {
  return formatAmount(value, 'h', false);
}

function coverageCells(c: ReservationCoverage | undefined): string[] {
  const h = c?.CoverageHours;
  return [
    hours(toDecimal(h?.ReservedHours)),
    hours(toDecimal(h?.OnDemandHours)),
    hours(toDecimal(h?.TotalRunningHours)),
    `${toDecimal(h?.CoverageHoursPercentage).toFixed(1)}%`,
    formatMoney(toDecimal(c?.CoverageCost?.OnDemandCost)),
  ];
}

export function formatReservationCoverage(view: ReservationView): string {
  const lines = [`Reservation coverage for ${view.service}, ${view.label}`, formatMeterLine(view.meter)];
  const total = view.result.total;
  if (view.result.byTime.length === 0 || toDecimal(total?.CoverageHours?.TotalRunningHours).isZero()) {
    return [...lines, '', `No ${view.service} instance hours in this period.`].join('\n');
  }
  const [reserved, onDemand, running, pct, cost] = coverageCells(total);
  lines.push(
    `Overall: ${pct} of ${running} running hours reserved (${reserved} reserved, ${onDemand} on demand costing ${cost})`,
    '',
  );
  const rows = view.result.byTime.map((t) => [t.TimePeriod?.Start ?? '', ...coverageCells(t.Total)]);
  lines.push(renderTable(['PERIOD', 'RESERVED', 'ON-DEMAND', 'RUNNING', 'COVERAGE', 'ON-DEMAND COST'], rows));
  return lines.join('\n');
}

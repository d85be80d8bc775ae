import { renderTable } from '@sre-agent/shared';
import type { Anomaly, RootCause } from '../ce-types.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, sumAmounts, toDecimal } from './money.js';

export interface AnomaliesView {
  since: string;
  anomalies: Anomaly[];
  limit: number;
  meter: RequestMeter;
}

function rootCause(cause: RootCause | undefined): string {
  if (!cause) return '-';
  const account = cause.LinkedAccount
    ? `${cause.LinkedAccount}${cause.LinkedAccountName ? ` (${cause.LinkedAccountName})` : ''}`
    : '';
  return [account, cause.Region, cause.UsageType].filter(Boolean).join(', ') || '-';
}

const impactOf = (a: Anomaly) => toDecimal(a.Impact?.TotalImpact ?? 0);

export function formatAnomalies(view: AnomaliesView): string {
  const sorted = [...view.anomalies].sort((a, b) => impactOf(b).comparedTo(impactOf(a)));
  const total = sumAmounts(sorted.map(impactOf));
  const lines = [`Cost anomalies since ${view.since} (Cost Anomaly Detection)`, formatMeterLine(view.meter)];
  if (sorted.length === 0) {
    return [
      ...lines,
      '',
      'No anomalies detected. (Detection needs an anomaly monitor; the account must have one set up.)',
    ].join('\n');
  }
  lines.push(`${sorted.length} anomalies, total impact ${formatMoney(total)} above expected spend`, '');
  const rows = sorted.slice(0, view.limit).map((a) => {
    const cause = a.RootCauses?.[0];
    const pct = a.Impact?.TotalImpactPercentage;
    return [
      a.AnomalyStartDate?.slice(0, 10) ?? '?',
      a.AnomalyEndDate?.slice(0, 10) ?? 'ongoing',
      a.DimensionValue ?? cause?.Service ?? '?',
      formatMoney(impactOf(a)),
      pct === undefined ? '-' : `+${pct.toFixed(1)}%`,
      `${formatMoney(toDecimal(a.Impact?.TotalActualSpend))} vs ${formatMoney(toDecimal(a.Impact?.TotalExpectedSpend))}`,
      rootCause(cause),
    ];
  });
  lines.push(
    renderTable(
      ['START', 'END', 'SERVICE', 'IMPACT', 'IMPACT %', 'ACTUAL VS EXPECTED', 'TOP ROOT CAUSE'],
      rows,
    ),
  );
  if (sorted.length > view.limit)
    lines.push(`(${sorted.length - view.limit} smaller anomalies not shown; raise limit to see them)`);
  return lines.join('\n');
}

import { fenceUntrusted, renderTable } from '@sre-agent/shared';
import type { RightsizingRecommendation, RightsizingResult } from '../ce-types.js';
import type { RequestMeter } from '../request-meter.js';
import { formatMeterLine } from './meter-line.js';
import { formatMoney, toDecimal } from './money.js';

function savingsOf(rec: RightsizingRecommendation): string | undefined {
  if (rec.RightsizingType === 'TERMINATE') return rec.TerminateRecommendationDetail?.EstimatedMonthlySavings;
  const targets = rec.ModifyRecommendationDetail?.TargetInstances ?? [];
  return (targets.find((t) => t.DefaultTargetInstance) ?? targets[0])?.EstimatedMonthlySavings;
}

function targetOf(rec: RightsizingRecommendation): string {
  if (rec.RightsizingType === 'TERMINATE') return '-';
  const targets = rec.ModifyRecommendationDetail?.TargetInstances ?? [];
  return (
    (targets.find((t) => t.DefaultTargetInstance) ?? targets[0])?.ResourceDetails?.EC2ResourceDetails
      ?.InstanceType ?? '?'
  );
}

export function formatRightsizing(result: RightsizingResult, limit: number, meter: RequestMeter): string {
  const currency = result.summary?.SavingsCurrencyCode ?? 'USD';
  const lines = ['EC2 rightsizing recommendations (Cost Explorer)', formatMeterLine(meter)];
  if (result.recommendations.length === 0) {
    return [
      ...lines,
      '',
      'No recommendations: instances look right-sized, or rightsizing is not enabled in Cost Explorer preferences.',
    ].join('\n');
  }
  const savings = toDecimal(result.summary?.EstimatedTotalMonthlySavingsAmount);
  lines.push(
    `${result.summary?.TotalRecommendationCount ?? result.recommendations.length} recommendations, estimated savings ${formatMoney(savings, currency)}/month (${result.summary?.SavingsPercentage ?? '?'}% of their cost)`,
    '',
  );
  const sorted = [...result.recommendations].sort((a, b) =>
    toDecimal(savingsOf(b)).comparedTo(toDecimal(savingsOf(a))),
  );
  const rows = sorted.slice(0, limit).map((rec) => {
    const current = rec.CurrentInstance;
    return [
      rec.AccountId ?? '?',
      current?.ResourceId ?? '?',
      current?.InstanceName ?? '',
      current?.ResourceDetails?.EC2ResourceDetails?.InstanceType ?? '?',
      rec.RightsizingType ?? '?',
      targetOf(rec),
      `${current?.ResourceUtilization?.EC2ResourceUtilization?.MaxCpuUtilizationPercentage ?? '?'}%`,
      formatMoney(toDecimal(current?.MonthlyCost), current?.CurrencyCode ?? currency),
      formatMoney(toDecimal(savingsOf(rec)), currency),
    ];
  });
  const table = renderTable(
    ['ACCOUNT', 'INSTANCE', 'NAME', 'TYPE', 'ACTION', 'TARGET', 'MAX CPU', 'MONTHLY COST', 'SAVINGS/MONTH'],
    rows,
  );
  // Instance names come from Name tags anyone with tagging rights can write.
  lines.push(fenceUntrusted('EC2 instance names and tags', table));
  if (sorted.length > limit)
    lines.push(`(${sorted.length - limit} smaller recommendations not shown; raise limit to see them)`);
  return lines.join('\n');
}

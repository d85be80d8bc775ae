import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { periodArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { formatReservationCoverage, formatSavingsPlansCoverage } from '../format/coverage.js';
import { resolvePeriodSpec } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

/** Services that sell reservations, by the names the SERVICE dimension uses. */
const RESERVABLE: Record<string, string> = {
  EC2: 'Amazon Elastic Compute Cloud - Compute',
  RDS: 'Amazon Relational Database Service',
  ElastiCache: 'Amazon ElastiCache',
  OpenSearch: 'Amazon OpenSearch Service',
  Redshift: 'Amazon Redshift',
};

const granularityArg = z
  .enum(['MONTHLY', 'DAILY'])
  .default('MONTHLY')
  .describe('One row per month or per day');

export function coverageTools(deps: CostToolDeps) {
  return [savingsPlansCoverageTool(deps), reservationCoverageTool(deps)];
}

function savingsPlansCoverageTool(deps: CostToolDeps) {
  return defineTool({
    name: 'get_savings_plans_coverage',
    description:
      'Share of Savings Plans eligible spend (EC2, Fargate, Lambda) covered by Savings Plans, per month or day, and the on-demand rest.',
    input: { period: periodArg('last_3_months'), granularity: granularityArg },
    annotations: readOnly('Savings Plans coverage'),
    async handler({ period: spec, granularity }, ctx) {
      const period = resolvePeriodSpec(spec, deps.now());
      const meter = createMeter(ctx.signal);
      const coverages = await deps.ce.getSavingsPlansCoverage(
        { TimePeriod: { Start: period.start, End: period.end }, Granularity: granularity },
        meter,
      );
      return { text: formatSavingsPlansCoverage({ label: period.label, coverages, meter }) };
    },
  });
}

function reservationCoverageTool(deps: CostToolDeps) {
  return defineTool({
    name: 'get_reservation_coverage',
    description:
      "Share of one service's instance hours covered by Reserved Instances, per month or day, with the on-demand hours and cost.",
    input: {
      period: periodArg('last_3_months'),
      service: z
        .enum(['EC2', 'RDS', 'ElastiCache', 'OpenSearch', 'Redshift'])
        .default('EC2')
        .describe('Service whose reservations to check'),
      granularity: granularityArg,
    },
    annotations: readOnly('Reservation coverage'),
    async handler({ period: spec, service, granularity }, ctx) {
      const period = resolvePeriodSpec(spec, deps.now());
      const meter = createMeter(ctx.signal);
      const result = await deps.ce.getReservationCoverage(
        {
          TimePeriod: { Start: period.start, End: period.end },
          Granularity: granularity,
          Filter: { Dimensions: { Key: 'SERVICE', Values: [RESERVABLE[service]!] } },
        },
        meter,
      );
      return { text: formatReservationCoverage({ label: period.label, service, result, meter }) };
    },
  });
}

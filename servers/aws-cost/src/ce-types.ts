// Cost Explorer's shapes come from the SDK, type-only: nothing here loads it (only
// cost-explorer-client.ts does, on the first request). Declared here is this server's own:
// the subsets of requests it builds, and results merged across pages.
import type {
  Coverage,
  CoverageByTime,
  GetCostAndUsageRequest,
  GetCostForecastRequest,
  GetCostForecastResponse,
  GetSavingsPlansCoverageRequest,
  ResultByTime,
  RightsizingRecommendation,
  RightsizingRecommendationSummary,
  GroupDefinition as SdkGroupDefinition,
} from '@aws-sdk/client-cost-explorer';

export type {
  Anomaly,
  DateInterval,
  Dimension,
  DimensionValuesWithAttributes as DimensionValue,
  Expression,
  Granularity,
  Group as CostGroup,
  Metric,
  MetricValue,
  ResultByTime,
  RightsizingRecommendation,
  RootCause,
  SavingsPlansCoverage,
} from '@aws-sdk/client-cost-explorer';

/** A grouping as this server always builds it: both fields set. */
export type GroupDefinition = { [K in keyof SdkGroupDefinition]-?: NonNullable<SdkGroupDefinition[K]> };

/** The cost metrics GetCostAndUsage takes (the SDK types them as any string). */
export type CostMetric =
  | 'UnblendedCost'
  | 'AmortizedCost'
  | 'BlendedCost'
  | 'NetUnblendedCost'
  | 'NetAmortizedCost'
  | 'UsageQuantity';

export type CostAndUsageQuery = Pick<GetCostAndUsageRequest, 'TimePeriod' | 'Granularity' | 'Filter'> & {
  Metrics: CostMetric[];
  GroupBy?: GroupDefinition[];
};

/** All pages merged: one entry per period, account names collected from DimensionValueAttributes. */
export interface CostAndUsageResult {
  results: ResultByTime[];
  accountNames: Record<string, string>;
}

export type ForecastQuery = Pick<
  GetCostForecastRequest,
  'TimePeriod' | 'Metric' | 'Granularity' | 'PredictionIntervalLevel' | 'Filter'
>;

export type ForecastResult = Pick<GetCostForecastResponse, 'Total' | 'ForecastResultsByTime'>;

/** What both coverage requests (Savings Plans, reservations) take from us. */
export type CoverageQuery = Pick<GetSavingsPlansCoverageRequest, 'TimePeriod' | 'Granularity' | 'Filter'>;

export type ReservationCoverage = Coverage;

export interface ReservationCoverageResult {
  byTime: CoverageByTime[];
  total: Coverage | undefined;
}

export interface RightsizingResult {
  summary: RightsizingRecommendationSummary | undefined;
  recommendations: RightsizingRecommendation[];
}

/** Values of a list call, cut at the caller's limit to avoid paying for pages nobody reads. */
export interface ValueList<T> {
  values: T[];
  totalSize: number | undefined;
  truncated: boolean;
}

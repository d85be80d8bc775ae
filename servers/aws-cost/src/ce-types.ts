// The subset of Cost Explorer's request and response shapes this server uses, declared here so that
// only cost-explorer-client.ts depends on the SDK. Names and casing are the API's own.

export type Granularity = 'DAILY' | 'MONTHLY' | 'HOURLY';

export type CostMetric =
  | 'UnblendedCost'
  | 'AmortizedCost'
  | 'BlendedCost'
  | 'NetUnblendedCost'
  | 'NetAmortizedCost'
  | 'UsageQuantity';

export interface DateInterval {
  Start: string;
  End: string;
}

export interface Expression {
  And?: Expression[];
  Or?: Expression[];
  Not?: Expression;
  Dimensions?: { Key: string; Values: string[]; MatchOptions?: string[] };
  Tags?: { Key: string; Values?: string[]; MatchOptions?: string[] };
  CostCategories?: { Key: string; Values?: string[]; MatchOptions?: string[] };
}

export interface GroupDefinition {
  Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY';
  Key: string;
}

export interface CostAndUsageQuery {
  TimePeriod: DateInterval;
  Granularity: Granularity;
  Metrics: CostMetric[];
  GroupBy?: GroupDefinition[];
  Filter?: Expression;
}

export interface MetricValue {
  Amount?: string | undefined;
  Unit?: string | undefined;
}

export interface CostGroup {
  Keys?: string[] | undefined;
  Metrics?: Record<string, MetricValue> | undefined;
}

export interface ResultByTime {
  TimePeriod?: { Start?: string | undefined; End?: string | undefined } | undefined;
  Total?: Record<string, MetricValue> | undefined;
  Groups?: CostGroup[] | undefined;
  Estimated?: boolean | undefined;
}

/** All pages merged: one entry per period, account names collected from DimensionValueAttributes. */
export interface CostAndUsageResult {
  results: ResultByTime[];
  accountNames: Record<string, string>;
}

export interface ForecastQuery {
  TimePeriod: DateInterval;
  Metric: string;
  Granularity: 'DAILY' | 'MONTHLY';
  PredictionIntervalLevel: number;
  Filter?: Expression;
}

export interface ForecastResult {
  Total?: MetricValue | undefined;
  ForecastResultsByTime?:
    | {
        TimePeriod?: { Start?: string | undefined; End?: string | undefined } | undefined;
        MeanValue?: string | undefined;
        PredictionIntervalLowerBound?: string | undefined;
        PredictionIntervalUpperBound?: string | undefined;
      }[]
    | undefined;
}

export interface RootCause {
  Service?: string | undefined;
  Region?: string | undefined;
  LinkedAccount?: string | undefined;
  LinkedAccountName?: string | undefined;
  UsageType?: string | undefined;
  Impact?: { Contribution?: number | undefined } | undefined;
}

export interface Anomaly {
  AnomalyId?: string | undefined;
  AnomalyStartDate?: string | undefined;
  AnomalyEndDate?: string | undefined;
  DimensionValue?: string | undefined;
  RootCauses?: RootCause[] | undefined;
  AnomalyScore?: { MaxScore?: number | undefined; CurrentScore?: number | undefined } | undefined;
  Impact?:
    | {
        MaxImpact?: number | undefined;
        TotalImpact?: number | undefined;
        TotalActualSpend?: number | undefined;
        TotalExpectedSpend?: number | undefined;
        TotalImpactPercentage?: number | undefined;
      }
    | undefined;
}

export interface CoverageQuery {
  TimePeriod: DateInterval;
  Granularity: 'DAILY' | 'MONTHLY';
  Filter?: Expression;
}

export interface SavingsPlansCoverage {
  TimePeriod?: { Start?: string | undefined; End?: string | undefined } | undefined;
  Coverage?:
    | {
        SpendCoveredBySavingsPlans?: string | undefined;
        OnDemandCost?: string | undefined;
        TotalCost?: string | undefined;
        CoveragePercentage?: string | undefined;
      }
    | undefined;
}

export interface ReservationCoverage {
  CoverageHours?:
    | {
        OnDemandHours?: string | undefined;
        ReservedHours?: string | undefined;
        TotalRunningHours?: string | undefined;
        CoverageHoursPercentage?: string | undefined;
      }
    | undefined;
  CoverageCost?: { OnDemandCost?: string | undefined } | undefined;
}

export interface ReservationCoverageResult {
  byTime: {
    TimePeriod?: { Start?: string | undefined; End?: string | undefined } | undefined;
    Total?: ReservationCoverage | undefined;
  }[];
  total: ReservationCoverage | undefined;
}

export interface RightsizingRecommendation {
  AccountId?: string | undefined;
  RightsizingType?: string | undefined;
  CurrentInstance?:
    | {
        ResourceId?: string | undefined;
        InstanceName?: string | undefined;
        MonthlyCost?: string | undefined;
        CurrencyCode?: string | undefined;
        ResourceDetails?:
          | {
              EC2ResourceDetails?:
                | { InstanceType?: string | undefined; Region?: string | undefined }
                | undefined;
            }
          | undefined;
        ResourceUtilization?:
          | { EC2ResourceUtilization?: { MaxCpuUtilizationPercentage?: string | undefined } | undefined }
          | undefined;
      }
    | undefined;
  ModifyRecommendationDetail?:
    | {
        TargetInstances?:
          | {
              EstimatedMonthlySavings?: string | undefined;
              DefaultTargetInstance?: boolean | undefined;
              ResourceDetails?:
                | { EC2ResourceDetails?: { InstanceType?: string | undefined } | undefined }
                | undefined;
            }[]
          | undefined;
      }
    | undefined;
  TerminateRecommendationDetail?: { EstimatedMonthlySavings?: string | undefined } | undefined;
}

export interface RightsizingResult {
  summary:
    | {
        TotalRecommendationCount?: string | undefined;
        EstimatedTotalMonthlySavingsAmount?: string | undefined;
        SavingsCurrencyCode?: string | undefined;
        SavingsPercentage?: string | undefined;
      }
    | undefined;
  recommendations: RightsizingRecommendation[];
}

export interface DimensionValue {
  Value?: string | undefined;
  Attributes?: Record<string, string> | undefined;
}

/** Values of a list call, cut at the caller's limit to avoid paying for pages nobody reads. */
export interface ValueList<T> {
  values: T[];
  totalSize: number | undefined;
  truncated: boolean;
}

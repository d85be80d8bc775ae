import { type AwsFoundation, createAwsFoundation } from '@sre-agent/aws-shared';
import type { Logger } from '@sre-agent/shared';
import type {
  Anomaly,
  CostAndUsageQuery,
  CostAndUsageResult,
  CoverageQuery,
  DateInterval,
  DimensionValue,
  ForecastQuery,
  ForecastResult,
  ReservationCoverageResult,
  ResultByTime,
  RightsizingResult,
  SavingsPlansCoverage,
  ValueList,
} from './ce-types.js';
import type { CostConfig } from './config.js';
import { createRateGuard } from './rate-guard.js';
import { createRequestCache } from './request-cache.js';
import type { RequestMeter } from './request-meter.js';
import { createPager, type Page, type Pager, type Send } from './request-pager.js';

/** Every Cost Explorer call the tools make; each follows pages, caches, and meters itself. */
export interface CostExplorerApi {
  getCostAndUsage(query: CostAndUsageQuery, meter: RequestMeter): Promise<CostAndUsageResult>;
  getCostForecast(query: ForecastQuery, meter: RequestMeter): Promise<ForecastResult>;
  getAnomalies(interval: { StartDate: string; EndDate?: string }, meter: RequestMeter): Promise<Anomaly[]>;
  getSavingsPlansCoverage(query: CoverageQuery, meter: RequestMeter): Promise<SavingsPlansCoverage[]>;
  getReservationCoverage(query: CoverageQuery, meter: RequestMeter): Promise<ReservationCoverageResult>;
  getRightsizingRecommendations(meter: RequestMeter): Promise<RightsizingResult>;
  getDimensionValues(
    input: { TimePeriod: DateInterval; Dimension: string; SearchString?: string },
    limit: number,
    meter: RequestMeter,
  ): Promise<ValueList<DimensionValue>>;
  getTags(
    input: { TimePeriod: DateInterval; TagKey: string },
    limit: number,
    meter: RequestMeter,
  ): Promise<ValueList<string>>;
}

export interface CostExplorerClientOptions {
  config: CostConfig;
  logger: Logger;
  /** The business clock: decides whether a period includes today (short cache lifetime). */
  now: () => Date;
  /** Test seam: static credentials instead of the default chain (a configured role is still assumed). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Monotonic-ish clock for cache lifetimes and the hourly budget; Date.now by default. */
  clock?: () => number;
}

/** The AWS foundation for this server's settings; the test seam replaces the default chain. */
function foundationFor(
  options: Pick<CostExplorerClientOptions, 'config' | 'credentials'> & { logger?: Logger },
) {
  const { credentials } = options;
  return createAwsFoundation(options.config.aws, {
    logger: options.logger,
    fallbackRegion: options.config.region,
    ...(credentials ? { baseCredentials: async () => ({ ...credentials }) } : {}),
  });
}

/**
 * The only module that loads the Cost Explorer SDK, and only on the first request (`await import`),
 * so a stdio server answers `initialize` without paying the SDK's import time.
 */
async function loadSender(aws: AwsFoundation, config: CostConfig): Promise<Send> {
  const sdk = await import('@aws-sdk/client-cost-explorer');
  const client = new sdk.CostExplorerClient(
    await aws.clientConfig({
      serviceId: 'COST_EXPLORER',
      region: config.costExplorerRegion,
      role: config.role,
      retryMode: 'adaptive',
    }),
  );
  const commands = sdk as unknown as Record<string, new (input: object) => Parameters<typeof client.send>[0]>;
  return async (operation, input, signal) => {
    const Command = commands[`${operation}Command`];
    if (!Command) throw new Error(`Unknown Cost Explorer operation ${operation}`);
    return (await client.send(new Command(input), signal ? { abortSignal: signal } : {})) as Page;
  };
}

/**
 * Resolves the base credentials through the same chain requests use, for the health check: no request
 * reaches AWS (a configured role is assumed on the first real call, not here).
 */
export async function resolveBaseCredentials(
  options: Pick<CostExplorerClientOptions, 'config' | 'credentials'>,
): Promise<void> {
  if (options.credentials) return;
  await foundationFor(options).credentials.base();
}

/** The last day a request covers (API Ends are exclusive), or undefined when it is open-ended. */
function lastDayOf(input: object): string | undefined {
  const record = input as { TimePeriod?: { End?: string }; EndDate?: string };
  if (record.EndDate !== undefined) return record.EndDate.slice(0, 10);
  const end = record.TimePeriod?.End;
  if (end === undefined) return undefined;
  const day = end.slice(0, 10);
  const midnight = end.length === 10 || end.endsWith('T00:00:00Z');
  return midnight ? new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : day;
}

/** JSON with object keys sorted, so the same request built in another key order shares its entry. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Closed periods keep for an hour, anything that includes today for ten minutes (by default). */
function cacheTtl(input: object, now: Date, config: CostConfig): number {
  const last = lastDayOf(input);
  return last !== undefined && last < now.toISOString().slice(0, 10)
    ? config.cacheTtlPastMs
    : config.cacheTtlCurrentMs;
}

export function createCostExplorerClient(options: CostExplorerClientOptions): CostExplorerApi {
  const { config } = options;
  const clock = options.clock ? { clock: options.clock } : {};
  const cache = createRequestCache(clock);
  const endpoint = config.endpoint ?? `https://ce.${config.costExplorerRegion}.amazonaws.com`;
  const aws = foundationFor(options);
  const pager = createPager({
    load: () => loadSender(aws, config),
    guard: createRateGuard({ maxPerHour: config.maxRequestsPerHour, ...clock }),
    logger: options.logger,
    errorContext: (operation, attempts) => ({
      operation,
      attempts,
      endpoint,
      profile: config.profile,
      roleArn: config.roleArn,
    }),
  });
  const cached: Cached = (operation, input, meter, load) => {
    const key = `${operation} ${canonicalJson(input)}`;
    const { value, hit } = cache.getOrLoad(key, cacheTtl(input, options.now(), config), load);
    if (!hit) return value;
    meter.cached += 1;
    // A shared request runs on the signal of the call that started it: when that call is
    // cancelled, this one (not cancelled) asks again instead of failing with someone else's abort.
    return value.catch((error: unknown) => {
      if ((error as Error | undefined)?.name !== 'AbortError' || meter.signal?.aborted) throw error;
      meter.cached -= 1;
      return cached(operation, input, meter, load);
    });
  };
  return createOperations(pager, cached);
}

type Cached = <T>(
  operation: string,
  input: object,
  meter: RequestMeter,
  load: () => Promise<T>,
) => Promise<T>;

const RIGHTSIZING_INPUT = {
  Service: 'AmazonEC2',
  Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY', BenefitsConsidered: true },
};

type Pages = (operation: string, input: object, meter: RequestMeter, tokenField?: string) => Promise<Page[]>;

function createOperations(pager: Pager, cached: Cached): CostExplorerApi {
  const pages: Pages = (operation, input, meter, tokenField) =>
    pager.allPages(operation, { ...input }, meter, tokenField ? { tokenField } : {}).then((r) => r.pages);
  return {
    getCostAndUsage: (query, meter) =>
      cached('GetCostAndUsage', query, meter, async () =>
        mergeCostPages(await pages('GetCostAndUsage', query, meter)),
      ),
    getCostForecast: (query, meter) =>
      cached(
        'GetCostForecast',
        query,
        meter,
        async () => (await pager.send('GetCostForecast', query, meter)) as ForecastResult,
      ),
    getAnomalies: (interval, meter) =>
      cached('GetAnomalies', interval, meter, async () =>
        (await pages('GetAnomalies', { DateInterval: interval }, meter)).flatMap(
          (p) => (p.Anomalies as Anomaly[]) ?? [],
        ),
      ),
    ...coverageOperations(pages, cached),
    ...valueListOperations(pager, cached),
  };
}

function coverageOperations(
  pages: Pages,
  cached: Cached,
): Pick<
  CostExplorerApi,
  'getSavingsPlansCoverage' | 'getReservationCoverage' | 'getRightsizingRecommendations'
> {
  return {
    getSavingsPlansCoverage: (query, meter) =>
      cached('GetSavingsPlansCoverage', query, meter, async () =>
        (await pages('GetSavingsPlansCoverage', query, meter, 'NextToken')).flatMap(
          (p) => (p.SavingsPlansCoverages as SavingsPlansCoverage[]) ?? [],
        ),
      ),
    getReservationCoverage: (query, meter) =>
      cached('GetReservationCoverage', query, meter, async () => {
        const all = await pages('GetReservationCoverage', query, meter);
        const byTime = all.flatMap((p) => (p.CoveragesByTime as ReservationCoverageResult['byTime']) ?? []);
        return { byTime, total: all[0]?.Total as ReservationCoverageResult['total'] };
      }),
    getRightsizingRecommendations: (meter) =>
      cached('GetRightsizingRecommendation', RIGHTSIZING_INPUT, meter, async () => {
        const all = await pages('GetRightsizingRecommendation', RIGHTSIZING_INPUT, meter);
        const recommendations = all.flatMap(
          (p) => (p.RightsizingRecommendations as RightsizingResult['recommendations']) ?? [],
        );
        return { summary: all[0]?.Summary as RightsizingResult['summary'], recommendations };
      }),
  };
}

/** Lists stop paging once they hold `limit` values, and the limit is part of the cache key. */
function valueListOperations(
  pager: Pager,
  cached: Cached,
): Pick<CostExplorerApi, 'getDimensionValues' | 'getTags'> {
  return {
    getDimensionValues: (input, limit, meter) =>
      cached('GetDimensionValues', { ...input, limit }, meter, () =>
        valueList(
          pager,
          'GetDimensionValues',
          input,
          meter,
          limit,
          (p) => (p.DimensionValues as DimensionValue[]) ?? [],
        ),
      ),
    getTags: (input, limit, meter) =>
      cached('GetTags', { ...input, limit }, meter, () =>
        valueList(pager, 'GetTags', input, meter, limit, (p) => (p.Tags as string[]) ?? []),
      ),
  };
}

async function valueList<T>(
  pager: Pager,
  operation: string,
  input: object,
  meter: RequestMeter,
  limit: number,
  pick: (page: Page) => T[],
): Promise<ValueList<T>> {
  const enough = (pages: Page[]) => pages.flatMap(pick).length >= limit;
  const { pages, more } = await pager.allPages(operation, { ...input }, meter, { enough });
  const values = pages.flatMap(pick);
  const totalSize = pages[0]?.TotalSize as number | undefined;
  return { values: values.slice(0, limit), totalSize, truncated: more || values.length > limit };
}

/** A period can be split across pages (groups continue on the next page): merge by start date. */
export function mergeCostPages(pages: readonly Record<string, unknown>[]): CostAndUsageResult {
  const byStart = new Map<string, ResultByTime>();
  const accountNames: Record<string, string> = {};
  for (const page of pages) {
    for (const result of (page.ResultsByTime as ResultByTime[] | undefined) ?? []) {
      const start = result.TimePeriod?.Start ?? '';
      const seen = byStart.get(start);
      if (seen) seen.Groups = [...(seen.Groups ?? []), ...(result.Groups ?? [])];
      else byStart.set(start, { ...result, Groups: [...(result.Groups ?? [])] });
    }
    for (const attr of (page.DimensionValueAttributes as
      | { Value?: string; Attributes?: Record<string, string> }[]
      | undefined) ?? []) {
      const name = attr.Attributes?.description;
      if (attr.Value && name) accountNames[attr.Value] = name;
    }
  }
  return { results: [...byStart.values()], accountNames };
}

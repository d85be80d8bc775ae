import type { Logger } from '@sre-agent/shared';
import { toCostToolError } from './ce-errors.js';
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

type Page = Record<string, unknown> & { $metadata?: { attempts?: number } };
type Send = (operation: string, input: object, signal?: AbortSignal) => Promise<Page>;

/**
 * The only module that loads the AWS SDK, and only on the first request (`await import`), so a
 * stdio server answers `initialize` without paying the SDK's import time.
 */
async function loadSender(options: CostExplorerClientOptions): Promise<Send> {
  const { config } = options;
  const sdk = await import('@aws-sdk/client-cost-explorer');
  const providers = await import('@aws-sdk/credential-providers');
  const base =
    options.credentials ??
    providers.fromNodeProviderChain({
      ...(config.profile ? { profile: config.profile } : {}),
      ...(config.credentialsFile ? { filepath: config.credentialsFile } : {}),
      ...(config.configFile ? { configFilepath: config.configFile } : {}),
    });
  const credentials = config.roleArn
    ? providers.fromTemporaryCredentials({
        masterCredentials: base,
        params: {
          RoleArn: config.roleArn,
          RoleSessionName: 'sre-aws-cost-mcp',
          ...(config.externalId ? { ExternalId: config.externalId } : {}),
        },
        clientConfig: {
          region: config.region,
          ...(config.stsEndpoint ? { endpoint: config.stsEndpoint } : {}),
        },
      })
    : base;
  const client = new sdk.CostExplorerClient({
    region: config.costExplorerRegion,
    credentials,
    maxAttempts: config.maxAttempts,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  const commands = sdk as unknown as Record<string, new (input: object) => Parameters<typeof client.send>[0]>;
  return async (operation, input, signal) => {
    const Command = commands[`${operation}Command`];
    if (!Command) throw new Error(`Unknown Cost Explorer operation ${operation}`);
    return (await client.send(new Command(input), signal ? { abortSignal: signal } : {})) as Page;
  };
}

export function createCostExplorerClient(options: CostExplorerClientOptions): CostExplorerApi {
  const { config } = options;
  const cache = createRequestCache(options.clock ? { clock: options.clock } : {});
  const guard = createRateGuard({
    maxPerHour: config.maxRequestsPerHour,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const endpoint = config.endpoint ?? `https://ce.${config.costExplorerRegion}.amazonaws.com`;
  let sender: Promise<Send> | undefined;

  const sendPage = async (operation: string, input: object, meter: RequestMeter): Promise<Page> => {
    guard.take();
    sender ??= loadSender(options);
    try {
      const page = await (await sender)(operation, input, meter.signal);
      const attempts = page.$metadata?.attempts ?? 1;
      meter.billed += attempts;
      guard.record(attempts - 1);
      return page;
    } catch (error) {
      const attempts = (error as Page | undefined)?.$metadata?.attempts ?? 1;
      meter.billed += attempts;
      guard.record(attempts - 1);
      options.logger.warn('cost explorer request failed', { operation, error });
      const { profile, roleArn } = config;
      throw toCostToolError(error, { operation, profile, roleArn, endpoint, attempts });
    }
  };

  /** Follows the page token until the last page, or until `enough` says to stop paying for more. */
  const allPages = async (
    operation: string,
    input: Record<string, unknown>,
    meter: RequestMeter,
    tokenField = 'NextPageToken',
    enough: (pages: Page[]) => boolean = () => false,
  ): Promise<{ pages: Page[]; more: boolean }> => {
    const pages: Page[] = [];
    let token: unknown;
    do {
      const page = await sendPage(operation, token ? { ...input, [tokenField]: token } : input, meter);
      pages.push(page);
      token = page[tokenField];
    } while (token && !enough(pages));
    return { pages, more: Boolean(token) };
  };

  const cached = <T>(
    operation: string,
    input: object,
    meter: RequestMeter,
    load: () => Promise<T>,
  ): Promise<T> => {
    const { value, hit } = cache.getOrLoad(`${operation} ${JSON.stringify(input)}`, ttlFor(input), load);
    if (hit) meter.cached += 1;
    return value;
  };

  const ttlFor = (input: object): number => {
    const today = options.now().toISOString().slice(0, 10);
    const last = lastDayOf(input);
    return last !== undefined && last < today ? config.cacheTtlPastMs : config.cacheTtlCurrentMs;
  };

  return {
    getCostAndUsage: (query, meter) =>
      cached('GetCostAndUsage', query, meter, async () =>
        mergeCostPages((await allPages('GetCostAndUsage', { ...query }, meter)).pages),
      ),
    getCostForecast: (query, meter) =>
      cached(
        'GetCostForecast',
        query,
        meter,
        async () => (await sendPage('GetCostForecast', query, meter)) as ForecastResult,
      ),
    getAnomalies: (interval, meter) =>
      cached('GetAnomalies', interval, meter, async () =>
        (await allPages('GetAnomalies', { DateInterval: interval }, meter)).pages.flatMap(
          (p) => (p.Anomalies as Anomaly[]) ?? [],
        ),
      ),
    getSavingsPlansCoverage: (query, meter) =>
      cached('GetSavingsPlansCoverage', query, meter, async () =>
        (await allPages('GetSavingsPlansCoverage', { ...query }, meter, 'NextToken')).pages.flatMap(
          (p) => (p.SavingsPlansCoverages as SavingsPlansCoverage[]) ?? [],
        ),
      ),
    getReservationCoverage: (query, meter) =>
      cached('GetReservationCoverage', query, meter, async () => {
        const { pages } = await allPages('GetReservationCoverage', { ...query }, meter);
        const byTime = pages.flatMap((p) => (p.CoveragesByTime as ReservationCoverageResult['byTime']) ?? []);
        return { byTime, total: pages[0]?.Total as ReservationCoverageResult['total'] };
      }),
    getRightsizingRecommendations: (meter) => {
      const input = {
        Service: 'AmazonEC2',
        Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY', BenefitsConsidered: true },
      };
      return cached('GetRightsizingRecommendation', input, meter, async () => {
        const { pages } = await allPages('GetRightsizingRecommendation', input, meter);
        const recommendations = pages.flatMap(
          (p) => (p.RightsizingRecommendations as RightsizingResult['recommendations']) ?? [],
        );
        return { summary: pages[0]?.Summary as RightsizingResult['summary'], recommendations };
      });
    },
    getDimensionValues: (input, limit, meter) =>
      cached('GetDimensionValues', { ...input, limit }, meter, () =>
        valueList(
          allPages,
          'GetDimensionValues',
          input,
          meter,
          limit,
          (p) => (p.DimensionValues as DimensionValue[]) ?? [],
        ),
      ),
    getTags: (input, limit, meter) =>
      cached('GetTags', { ...input, limit }, meter, () =>
        valueList(allPages, 'GetTags', input, meter, limit, (p) => (p.Tags as string[]) ?? []),
      ),
  };
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

type AllPages = (
  operation: string,
  input: Record<string, unknown>,
  meter: RequestMeter,
  tokenField?: string,
  enough?: (pages: Page[]) => boolean,
) => Promise<{ pages: Page[]; more: boolean }>;

async function valueList<T>(
  allPages: AllPages,
  operation: string,
  input: object,
  meter: RequestMeter,
  limit: number,
  pick: (page: Page) => T[],
): Promise<ValueList<T>> {
  const { pages, more } = await allPages(
    operation,
    { ...input },
    meter,
    'NextPageToken',
    (p) => p.flatMap(pick).length >= limit,
  );
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

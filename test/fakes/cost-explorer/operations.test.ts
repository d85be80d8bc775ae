// The non-GetCostAndUsage operations, error injection and the request counter, through the real SDK.
import {
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  GetReservationCoverageCommand,
  GetRightsizingRecommendationCommand,
  GetSavingsPlansCoverageCommand,
  GetTagsCommand,
} from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { anomalyImpact, dayNumber, forecastDailyRate, formatAmount, sumLedger } from './index.ts';
import { EC2, micros, useFakeWithSdk } from './sdk-harness.ts';

const sdk = useFakeWithSdk();

describe('the other operations', () => {
  it('forecasts from the last 28 days with widening bounds', async () => {
    const out = await sdk.client.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: '2025-06-18', End: '2025-07-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
        PredictionIntervalLevel: 80,
      }),
    );
    const rate = forecastDailyRate(sdk.fake.ledger, () => true, 'UnblendedCost');
    expect(out.Total?.Amount).toBe(formatAmount(Math.round(rate * 13), 1e6));
    const [period] = out.ForecastResultsByTime ?? [];
    expect(Number(period?.PredictionIntervalLowerBound)).toBeLessThan(Number(period?.MeanValue));
    await expect(
      sdk.client.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: '2025-06-01', End: '2025-07-01' },
          Metric: 'UNBLENDED_COST',
          Granularity: 'MONTHLY',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('reports anomalies with impact that matches the ledger', async () => {
    const out = await sdk.client.send(new GetAnomaliesCommand({ DateInterval: { StartDate: '2025-05-01' } }));
    const ids = out.Anomalies?.map((a) => a.AnomalyId);
    expect(ids).toEqual(['anomaly-bedrock', 'anomaly-ec2-data', 'anomaly-s3']);
    const spike = sdk.fake.ledger.spikes.find((s) => s.id === 'anomaly-ec2-data')!;
    const impact = anomalyImpact(sdk.fake.ledger, spike);
    const ec2 = out.Anomalies?.find((a) => a.AnomalyId === 'anomaly-ec2-data');
    expect(ec2?.Impact?.TotalImpact).toBeCloseTo(impact.total, 2);
    expect(ec2?.RootCauses?.[0]?.LinkedAccountName).toBe(spike.item.accountName);
    expect(out.Anomalies?.find((a) => a.AnomalyId === 'anomaly-bedrock')?.AnomalyEndDate).toBeUndefined();
  });

  it('computes Savings Plans and reservation coverage', async () => {
    const sp = await sdk.client.send(
      new GetSavingsPlansCoverageCommand({
        TimePeriod: { Start: '2025-05-01', End: '2025-06-01' },
        Granularity: 'MONTHLY',
      }),
    );
    const cov = sp.SavingsPlansCoverages?.[0]?.Coverage;
    expect(micros(cov?.TotalCost)).toBe(
      sumLedger(sdk.fake.ledger, {
        start: '2025-05-01',
        end: '2025-06-01',
        where: (r) => r.item.spec.savingsPlans !== undefined,
      }),
    );
    expect(Number(cov?.CoveragePercentage)).toBeGreaterThan(0);
    const ri = await sdk.client.send(
      new GetReservationCoverageCommand({
        TimePeriod: { Start: '2025-04-01', End: '2025-06-01' },
        Granularity: 'MONTHLY',
      }),
    );
    expect(ri.CoveragesByTime).toHaveLength(2);
    expect(Number(ri.Total?.CoverageHours?.CoverageHoursPercentage)).toBeCloseTo(20, 0);
  });

  it('pages rightsizing recommendations and insists on AmazonEC2', async () => {
    const first = await sdk.client.send(
      new GetRightsizingRecommendationCommand({ Service: 'AmazonEC2', PageSize: 5 }),
    );
    expect(first.RightsizingRecommendations).toHaveLength(5);
    expect(first.Summary?.TotalRecommendationCount).toBe('7');
    const second = await sdk.client.send(
      new GetRightsizingRecommendationCommand({
        Service: 'AmazonEC2',
        PageSize: 5,
        NextPageToken: first.NextPageToken,
      }),
    );
    expect(second.RightsizingRecommendations).toHaveLength(2);
    expect(second.NextPageToken).toBeUndefined();
    await expect(
      sdk.client.send(new GetRightsizingRecommendationCommand({ Service: 'AmazonRDS' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('lists dimension values with search and tag keys and values', async () => {
    const period = { Start: '2025-05-01', End: '2025-06-01' };
    const accounts = await sdk.client.send(
      new GetDimensionValuesCommand({ TimePeriod: period, Dimension: 'LINKED_ACCOUNT' }),
    );
    expect(accounts.DimensionValues?.find((v) => v.Value === '333333333333')?.Attributes).toEqual({
      description: 'data-platform',
    });
    const search = await sdk.client.send(
      new GetDimensionValuesCommand({ TimePeriod: period, Dimension: 'SERVICE', SearchString: 'elastic' }),
    );
    expect(search.DimensionValues?.map((v) => v.Value)).toContain(EC2);
    expect(search.DimensionValues?.every((v) => v.Value!.toLowerCase().includes('elastic'))).toBe(true);
    const keys = await sdk.client.send(new GetTagsCommand({ TimePeriod: period }));
    expect(keys.Tags).toEqual(['env', 'team']);
    const teams = await sdk.client.send(new GetTagsCommand({ TimePeriod: period, TagKey: 'team' }));
    expect(teams.Tags).toEqual(['data', 'ml', 'payments', 'platform']);
  });

  it('does not bill the future: rows stop at the current hour', () => {
    expect(sumLedger(sdk.fake.ledger, { start: '2025-06-19', end: '2025-07-01' })).toBe(0);
    const today = [...sdk.fake.ledger.rows(dayNumber('2025-06-18'), dayNumber('2025-06-19'))];
    expect(today.every((r) => r.hours === 10)).toBe(true);
  });
});

describe('errors and the request counter', () => {
  const cost = () =>
    sdk.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-05-01', End: '2025-06-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
      }),
    );

  it.each([
    ['AccessDeniedException', 400],
    ['DataUnavailableException', 400],
    ['ValidationException', 400],
  ])('returns %s with status %i', async (type, status) => {
    sdk.fake.injectError({ operation: 'GetCostAndUsage', type, message: `no: ${type}` });
    await expect(cost()).rejects.toMatchObject({
      name: type,
      message: `no: ${type}`,
      $metadata: { httpStatusCode: status },
    });
    expect(sdk.fake.requestCount()).toBe(1);
  });

  it('throttles with LimitExceededException, which the SDK retries', async () => {
    sdk.fake.injectError({ type: 'LimitExceededException', times: 2 });
    await expect(cost()).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect(sdk.fake.requestCount()).toBe(2);
  });

  it('recovers from a 5xx through the SDK retry, and counts both requests', async () => {
    sdk.fake.injectError({ operation: 'GetCostAndUsage', type: 'InternalServerError' });
    const out = await cost();
    expect(out.ResultsByTime).toHaveLength(1);
    expect(sdk.fake.requestCount('GetCostAndUsage')).toBe(2);
  });

  it('speaks JSON 1.1 and refuses unsigned requests', async () => {
    const res = await fetch(sdk.fake.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSInsightsIndexService.GetTags',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await res.json()).toMatchObject({
      __type: expect.stringMatching(/#MissingAuthenticationTokenException$/),
    });
  });
});

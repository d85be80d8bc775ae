import { createLogger } from '@sre-agent/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CostHarness,
  HARNESS_NOW,
  startCostHarness,
  TEST_CREDENTIALS,
} from '../../../test/fakes/cost-explorer/mcp-harness.ts';
import { type CostExplorerFake, startCostExplorerFake } from '../../../test/fakes/cost-explorer/server.ts';
import { parseCostConfig } from './config.js';
import { createCostExplorerClient } from './cost-explorer-client.js';
import { createMeter } from './request-meter.js';

const harnesses: CostHarness[] = [];
const fakes: CostExplorerFake[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function harness(options: Parameters<typeof startCostHarness>[0] = {}) {
  const h = await startCostHarness(options);
  harnesses.push(h);
  return h;
}

/** A clock tests can move: cache lifetimes and the hourly budget read it. */
function movableClock() {
  let now = 1_000_000;
  return {
    clock: () => now,
    advanceMinutes(minutes: number) {
      now += minutes * 60_000;
    },
  };
}

describe('cache', () => {
  it('answers a second identical call without a request, and says so', async () => {
    const h = await harness();
    const first = await h.call('get_cost_by_service', { period: 'last_month' });
    const second = await h.call('get_cost_by_service', { period: 'last_month' });
    expect(first.text).toContain('Cost Explorer: 1 billed request ($0.01), 0 served from cache.');
    expect(second.text).toContain('Cost Explorer: 0 billed requests ($0.00), 1 served from cache.');
    expect(h.fake.requestCount()).toBe(1);
    expect(second.text.split('\n').slice(2)).toEqual(first.text.split('\n').slice(2));
  });

  it('shares one request between tools asking the same question', async () => {
    const h = await harness();
    await Promise.all([
      h.call('get_cost_by_service', { period: 'last_month' }),
      h.call('get_cost_by_service', { period: 'last_month' }),
    ]);
    expect(h.fake.requestCount()).toBe(1);
  });

  it('keeps closed periods for an hour and periods that include today for ten minutes', async () => {
    const time = movableClock();
    const h = await harness({ clock: time.clock });
    await h.call('get_cost_by_service', { period: 'last_month' });
    await h.call('get_cost_by_service', { period: 'this_month' });
    time.advanceMinutes(11);
    await h.call('get_cost_by_service', { period: 'last_month' });
    await h.call('get_cost_by_service', { period: 'this_month' });
    expect(h.fake.requestCount()).toBe(3);
    time.advanceMinutes(50);
    await h.call('get_cost_by_service', { period: 'last_month' });
    expect(h.fake.requestCount()).toBe(4);
  });

  it('does not cache failures', async () => {
    const h = await harness();
    h.fake.injectError({ type: 'DataUnavailableException' });
    expect((await h.call('get_cost_by_account', { period: 'last_month' })).isError).toBe(true);
    const retry = await h.call('get_cost_by_account', { period: 'last_month' });
    expect(retry.isError).toBe(false);
    expect(h.fake.requestCount()).toBe(2);
  });
});

describe('cache keys and shared requests', () => {
  async function directClient(options: { latencyMs?: number } = {}) {
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const fake = await startCostExplorerFake({ now: HARNESS_NOW, ...options });
    fakes.push(fake);
    const ce = createCostExplorerClient({
      config: parseCostConfig({ SRE_CE_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL_COST_EXPLORER: fake.url }),
      logger: createLogger({ name: 'test', write: () => {} }),
      now: () => HARNESS_NOW,
      credentials: TEST_CREDENTIALS,
    });
    return { fake, ce };
  }
  const TimePeriod = { Start: '2025-05-01', End: '2025-06-01' };

  it('shares one entry for the same request built in another key order, not for a different one', async () => {
    const { fake, ce } = await directClient();
    const meter = createMeter();
    await ce.getCostAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }, meter);
    await ce.getCostAndUsage(
      {
        Metrics: ['UnblendedCost'],
        Granularity: 'MONTHLY',
        TimePeriod: { End: '2025-06-01', Start: '2025-05-01' },
      },
      meter,
    );
    await ce.getCostAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['BlendedCost'] }, meter);
    expect(fake.requestCount()).toBe(2);
    expect(meter).toMatchObject({ billed: 2, cached: 1 });
  });

  it('does not fail a call because another call sharing its request was cancelled', async () => {
    const { fake, ce } = await directClient({ latencyMs: 150 });
    // The SDK loads first: on a busy machine the 20 ms abort would otherwise land before the
    // cancelled request is sent, and the test would measure the load instead of the sharing.
    await ce.getCostAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['BlendedCost'] }, createMeter());
    fake.resetRequests();
    const query = { TimePeriod, Granularity: 'MONTHLY' as const, Metrics: ['UnblendedCost' as const] };
    const cancelled = new AbortController();
    const first = ce.getCostAndUsage(query, createMeter(cancelled.signal));
    const patient = createMeter();
    const second = ce.getCostAndUsage(query, patient);
    setTimeout(() => cancelled.abort(), 20);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect((await second).results).toHaveLength(1);
    expect(patient).toMatchObject({ billed: 1, cached: 0 });
    expect(fake.requestCount()).toBe(2);
  });
});

describe('hourly request budget, cancelled requests', () => {
  it('counts a cancelled request against the budget: it may have reached AWS and been billed', async () => {
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const fake = await startCostExplorerFake({ now: HARNESS_NOW, latencyMs: 150 });
    fakes.push(fake);
    const ce = createCostExplorerClient({
      config: parseCostConfig({
        SRE_CE_MAX_ATTEMPTS: '1',
        SRE_CE_MAX_REQUESTS_PER_HOUR: '1',
        AWS_ENDPOINT_URL_COST_EXPLORER: fake.url,
      }),
      logger: createLogger({ name: 'test', write: () => {} }),
      now: () => HARNESS_NOW,
      credentials: TEST_CREDENTIALS,
    });
    const query = { Granularity: 'MONTHLY' as const, Metrics: ['UnblendedCost' as const] };
    const cancelled = new AbortController();
    const first = ce.getCostAndUsage(
      { ...query, TimePeriod: { Start: '2025-05-01', End: '2025-06-01' } },
      createMeter(cancelled.signal),
    );
    setTimeout(() => cancelled.abort(), 20);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(
      ce.getCostAndUsage({ ...query, TimePeriod: { Start: '2025-04-01', End: '2025-05-01' } }, createMeter()),
    ).rejects.toThrow(/request budget spent: 1 billed requests in the last hour/);
  });
});

describe('hourly request budget', () => {
  it('stops a runaway loop with a clear error, and lets cached answers and the next hour through', async () => {
    const time = movableClock();
    const h = await harness({ clock: time.clock, env: { SRE_CE_MAX_REQUESTS_PER_HOUR: '3' } });
    for (const period of ['2025-01', '2025-02', '2025-03']) {
      expect((await h.call('get_cost_by_service', { period })).isError).toBe(false);
    }
    const refused = await h.call('get_cost_by_service', { period: '2025-04' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(
      /request budget spent: 3 billed requests in the last hour \(SRE_CE_MAX_REQUESTS_PER_HOUR=3\)/,
    );
    expect(refused.text).toMatch(/wait about 60 min/);
    expect(h.fake.requestCount()).toBe(3);
    expect((await h.call('get_cost_by_service', { period: '2025-01' })).isError).toBe(false);
    time.advanceMinutes(61);
    expect((await h.call('get_cost_by_service', { period: '2025-04' })).isError).toBe(false);
    expect(h.fake.requestCount()).toBe(4);
  });

  it('counts every page: a paged answer can hit the budget midway', async () => {
    const h = await harness({ pageSize: 10, env: { SRE_CE_MAX_REQUESTS_PER_HOUR: '5' } });
    const out = await h.call('get_cost_and_usage', {
      period: 'last_month',
      group_by: ['SERVICE'],
      granularity: 'DAILY',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/request budget spent/);
    expect(out.text).toMatch(/already paid for 5 pages of a longer answer\..*A narrower question/);
    expect(h.fake.requestCount()).toBe(5);
  });
});

describe('errors read as causes with a remedy', () => {
  it.each([
    [
      'AccessDeniedException',
      /Access denied to Cost Explorer GetCostAndUsage for the default credential chain.*ce:GetCostAndUsage/,
    ],
    ['DataUnavailableException', /no data for this request yet.*lags by up to 24 hours/],
    ['LimitExceededException', /throttling requests \(LimitExceededException\).*Retry after about a minute/],
    ['ValidationException', /rejected the GetCostAndUsage request: Injected ValidationException.*YYYY-MM-DD/],
    ['InternalServerError', /failed GetCostAndUsage with HTTP 500.*retry in a few minutes/],
    ['ThrottlingException', /throttling requests \(ThrottlingException\) after 1 attempt:/],
    ['BillExpirationException', /bill has expired.*more recent period/],
    ['RequestChangedException', /refused to continue paging.*Retry the same call/],
  ])('%s', async (type, message) => {
    const h = await harness();
    h.fake.injectError({ operation: 'GetCostAndUsage', type });
    const out = await h.call('get_cost_by_service', { period: 'last_month' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
  });

  it('names the IAM action of the operation that was refused', async () => {
    const h = await harness();
    h.fake.injectError({ operation: 'GetAnomalies', type: 'AccessDeniedException' });
    const out = await h.call('get_cost_anomalies', {});
    expect(out.text).toMatch(/ce:GetAnomalies/);
  });

  it('retries a 5xx through the SDK and counts both billed attempts', async () => {
    const h = await harness({ env: { AWS_MAX_ATTEMPTS: '2' } });
    h.fake.injectError({ operation: 'GetCostAndUsage', type: 'ServiceUnavailableException' });
    const out = await h.call('get_cost_by_service', { period: 'last_month' });
    expect(out.isError).toBe(false);
    expect(out.text).toContain('Cost Explorer: 2 billed requests ($0.02), 0 served from cache.');
    expect(h.fake.requestCount()).toBe(2);
  });

  it('says when Cost Explorer cannot be reached', async () => {
    const h = await harness({ env: { AWS_ENDPOINT_URL_COST_EXPLORER: 'http://127.0.0.1:9' } });
    const out = await h.call('get_cost_by_service', { period: 'last_month' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/Cannot reach Cost Explorer at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it('never passes on the canonical request (and its session token) AWS quotes on a bad signature', async () => {
    const token = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENVALUE0123456789abcdef';
    const h = await harness();
    h.fake.injectError({
      type: 'InvalidSignatureException',
      status: 403,
      message: `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.

The Canonical String for this request should have been
'POST
/

content-type:application/x-amz-json-1.1
host:ce.us-east-1.amazonaws.com
x-amz-date:20261125T000000Z
x-amz-security-token:${token}
x-amz-target:AWSInsightsIndexService.GetCostAndUsage'`,
    });
    const out = await h.call('get_cost_by_service', { period: 'last_month' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('(InvalidSignatureException): The request signature we calculated');
    expect(out.text).not.toContain(token);
    expect(h.logs.join('\n')).toContain('cost explorer request failed');
    expect(h.logs.join('\n')).not.toContain(token);
  });
});

import { describe, expect, it } from 'vitest';
import {
  forecastDailyRate,
  forecastSpread,
  formatMicros,
  sumLedger,
} from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

describe('get_cost_forecast', () => {
  it('forecasts to the end of the month with bounds, and adds the month to date', async () => {
    const out = await h.call('get_cost_forecast', {});
    expect(out.isError).toBe(false);
    const mean = Math.round(forecastDailyRate(h.fake.ledger, () => true, 'UnblendedCost') * 13);
    const spread = forecastSpread(80);
    const lower = Math.round(mean * (1 - spread));
    const upper = Math.round(mean * (1 + spread));
    expect(out.text).toContain(
      `Forecast for 2025-06-18 to 2025-06-30 (13 days): ${formatMicros(mean)} (80% interval ${formatMicros(lower)} to ${formatMicros(upper)})`,
    );
    const monthToDate = sumLedger(h.fake.ledger, { start: '2025-06-01', end: '2025-06-18' });
    expect(out.text).toContain(
      `Month to date (2025-06-01 to 2025-06-17, actual, estimated until the bill is final): ${formatMicros(monthToDate)}`,
    );
    expect(out.text).toContain(`Projected total for 2025-06: ${formatMicros(monthToDate + mean)}`);
    expect(h.fake.requests.find((r) => r.operation === 'GetCostForecast')?.body).toMatchObject({
      TimePeriod: { Start: '2025-06-18', End: '2025-07-01' },
      Metric: 'UNBLENDED_COST',
      PredictionIntervalLevel: 80,
    });
    expect(out.text).toContain('Cost Explorer: 2 billed requests ($0.02), 0 served from cache.');
  });

  it('forecasts further ahead per month, with a filter and another metric', async () => {
    const out = await h.call('get_cost_forecast', {
      end_date: '2025-08-15',
      metric: 'AmortizedCost',
      prediction_interval: 95,
      include_services: ['AWS Lambda'],
    });
    const rate = forecastDailyRate(h.fake.ledger, (item) => item.service === 'AWS Lambda', 'AmortizedCost');
    const means = [13, 31, 15].map((days) => Math.round(rate * days));
    expect(out.text).toContain(`(59 days): ${formatMicros(means[0]! + means[1]! + means[2]!)}`);
    expect(out.text).toMatch(rowPattern('2025-07-01', formatMicros(means[1]!)));
    expect(out.text).not.toContain('Month to date');
    expect(h.fake.requestCount()).toBe(1);
  });

  it('refuses an end date in the past before any request', async () => {
    const out = await h.call('get_cost_forecast', { end_date: '2025-06-01' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/before today.*get_cost_and_usage/);
    expect(h.fake.requestCount()).toBe(0);
  });

  it.each(['2025-06-31', '2025-13-45'])(
    'refuses end_date %s, which is no calendar day, before any request',
    async (end) => {
      const out = await h.call('get_cost_forecast', { end_date: end });
      expect(out.isError).toBe(true);
      expect(out.text).toBe(`end_date "${end}" is not a valid date. Use YYYY-MM-DD, e.g. 2025-03-31.`);
      expect(h.fake.requestCount()).toBe(0);
    },
  );

  it('explains a forecast with no history behind it, without doubled full stops', async () => {
    const out = await h.call('get_cost_forecast', { include_services: ['Amazon Nonexistent'] });
    expect(out.isError).toBe(true);
    expect(out.text).toContain(
      'no data for this request yet: Insufficient amount of historical data to generate forecast. A forecast needs some weeks of cost history',
    );
    expect(out.text).not.toContain('..');
  });
});

import { describe, expect, it } from 'vitest';
import { formatMicros, type LedgerRow, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

// A bill in euros that carries a monthly EC2 credit and a refund for Amazon MQ in May 2025, a month
// after MQ was turned off: the refund leaves MQ below zero for the month.
const h = useCostHarness({ currency: 'EUR', credits: true });

const euros = (micros: number) => formatMicros(micros).replace('$', '€');
const MAY = { start: '2025-05-01', end: '2025-06-01' };
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const service = (name: string) => (r: LedgerRow) => r.item.service === name;

describe('amounts in another currency, and below zero', () => {
  it('ranks services in the currency of the bill, net of credits, and names what is below zero', async () => {
    const out = await h.call('get_cost_by_service', { period: '2025-05', top_n: 5 });
    expect(out.text).toContain(`Total: ${euros(sumLedger(h.fake.ledger, MAY))}\n`);
    const ec2 = sumLedger(h.fake.ledger, { ...MAY, where: service(EC2) });
    expect(out.text).toMatch(rowPattern('1', EC2, euros(ec2)));
    expect(out.text).toContain('Below zero (credits or refunds larger than the charges): Amazon MQ -€400.00');
    // Only the meter line speaks dollars: Cost Explorer bills its requests in USD.
    expect(out.text.replace(/\(\$\d+\.\d\d\)/g, '')).not.toContain('$');
  });

  it('compares a refund like any other change', async () => {
    const out = await h.call('compare_costs', { period_a: '2025-04', period_b: '2025-05', top_n: 20 });
    expect(out.text).toMatch(rowPattern('Amazon MQ', '€0.00', '-€400.00', '-€400.00'));
    const change =
      sumLedger(h.fake.ledger, MAY) - sumLedger(h.fake.ledger, { start: '2025-04-01', end: MAY.start });
    expect(out.text).toContain(`-> B ${euros(sumLedger(h.fake.ledger, MAY))}: +${euros(change)}`);
  });

  it('carries the currency into the trend, its chart and the forecast', async () => {
    const trend = await h.call('get_cost_trend', { months: 2, group_by: 'SERVICE' });
    expect(trend.text).toMatch(rowPattern('2025-05', euros(sumLedger(h.fake.ledger, MAY))));
    expect(trend.images).toHaveLength(1);
    const forecast = await h.call('get_cost_forecast', {});
    expect(forecast.text).toMatch(
      /Forecast for 2025-06-18 to 2025-06-30 \(13 days\): €[\d,.]+ \(80% interval €/,
    );
    expect(`${trend.text}${forecast.text}`.replace(/\(\$\d+\.\d\d\)/g, '')).not.toContain('$');
  });
});

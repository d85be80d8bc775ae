import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { type CostHarness, startCostHarness } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';

let h: CostHarness;
beforeAll(async () => {
  h = await startCostHarness();
});
afterAll(() => h.close());

describe('get_cost_by_service', () => {
  it('ranks services for last month with totals to the cent', async () => {
    const out = await h.call('get_cost_by_service', { period: 'last_month', top_n: 5 });
    console.log(out.text);
    expect(out.isError).toBe(false);
    const total = sumLedger(h.fake.ledger, { start: '2025-05-01', end: '2025-06-01' });
    expect(out.text).toContain(`Total: ${formatMicros(total)}`);
  });
});

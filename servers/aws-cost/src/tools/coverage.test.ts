import { describe, expect, it } from 'vitest';
import { formatMicros, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

describe('coverage', () => {
  it('reports Savings Plans coverage per month, to the cent', async () => {
    const out = await h.call('get_savings_plans_coverage', { period: 'last_3_months' });
    const eligible = (start: string, end: string) =>
      sumLedger(h.fake.ledger, { start, end, where: (r) => r.item.spec.savingsPlans !== undefined });
    const covered = (start: string, end: string) => {
      let total = 0;
      for (const row of h.fake.ledger.rows(0, Number.MAX_SAFE_INTEGER)) {
        const day = new Date(row.day * 86_400_000).toISOString().slice(0, 10);
        if (day >= start && day < end) total += row.spCovered * row.hours;
      }
      return total;
    };
    const [start, end] = ['2025-04-01', '2025-05-01'];
    expect(out.text).toMatch(
      rowPattern(
        start,
        formatMicros(covered(start, end)),
        formatMicros(eligible(start, end) - covered(start, end)),
        formatMicros(eligible(start, end)),
      ),
    );
    expect(out.text).toMatch(/Overall: \d+\.\d% of eligible spend covered/);
  });

  it('reports reservation coverage for the chosen service only', async () => {
    const out = await h.call('get_reservation_coverage', { period: 'last_month', service: 'RDS' });
    expect(out.text).toMatch(/^Reservation coverage for RDS/);
    expect(out.text).toMatch(/Overall: 50\.0% of [\d,.]+ h running hours reserved/);
    expect(h.fake.requests.at(-1)?.body.Filter).toEqual({
      Dimensions: { Key: 'SERVICE', Values: ['Amazon Relational Database Service'] },
    });
  });
});

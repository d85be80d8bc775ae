import { describe, expect, it } from 'vitest';
import { formatMicros, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

/** Per-service totals of a range, straight from the ledger, largest first. */
function ledgerByService(start: string, end: string, skip: string[] = []): [string, number][] {
  const totals = new Map<string, number>();
  for (const item of h.fake.ledger.items) totals.set(item.service, 0);
  for (const service of totals.keys()) {
    totals.set(service, sumLedger(h.fake.ledger, { start, end, where: (r) => r.item.service === service }));
  }
  return [...totals].filter(([s, v]) => v > 0 && !skip.includes(s)).sort((a, b) => b[1] - a[1]);
}

describe('get_cost_by_service', () => {
  it('ranks the top services of a month with amounts to the cent and the rest summed', async () => {
    const out = await h.call('get_cost_by_service', { period: 'last_month', top_n: 5 });
    const ranked = ledgerByService('2025-05-01', '2025-06-01');
    expect(out.text).toContain(
      `Total: ${formatMicros(sumLedger(h.fake.ledger, { start: '2025-05-01', end: '2025-06-01' }))}\n`,
    );
    ranked.slice(0, 5).forEach(([service, micros], i) => {
      expect(out.text).toMatch(rowPattern(String(i + 1), service, formatMicros(micros)));
    });
    const rest = ranked.slice(5).reduce((sum, [, v]) => sum + v, 0);
    expect(out.text).toMatch(rowPattern(`(${ranked.length - 5} others)`, formatMicros(rest)));
    expect(ranked.length).toBeGreaterThanOrEqual(38);
  });

  it('leaves out excluded services before asking, in the filter it sends', async () => {
    const out = await h.call('get_cost_by_service', {
      period: '2025-03',
      exclude_services: ['Tax', 'AWS Support (Business)'],
    });
    const expected = sumLedger(h.fake.ledger, {
      start: '2025-03-01',
      end: '2025-04-01',
      where: (r) => !['Tax', 'AWS Support (Business)'].includes(r.item.service),
    });
    expect(out.text).toContain(`Total: ${formatMicros(expected)}\n`);
    expect(out.text).not.toMatch(/^\d+\s+Tax/m);
    expect(h.fake.requests[0]?.body.Filter).toEqual({
      Not: { Dimensions: { Key: 'SERVICE', Values: ['Tax', 'AWS Support (Business)'] } },
    });
  });

  it('marks this month as estimated', async () => {
    const out = await h.call('get_cost_by_service', {});
    expect(out.text).toMatch(/^Cost by service, 2025-06-01 to 2025-06-18 \(this_month, to date\)/);
    expect(out.text).toContain('(estimated: the period is not final yet)');
  });
});

import { describe, expect, it } from 'vitest';
import { ACCOUNTS, formatMicros, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness({ pageSize: 4 });

describe('get_cost_by_account', () => {
  it('names every account (from the response, no extra request) with its cost to the cent', async () => {
    const out = await h.call('get_cost_by_account', { period: 'last_3_months' });
    for (const account of ACCOUNTS) {
      const micros = sumLedger(h.fake.ledger, {
        start: '2025-03-01',
        end: '2025-06-01',
        where: (r) => r.item.account === account.id,
      });
      expect(out.text).toMatch(rowPattern(`${account.id} (${account.name})`, formatMicros(micros)));
    }
    // A member account names itself, so the names are fenced as data.
    expect(out.text).toMatch(/\n\n<untrusted-data id="[0-9a-f]+" source="account names">\n/);
    // Three months x six accounts over pages of four cells: names arrive on every page.
    expect(h.fake.requestCount('GetCostAndUsage')).toBe(5);
    expect(h.fake.requestCount()).toBe(5);
  });

  it('puts the most expensive account first', async () => {
    const out = await h.call('get_cost_by_account', { period: 'last_month' });
    const totals = ACCOUNTS.map(
      (a) =>
        [
          a,
          sumLedger(h.fake.ledger, {
            start: '2025-05-01',
            end: '2025-06-01',
            where: (r) => r.item.account === a.id,
          }),
        ] as const,
    );
    const top = [...totals].sort((x, y) => y[1] - x[1])[0]!;
    expect(out.text).toMatch(rowPattern('1', `${top[0].id} (${top[0].name})`));
  });
});

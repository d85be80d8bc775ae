import { describe, expect, it } from 'vitest';
import { formatMicros, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

describe('get_cost_by_tag', () => {
  it('shows each tag value and the untagged remainder, to the cent', async () => {
    const out = await h.call('get_cost_by_tag', { tag_key: 'team', period: 'last_month' });
    const period = { start: '2025-05-01', end: '2025-06-01' };
    for (const team of ['payments', 'data', 'platform', 'ml']) {
      const micros = sumLedger(h.fake.ledger, { ...period, where: (r) => r.item.tags.team === team });
      expect(out.text).toMatch(rowPattern(team, formatMicros(micros)));
    }
    const untagged = sumLedger(h.fake.ledger, { ...period, where: (r) => r.item.tags.team === undefined });
    expect(out.text).toMatch(rowPattern('(no team tag)', formatMicros(untagged)));
    expect(h.fake.requests[0]?.body.GroupBy).toEqual([{ Type: 'TAG', Key: 'team' }]);
  });

  it('fences tag values, which anyone who can tag resources writes', async () => {
    const out = await h.call('get_cost_by_tag', { tag_key: 'env', period: 'last_month' });
    expect(out.text).toMatch(
      /<untrusted-data id="[0-9a-f]+" source="tag values of env">[\s\S]*prod[\s\S]*<\/untrusted-data/,
    );
  });

  it('refuses a tag key the API could not group by', async () => {
    const out = await h.call('get_cost_by_tag', { tag_key: 'team$x' });
    expect(out.isError).toBe(true);
  });
});

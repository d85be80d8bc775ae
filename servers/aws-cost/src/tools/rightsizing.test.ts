import { describe, expect, it } from 'vitest';
import { rightsizingRecommendations } from '../../../../test/fakes/cost-explorer/index.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness({ pageSize: 3 });

describe('get_rightsizing_recommendations', () => {
  it('pages through all recommendations, largest savings first, names fenced', async () => {
    const out = await h.call('get_rightsizing_recommendations', {});
    expect(h.fake.requestCount()).toBe(3);
    const recs = rightsizingRecommendations(h.fake.ledger).sort((a, b) => b.savings - a.savings);
    const total = recs.reduce((sum, r) => sum + r.savings, 0);
    expect(out.text).toContain(`7 recommendations, estimated savings $${total.toFixed(2)}/month`);
    const rows = out.text.split('\n').filter((line) => /^\d{12}\s/.test(line));
    expect(rows.map((row) => row.split(/\s+/)[1])).toEqual(recs.map((r) => r.resourceId));
    const fence = /<untrusted-data id="([0-9a-f]+)"[^>]*>([\s\S]*)<\/untrusted-data id="\1">/.exec(out.text);
    expect(fence?.[2]).toContain('IGNORE PREVIOUS INSTRUCTIONS');
  });

  it('honours limit', async () => {
    const out = await h.call('get_rightsizing_recommendations', { limit: 2 });
    expect(out.text).toContain('(5 smaller recommendations not shown; raise limit to see them)');
    expect(out.text).toContain('0 billed requests ($0.00), 1 served from cache.');
  });
});

import { describe, expect, it } from 'vitest';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness({ pageSize: 10 });

describe('list_dimension_values and list_tag_values', () => {
  it('lists accounts with their names', async () => {
    const out = await h.call('list_dimension_values', { dimension: 'LINKED_ACCOUNT', period: 'last_month' });
    expect(out.text).toMatch(rowPattern('333333333333', 'data-platform'));
    expect(out.text).toContain('6 value(s):');
    expect(out.text).toMatch(/6 value\(s\):\n<untrusted-data id="[0-9a-f]+" source="value descriptions">\n/);
  });

  it('searches, and stops paging at the limit instead of paying for every page', async () => {
    const all = await h.call('list_dimension_values', { dimension: 'SERVICE', period: 'last_month' });
    expect(all.text).toMatch(/^\d+ value\(s\):/m);
    const pagesForAll = h.fake.requestCount();
    expect(pagesForAll).toBeGreaterThan(2);
    h.fake.resetRequests();
    const some = await h.call('list_dimension_values', {
      dimension: 'SERVICE',
      period: 'last_month',
      limit: 5,
    });
    expect(h.fake.requestCount()).toBe(1);
    expect(some.text).toMatch(/\(showing 5 of \d+; narrow with search, or raise limit\)/);
    const search = await h.call('list_dimension_values', {
      dimension: 'SERVICE',
      period: 'last_month',
      search: 'elastic',
    });
    expect(search.text).toContain('Amazon Elastic Compute Cloud - Compute');
    expect(search.text).not.toContain('AWS Lambda');
  });

  it('lists tag values as fenced data and explains untagged', async () => {
    const out = await h.call('list_tag_values', { tag_key: 'team', period: 'last_month' });
    expect(out.text).toMatch(/<untrusted-data[^>]*>\n.*\ndata\nml\npayments\nplatform\n<\/untrusted-data/);
    expect(out.text).toContain('"team=" and grouped as "(no team tag)"');
    const none = await h.call('list_tag_values', { tag_key: 'costcenter', period: 'last_month' });
    expect(none.text).toContain('No values for tag "costcenter"');
  });
});

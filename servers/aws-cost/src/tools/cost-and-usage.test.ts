import { describe, expect, it } from 'vitest';
import { formatMicros, type LedgerRow, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const h = useCostHarness({ pageSize: 20 });

const ledgerTotal = (start: string, end: string, where?: (row: LedgerRow) => boolean) =>
  formatMicros(sumLedger(h.fake.ledger, { start, end, ...(where ? { where } : {}) }));

describe('get_cost_and_usage', () => {
  it('returns a month total to the cent, marked final', async () => {
    const out = await h.call('get_cost_and_usage', { period: 'last_month' });
    expect(out.isError).toBe(false);
    expect(out.text).toContain(`Total: ${ledgerTotal('2025-05-01', '2025-06-01')}\n`);
    expect(out.text).toContain('Cost Explorer: 1 billed request ($0.01), 0 served from cache.');
  });

  it('computes the total from the groups when grouped (the API leaves Total empty)', async () => {
    const out = await h.call('get_cost_and_usage', {
      period: 'last_month',
      group_by: ['SERVICE'],
      limit: 50,
    });
    expect(out.text).toContain(`Total: ${ledgerTotal('2025-05-01', '2025-06-01')}\n`);
    expect(out.text).toMatch(
      new RegExp(`${EC2}\\s+\\${ledgerTotal('2025-05-01', '2025-06-01', (r) => r.item.service === EC2)}`),
    );
  });

  it('follows NextPageToken: a daily month by service takes many pages, each one billed', async () => {
    const out = await h.call('get_cost_and_usage', {
      period: 'last_month',
      granularity: 'DAILY',
      group_by: ['SERVICE'],
      limit: 200,
    });
    const pages = h.fake.requestCount('GetCostAndUsage');
    expect(pages).toBeGreaterThan(10);
    expect(out.text).toContain(
      `Cost Explorer: ${pages} billed requests ($${(pages / 100).toFixed(2)}), 0 served from cache.`,
    );
    expect(out.text).toContain(`Total: ${ledgerTotal('2025-05-01', '2025-06-01')}\n`);
  });

  it('turns the inclusive end_date into the exclusive End the API wants', async () => {
    const out = await h.call('get_cost_and_usage', {
      start_date: '2025-05-10',
      end_date: '2025-05-12',
      granularity: 'DAILY',
    });
    expect(h.fake.requests[0]?.body.TimePeriod).toEqual({ Start: '2025-05-10', End: '2025-05-13' });
    expect(out.text).toContain(`Total: ${ledgerTotal('2025-05-10', '2025-05-13')}\n`);
    expect(out.text.match(/^2025-05-1\d {2}/gm)).toHaveLength(3);
  });

  it('applies typed filters: tag values with untagged, excluded services, accounts and regions', async () => {
    const tagged = await h.call('get_cost_and_usage', {
      period: 'last_month',
      include_tags: ['team=payments', 'team='],
      exclude_services: ['Tax'],
    });
    const expected = ledgerTotal(
      '2025-05-01',
      '2025-06-01',
      (r) => (r.item.tags.team === 'payments' || r.item.tags.team === undefined) && r.item.service !== 'Tax',
    );
    expect(tagged.text).toContain(`Total: ${expected}\n`);
    expect(tagged.text).toContain('Filter: excluding services: Tax; tags: team=payments, team=');
    const account = await h.call('get_cost_and_usage', {
      period: 'last_month',
      include_accounts: ['333333333333'],
      include_regions: ['us-east-1'],
    });
    const where = (r: LedgerRow) => r.item.account === '333333333333' && r.item.region === 'us-east-1';
    expect(account.text).toContain(`Total: ${ledgerTotal('2025-05-01', '2025-06-01', where)}\n`);
  });

  it('groups by two keys, by tag and by cost category, with readable labels', async () => {
    const out = await h.call('get_cost_and_usage', {
      period: 'last_month',
      group_by: ['cost_category:BusinessUnit', 'tag:env'],
      limit: 100,
    });
    expect(out.text).toMatch(/\(not in BusinessUnit\)/);
    expect(out.text).toMatch(
      /<untrusted-data [^>]*source="values of cost_category:BusinessUnit and values of tag:env">/,
    );
    expect(out.text).toMatch(/\(no env tag\)/);
    const fintech = await h.call('get_cost_and_usage', {
      period: 'last_month',
      group_by: ['cost_category:BusinessUnit'],
    });
    const expected = ledgerTotal(
      '2025-05-01',
      '2025-06-01',
      (r) => r.item.costCategories.BusinessUnit === 'Fintech',
    );
    expect(fintech.text).toMatch(new RegExp(`Fintech\\s+\\${expected}`));
  });

  it('serves hourly data for the last 14 days, to the cent', async () => {
    const out = await h.call('get_cost_and_usage', {
      start_date: '2025-06-16',
      end_date: '2025-06-16',
      granularity: 'HOURLY',
    });
    expect(h.fake.requests[0]?.body.TimePeriod).toEqual({
      Start: '2025-06-16T00:00:00Z',
      End: '2025-06-17T00:00:00Z',
    });
    expect(out.text).toContain(`Total: ${ledgerTotal('2025-06-16', '2025-06-17')} (estimated)`);
    expect(out.text.match(/^2025-06-16T\d\d:00:00Z/gm)).toHaveLength(24);
  });

  it.each([
    [
      { start_date: '2025-06-01', end_date: '2025-06-05', granularity: 'HOURLY' },
      /Hourly data covers only the last 14 days/,
    ],
    [{ period: 'last_30_days', granularity: 'HOURLY' }, /Hourly data covers only the last 14 days/],
    [{ start_date: '2025-05-31', end_date: '2025-05-01' }, /after end_date.*Swap them/],
    [{ start_date: '2024-01-01', end_date: '2024-01-31' }, /before the 14-month window.*2024-05-01/],
    [
      { start_date: '2025-05-01', end_date: '2025-05-02', period: 'last_month' },
      /either start_date\/end_date or period/,
    ],
    [{ start_date: '2025-05-01' }, /go together/],
  ])('refuses %j before making any request', async (args, message) => {
    const out = await h.call('get_cost_and_usage', args);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.fake.requestCount()).toBe(0);
  });

  it('rejects malformed arguments through the schema', async () => {
    const out = await h.call('get_cost_and_usage', { group_by: ['SERVICE', 'REGION', 'tag:team'] });
    expect(out.isError).toBe(true);
    expect(h.fake.requestCount()).toBe(0);
  });

  it('marks the current month as estimated', async () => {
    const out = await h.call('get_cost_and_usage', { period: 'this_month' });
    expect(out.text).toContain(`Total: ${ledgerTotal('2025-06-01', '2025-06-19')} (estimated)`);
    expect(out.text).toContain('* estimated: the period is not final yet.');
  });
});

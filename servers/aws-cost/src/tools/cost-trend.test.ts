import { describe, expect, it } from 'vitest';
import { formatMicros, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness({ pageSize: 100 });

const month = (m: string) => {
  const start = `${m}-01`;
  const next = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return { start, end: next };
};
const monthTotal = (m: string) => sumLedger(h.fake.ledger, month(m));

describe('get_cost_trend', () => {
  it('lists monthly totals with month-over-month change, to the cent', async () => {
    const out = await h.call('get_cost_trend', { months: 3, chart: false });
    const [mar, apr, may] = ['2025-03', '2025-04', '2025-05'].map(monthTotal) as [number, number, number];
    expect(out.text).toMatch(rowPattern('2025-03', formatMicros(mar)));
    expect(out.text).toMatch(rowPattern('2025-04', formatMicros(apr), `+${formatMicros(apr - mar)}`));
    expect(out.text).toMatch(rowPattern('2025-05', formatMicros(may), `+${formatMicros(may - apr)}`));
    expect(out.text).toMatch(/2025-06\*\s+\$[\d,.]+\s+\(partial\)/);
    // The 18th: today's costs are still arriving, so the month so far is its 17 complete days.
    expect(out.text).toMatch(/2025-06 is partial \(17 days\)/);
    expect(out.images).toHaveLength(0);
  });

  it('computes totals from the groups when grouped, and names what grew', async () => {
    const out = await h.call('get_cost_trend', { months: 12, group_by: 'SERVICE', top_n: 5 });
    for (const m of ['2024-06', '2025-01', '2025-05']) {
      expect(out.text).toMatch(rowPattern(`${m}${m === '2025-06' ? '*' : ''}`, formatMicros(monthTotal(m))));
    }
    expect(out.text).toMatch(/Top 5 by SERVICE, 2024-06 vs 2025-05:/);
    expect(out.text).toMatch(/Grew most \(2024-06 to 2025-05\): Amazon Elastic Compute Cloud - Compute \+\$/);
    expect(out.text).toMatch(/Amazon Bedrock \+\$[\d,.]+ \(new\)/);
    expect(out.text).toMatch(/Shrank most: .*Amazon MQ -\$[\d,.]+ \(-100\.0%\)/);
    expect(h.fake.requests[0]?.body.TimePeriod).toEqual({ Start: '2024-06-01', End: '2025-06-18' });
  });

  it('fences tag values as data, and leaves AWS-named groups unfenced', async () => {
    const byTag = await h.call('get_cost_trend', { months: 3, group_by: 'tag:team', chart: false });
    expect(byTag.text).toMatch(
      /^Total over the range: .*\n\n<untrusted-data [^>]*source="values of tag:team">\n/m,
    );
    expect(byTag.text).toMatch(/Top \d+ by tag:team[\s\S]*<\/untrusted-data id="[0-9a-f]+">$/);
    const byService = await h.call('get_cost_trend', { months: 3, group_by: 'SERVICE', chart: false });
    expect(byService.text).not.toContain('untrusted-data');
  });

  it('returns the chart as MCP image content: a PNG', async () => {
    const out = await h.call('get_cost_trend', { months: 6, group_by: 'LINKED_ACCOUNT' });
    expect(out.images).toHaveLength(1);
    expect(out.images[0]?.mimeType).toBe('image/png');
    const png = Buffer.from(out.images[0]!.data, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(out.text).toContain('Chart: PNG attached');
  });

  it('can leave the current month out', async () => {
    const out = await h.call('get_cost_trend', { months: 2, include_current_month: false, chart: false });
    expect(h.fake.requests[0]?.body.TimePeriod).toEqual({ Start: '2025-04-01', End: '2025-06-01' });
    expect(out.text).toContain(
      `Total over the range: ${formatMicros(monthTotal('2025-04') + monthTotal('2025-05'))}`,
    );
    expect(out.text).not.toContain('estimated');
  });
});

describe('get_cost_trend on the 1st of the month', () => {
  const first = useCostHarness({ now: new Date('2025-07-01T06:00:00Z') });

  it('ends at last month: this month has no complete day yet', async () => {
    const out = await first.call('get_cost_trend', { months: 2, chart: false });
    expect(out.isError).toBe(false);
    expect(first.fake.requests[0]?.body.TimePeriod).toEqual({ Start: '2025-05-01', End: '2025-07-01' });
    expect(out.text).not.toContain('2025-07');
    expect(out.text).not.toContain('partial');
  });
});

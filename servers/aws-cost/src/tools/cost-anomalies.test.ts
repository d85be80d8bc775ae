import { describe, expect, it } from 'vitest';
import { anomalyImpact } from '../../../../test/fakes/cost-explorer/index.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness({ pageSize: 2 });

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('get_cost_anomalies', () => {
  it('lists anomalies by impact with actual vs expected spend and the root cause, over several pages', async () => {
    const out = await h.call('get_cost_anomalies', { since_days: 90 });
    expect(out.isError).toBe(false);
    expect(h.fake.requestCount('GetAnomalies')).toBe(2);
    const impacts = h.fake.ledger.spikes.map((s) => ({ spike: s, impact: anomalyImpact(h.fake.ledger, s) }));
    impacts.sort((a, b) => b.impact.total - a.impact.total);
    const lines = out.text.split('\n').filter((line) => /^\d{4}-\d{2}-\d{2}\s/.test(line));
    expect(lines).toHaveLength(4);
    impacts.forEach(({ spike, impact }, i) => {
      expect(lines[i]).toContain(spike.item.service);
      expect(lines[i]).toContain(usd(Math.round(impact.total * 100) / 100));
      expect(lines[i]).toContain(`${spike.item.account} (${spike.item.accountName})`);
    });
    expect(out.text).toMatch(/2025-06-16\s+ongoing\s+Amazon Bedrock/);
  });

  it('looks back only since_days', async () => {
    const out = await h.call('get_cost_anomalies', { since_days: 7 });
    expect(out.text).toMatch(/^Cost anomalies since 2025-06-11/);
    expect(out.text).toContain('1 anomalies');
    expect(out.text).toContain('Amazon Bedrock');
  });
});

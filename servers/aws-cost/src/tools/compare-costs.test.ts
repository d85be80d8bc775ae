import { describe, expect, it } from 'vitest';
import { formatMicros, type LedgerRow, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { rowPattern } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

const JAN = { start: '2025-01-01', end: '2025-02-01' };
const APR = { start: '2025-04-01', end: '2025-05-01' };
const service = (name: string) => (r: LedgerRow) => r.item.service === name;
const signed = (micros: number) => (micros < 0 ? `-${formatMicros(-micros)}` : `+${formatMicros(micros)}`);

describe('compare_costs', () => {
  it('gives totals, per-service deltas to the cent, and what is new and gone', async () => {
    const out = await h.call('compare_costs', { period_a: '2025-01', period_b: '2025-04', top_n: 40 });
    expect(out.isError).toBe(false);
    const a = sumLedger(h.fake.ledger, JAN);
    const b = sumLedger(h.fake.ledger, APR);
    expect(out.text).toContain(`Total: A ${formatMicros(a)} -> B ${formatMicros(b)}: ${signed(b - a)}`);
    const ec2 = 'Amazon Elastic Compute Cloud - Compute';
    const ec2A = sumLedger(h.fake.ledger, { ...JAN, where: service(ec2) });
    const ec2B = sumLedger(h.fake.ledger, { ...APR, where: service(ec2) });
    expect(out.text).toMatch(rowPattern(ec2, formatMicros(ec2A), formatMicros(ec2B), signed(ec2B - ec2A)));
    expect(out.text).toMatch(/New in B \(1\): Amazon Bedrock \$[\d,.]+/);
    expect(out.text).toMatch(/Gone in B \(1\): Amazon MQ \$[\d,.]+/);
    expect(out.text).toContain('Cost Explorer: 2 billed requests ($0.02), 0 served from cache.');
  });

  it('lists the largest absolute changes first', async () => {
    const out = await h.call('compare_costs', { period_a: '2025-01', period_b: '2025-04', top_n: 3 });
    const table = out.text.split('Top drivers of the change:\n')[1]!.split('\n').slice(1, 4);
    const changes = table.map((line) =>
      Math.abs(Number(/[+-]\$([\d,.]+)/.exec(line)![1]!.replace(/,/g, ''))),
    );
    expect(changes).toEqual([...changes].sort((x, y) => y - x));
  });

  it('compares a partial month with a full one per day, so growth is not hidden by length', async () => {
    const out = await h.call('compare_costs', { period_a: 'last_month', period_b: 'this_month' });
    expect(out.text).toMatch(/Periods differ in length \(31 vs 18 days\); per day: A \$[\d,.]+, B \$[\d,.]+/);
    expect(out.text).toContain('includes estimated (not final) amounts');
    expect(out.text).toContain('Top drivers of the change, per day (the periods differ in length):');
    const ec2 = 'Amazon Elastic Compute Cloud - Compute';
    const may = sumLedger(h.fake.ledger, { start: '2025-05-01', end: '2025-06-01', where: service(ec2) });
    const june = sumLedger(h.fake.ledger, { start: '2025-06-01', end: '2025-06-19', where: service(ec2) });
    expect(june / 18).toBeGreaterThan(may / 31);
    expect(out.text).toMatch(rowPattern(ec2, formatMicros(may / 31), formatMicros(june / 18), '+$'));
  });

  it('compares calendar months whole, although they differ by a day or three', async () => {
    const out = await h.call('compare_costs', { period_a: '2025-02', period_b: '2025-03' });
    expect(out.text).toContain('Periods differ in length (28 vs 31 days)');
    expect(out.text).toContain('Top drivers of the change:\nGROUP  ');
  });

  it('compares by tag, with the untagged share as its own line', async () => {
    const out = await h.call('compare_costs', {
      period_a: '2025-04',
      period_b: '2025-05',
      group_by: 'tag:team',
    });
    const untaggedA = sumLedger(h.fake.ledger, { ...APR, where: (r) => r.item.tags.team === undefined });
    expect(out.text).toMatch(rowPattern('(no team tag)', formatMicros(untaggedA)));
    // Tag values are free text: the table and the new/gone lists that name them are fenced as data.
    expect(out.text).toMatch(
      /\n\n<untrusted-data id="[0-9a-f]+" source="values of tag:team">\n[^\n]+\nTop drivers/,
    );
    expect(out.text.trimEnd()).toMatch(/<\/untrusted-data id="[0-9a-f]+">$/);
  });
});

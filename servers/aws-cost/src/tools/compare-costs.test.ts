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
    // June 1-17: today (the 18th) is partial and left out.
    expect(out.text).toMatch(/Periods differ in length \(31 vs 17 days\); per day: A \$[\d,.]+, B \$[\d,.]+/);
    expect(out.text).toContain('includes estimated (not final) amounts');
    expect(out.text).toContain('Top drivers of the change, per day (the periods differ in length):');
    const ec2 = 'Amazon Elastic Compute Cloud - Compute';
    const may = sumLedger(h.fake.ledger, { start: '2025-05-01', end: '2025-06-01', where: service(ec2) });
    const june = sumLedger(h.fake.ledger, { start: '2025-06-01', end: '2025-06-18', where: service(ec2) });
    expect(june / 17).toBeGreaterThan(may / 31);
    expect(out.text).toMatch(rowPattern(ec2, formatMicros(may / 31), formatMicros(june / 17), '+$'));
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

describe('compare_costs on the 3rd of the month, with support and tax posted on the 1st', () => {
  const early = useCostHarness({ now: new Date('2025-06-03T10:30:00Z') });
  const MAY = { start: '2025-05-01', end: '2025-06-01' };
  // Complete days only: the 3rd, today, has ten and a half hours of costs and is left out.
  const JUNE = { start: '2025-06-01', end: '2025-06-03' };
  const monthly = (r: LedgerRow) => r.item.service === 'AWS Support (Business)' || r.item.service === 'Tax';
  const perDayTable = (text: string) => text.split('(the periods differ in length):\n')[1]!.split('\n\n')[0]!;

  it('leaves them out of the per-day rates and compares them per month instead', async () => {
    const out = await early.call('compare_costs', {
      period_a: 'last_month',
      period_b: 'this_month',
      top_n: 50,
    });
    expect(out.isError).toBe(false);
    const ledger = early.fake.ledger;
    // The per-day rates hold every other service, and only those.
    const perDayA = (sumLedger(ledger, MAY) - sumLedger(ledger, { ...MAY, where: monthly })) / 31;
    const perDayB = (sumLedger(ledger, JUNE) - sumLedger(ledger, { ...JUNE, where: monthly })) / 2;
    expect(out.text).toContain(
      `per day: A ${formatMicros(perDayA)}, B ${formatMicros(perDayB)} (${(((perDayB - perDayA) / perDayA) * 100).toFixed(1)}%), once-a-month charges left out (listed below).`,
    );
    expect(perDayTable(out.text)).not.toMatch(/AWS Support|Tax/);
    // Month against month so far: the charge posted on the 1st of each.
    for (const name of ['AWS Support (Business)', 'Tax']) {
      const a = sumLedger(ledger, { ...MAY, where: service(name) });
      const b = sumLedger(ledger, { ...JUNE, where: service(name) });
      expect(out.text).toMatch(rowPattern(name, formatMicros(a), formatMicros(b), signed(b - a)));
    }
    expect(out.text).toMatch(/Once-a-month charges \(2\), left out of the per-day rates above/);
    expect(out.text).not.toMatch(/\+\d{3,}\.\d%/);
    // The monthly totals, the month so far, and one probe of May 1st.
    expect(out.text).toContain('Cost Explorer: 3 billed requests ($0.03), 0 served from cache.');
    const probe = early.fake.requests.find((r) => r.body.Granularity === 'DAILY');
    expect(probe?.body.TimePeriod).toEqual({ Start: '2025-05-01', End: '2025-05-02' });
  });

  it('finds them by their shape where the group name says nothing (by usage type)', async () => {
    const out = await early.call('compare_costs', {
      period_a: 'last_month',
      period_b: 'this_month',
      group_by: 'USAGE_TYPE',
      top_n: 100,
    });
    const usageTypes = early.fake.ledger.items.filter(monthlyItem).map((item) => item.usageType);
    expect(usageTypes).toHaveLength(2);
    for (const usageType of usageTypes) {
      const a = sumLedger(early.fake.ledger, { ...MAY, where: (r) => r.item.usageType === usageType });
      const b = sumLedger(early.fake.ledger, { ...JUNE, where: (r) => r.item.usageType === usageType });
      expect(out.text).toMatch(
        rowPattern(
          usageType,
          formatMicros(a),
          formatMicros(b),
          signed(b - a),
          `+${(((b - a) / a) * 100).toFixed(1)}%`,
          '100% of its month on 2025-05-01',
        ),
      );
      expect(perDayTable(out.text)).not.toContain(usageType);
    }
  });
});

describe('compare_costs of a period that runs to today', () => {
  const early = useCostHarness({ now: new Date('2025-06-03T10:30:00Z') });
  const MAY = { start: '2025-05-01', end: '2025-06-01' };
  const perDay = (text: string) => /per day: A \$([\d,.]+), B \$([\d,.]+) \(([+-][\d.]+)%\)/.exec(text);

  it('leaves today out of the per-day rate, so a steady spend does not look 20% lower on the 3rd', async () => {
    const out = await early.call('compare_costs', {
      period_a: 'last_month',
      period_b: 'this_month',
      exclude_services: ['AWS Support (Business)', 'Tax'],
    });
    expect(out.isError).toBe(false);
    expect(out.text).toContain('B = 2025-06-01 to 2025-06-02 (this_month, complete days)');
    expect(out.text).toContain(
      'Today (2025-06-03) is left out: its costs are partial (Cost Explorer lags up to 24 hours), so only complete days are compared.',
    );
    const ledger = early.fake.ledger;
    const steady = (r: LedgerRow) => !monthlyItem(r.item);
    const rateA = sumLedger(ledger, { ...MAY, where: steady }) / 31;
    const rateB = sumLedger(ledger, { start: '2025-06-01', end: '2025-06-03', where: steady }) / 2;
    const withToday = sumLedger(ledger, { start: '2025-06-01', end: '2025-06-04', where: steady }) / 3;
    const [, a, b] = perDay(out.text) ?? [];
    expect([a, b]).toEqual([formatMicros(rateA).slice(1), formatMicros(rateB).slice(1)]);
    // What counting today as a whole day would have said: a drop that is only the data lag.
    expect((withToday - rateA) / rateA).toBeLessThan(-0.15);
    expect(Math.abs((rateB - rateA) / rateA)).toBeLessThan(0.1);
    const asked = early.fake.requests.map((r) => r.body.TimePeriod);
    expect(asked).toContainEqual({ Start: '2025-06-01', End: '2025-06-03' });
  });

  it('compares whole when the complete days match in number', async () => {
    const out = await early.call('compare_costs', {
      period_a: '2025-05-01..2025-05-02',
      period_b: 'this_month',
    });
    expect(out.text).toContain('Today (2025-06-03) is left out');
    expect(out.text).toContain('Top drivers of the change:\nGROUP  ');
    expect(out.text).not.toContain('Periods differ in length');
  });
});

describe('compare_costs on the 1st of the month', () => {
  const first = useCostHarness({ now: new Date('2025-07-01T06:00:00Z') });

  it('says a period of today alone runs low, having no complete day', async () => {
    const out = await first.call('compare_costs', { period_a: 'last_month', period_b: 'this_month' });
    expect(out.isError).toBe(false);
    expect(out.text).toContain(
      'B is today (2025-07-01) alone, whose costs are partial (Cost Explorer lags up to 24 hours): its rate runs low.',
    );
    expect(out.text).toContain('Periods differ in length (30 vs 1 days)');
  });
});

const monthlyItem = (item: LedgerRow['item']) =>
  item.service === 'AWS Support (Business)' || item.service === 'Tax';

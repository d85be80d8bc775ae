import { describe, expect, it } from 'vitest';
import { isoDay } from './dates.ts';
import { createLedger, sumLedger } from './ledger.ts';

const now = new Date('2025-06-18T10:30:00Z');
const rds = 'Amazon Relational Database Service';

describe('ledger spikes planned by the caller', () => {
  it('multiplies the service cost on the planned days and lists the spike', () => {
    const plain = createLedger({ now });
    const spiked = createLedger({
      now,
      spikes: [{ id: 'eval-rds', service: rds, daysAgo: 10, length: 2, factor: 4 }],
    });
    const spike = spiked.spikes.find((s) => s.id === 'eval-rds');
    expect(spike?.item.service).toBe(rds);
    const query = { start: isoDay(spiked.today - 10), end: isoDay(spiked.today - 8) };
    const item = (row: { item: { id: number } }) => row.item.id === spike!.item.id;
    // Hourly amounts are rounded to the micro-dollar, so the ratio is 4 to within rounding.
    const ratio = sumLedger(spiked, { ...query, where: item }) / sumLedger(plain, { ...query, where: item });
    expect(ratio).toBeCloseTo(4, 6);
    // Other days and services are untouched.
    const before = { start: isoDay(spiked.today - 30), end: isoDay(spiked.today - 11) };
    expect(sumLedger(spiked, before)).toBe(sumLedger(plain, before));
  });
});

import { describe, expect, it } from 'vitest';
import { dayNumber, formatMicros, isoDay, sumLedger } from '../../../../test/fakes/cost-explorer/index.ts';
import { useCostHarness } from '../../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

/** Daily totals from the ledger for [start, end). */
function ledgerDays(start: string, end: string): { day: string; micros: number; weekend: boolean }[] {
  const days = [];
  for (let d = dayNumber(start); d < dayNumber(end); d++) {
    const day = isoDay(d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    days.push({
      day,
      micros: sumLedger(h.fake.ledger, { start: day, end: isoDay(d + 1) }),
      weekend: weekday === 0 || weekday === 6,
    });
  }
  return days;
}

const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('get_daily_cost_stats', () => {
  it('averages per day, per weekday and per weekend day, and finds the extremes', async () => {
    const out = await h.call('get_daily_cost_stats', { period: 'last_month' });
    const days = ledgerDays('2025-05-01', '2025-06-01');
    const total = days.reduce((s, d) => s + d.micros, 0);
    expect(out.text).toContain(
      `Days: 31, total ${formatMicros(total)}, average ${formatMicros(total / 31)}/day`,
    );
    const weekdays = days.filter((d) => !d.weekend).map((d) => d.micros);
    const weekends = days.filter((d) => d.weekend).map((d) => d.micros);
    expect(out.text).toContain(`Weekdays (${weekdays.length}): ${formatMicros(avg(weekdays))}/day`);
    expect(out.text).toContain(`weekends (${weekends.length}): ${formatMicros(avg(weekends))}/day`);
    const sorted = [...days].sort((a, b) => b.micros - a.micros);
    const dayRow = (d: { day: string; micros: number }) =>
      new RegExp(`^${d.day}\\s+\\w{3}\\s+\\${formatMicros(d.micros)}`, 'm');
    expect(out.text.split('Most expensive days:')[1]).toMatch(dayRow(sorted[0]!));
    const cheapest = sorted[sorted.length - 1]!;
    expect(out.text.split('Least expensive days:')[1]).toMatch(dayRow(cheapest));
  });

  it('leaves the incomplete current day out', async () => {
    const out = await h.call('get_daily_cost_stats', { period: 'this_month' });
    expect(out.text).toContain('Today (2025-06-18) is left out: its data is incomplete.');
    expect(out.text).toMatch(/^Days: 17,/m);
  });

  it('says when a period has no weekend to compare with, and lists a short period once', async () => {
    const out = await h.call('get_daily_cost_stats', { period: '2025-06-09..2025-06-13' });
    const week = sumLedger(h.fake.ledger, { start: '2025-06-09', end: '2025-06-14' });
    expect(out.text).toContain(
      `Weekdays (5): ${formatMicros(week / 5)}/day; no weekend days in this period to compare with.`,
    );
    expect(out.text).toContain('Days, most expensive first:');
    expect(out.text).not.toContain('Least expensive days:');
    expect(out.text.match(/^2025-06-\d\d\s+(Mon|Tue|Wed|Thu|Fri)\s/gm)).toHaveLength(5);
  });
});

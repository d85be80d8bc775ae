import { ToolError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import {
  completeDays,
  dateInfo,
  forGranularity,
  namedPeriod,
  resolveDates,
  resolvePeriodSpec,
  toInterval,
  windowStart,
} from './periods.js';

const NOW = new Date('2025-06-18T10:30:00Z');

describe('named periods', () => {
  it.each([
    ['this_month', '2025-06-01', '2025-06-19', 18],
    ['last_month', '2025-05-01', '2025-06-01', 31],
    ['last_7_days', '2025-06-11', '2025-06-18', 7],
    ['last_30_days', '2025-05-19', '2025-06-18', 30],
    ['last_3_months', '2025-03-01', '2025-06-01', 92],
    ['year_to_date', '2025-01-01', '2025-06-19', 169],
  ] as const)('%s is %s up to (exclusive) %s', (name, start, end, days) => {
    const period = namedPeriod(name, NOW);
    expect(period).toMatchObject({ start, end, days });
  });

  it('knows which periods are still open', () => {
    expect(namedPeriod('this_month', NOW).includesToday).toBe(true);
    expect(namedPeriod('last_month', NOW).includesToday).toBe(false);
  });

  it('cuts a period running to today to its complete days, and leaves the rest alone', () => {
    expect(completeDays(namedPeriod('this_month', NOW), NOW)).toMatchObject({
      start: '2025-06-01',
      end: '2025-06-18',
      days: 17,
      includesToday: false,
      label: '2025-06-01 to 2025-06-17 (this_month, complete days)',
    });
    const may = namedPeriod('last_month', NOW);
    expect(completeDays(may, NOW)).toBe(may);
    const todayAlone = resolvePeriodSpec('2025-06-18..2025-06-18', NOW);
    expect(completeDays(todayAlone, NOW)).toBe(todayAlone);
  });

  it('handles the turn of the year', () => {
    const jan = new Date('2026-01-01T05:00:00Z');
    expect(namedPeriod('last_month', jan)).toMatchObject({ start: '2025-12-01', end: '2026-01-01' });
    expect(namedPeriod('year_to_date', jan)).toMatchObject({ start: '2026-01-01', end: '2026-01-02' });
  });
});

describe('caller dates', () => {
  it('turns an inclusive end date into the exclusive End the API wants', () => {
    const period = resolveDates('2025-05-01', '2025-05-31', NOW, 'DAILY');
    expect(toInterval(period, 'DAILY')).toEqual({ Start: '2025-05-01', End: '2025-06-01' });
    expect(period.days).toBe(31);
  });

  it('uses timestamps for hourly requests', () => {
    const period = resolveDates('2025-06-10', '2025-06-10', NOW, 'HOURLY');
    expect(toInterval(period, 'HOURLY')).toEqual({
      Start: '2025-06-10T00:00:00Z',
      End: '2025-06-11T00:00:00Z',
    });
  });

  it('clips an end date in the future to today', () => {
    const period = resolveDates('2025-06-01', '2025-12-31', NOW, 'DAILY');
    expect(period.end).toBe('2025-06-19');
    expect(period.label).toContain('to date');
  });

  it.each([
    ['2025-05-31', '2025-05-01', 'DAILY', /after end_date/],
    ['2025-02-30', '2025-03-01', 'DAILY', /not a valid date/],
    ['2025-07-01', '2025-07-02', 'DAILY', /in the future.*get_cost_forecast/],
    ['2024-04-30', '2024-05-31', 'MONTHLY', /14-month window.*earliest 2024-05-01/],
    ['2025-06-03', '2025-06-05', 'HOURLY', /last 14 days \(from 2025-06-04\)/],
  ] as const)('refuses %s..%s (%s) with a reason and a remedy', (start, end, granularity, message) => {
    let thrown: unknown;
    try {
      resolveDates(start, end, NOW, granularity);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ToolError);
    expect((thrown as ToolError).toText()).toMatch(message);
  });

  it('accepts the first day of the window and the first hourly day', () => {
    expect(resolveDates(windowStart(NOW), '2024-05-31', NOW, 'MONTHLY').start).toBe('2024-05-01');
    expect(resolveDates('2025-06-04', '2025-06-04', NOW, 'HOURLY').days).toBe(1);
  });

  it('re-checks named periods against the hourly window', () => {
    expect(() => forGranularity(namedPeriod('last_30_days', NOW), 'HOURLY', NOW, 'last_30_days')).toThrow(
      /last 14 days/,
    );
    expect(forGranularity(namedPeriod('last_7_days', NOW), 'HOURLY', NOW, 'last_7_days').start).toBe(
      '2025-06-11',
    );
  });
});

describe('period specs', () => {
  it.each([
    ['2025-09', /^Period "2025-09" starts 2025-09-01, which is in the future/],
    [
      '2024-01',
      /^Period "2024-01" starts 2024-01-01, which is before the 14-month window.*Use a period that starts on or after 2024-05-01/,
    ],
    ['2025-03-31..2025-03-01', /^Period "2025-03-31..2025-03-01" ends before it starts\. Swap them/],
    [
      '2025-02-30..2025-03-05',
      /^Period "2025-02-30..2025-03-05" holds "2025-02-30", which is not a valid date/,
    ],
    ['2025-13', /^Period "2025-13" is not a valid month\. Use YYYY-MM with a month from 01 to 12/],
    ['2025-00', /^Period "2025-00" is not a valid month\./],
  ])('names the period argument %s in its error, not arguments the caller never passed', (spec, message) => {
    expect(() => resolvePeriodSpec(spec, NOW)).toThrow(ToolError);
    try {
      resolvePeriodSpec(spec, NOW);
    } catch (error) {
      expect((error as ToolError).toText()).toMatch(message);
    }
  });

  it('names the period when hourly data does not reach back far enough', () => {
    expect(() => forGranularity(namedPeriod('this_month', NOW), 'HOURLY', NOW, 'this_month')).toThrow(
      'Hourly data covers only the last 14 days (from 2025-06-04); period "this_month" starts 2025-06-01, which is older.',
    );
  });

  it('reads months and inclusive ranges', () => {
    expect(resolvePeriodSpec('2025-02', NOW)).toMatchObject({
      start: '2025-02-01',
      end: '2025-03-01',
      days: 28,
    });
    expect(resolvePeriodSpec('2025-06', NOW)).toMatchObject({ start: '2025-06-01', end: '2025-06-19' });
    expect(resolvePeriodSpec('2025-05-10..2025-05-12', NOW)).toMatchObject({
      start: '2025-05-10',
      end: '2025-05-13',
    });
  });
});

describe('dateInfo', () => {
  it('gives month bounds and the data window in UTC', () => {
    expect(dateInfo(NOW)).toMatchObject({
      today: '2025-06-18',
      currentMonth: { start: '2025-06-01', end: '2025-06-30', daysElapsed: 18, daysInMonth: 30 },
      previousMonth: { start: '2025-05-01', end: '2025-05-31' },
      earliestAvailable: '2024-05-01',
      hourlyEarliest: '2025-06-04',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { nextRun, parseCron } from './cron.js';

function next(expression: string, after: string, timeZone?: string): string | undefined {
  const schedule = parseCron(expression);
  if (!schedule) throw new Error(`did not parse: ${expression}`);
  return nextRun(schedule, new Date(after), timeZone)?.toISOString();
}

describe('nextRun', () => {
  it('steps, ranges and lists', () => {
    expect(next('*/15 * * * *', '2026-03-01T10:07:30Z')).toBe('2026-03-01T10:15:00.000Z');
    expect(next('*/15 * * * *', '2026-03-01T10:45:00Z')).toBe('2026-03-01T11:00:00.000Z');
    expect(next('5,35 9-17 * * *', '2026-03-01T17:40:00Z')).toBe('2026-03-02T09:05:00.000Z');
    expect(next('0 0-23/6 * * *', '2026-03-01T07:00:00Z')).toBe('2026-03-01T12:00:00.000Z');
    // `10/20` means 10-59/20 in robfig/cron.
    expect(next('10/20 * * * *', '2026-03-01T10:31:00Z')).toBe('2026-03-01T10:50:00.000Z');
  });

  it('macros and names', () => {
    expect(next('@hourly', '2026-03-01T10:00:00Z')).toBe('2026-03-01T11:00:00.000Z');
    expect(next('@daily', '2026-03-01T10:00:00Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(next('@monthly', '2026-12-15T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('@weekly', '2026-03-01T10:00:00Z')).toBe('2026-03-08T00:00:00.000Z'); // a Sunday
    expect(next('0 12 * JAN-MAR MON', '2026-03-31T13:00:00Z')).toBe('2027-01-04T12:00:00.000Z');
    expect(next('@every 1h30m', '2026-03-01T10:00:00Z')).toBe('2026-03-01T11:30:00.000Z');
  });

  it('day of month OR day of week when both are restricted, AND when one is a star', () => {
    // 2026-03-01 is a Sunday: the 15th or any Friday, whichever comes first.
    expect(next('0 0 15 * 5', '2026-03-01T00:00:00Z')).toBe('2026-03-06T00:00:00.000Z');
    expect(next('0 0 * * 5', '2026-03-01T00:00:00Z')).toBe('2026-03-06T00:00:00.000Z');
    expect(next('0 0 15 * *', '2026-03-01T00:00:00Z')).toBe('2026-03-15T00:00:00.000Z');
  });

  it('honours a time zone, and never runs a schedule that cannot occur', () => {
    // 02:00 in Berlin (UTC+1 in winter) is 01:00 UTC.
    expect(next('0 2 * * *', '2026-01-10T03:00:00Z', 'Europe/Berlin')).toBe('2026-01-11T01:00:00.000Z');
    expect(next('0 0 30 2 *', '2026-01-01T00:00:00Z')).toBeUndefined();
    expect(nextRun({ kind: 'every', ms: 1000 }, new Date(0), 'Not/AZone')).toEqual(new Date(1000));
    const schedule = parseCron('0 2 * * *');
    expect(schedule && nextRun(schedule, new Date(0), 'Not/AZone')).toBeUndefined();
  });
});

describe('parseCron', () => {
  it('refuses what the controller refuses', () => {
    for (const bad of [
      '',
      '* * * *',
      '60 * * * *',
      '* * 0 * *',
      '*/0 * * * *',
      '5-1 * * * *',
      '@every',
      'x * * * *',
      'constructor',
      '__proto__',
    ]) {
      expect(parseCron(bad), bad).toBeUndefined();
    }
  });
});

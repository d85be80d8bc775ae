import { ToolError } from '@sre-agent/shared';
import type { DateInterval, Granularity } from './ce-types.js';

export const PERIOD_NAMES = [
  'this_month',
  'last_month',
  'last_7_days',
  'last_30_days',
  'last_3_months',
  'year_to_date',
] as const;

export type PeriodName = (typeof PERIOD_NAMES)[number];

/** A validated date range: `start` inclusive, `end` exclusive like the API's End. */
export interface Period {
  start: string;
  end: string;
  label: string;
  days: number;
  includesToday: boolean;
  /** The named period or month it was asked as (`this_month`, `2025-03`), for its label. */
  name?: string;
}

const DAY_MS = 86_400_000;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** First day of the month `offset` months away from the month of `day`. */
export function monthStart(day: string, offset = 0): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
}

export function daysBetween(start: string, endExclusive: string): number {
  return Math.round((Date.parse(endExclusive) - Date.parse(start)) / DAY_MS);
}

/** Cost Explorer keeps the current month and the 13 before it. */
export function windowStart(now: Date): string {
  return monthStart(isoDay(now), -13);
}

function make(start: string, end: string, now: Date, name?: string, cut = false): Period {
  const today = isoDay(now);
  const includesToday = start <= today && end > today;
  const state = includesToday ? 'to date' : cut ? 'complete days' : undefined;
  const tags = [name, state].filter((tag) => tag !== undefined).join(', ');
  const label = `${start} to ${addDays(end, -1)}${tags ? ` (${tags})` : ''}`;
  return { start, end, label, days: daysBetween(start, end), includesToday, ...(name ? { name } : {}) };
}

/**
 * The period without today, for a per-day rate: today's costs are partial (Cost Explorer data lags
 * up to 24 hours), so counting today as a whole day drags the rate down, by a fifth on the 3rd of a
 * month. A period that is today alone is returned as it is: it has no complete day.
 */
export function completeDays(period: Period, now: Date): Period {
  const today = isoDay(now);
  if (!period.includesToday || period.start >= today) return period;
  return make(period.start, today, now, period.name, true);
}

/** The named periods; "last N days" are complete days, ending yesterday. */
export function namedPeriod(name: PeriodName, now: Date): Period {
  const today = isoDay(now);
  const tomorrow = addDays(today, 1);
  switch (name) {
    case 'this_month':
      return make(monthStart(today), tomorrow, now, name);
    case 'last_month':
      return make(monthStart(today, -1), monthStart(today), now, name);
    case 'last_7_days':
      return make(addDays(today, -7), today, now, name);
    case 'last_30_days':
      return make(addDays(today, -30), today, now, name);
    case 'last_3_months':
      return make(monthStart(today, -3), monthStart(today), now, name);
    case 'year_to_date':
      return make(`${today.slice(0, 4)}-01-01`, tomorrow, now, name);
  }
}

export const PERIOD_SPEC_PATTERN = new RegExp(
  `^(${PERIOD_NAMES.join('|')}|\\d{4}-\\d{2}|\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2})$`,
);

/** A period argument: a name, a calendar month `YYYY-MM`, or `YYYY-MM-DD..YYYY-MM-DD` (inclusive). */
export function resolvePeriodSpec(spec: string, now: Date): Period {
  if ((PERIOD_NAMES as readonly string[]).includes(spec)) return namedPeriod(spec as PeriodName, now);
  if (/^\d{4}-\d{2}$/.test(spec)) {
    const month = Number(spec.slice(5));
    // Checked before monthStart, which cannot compute from a month 00 or 13 (it would throw a RangeError).
    if (month < 1 || month > 12) {
      throw new ToolError(
        `Period "${spec}" is not a valid month.`,
        'Use YYYY-MM with a month from 01 to 12, e.g. 2025-03.',
      );
    }
    const start = `${spec}-01`;
    return resolveDates(start, addDays(monthStart(start, 1), -1), now, 'MONTHLY', { name: spec, spec });
  }
  const [start = '', end = ''] = spec.split('..');
  return resolveDates(start, end, now, 'DAILY', { spec });
}

/** How errors name the dates: the arguments the caller passed, or the period argument they came from. */
interface DateNames {
  invalid: (value: string, field: 'start_date' | 'end_date') => string;
  reversed: (start: string, end: string) => string;
  /** The subject of a sentence about the start: `start_date 2025-09-01`, `period "2025-09" starts 2025-09-01, which`. */
  start: (day: string) => string;
  /** The same, to open a sentence. */
  Start: (day: string) => string;
  /** What to change, e.g. `a start_date`. */
  remedy: string;
}

const ARGUMENT_NAMES: DateNames = {
  invalid: (value, field) => `${field} "${value}" is not a valid date.`,
  reversed: (start, end) => `start_date ${start} is after end_date ${end}.`,
  start: (day) => `start_date ${day}`,
  Start: (day) => `start_date ${day}`,
  remedy: 'a start_date',
};

const periodNames = (spec: string): DateNames => ({
  invalid: (value) => `Period "${spec}" holds "${value}", which is not a valid date.`,
  reversed: () => `Period "${spec}" ends before it starts.`,
  start: (day) => `period "${spec}" starts ${day}, which`,
  Start: (day) => `Period "${spec}" starts ${day}, which`,
  remedy: 'a period that starts',
});

/** YYYY-MM-DD naming a real day: Date.parse alone rolls 2025-02-30 over into March. */
export function isCalendarDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && isoDay(new Date(value)) === value
  );
}

function checkDate(value: string, field: 'start_date' | 'end_date', names: DateNames): void {
  if (!isCalendarDate(value)) {
    throw new ToolError(names.invalid(value, field), 'Use YYYY-MM-DD, e.g. 2025-03-31.');
  }
}

function checkBounds(
  start: string,
  endInclusive: string,
  now: Date,
  granularity: Granularity,
  names: DateNames,
): void {
  const today = isoDay(now);
  if (start > endInclusive) {
    throw new ToolError(names.reversed(start, endInclusive), 'Swap them; both dates are inclusive.');
  }
  if (start > today) {
    throw new ToolError(
      `${names.Start(start)} is in the future (today is ${today}); Cost Explorer has actual costs only up to today.`,
      'Use get_cost_forecast for future spend.',
    );
  }
  const earliest = windowStart(now);
  if (start < earliest) {
    throw new ToolError(
      `${names.Start(start)} is before the 14-month window Cost Explorer keeps (earliest ${earliest}).`,
      `Use ${names.remedy} on or after ${earliest}.`,
    );
  }
  const hourlyEarliest = addDays(today, -14);
  if (granularity === 'HOURLY' && start < hourlyEarliest) {
    throw new ToolError(
      `Hourly data covers only the last 14 days (from ${hourlyEarliest}); ${names.start(start)} is older.`,
      `Use granularity DAILY, or ${names.remedy} on or after ${hourlyEarliest}.`,
    );
  }
}

/**
 * Validates caller dates (end inclusive) before any request is made, so a bad date never costs
 * a billed call: start before end, inside the 14-month window, hourly only for the last 14 days.
 * `spec` is the period argument the dates came from, so errors name what the caller wrote.
 */
export function resolveDates(
  start: string,
  endInclusive: string,
  now: Date,
  granularity: Granularity,
  source: { name?: string; spec?: string } = {},
): Period {
  const names = source.spec === undefined ? ARGUMENT_NAMES : periodNames(source.spec);
  checkDate(start, 'start_date', names);
  checkDate(endInclusive, 'end_date', names);
  checkBounds(start, endInclusive, now, granularity, names);
  const today = isoDay(now);
  // Costs stop at today: clip so the answer and the cache lifetime describe what exists.
  const end = endInclusive > today ? addDays(today, 1) : addDays(endInclusive, 1);
  return make(start, end, now, source.name);
}

/** The API wants timestamps for hourly requests and dates otherwise. */
export function toInterval(period: Period, granularity: Granularity): DateInterval {
  if (granularity !== 'HOURLY') return { Start: period.start, End: period.end };
  return { Start: `${period.start}T00:00:00Z`, End: `${period.end}T00:00:00Z` };
}

export interface DateInfo {
  today: string;
  now: string;
  currentMonth: { start: string; end: string; daysElapsed: number; daysInMonth: number };
  previousMonth: { start: string; end: string };
  earliestAvailable: string;
  hourlyEarliest: string;
}

export function dateInfo(now: Date): DateInfo {
  const today = isoDay(now);
  const start = monthStart(today);
  const next = monthStart(today, 1);
  return {
    today,
    now: now.toISOString(),
    currentMonth: {
      start,
      end: addDays(next, -1),
      daysElapsed: daysBetween(start, today) + 1,
      daysInMonth: daysBetween(start, next),
    },
    previousMonth: { start: monthStart(today, -1), end: addDays(start, -1) },
    earliestAvailable: windowStart(now),
    hourlyEarliest: addDays(today, -14),
  };
}

/** Re-validates a resolved period for a granularity (hourly data only reaches back 14 days). */
export function forGranularity(period: Period, granularity: Granularity, now: Date, spec: string): Period {
  if (granularity !== 'HOURLY') return period;
  const checked = resolveDates(period.start, addDays(period.end, -1), now, granularity, { spec });
  return { ...checked, label: period.label };
}

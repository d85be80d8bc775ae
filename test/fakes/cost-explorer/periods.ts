import { dayOf, isoDay, isoHour, isValidDate, monthStart, parseHour } from './dates.ts';
import { validationError } from './errors.ts';

export type Granularity = 'DAILY' | 'MONTHLY' | 'HOURLY';

/** A result period in absolute hours since the epoch; `start`/`end` are the strings echoed back. */
export interface Period {
  startHour: number;
  endHour: number;
  start: string;
  end: string;
}

export interface TimeRange {
  startHour: number;
  endHour: number;
}

interface WireTimePeriod {
  Start?: string;
  End?: string;
}

export function assertGranularity(value: unknown, allowed: readonly Granularity[]): Granularity {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as Granularity;
  throw validationError(`Granularity must be one of ${allowed.join(', ')}`);
}

/**
 * Validates a TimePeriod the way Cost Explorer does: End is exclusive, Start must precede End,
 * daily and monthly data reach back 14 months, hourly data only 14 days and needs full timestamps.
 */
export function parseTimePeriod(
  period: WireTimePeriod | undefined,
  granularity: Granularity,
  now: Date,
): TimeRange {
  if (!period?.Start || !period.End) throw validationError('TimePeriod with Start and End is required');
  const today = dayOf(now);
  if (granularity === 'HOURLY') {
    const start = parseHour(period.Start);
    const end = parseHour(period.End);
    if (!start || !end) {
      throw validationError(
        'Hourly granularity requires TimePeriod dates in the format yyyy-MM-ddThh:mm:ssZ',
      );
    }
    const range = { startHour: start[0] * 24 + start[1], endHour: end[0] * 24 + end[1] };
    checkOrder(range);
    if (start[0] < today - 14) {
      throw validationError('Hourly granularity is only available for the last 14 days');
    }
    return range;
  }
  if (!isValidDate(period.Start) || !isValidDate(period.End)) {
    throw validationError('TimePeriod Start and End must be dates in the format yyyy-MM-dd');
  }
  const range = { startHour: dayOf(new Date(period.Start)) * 24, endHour: dayOf(new Date(period.End)) * 24 };
  checkOrder(range);
  if (range.startHour < monthStart(today, -13) * 24) {
    throw validationError(
      `Start date ${period.Start} is outside the 14-month window of available data (earliest ${isoDay(monthStart(today, -13))})`,
    );
  }
  return range;
}

function checkOrder(range: TimeRange): void {
  if (range.startHour >= range.endHour)
    throw validationError('Start date (and hour) should be before end date (and hour)');
}

/** Splits a range into result periods, stopping at the current hour (nothing is billed in the future). */
export function buildPeriods(range: TimeRange, granularity: Granularity, now: Date): Period[] {
  const limit = Math.min(
    range.endHour,
    granularity === 'HOURLY' ? Math.floor(now.getTime() / 3_600_000) : (dayOf(now) + 1) * 24,
  );
  const periods: Period[] = [];
  let cursor = range.startHour;
  while (cursor < limit) {
    const next = nextBoundary(cursor, granularity, range.endHour);
    periods.push({
      startHour: cursor,
      endHour: next,
      start: label(cursor, granularity),
      end: label(next, granularity),
    });
    cursor = next;
  }
  return periods;
}

function nextBoundary(hour: number, granularity: Granularity, endHour: number): number {
  if (granularity === 'HOURLY') return hour + 1;
  if (granularity === 'DAILY') return hour + 24;
  return Math.min(monthStart(Math.floor(hour / 24), 1) * 24, endHour);
}

function label(hour: number, granularity: Granularity): string {
  const day = Math.floor(hour / 24);
  return granularity === 'HOURLY' ? isoHour(day, hour % 24) : isoDay(day);
}

/** Finds the period holding an absolute hour (periods are sorted and contiguous). */
export function periodIndex(periods: readonly Period[], hour: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid]!;
    if (hour < p.startHour) hi = mid - 1;
    else if (hour >= p.endHour) lo = mid + 1;
    else return mid;
  }
  return -1;
}

import type { Decimal } from 'decimal.js';
import { addDays, daysBetween, monthStart, type Period } from './periods.js';

/**
 * Services AWS bills once a month, whatever their shape in the period asked about: support
 * plans, tax, Savings Plans and Marketplace subscription fees, domain registrations.
 * Charges posted once a month inside another service (Route 53 hosted zones, Reserved Instance
 * fees under EC2) are only found by their shape.
 */
const ONCE_A_MONTH_SERVICES = [
  /^AWS Support\b/,
  /^AWS Premium Support\b/,
  /^Tax$/,
  /^Savings Plans for\b/i,
  /\bMarketplace\b/i,
  /^Amazon Registrar$/,
];

export function isOnceAMonthService(name: string): boolean {
  return ONCE_A_MONTH_SERVICES.some((pattern) => pattern.test(name));
}

/** At least this share of a month's cost on its first day: posted once, not accrued daily. */
export const CONCENTRATION = 0.8;

/** The month probed needs this many days inside the period for its shape to say anything. */
const MIN_DAYS = 7;

/**
 * The first day of a month inside `period` whose month lies at least a week inside it: the day
 * once-a-month charges post on (support, RI fees, hosted zones, tax). Undefined when the period
 * holds none, e.g. this month so far on the 3rd.
 */
export function probeDay(period: Period): string | undefined {
  const first = period.start.endsWith('-01') ? period.start : monthStart(period.start, 1);
  if (first >= period.end) return undefined;
  const daysInside = Math.min(daysBetween(first, monthStart(first, 1)), daysBetween(first, period.end));
  return daysInside >= MIN_DAYS ? first : undefined;
}

/** The exclusive end of the one-day period starting `day`. */
export const dayAfter = (day: string) => addDays(day, 1);

export interface OnceAMonthCharge {
  label: string;
  /** Why it is taken for a once-a-month charge. */
  reason: string;
}

/**
 * Groups whose cost is charged once a month: by service name (when grouped by SERVICE), or
 * because at least 80% of their cost in the probed month fell on its first day.
 */
export function findOnceAMonthCharges(input: {
  labels: Iterable<string>;
  byServiceName: boolean;
  probe?: { day: string; dayAmounts: Map<string, Decimal>; monthAmounts: Map<string, Decimal> } | undefined;
}): OnceAMonthCharge[] {
  const found: OnceAMonthCharge[] = [];
  for (const label of input.labels) {
    if (input.byServiceName && isOnceAMonthService(label)) {
      found.push({ label, reason: 'billed monthly' });
      continue;
    }
    const share = input.probe ? shareOnDay(label, input.probe) : undefined;
    if (share !== undefined && share >= CONCENTRATION) {
      found.push({ label, reason: `${Math.round(share * 100)}% of its month on ${input.probe!.day}` });
    }
  }
  return found;
}

function shareOnDay(
  label: string,
  probe: { dayAmounts: Map<string, Decimal>; monthAmounts: Map<string, Decimal> },
): number | undefined {
  const month = probe.monthAmounts.get(label);
  const day = probe.dayAmounts.get(label);
  if (!month || !day || month.isZero()) return undefined;
  // Credits are charges below zero: their shape counts the same.
  return day.abs().dividedBy(month.abs()).toNumber();
}

/** Month starts inside a period, at least one: a per-month average of a longer period. */
export function monthsIn(period: Period): number {
  let count = 0;
  for (let day = monthStart(period.start); day < period.end; day = monthStart(day, 1)) {
    if (day >= period.start) count += 1;
  }
  return Math.max(1, count);
}

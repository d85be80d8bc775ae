import { dayNumber, dayOf, isWeekend, monthStart } from './dates.ts';
import { createRandom, generateLineItems, type LineItem } from './line-items.ts';

/**
 * One line item on one day. Amounts are integers per hour (cost in micro-dollars, usage in
 * thousandths) so hourly, daily and monthly answers are exact sums: a test can compute the right
 * total to the cent without floating point.
 */
export interface LedgerRow {
  item: LineItem;
  day: number;
  /** 24, or the hours already elapsed when the row is today's. */
  hours: number;
  cost: number;
  amortized: number;
  usage: number;
  spCovered: number;
  reservedHours: number;
}

/** A deliberate cost spike, reported by GetAnomalies with its real impact. */
export interface Spike {
  id: string;
  item: LineItem;
  firstDay: number;
  lastDay: number;
  factor: number;
}

export interface Ledger {
  now: Date;
  /** The Unit of cost amounts. */
  currency: string;
  today: number;
  firstDay: number;
  items: readonly LineItem[];
  spikes: readonly Spike[];
  rows(fromDay: number, toDayExclusive: number): Generator<LedgerRow>;
}

export type MetricName =
  | 'UnblendedCost'
  | 'BlendedCost'
  | 'AmortizedCost'
  | 'NetUnblendedCost'
  | 'NetAmortizedCost'
  | 'UsageQuantity'
  | 'NormalizedUsageAmount';

export const METRIC_NAMES: readonly MetricName[] = [
  'UnblendedCost',
  'BlendedCost',
  'AmortizedCost',
  'NetUnblendedCost',
  'NetAmortizedCost',
  'UsageQuantity',
  'NormalizedUsageAmount',
];

/** Ledger units per whole unit of the metric (micro-dollars, milli-units). */
export function metricScale(metric: MetricName): number {
  return metric === 'UsageQuantity' || metric === 'NormalizedUsageAmount' ? 1_000 : 1_000_000;
}

export function metricUnit(metric: MetricName, currency = 'USD'): string {
  return metricScale(metric) === 1_000 ? 'N/A' : currency;
}

export function perHour(row: LedgerRow, metric: MetricName): number {
  if (metric === 'AmortizedCost' || metric === 'NetAmortizedCost') return row.amortized;
  if (metric === 'UsageQuantity' || metric === 'NormalizedUsageAmount') return row.usage;
  return row.cost;
}

export function rowAmount(row: LedgerRow, metric: MetricName): number {
  return perHour(row, metric) * row.hours;
}

/** A cost change planned into the ledger: `factor` times the usual cost for `length` days. */
export interface SpikePlan {
  id: string;
  service: string;
  daysAgo: number;
  length: number;
  factor: number;
}

const SPIKE_PLAN: SpikePlan[] = [
  {
    id: 'anomaly-ec2-data',
    service: 'Amazon Elastic Compute Cloud - Compute',
    daysAgo: 12,
    length: 3,
    factor: 3,
  },
  { id: 'anomaly-s3', service: 'Amazon Simple Storage Service', daysAgo: 30, length: 1, factor: 5 },
  { id: 'anomaly-lambda', service: 'AWS Lambda', daysAgo: 60, length: 4, factor: 4 },
  { id: 'anomaly-bedrock', service: 'Amazon Bedrock', daysAgo: 2, length: 3, factor: 2 },
];

function planSpikes(items: readonly LineItem[], today: number, extra: readonly SpikePlan[]): Spike[] {
  return [...SPIKE_PLAN, ...extra].flatMap((plan) => {
    const candidates = items.filter((item) => item.service === plan.service);
    const item = candidates.sort((a, b) => b.base - a.base)[0];
    if (!item) return [];
    const firstDay = today - plan.daysAgo;
    return [{ id: plan.id, item, firstDay, lastDay: firstDay + plan.length - 1, factor: plan.factor }];
  });
}

function noise(itemId: number, day: number): number {
  return 0.92 + createRandom(itemId * 100_003 + day)() * 0.16;
}

interface DayContext {
  day: number;
  month: number;
  hours: number;
  firstDay: number;
  spikes: readonly Spike[];
}

function dailyDollars(item: LineItem, ctx: DayContext): number {
  const { spec } = item;
  if (spec.fromMonth !== undefined && ctx.month < spec.fromMonth) return 0;
  if (spec.untilMonth !== undefined && ctx.month > spec.untilMonth) return 0;
  if (spec.monthly && monthStart(ctx.day) !== ctx.day) return 0;
  // A service that appears later grows from the month it appeared, not from the ledger's start.
  const elapsedMonths = (spec.monthly ? ctx.month : (ctx.day - ctx.firstDay) / 30.4) - (spec.fromMonth ?? 0);
  const weekend = !spec.monthly && isWeekend(ctx.day) ? spec.weekend : 1;
  const jitter = spec.monthly ? 1 : noise(item.id, ctx.day);
  const spike = ctx.spikes.find((s) => s.item === item && ctx.day >= s.firstDay && ctx.day <= s.lastDay);
  return item.base * (1 + spec.growth) ** elapsedMonths * weekend * jitter * (spike?.factor ?? 1);
}

function rowFor(item: LineItem, ctx: DayContext): LedgerRow | undefined {
  const dollars = dailyDollars(item, ctx);
  if (dollars === 0 || ctx.hours === 0) return undefined;
  // Credits and refunds are below zero and carry no usage; any charge is at least a micro-dollar.
  const credit = dollars < 0;
  const cost = credit
    ? Math.round((dollars * 1_000_000) / 24)
    : Math.max(1, Math.round((dollars * 1_000_000) / 24));
  const usage = credit ? 0 : Math.round((cost / 1_000_000 / item.unitPrice) * 1_000);
  const spCovered = Math.round(cost * item.savingsPlans);
  return {
    item,
    day: ctx.day,
    hours: ctx.hours,
    cost,
    // A Savings Plan rate is about 28% below on-demand, which is what amortized cost shows.
    amortized: cost - Math.round(spCovered * 0.28),
    usage,
    spCovered,
    reservedHours: item.instanceType === 'NoInstanceType' ? 0 : Math.round(usage * item.reserved),
  };
}

export interface LedgerOptions {
  now: Date;
  seed?: number;
  /** Currency of the bill, reported as the Unit of every cost amount (default USD). */
  currency?: string;
  /** Adds the credit and refund lines of the catalog (amounts below zero). */
  credits?: boolean;
  /** Cost changes on top of the built-in anomalies (incident evals plan their own). */
  spikes?: readonly SpikePlan[];
}

/**
 * Fifteen calendar months of daily costs ending today (today holds the hours elapsed so far),
 * deterministic for a given `now` and seed.
 */
export function createLedger(options: LedgerOptions): Ledger {
  const today = dayOf(options.now);
  const firstDay = monthStart(today, -14);
  const items = generateLineItems(options.seed ?? 20_240_401, { credits: options.credits === true });
  const spikes = planSpikes(items, today, options.spikes ?? []);
  const days: LedgerRow[][] = [];
  for (let day = firstDay; day <= today; day++) {
    const month = monthIndex(firstDay, day);
    const hours = day === today ? options.now.getUTCHours() : 24;
    const ctx: DayContext = { day, month, hours, firstDay, spikes };
    days.push(items.flatMap((item) => rowFor(item, ctx) ?? []));
  }
  return {
    now: options.now,
    currency: options.currency ?? 'USD',
    today,
    firstDay,
    items,
    spikes,
    *rows(fromDay, toDayExclusive) {
      for (let day = Math.max(fromDay, firstDay); day < Math.min(toDayExclusive, today + 1); day++) {
        yield* days[day - firstDay] ?? [];
      }
    },
  };
}

function monthIndex(firstDay: number, day: number): number {
  const a = new Date(firstDay * 86_400_000);
  const b = new Date(day * 86_400_000);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

export interface SumQuery {
  /** Inclusive, `YYYY-MM-DD`. */
  start: string;
  /** Exclusive, `YYYY-MM-DD`, like Cost Explorer's End. */
  end: string;
  metric?: MetricName;
  where?: (row: LedgerRow) => boolean;
}

/** The right answer for a query, in ledger units (micro-dollars for costs): what tests compare to. */
export function sumLedger(ledger: Ledger, query: SumQuery): number {
  const metric = query.metric ?? 'UnblendedCost';
  let total = 0;
  for (const row of ledger.rows(dayNumber(query.start), dayNumber(query.end))) {
    if (!query.where || query.where(row)) total += rowAmount(row, metric);
  }
  return total;
}

/** `$1,234.56` from micro-dollars, rounding half up like decimal.js `toFixed(2)`. */
export function formatMicros(micros: number): string {
  const cents = Math.round(Math.abs(micros) / 10_000);
  const dollars = Math.floor(cents / 100).toLocaleString('en-US');
  const sign = micros < 0 ? '-' : '';
  return `${sign}$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

/** A ledger amount as the API's decimal string (full precision, no float formatting). */
export function formatAmount(units: number, scale: number): string {
  const digits = String(scale).length - 1;
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

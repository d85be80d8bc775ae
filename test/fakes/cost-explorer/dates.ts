// Dates in the fake are UTC day numbers (days since 1970-01-01), which makes ranges plain integer loops.

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoHour(day: number, hour: number): string {
  return new Date(day * DAY_MS + hour * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** The first day of the month `offset` months from the month containing `day`. */
export function monthStart(day: number, offset = 0): number {
  const d = new Date(day * DAY_MS);
  return dayOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
}

export function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isValidDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Hourly requests use `yyyy-MM-ddThh:mm:ssZ`; returns [day, hour] or undefined. */
export function parseHour(value: unknown): [number, number] | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return [Math.floor(ms / DAY_MS), new Date(ms).getUTCHours()];
}

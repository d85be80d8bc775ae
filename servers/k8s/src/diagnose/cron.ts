/**
 * The next run of a CronJob schedule, as the CronJob controller (robfig/cron's standard parser)
 * reads it: five fields with `*`, `?`, ranges, steps (`a-b/n`, `a/n`, star/n), lists and
 * month/day names, the @yearly..@hourly macros and `@every <duration>`. Written here rather than taking `cron-parser`:
 * we need one function, about 100 lines, and the controller's own day-of-month/day-of-week rule.
 */
export type CronSchedule =
  | { kind: 'fields'; fields: Field[]; domStar: boolean; dowStar: boolean }
  | { kind: 'every'; ms: number };

type Field = Set<number>;

const macros: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
// minute, hour, day of month, month, day of week; names map to numbers (jan=1, sun=0).
const bounds: { min: number; max: number; names?: string[]; base?: number }[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: months, base: 1 },
  { min: 0, max: 6, names: weekdays, base: 0 },
];

/** The parsed schedule, or undefined when the controller would not accept it either. */
export function parseCron(expression: string): CronSchedule | undefined {
  const text = expression.trim().toLowerCase();
  if (text.startsWith('@every ')) {
    const ms = parseGoDuration(text.slice(7).trim());
    return ms ? { kind: 'every', ms } : undefined;
  }
  // Own keys only: a schedule of `constructor` must not find Object.prototype's.
  const parts = ((Object.hasOwn(macros, text) ? macros[text] : undefined) ?? text).split(/\s+/);
  if (parts.length !== 5) return undefined;
  const fields: Field[] = [];
  for (const [index, part] of parts.entries()) {
    const field = parseField(part, bounds[index] as (typeof bounds)[number]);
    if (!field) return undefined;
    fields.push(field);
  }
  // robfig/cron: only a bare `*` or `?` counts as unrestricted for the day-of-month/week OR rule.
  const star = (part: string | undefined) => part === '*' || part === '?';
  return { kind: 'fields', fields, domStar: star(parts[2]), dowStar: star(parts[4]) };
}

function parseField(text: string, bound: (typeof bounds)[number]): Field | undefined {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let low = bound.min;
    let high = bound.max;
    if (range !== '*' && range !== '?') {
      const [from, to] = range.split('-');
      low = value(from, bound);
      // `5/15` means 5-max/15, as in robfig/cron.
      high = to === undefined ? (stepText === undefined ? low : bound.max) : value(to, bound);
    }
    if (Number.isNaN(low) || Number.isNaN(high) || low > high) return undefined;
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function value(text: string | undefined, bound: (typeof bounds)[number]): number {
  const named = bound.names?.indexOf(text ?? '') ?? -1;
  const number =
    named >= 0 ? named + (bound.base ?? 0) : /^\d+$/.test(text ?? '') ? Number(text) : Number.NaN;
  return number >= bound.min && number <= bound.max ? number : Number.NaN;
}

function parseGoDuration(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  const ms = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
  return ms > 0 ? ms : undefined;
}

/** The first run strictly after `after`, or undefined if none within five years (`0 0 30 2 *`). */
export function nextRun(schedule: CronSchedule, after: Date, timeZone?: string): Date | undefined {
  if (schedule.kind === 'every') return new Date(after.getTime() + schedule.ms);
  if (!timeZone) return nextWallTime(schedule, after.getTime());
  // Search in the zone's wall-clock time, then convert back; around a DST switch the answer may
  // be an hour off, which does not matter for "overdue by more than a period".
  const offset = zoneOffset(after.getTime(), timeZone);
  if (offset === undefined) return undefined;
  const wall = nextWallTime(schedule, after.getTime() + offset);
  if (!wall) return undefined;
  const back = zoneOffset(wall.getTime() - offset, timeZone) ?? offset;
  return new Date(wall.getTime() - back);
}

function nextWallTime(schedule: CronSchedule & { kind: 'fields' }, after: number): Date | undefined {
  const [minute, hour, dom, month, dow] = schedule.fields as [Field, Field, Field, Field, Field];
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  const limit = t.getUTCFullYear() + 5;
  while (t.getUTCFullYear() <= limit) {
    if (!month.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
    } else if (!dayMatches(schedule, dom.has(t.getUTCDate()), dow.has(t.getUTCDay()))) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
    } else if (!hour.has(t.getUTCHours())) t.setUTCHours(t.getUTCHours() + 1, 0);
    else if (!minute.has(t.getUTCMinutes())) t.setUTCMinutes(t.getUTCMinutes() + 1);
    else return t;
  }
  return undefined;
}

// Both day fields restricted: either may match (classic cron); otherwise both must.
function dayMatches(schedule: { domStar: boolean; dowStar: boolean }, dom: boolean, dow: boolean): boolean {
  return schedule.domStar || schedule.dowStar ? dom && dow : dom || dow;
}

/** Wall-clock minus UTC in the zone at that instant, or undefined for an unknown zone. */
function zoneOffset(at: number, timeZone: string): number | undefined {
  try {
    const parts = formatterFor(timeZone).formatToParts(new Date(at));
    const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return wall - Math.floor(at / 1000) * 1000;
  } catch {
    return undefined;
  }
}

// Building a formatter costs far more than using one; a cluster has few distinct zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

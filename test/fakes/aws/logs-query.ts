// The few Logs Insights commands the fake runs: fields, filter (like /regex/ or "text"), sort on
// @timestamp, limit, and `stats count(*) by bin(<n>m)`. Anything else is refused as AWS refuses a
// query that does not compile (MalformedQueryException), so a tool cannot pass one by accident.
import type { LogEventFixture } from './logs-fixtures.ts';

export type ResultRow = { field: string; value: string }[];

interface Plan {
  fields: string[] | undefined;
  filters: RegExp[];
  descending: boolean;
  limit: number | undefined;
  statsBinMinutes: number | undefined;
}

export class MalformedQuery extends Error {}

/** Insights prints timestamps as `2024-01-01 12:00:00.000` (UTC). */
export const insightsTime = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

function parseFilter(text: string): RegExp {
  const like = /^@message\s+(?:like|=~)\s+(?:\/(.+)\/(i?)|"([^"]*)")$/.exec(text.trim());
  if (!like) throw new MalformedQuery(`unsupported filter: ${text}`);
  if (like[3] !== undefined) return new RegExp(like[3].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(like[1] ?? '', like[2]);
}

function parse(query: string): Plan {
  const plan: Plan = {
    fields: undefined,
    filters: [],
    descending: true,
    limit: undefined,
    statsBinMinutes: undefined,
  };
  if (query.trim() === '') throw new MalformedQuery('empty query');
  for (const part of query.split('|').map((p) => p.trim())) {
    const [command = '', ...rest] = part.split(/\s+/);
    const args = rest.join(' ');
    if (command === 'fields') plan.fields = args.split(',').map((f) => f.trim());
    else if (command === 'filter') plan.filters.push(parseFilter(args));
    else if (command === 'sort') plan.descending = !/\basc$/.test(args);
    else if (command === 'limit' && /^\d+$/.test(args)) plan.limit = Number(args);
    else if (command === 'stats') {
      const stats = /^count\(\*\)\s+by\s+bin\((\d+)m\)$/.exec(args);
      if (!stats) throw new MalformedQuery(`unsupported stats: ${args}`);
      plan.statsBinMinutes = Number(stats[1]);
    } else throw new MalformedQuery(`unexpected command: ${command}`);
  }
  return plan;
}

export interface QueryOutcome {
  rows: ResultRow[];
  recordsScanned: number;
  recordsMatched: number;
  bytesScanned: number;
}

function row(event: LogEventFixture & { group: string }, fields: string[]): ResultRow {
  const all: Record<string, string> = {
    '@timestamp': insightsTime(event.timestamp),
    '@message': event.message,
    '@logStream': event.logStream,
    '@log': `123456789012:${event.group}`,
  };
  return fields.filter((f) => all[f] !== undefined).map((field) => ({ field, value: all[field] ?? '' }));
}

/** Runs `query` over the events (already cut to the time window); throws MalformedQuery. */
export function runQuery(
  query: string,
  events: (LogEventFixture & { group: string })[],
  requestLimit: number | undefined,
): QueryOutcome {
  const plan = parse(query);
  const matched = events.filter((e) => plan.filters.every((f) => f.test(e.message)));
  const bytesScanned = events.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0);
  const stats = { recordsScanned: events.length, recordsMatched: matched.length, bytesScanned };
  if (plan.statsBinMinutes !== undefined) {
    const width = plan.statsBinMinutes * 60_000;
    const bins = new Map<number, number>();
    for (const e of matched) {
      const bin = Math.floor(e.timestamp.getTime() / width) * width;
      bins.set(bin, (bins.get(bin) ?? 0) + 1);
    }
    const label = `bin(${plan.statsBinMinutes}m)`;
    const rows = [...bins]
      .sort(([a], [b]) => a - b)
      .map(([bin, n]) => [
        { field: label, value: insightsTime(new Date(bin)) },
        { field: 'count(*)', value: String(n) },
      ]);
    return { rows, ...stats };
  }
  const sorted = [...matched].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  if (plan.descending) sorted.reverse();
  const limit = Math.min(plan.limit ?? requestLimit ?? 1000, requestLimit ?? 10_000);
  const fields = plan.fields ?? ['@timestamp', '@message', '@logStream', '@log'];
  return { rows: sorted.slice(0, limit).map((e) => row(e, fields)), ...stats };
}

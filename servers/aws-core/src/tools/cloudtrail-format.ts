import { fenceUntrusted, truncateCodePoints } from '@sre-agent/shared';
import { describeWindow } from '../time-window.js';
import type { ChangeQuery } from './cloudtrail.js';

export interface ChangeEvent {
  time: Date;
  name: string;
  source: string;
  user: string;
  readOnly: boolean;
  sourceIp: string | undefined;
  resources: string[];
  requestParameters: unknown;
  errorCode: string | undefined;
}

const PARAMS_CHARS = 240;

/**
 * Events grouped by the resource they touched, groups ordered by their latest event; calls that
 * name no resource (log streams, logins) come last, as they rarely explain an incident.
 */
function groupByResource(events: readonly ChangeEvent[]): Map<string, ChangeEvent[]> {
  const named = new Map<string, ChangeEvent[]>();
  const unnamed = new Map<string, ChangeEvent[]>();
  for (const event of events) {
    const [resource] = event.resources;
    const [groups, key] = resource ? [named, resource] : [unnamed, `(${event.source}, no resource)`];
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return new Map([...named, ...unnamed]);
}

const hhmmss = (d: Date) => d.toISOString().slice(11, 19);

/** One line per event; a run of the same call by the same caller is one line with a count. */
function eventLines(events: readonly ChangeEvent[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < events.length; ) {
    const first = events[i]!;
    let j = i + 1;
    while (j < events.length && events[j]!.name === first.name && events[j]!.user === first.user) j++;
    const count = j - i;
    const when =
      count > 1 ? `${hhmmss(events[j - 1]!.time)}-${hhmmss(first.time)} x${count}` : hhmmss(first.time);
    const from = first.sourceIp ? ` from ${first.sourceIp}` : '';
    const failed = first.errorCode ? ` FAILED ${first.errorCode}` : '';
    const params =
      count === 1 && first.requestParameters
        ? `  ${truncateCodePoints(JSON.stringify(first.requestParameters), PARAMS_CHARS, '…')}`
        : '';
    lines.push(`  ${when}  ${first.source}:${first.name}  by ${first.user}${from}${failed}${params}`);
    i = j;
  }
  return lines;
}

export function formatChanges(
  events: readonly ChangeEvent[],
  query: ChangeQuery,
  region: string,
  complete: boolean,
): string {
  const what = query.onlyWrites ? 'write' : 'management';
  const filters = [query.resource && `resource ${query.resource}`, query.user && `user ${query.user}`]
    .filter(Boolean)
    .join(', ');
  const scope = `in ${region}, ${describeWindow(query.window)}${filters ? `, ${filters}` : ''}`;
  if (events.length === 0) {
    const hint = query.resource
      ? ' CloudTrail records some resources by ARN and others by name or id: try the other form.'
      : ' Other regions: pass region; global services (IAM, CloudFront) log in us-east-1.';
    return `No CloudTrail ${what} events ${scope}.${hint}`;
  }
  const groups = groupByResource(events);
  const users = new Set(events.map((e) => e.user)).size;
  const partial = complete ? '' : ' (stopped after 500 events; narrow the window for older ones)';
  const header = `${events.length} CloudTrail ${what} event(s) ${scope} by ${users} caller(s) on ${groups.size} resource(s), newest first${partial}. Times UTC.`;
  const body = [...groups].flatMap(([resource, list]) => [resource, ...eventLines(list)]);
  // Resource names, user names and request parameters are whatever callers sent AWS.
  return `${header}\n${fenceUntrusted(`CloudTrail events in ${region}`, body.join('\n'))}`;
}

import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, TrailEventShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { resolveTimeWindow, type TimeWindow, timeWindowArgs } from '../time-window.js';
import { type ChangeEvent, formatChanges } from './cloudtrail-format.js';

// LookupEvents is limited to 2 requests a second per account and region: 10 pages of 50 is 500
// events, a few seconds, and more than an hour of changes in most accounts.
const MAX_PAGES = 10;

export interface ChangeQuery {
  window: TimeWindow;
  resource: string | undefined;
  user: string | undefined;
  onlyWrites: boolean;
}

export function cloudTrailTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'lookup_changes',
      description:
        'What changed: CloudTrail management events (writes by default), newest first, grouped by resource.',
      input: {
        ...timeWindowArgs,
        resource: z
          .string()
          .min(1)
          .max(2048)
          .optional()
          .describe('Resource name or ARN, as CloudTrail records it'),
        user: z.string().min(1).max(256).optional().describe('Only events by this user name or role session'),
        only_writes: z.boolean().default(true).describe('Only calls that change something'),
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('Look up changes (CloudTrail)'),
      async handler(args, context) {
        const query: ChangeQuery = {
          window: resolveTimeWindow(args, deps.now()),
          resource: args.resource,
          user: args.user,
          onlyWrites: args.only_writes,
        };
        const session = await deps.aws.session({
          region: args.region,
          roleName: args.role_name,
          signal: context.signal,
        });
        const { events, complete } = await lookupChanges(session, query);
        if (args.output === 'json')
          return { json: events, jsonSource: `CloudTrail events in ${session.region}` };
        return {
          text: formatChanges(events, query, session.region, complete),
          moreHint: 'Pass resource, user or a shorter window to see fewer events.',
        };
      },
    }),
  ];
}

/**
 * LookupEvents takes one lookup attribute only: the most selective one goes to AWS (resource,
 * then user, then ReadOnly=false), the others are applied to what comes back.
 */
function lookupAttribute(query: ChangeQuery) {
  if (query.resource) return { AttributeKey: 'ResourceName' as const, AttributeValue: query.resource };
  if (query.user) return { AttributeKey: 'Username' as const, AttributeValue: query.user };
  if (query.onlyWrites) return { AttributeKey: 'ReadOnly' as const, AttributeValue: 'false' };
  return undefined;
}

async function lookupChanges(session: AwsSession, query: ChangeQuery) {
  const attribute = lookupAttribute(query);
  const { items, complete } = await collectPages(async (token) => {
    const out = await session.call('cloudtrail', 'LookupEvents', (client, sdk, options) =>
      client.send(
        new sdk.LookupEventsCommand({
          StartTime: query.window.start,
          EndTime: query.window.end,
          MaxResults: 50,
          ...(attribute ? { LookupAttributes: [attribute] } : {}),
          ...(token ? { NextToken: token } : {}),
        }),
        options,
      ),
    );
    return { items: out.Events, next: out.NextToken };
  }, MAX_PAGES);
  const events = items
    .map(toChange)
    .filter((e) => (!query.user || e.user === query.user) && (!query.onlyWrites || !e.readOnly));
  return { events, complete };
}

function toChange(event: TrailEventShape): ChangeEvent {
  const detail = parseDetail(event.CloudTrailEvent);
  return {
    time: event.EventTime ?? new Date(0),
    name: event.EventName ?? '?',
    source: (event.EventSource ?? '').replace(/\.amazonaws\.com$/, ''),
    user: event.Username ?? userOf(detail) ?? '?',
    readOnly: event.ReadOnly === 'true',
    sourceIp: typeof detail.sourceIPAddress === 'string' ? detail.sourceIPAddress : undefined,
    resources: (event.Resources ?? []).map((r) => r.ResourceName ?? '?'),
    requestParameters: detail.requestParameters ?? undefined,
    errorCode: typeof detail.errorCode === 'string' ? detail.errorCode : undefined,
  };
}

function parseDetail(json: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function userOf(detail: Record<string, unknown>): string | undefined {
  const identity = detail.userIdentity as { arn?: unknown } | undefined;
  return typeof identity?.arn === 'string' ? identity.arn : undefined;
}

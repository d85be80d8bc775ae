import { defineTool, isToolError, ToolError } from '@sre-agent/shared';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, HealthEntityShape, HealthEventShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { formatHealth, type HealthEventRow } from './health-format.js';

const MAX_PAGES = 5;
/** DescribeAffectedEntities takes 10 event ARNs: one call covers the 10 latest events. */
const ENTITY_EVENTS = 10;

/** The AWS Health API has one endpoint per partition, whatever region the events are in. */
export function healthEndpointRegion(region: string): string {
  if (region.startsWith('cn-')) return 'cn-northwest-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

export function healthTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'get_aws_health',
      description:
        'Open and upcoming AWS Health events affecting this account (is it AWS?), with affected resources.',
      input: {
        region: regionArg.describe('Only events in this region (plus global ones); default all regions'),
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('AWS Health events'),
      async handler({ region, role_name, output }, context) {
        // Health needs no region of its own: without a configured one, the aws partition's.
        const home = region ?? (await deps.aws.defaultRegion().catch(() => 'us-east-1'));
        const session = await deps.aws.session({
          region: healthEndpointRegion(home),
          roleName: role_name,
          signal: context.signal,
        });
        const rows = await withSubscriptionHint(() => openEvents(session, region));
        if (output === 'json') return { json: rows, jsonSource: 'AWS Health events' };
        return { text: formatHealth(rows, region, deps.now()) };
      },
    }),
  ];
}

async function openEvents(session: AwsSession, region: string | undefined): Promise<HealthEventRow[]> {
  const { items } = await collectPages(async (nextToken) => {
    const out = await session.call('health', 'DescribeEvents', (client, sdk, options) =>
      client.send(
        new sdk.DescribeEventsCommand({
          filter: {
            eventStatusCodes: ['open', 'upcoming'],
            ...(region ? { regions: [region, 'global'] } : {}),
          },
          maxResults: 100,
          ...(nextToken ? { nextToken } : {}),
        }),
        options,
      ),
    );
    return { items: out.events, next: out.nextToken };
  }, MAX_PAGES);
  const entities = await affectedEntities(session, items.slice(0, ENTITY_EVENTS));
  return items.map((e) => toRow(e, entities.get(e.arn ?? '') ?? []));
}

async function affectedEntities(
  session: AwsSession,
  events: HealthEventShape[],
): Promise<Map<string, string[]>> {
  const arns = events.map((e) => e.arn).filter((arn): arn is string => Boolean(arn));
  const byEvent = new Map<string, string[]>();
  if (arns.length === 0) return byEvent;
  const out = await session.call('health', 'DescribeAffectedEntities', (client, sdk, options) =>
    client.send(
      new sdk.DescribeAffectedEntitiesCommand({ filter: { eventArns: arns }, maxResults: 100 }),
      options,
    ),
  );
  for (const entity of out.entities ?? ([] as HealthEntityShape[])) {
    const key = entity.eventArn ?? '';
    byEvent.set(key, [...(byEvent.get(key) ?? []), entity.entityValue ?? entity.entityArn ?? '?']);
  }
  return byEvent;
}

function toRow(event: HealthEventShape, entities: string[]): HealthEventRow {
  return {
    service: event.service ?? '?',
    eventTypeCode: event.eventTypeCode ?? '?',
    category: event.eventTypeCategory ?? '?',
    region: event.region ?? '?',
    status: event.statusCode ?? '?',
    startTime: event.startTime,
    lastUpdatedTime: event.lastUpdatedTime,
    scope: event.eventScopeCode ?? '?',
    entities,
    arn: event.arn ?? '',
  };
}

/** Basic and Developer support plans have no Health API: say so, and where to look instead. */
async function withSubscriptionHint<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isToolError(error) && error.message.includes('SubscriptionRequiredException')) {
      throw new ToolError(
        'The AWS Health API is not available to this account: it needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException), so this tool cannot tell whether AWS has an open issue.',
        'Look at the AWS Health Dashboard in the console (health.aws.amazon.com, every plan has it) or the public status page, or upgrade the support plan.',
      );
    }
    throw error;
  }
}

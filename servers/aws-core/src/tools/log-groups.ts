import { mapLimit, ToolError } from '@sre-agent/shared';
import type { AwsSession, LogGroupShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';

export interface LogGroupRow {
  name: string;
  storedBytes: number;
  retentionDays: number | undefined;
  logGroupClass: string;
  createdAt: Date | undefined;
}

const MAX_PAGES = 20;

function toRow(g: LogGroupShape): LogGroupRow {
  return {
    name: g.logGroupName ?? '?',
    storedBytes: g.storedBytes ?? 0,
    retentionDays: g.retentionInDays,
    logGroupClass: g.logGroupClass ?? 'STANDARD',
    createdAt: g.creationTime === undefined ? undefined : new Date(g.creationTime),
  };
}

/** DescribeLogGroups, every page (up to 1,000 groups); complete is false past that. */
export async function listLogGroups(
  session: AwsSession,
  prefix: string | undefined,
): Promise<{ items: LogGroupRow[]; complete: boolean }> {
  return collectPages(async (nextToken) => {
    const out = await session.call('logs', 'DescribeLogGroups', (client, sdk, options) =>
      client.send(
        new sdk.DescribeLogGroupsCommand({
          limit: 50,
          ...(prefix ? { logGroupNamePrefix: prefix } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
        options,
      ),
    );
    return { items: (out.logGroups ?? []).map(toRow), next: out.nextToken };
  }, MAX_PAGES);
}

/**
 * The named groups, each looked up by its name as prefix (the exact name sorts first, so the
 * first page has it). A missing group is an error naming it: StartQuery would only say "not found".
 */
export async function describeNamedGroups(
  session: AwsSession,
  names: readonly string[],
): Promise<LogGroupRow[]> {
  const found = await mapLimit(names, 4, async (name) => {
    const out = await session.call('logs', 'DescribeLogGroups', (client, sdk, options) =>
      client.send(new sdk.DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 5 }), options),
    );
    const group = out.logGroups?.find((g) => g.logGroupName === name);
    return group ? toRow(group) : name;
  });
  const missing = found.filter((g): g is string => typeof g === 'string');
  if (missing.length > 0) {
    throw new ToolError(
      `Log group(s) not found in ${session.region}: ${missing.join(', ')}.`,
      'Call list_log_groups (with a prefix) to see the names, or pass the region the group is in.',
    );
  }
  const delivery = found.filter((g) => typeof g !== 'string' && g.logGroupClass === 'DELIVERY');
  if (delivery.length > 0) {
    throw new ToolError(
      `Log group(s) in the DELIVERY class cannot be queried with Logs Insights: ${delivery.map((g) => (g as LogGroupRow).name).join(', ')}.`,
      'Query the copy of these logs at their destination (S3, Firehose) instead.',
    );
  }
  return found as LogGroupRow[];
}

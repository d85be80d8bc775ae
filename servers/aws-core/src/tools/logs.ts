import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { resolveTimeWindow, timeWindowArgs } from '../time-window.js';
import { describeNamedGroups, listLogGroups } from './log-groups.js';
import { formatLogGroups, formatQueryResult } from './logs-format.js';
import { runInsightsQuery } from './logs-insights.js';
import { checkScanEstimate } from './logs-scan.js';

const logGroupName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[\w./#-]+$/, 'a log group name like "/ecs/web"');

export function logsTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'list_log_groups',
      description: 'CloudWatch log groups: name, stored bytes, retention, class.',
      input: {
        prefix: logGroupName.optional().describe('Name prefix, e.g. "/aws/lambda/"'),
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('List log groups'),
      async handler({ prefix, region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const { items, complete } = await listLogGroups(session, prefix);
        if (output === 'json') return { json: items };
        return { text: formatLogGroups(items, session.region, complete) };
      },
    }),
    defineTool({
      name: 'query_logs',
      description:
        'Run a CloudWatch Logs Insights query; returns rows and bytes scanned (billed per GB; too large a scan is refused).',
      input: {
        log_groups: z.array(logGroupName).min(1).max(20).describe('Log group names (list_log_groups)'),
        query: z
          .string()
          .min(1)
          .max(10_000)
          .describe('Insights query, e.g. "filter @message like /error/ | sort @timestamp desc"'),
        ...timeWindowArgs,
        limit: z.number().int().min(1).max(1000).default(50).describe('Rows to return (default 50)'),
        wait_seconds: z
          .number()
          .int()
          .min(1)
          .max(600)
          .default(60)
          .describe('Stop the query after this many seconds, returning partial rows'),
        region: regionArg,
        role_name: roleNameArg,
      },
      annotations: readOnly('Query logs (Logs Insights)'),
      async handler(args, context) {
        const now = deps.now();
        const window = resolveTimeWindow(args, now);
        const groupNames = [...new Set(args.log_groups)];
        const session = await deps.aws.session({
          region: args.region,
          roleName: args.role_name,
          signal: context.signal,
        });
        const groups = await describeNamedGroups(session, groupNames);
        const estimatedBytes = checkScanEstimate(groups, window, now, deps.config.logsMaxScanGb);
        const run = await runInsightsQuery(
          session,
          {
            logGroups: groupNames,
            queryString: args.query,
            window,
            limit: args.limit,
            waitMs: args.wait_seconds * 1000,
          },
          context,
        );
        const text = formatQueryResult({
          run,
          window,
          groups: groupNames,
          estimatedBytes,
          maxScanGb: deps.config.logsMaxScanGb,
          region: session.region,
        });
        return { text, moreHint: 'Add a filter, lower limit, or use stats to see less.' };
      },
    }),
  ];
}

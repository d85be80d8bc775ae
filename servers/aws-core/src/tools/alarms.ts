import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, CompositeAlarmShape, MetricAlarmShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { compositeAlarmRow, formatAlarms, metricAlarmRow, sortAlarms } from './alarms-format.js';

const MAX_PAGES = 20;

export interface AlarmQuery {
  state?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA' | undefined;
  namePrefix?: string | undefined;
}

export function alarmTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'list_alarms',
      description:
        'CloudWatch alarms (metric, composite), ALARM first: since when, reason, metric, threshold, resource.',
      input: {
        state: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']).optional().describe('Only this state'),
        name_prefix: z.string().min(1).optional().describe('Alarm name prefix'),
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('List CloudWatch alarms'),
      async handler({ state, name_prefix, region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const { rows, complete } = await listAlarms(session, { state, namePrefix: name_prefix });
        if (output === 'json') return { json: sortAlarms(rows) };
        const filter = `${state ? ` in state ${state}` : ''}${name_prefix ? ` named ${name_prefix}*` : ''}`;
        const text = formatAlarms(rows, session.region, deps.now(), filter);
        return {
          text: complete ? text : `${text}\n[First ${MAX_PAGES} pages only: pass state or name_prefix.]`,
        };
      },
    }),
  ];
}

/** The raw alarms matching a query, all pages (metric alarms only when `types` says so). */
export async function describeAlarms(
  session: AwsSession,
  query: AlarmQuery,
  types: ('MetricAlarm' | 'CompositeAlarm')[] = ['MetricAlarm', 'CompositeAlarm'],
) {
  const metric: MetricAlarmShape[] = [];
  const composite: CompositeAlarmShape[] = [];
  const { complete } = await collectPages(async (token) => {
    const out = await session.call('cloudwatch', 'DescribeAlarms', (client, sdk, options) =>
      client.send(
        new sdk.DescribeAlarmsCommand({
          // Without AlarmTypes, DescribeAlarms leaves composite alarms out.
          AlarmTypes: types,
          MaxRecords: 100,
          ...(query.state ? { StateValue: query.state } : {}),
          ...(query.namePrefix ? { AlarmNamePrefix: query.namePrefix } : {}),
          ...(token ? { NextToken: token } : {}),
        }),
        options,
      ),
    );
    metric.push(...(out.MetricAlarms ?? []));
    composite.push(...(out.CompositeAlarms ?? []));
    return { items: [], next: out.NextToken };
  }, MAX_PAGES);
  return { metric, composite, complete };
}

async function listAlarms(session: AwsSession, query: AlarmQuery) {
  const { metric, composite, complete } = await describeAlarms(session, query);
  return { rows: [...metric.map(metricAlarmRow), ...composite.map(compositeAlarmRow)], complete };
}

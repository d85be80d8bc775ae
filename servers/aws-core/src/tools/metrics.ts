import { defineTool, isToolError, ToolError } from '@sre-agent/shared';
import { z } from 'zod';
import { readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession } from '../aws-session.js';
import type { AwsCoreToolDeps } from '../deps.js';
import { resolveTimeWindow, type TimeWindow, timeWindowArgs } from '../time-window.js';
import { describeAlarms } from './alarms.js';
import { choosePeriod, fetchMetricData, type MetricSpec } from './metric-data.js';
import { formatMetrics, metricsChart, thresholdsFor } from './metrics-format.js';
import { arnRegion, inferType, RESOURCE_TYPES, resolveResource } from './resource-metrics.js';

const STAT = /^(Average|Sum|Minimum|Maximum|SampleCount|(p|tm|wm|tc|ts)\d{1,2}(\.\d+)?)$/;
// Checked by refine, not a pattern: a pattern would be sent in tools/list on every model call.
const statArg = z
  .string()
  .refine((s) => STAT.test(s), 'Average, Sum, Minimum, Maximum, SampleCount or a percentile like p99')
  .default('Average')
  .describe('Average (default), Sum, Maximum, p99...');

const periodArg = z
  .number()
  .int()
  .min(1)
  .max(86_400)
  .refine(
    (p) => (p >= 60 ? p % 60 === 0 : [1, 5, 10, 30].includes(p)),
    'a multiple of 60 seconds (or 1, 5, 10, 30)',
  )
  .optional()
  .describe('Seconds per point (multiple of 60); default: automatic');

const chartArg = z.boolean().default(true).describe('PNG chart (default true)');
const outputArg = z.enum(['text', 'json']).default('text').describe('"json": the points');

/** Alarm thresholds are a bonus: without cloudwatch:DescribeAlarms the metrics still come back. */
async function alarmsIfAllowed(session: AwsSession) {
  try {
    return { alarms: (await describeAlarms(session, {}, ['MetricAlarm'])).metric, note: '' };
  } catch (error) {
    if (!isToolError(error)) throw error;
    return { alarms: [], note: `\nAlarm thresholds not shown: ${error.message}` };
  }
}

interface MetricsRequest {
  title: string;
  specs: MetricSpec[];
  window: TimeWindow;
  period: number | undefined;
  chart: boolean;
  output: 'text' | 'json';
}

async function metricsResult(session: AwsSession, deps: AwsCoreToolDeps, request: MetricsRequest) {
  const { alarms, note } = await alarmsIfAllowed(session);
  const onMetric = alarms.filter((a) =>
    request.specs.some((s) => s.metricName === a.MetricName && s.namespace === a.Namespace),
  );
  const preferred = request.period ?? onMetric[0]?.Period;
  const period = choosePeriod(request.window, deps.now(), preferred);
  const series = await fetchMetricData(session, request.specs, request.window, period);
  const thresholds = series.map((s) => thresholdsFor(s.spec, period, onMetric));
  if (request.output === 'json') {
    return {
      json: series.map((s, i) => ({
        ...s.spec,
        period,
        points: s.points,
        thresholds: thresholds[i]?.map(({ crosses: _, ...t }) => t),
      })),
    };
  }
  const text = formatMetrics(request.title, series, thresholds, request.window, period) + note;
  const hasData = series.some((s) => s.points.length > 0);
  const image =
    request.chart && hasData
      ? metricsChart(request.title, series, thresholds, request.window, period)
      : undefined;
  return { text: image ? `${text}\nChart: PNG attached.` : text, ...(image ? { images: [image] } : {}) };
}

export function metricTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'get_metrics',
      description: 'A CloudWatch metric: min/max/last, points past alarm thresholds, PNG chart.',
      input: {
        namespace: z.string().min(1).describe('e.g. "AWS/ApplicationELB"'),
        metric_name: z.string().min(1).describe('e.g. "HTTPCode_Target_5XX_Count"'),
        dimensions: z
          .record(z.string(), z.string())
          .default({})
          .describe('All its dimensions, e.g. {"LoadBalancer": "app/web-alb/50dc..."}'),
        stat: statArg,
        period: periodArg,
        ...timeWindowArgs,
        chart: chartArg,
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('Get CloudWatch metrics'),
      async handler(args, context) {
        const window = resolveTimeWindow(args, deps.now());
        const session = await deps.aws.session({
          region: args.region,
          roleName: args.role_name,
          signal: context.signal,
        });
        const spec = {
          namespace: args.namespace,
          metricName: args.metric_name,
          dimensions: args.dimensions,
          stat: args.stat,
        };
        const title = `${args.namespace} ${args.metric_name} in ${session.region}`;
        return metricsResult(session, deps, {
          title,
          specs: [spec],
          window,
          period: undefined,
          chart: args.chart,
          output: args.output,
        });
      },
    }),
    defineTool({
      name: 'get_resource_metrics',
      description:
        'get_metrics for the standard metrics of an EC2/RDS instance, ELB, target group, Lambda, EKS node group.',
      input: {
        resource: z.string().min(1).describe('ARN, i-... id, or a name with type'),
        type: z.enum(RESOURCE_TYPES).optional().describe('For a bare name'),
        ...timeWindowArgs,
        chart: chartArg,
        region: regionArg,
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('Get resource metrics'),
      async handler(args, context) {
        const type = args.type ?? inferType(args.resource);
        if (!type) {
          throw new ToolError(
            `Cannot tell what kind of resource "${args.resource}" is.`,
            `Pass its ARN, or type (one of ${RESOURCE_TYPES.join(', ')}); an EKS node group by name is "<cluster>/<nodegroup>".`,
          );
        }
        const window = resolveTimeWindow(args, deps.now());
        const region = args.region ?? arnRegion(args.resource);
        const session = await deps.aws.session({ region, roleName: args.role_name, signal: context.signal });
        const resolved = await resolveResource(session, args.resource, type);
        const title = `${resolved.label} in ${session.region}`;
        return metricsResult(session, deps, {
          title,
          specs: resolved.specs,
          window,
          period: undefined,
          chart: args.chart,
          output: args.output,
        });
      },
    }),
  ];
}

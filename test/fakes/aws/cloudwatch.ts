// CloudWatch over awsJson1_0 with awsQueryCompatible, which is what the current SDK client sends
// (`X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, `x-amzn-query-mode: true`; errors
// carry the query code in `x-amzn-query-error`). DescribeAlarms pages by NextToken and, as AWS
// does, returns only metric alarms unless AlarmTypes asks for composites too. GetMetricData
// aggregates each query's series per period and pages by datapoints.

import { ACCOUNT_ID } from './account-id.ts';
import type {
  CloudWatchFixtures,
  CompositeAlarmFixture,
  MetricAlarmFixture,
  MetricSeriesFixture,
} from './cloudwatch-fixtures.ts';
import type { FakeState } from './fake-state.ts';
import { awsJson10Response, type FakeResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest } from './service-request.ts';

const OPERATIONS = new Set(['DescribeAlarms', 'GetMetricData']);
const MAX_QUERIES = 500;

const invalid = (message: string) => ({ code: 'InvalidParameterValue', status: 400, message });
const seconds = (ms: number) => ms / 1000;
const dims = (d: Record<string, string>) => Object.entries(d).map(([Name, Value]) => ({ Name, Value }));
const token = (offset: number) => Buffer.from(`cw:${offset}`).toString('base64url');
const offsetOf = (value: unknown) =>
  typeof value === 'string' ? Number(Buffer.from(value, 'base64url').toString().replace('cw:', '')) : 0;

function alarmArn(region: string, name: string) {
  return `arn:aws:cloudwatch:${region}:${ACCOUNT_ID}:alarm:${name}`;
}

function metricAlarmJson(a: MetricAlarmFixture, region: string, now: number) {
  const changed = seconds(now - a.stateMinutesAgo * 60_000);
  return {
    AlarmName: a.name,
    AlarmArn: alarmArn(region, a.name),
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: seconds(now - 30 * 86_400_000),
    ActionsEnabled: true,
    AlarmActions: a.actions,
    OKActions: [],
    InsufficientDataActions: [],
    StateValue: a.state,
    StateReason: a.reason,
    StateUpdatedTimestamp: changed,
    StateTransitionedTimestamp: changed,
    MetricName: a.metricName,
    Namespace: a.namespace,
    Statistic: a.statistic,
    Dimensions: dims(a.dimensions),
    Period: a.period,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm ?? a.evaluationPeriods,
    Threshold: a.threshold,
    ComparisonOperator: a.comparison,
    TreatMissingData: 'missing',
  };
}

function compositeAlarmJson(a: CompositeAlarmFixture, region: string, now: number) {
  const changed = seconds(now - a.stateMinutesAgo * 60_000);
  return {
    AlarmName: a.name,
    AlarmArn: alarmArn(region, a.name),
    AlarmDescription: a.description,
    AlarmRule: a.rule,
    ActionsEnabled: true,
    StateValue: a.state,
    StateReason: a.reason,
    StateUpdatedTimestamp: changed,
    StateTransitionedTimestamp: changed,
  };
}

function describeAlarms(request: ServiceRequest, cw: CloudWatchFixtures): FakeResponse {
  const { json, region } = request;
  const names = Array.isArray(json.AlarmNames) ? json.AlarmNames.map(String) : undefined;
  const prefix = typeof json.AlarmNamePrefix === 'string' ? json.AlarmNamePrefix : undefined;
  if (names && prefix !== undefined) {
    return refuse(request, {
      code: 'InvalidParameterCombination',
      status: 400,
      message: 'AlarmNamePrefix and AlarmNames cannot be specified together.',
    });
  }
  const max = json.MaxRecords === undefined ? 50 : Number(json.MaxRecords);
  if (!Number.isInteger(max) || max < 1 || max > 100)
    return refuse(request, invalid('MaxRecords must be between 1 and 100.'));
  const types = Array.isArray(json.AlarmTypes) ? json.AlarmTypes.map(String) : ['MetricAlarm'];
  const keep = (a: { name: string; state: string }) =>
    (!names || names.includes(a.name)) &&
    (prefix === undefined || a.name.startsWith(prefix)) &&
    (json.StateValue === undefined || a.state === json.StateValue);
  const byName = <T extends { name: string }>(list: T[]) =>
    [...list].sort((a, b) => a.name.localeCompare(b.name));
  const now = Date.now();
  const all = [
    ...(types.includes('MetricAlarm')
      ? byName(cw.metricAlarms[region] ?? [])
          .filter(keep)
          .map((a) => ({ metric: metricAlarmJson(a, region, now) }))
      : []),
    ...(types.includes('CompositeAlarm')
      ? byName(cw.compositeAlarms[region] ?? [])
          .filter(keep)
          .map((a) => ({ composite: compositeAlarmJson(a, region, now) }))
      : []),
  ];
  const start = offsetOf(json.NextToken);
  const slice = all.slice(start, start + Math.min(max, cw.alarmPageSize));
  const next = start + slice.length;
  return awsJson10Response(
    {
      MetricAlarms: slice.flatMap((a) => ('metric' in a ? [a.metric] : [])),
      CompositeAlarms: slice.flatMap((a) => ('composite' in a ? [a.composite] : [])),
      ...(next < all.length ? { NextToken: token(next) } : {}),
    },
    request.requestId,
  );
}

interface MetricQuery {
  Id: string;
  Label?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}

function findSeries(cw: CloudWatchFixtures, region: string, q: MetricQuery): MetricSeriesFixture | undefined {
  const m = q.MetricStat?.Metric;
  if (!m) return undefined;
  const wanted = Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name, d.Value]));
  return (cw.series[region] ?? []).find(
    (s) =>
      s.namespace === m.Namespace &&
      s.metricName === m.MetricName &&
      Object.keys(s.dimensions).length === Object.keys(wanted).length &&
      Object.entries(s.dimensions).every(([k, v]) => wanted[k] === v),
  );
}

/** One period's statistic over the series' per-minute values. */
function aggregate(
  series: MetricSeriesFixture,
  stat: string,
  from: number,
  period: number,
  now: number,
): number {
  const minutes = Math.max(1, Math.round(period / 60));
  const values = Array.from({ length: minutes }, (_, i) => series.valueAt(from + i * 60_000, now));
  const sum = values.reduce((a, b) => a + b, 0);
  if (stat === 'Sum') return sum;
  if (stat === 'Maximum' || /^p\d/.test(stat)) return Math.max(...values);
  if (stat === 'Minimum') return Math.min(...values);
  if (stat === 'SampleCount') return minutes;
  return sum / minutes;
}

function queryError(q: MetricQuery, ids: Set<string>): string | undefined {
  if (typeof q.Id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
    return `The value ${q.Id} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter.`;
  }
  if (ids.has(q.Id)) return `The value ${q.Id} for parameter MetricDataQueries.member.Id is used twice.`;
  const period = q.MetricStat?.Period ?? 0;
  if (q.MetricStat && !(period >= 60 ? period % 60 === 0 : [1, 5, 10, 30].includes(period))) {
    return `The parameter MetricDataQueries.member.MetricStat.Period must be a multiple of 60 (or 1, 5, 10, 30).`;
  }
  return undefined;
}

function points(
  cw: CloudWatchFixtures,
  region: string,
  q: MetricQuery,
  start: number,
  end: number,
  now: number,
) {
  const series = findSeries(cw, region, q);
  if (!series || !q.MetricStat) return [];
  const period = q.MetricStat.Period * 1000;
  const out: { at: number; value: number }[] = [];
  for (let at = Math.ceil(start / period) * period; at < end && at <= now; at += period) {
    out.push({ at, value: aggregate(series, q.MetricStat.Stat, at, q.MetricStat.Period, now) });
  }
  return out.reverse(); // ScanBy TimestampDescending, the default
}

function getMetricData(request: ServiceRequest, cw: CloudWatchFixtures): FakeResponse {
  const { json, region } = request;
  const queries = (Array.isArray(json.MetricDataQueries) ? json.MetricDataQueries : []) as MetricQuery[];
  if (queries.length === 0 || queries.length > MAX_QUERIES) {
    return refuse(
      request,
      invalid(`The collection MetricDataQueries must have between 1 and ${MAX_QUERIES} members.`),
    );
  }
  const ids = new Set<string>();
  for (const q of queries) {
    const problem = queryError(q, ids);
    if (problem) return refuse(request, invalid(problem));
    ids.add(q.Id);
  }
  const start = Number(json.StartTime) * 1000;
  const end = Number(json.EndTime) * 1000;
  if (!(start < end))
    return refuse(request, invalid('The parameter StartTime must be less than the parameter EndTime.'));
  const now = Date.now();
  const all = queries.flatMap((q) => points(cw, region, q, start, end, now).map((p) => ({ q, ...p })));
  const offset = offsetOf(json.NextToken);
  const slice = all.slice(offset, offset + cw.datapointPageSize);
  const next = offset + slice.length;
  const results = queries
    .filter((q) => offset === 0 || slice.some((p) => p.q === q))
    .map((q) => {
      const mine = slice.filter((p) => p.q === q);
      const more = all.slice(next).some((p) => p.q === q);
      return {
        Id: q.Id,
        Label: q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id,
        Timestamps: mine.map((p) => seconds(p.at)),
        Values: mine.map((p) => p.value),
        StatusCode: more ? 'PartialData' : 'Complete',
      };
    });
  return awsJson10Response(
    { MetricDataResults: results, Messages: [], ...(next < all.length ? { NextToken: token(next) } : {}) },
    request.requestId,
  );
}

export const cloudWatchFake: ServiceFake = {
  operation: (request) => (request.target && OPERATIONS.has(request.target) ? request.target : undefined),
  handle(operation, request, state: FakeState) {
    const cw = state.fixtures.cloudwatch;
    return operation === 'DescribeAlarms' ? describeAlarms(request, cw) : getMetricData(request, cw);
  },
};

import { fenceUntrusted, formatAge, renderTable, truncateCodePoints } from '@sre-agent/shared';
import type { CompositeAlarmShape, MetricAlarmShape } from '../aws-session.js';

export interface AlarmRow {
  name: string;
  type: 'metric' | 'composite';
  state: string;
  since: Date | undefined;
  reason: string;
  description: string;
  /** `AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum 60s`, metric math, or the composite rule. */
  watches: string;
  /** `> 10 for 3 of 3 x 60s`; empty for composites. */
  condition: string;
  /** The dimensions, `LoadBalancer=app/web-alb/...`. */
  resource: string;
}

const COMPARISON: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside band',
  GreaterThanUpperThreshold: 'above band',
  LessThanLowerThreshold: 'below band',
};

/** ALARM first, then no data, then OK; the latest change first, except OK (by name). */
const STATE_ORDER: Record<string, number> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };

function watches(a: MetricAlarmShape): string {
  if (a.MetricName) {
    const stat = a.Statistic ?? a.ExtendedStatistic ?? '?';
    return `${a.Namespace ?? '?'} ${a.MetricName} ${stat} ${a.Period ?? '?'}s`;
  }
  // Metric math and anomaly detection alarms keep their metrics in Metrics.
  const shown = a.Metrics?.find((m) => m.ReturnData !== false) ?? a.Metrics?.[0];
  return shown?.Expression ? `math: ${shown.Expression}` : 'metric math';
}

export function metricAlarmRow(a: MetricAlarmShape): AlarmRow {
  const comparison = COMPARISON[a.ComparisonOperator ?? ''] ?? a.ComparisonOperator ?? '?';
  const periods = a.EvaluationPeriods ?? 1;
  const threshold = a.ThresholdMetricId ? a.ThresholdMetricId : String(a.Threshold ?? '?');
  return {
    name: a.AlarmName ?? '?',
    type: 'metric',
    state: a.StateValue ?? '?',
    since: a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp,
    reason: a.StateReason ?? '',
    description: a.AlarmDescription ?? '',
    watches: watches(a),
    condition: `${comparison} ${threshold} for ${a.DatapointsToAlarm ?? periods} of ${periods}`,
    resource: (a.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(' '),
  };
}

export function compositeAlarmRow(a: CompositeAlarmShape): AlarmRow {
  return {
    name: a.AlarmName ?? '?',
    type: 'composite',
    state: a.StateValue ?? '?',
    since: a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp,
    reason: a.StateReason ?? '',
    description: a.AlarmDescription ?? '',
    watches: `rule: ${a.AlarmRule ?? '?'}`,
    condition: '',
    resource: '',
  };
}

export function sortAlarms(rows: readonly AlarmRow[]): AlarmRow[] {
  return [...rows].sort(
    (a, b) =>
      (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) ||
      (a.state === 'OK'
        ? a.name.localeCompare(b.name)
        : (b.since?.getTime() ?? 0) - (a.since?.getTime() ?? 0)),
  );
}

const clip = (text: string, max: number) => truncateCodePoints(text.replace(/\s+/g, ' ').trim(), max, '..');

function detail(row: AlarmRow, now: Date): string {
  const since = row.since
    ? `${formatAge(row.since, now)} ago (${row.since.toISOString().slice(0, 16)}Z)`
    : '?';
  return [
    `${row.state} ${row.name} (${row.type}) since ${since}`,
    `  watches: ${row.watches}${row.resource ? ` [${row.resource}]` : ''}`,
    ...(row.condition ? [`  when: ${row.condition}`] : []),
    `  reason: ${clip(row.reason, 400)}`,
    ...(row.description ? [`  description: ${clip(row.description, 300)}`] : []),
  ].join('\n');
}

export function formatAlarms(rows: readonly AlarmRow[], region: string, now: Date, filter: string): string {
  if (rows.length === 0) return `No CloudWatch alarms${filter} in ${region}.`;
  const sorted = sortAlarms(rows);
  const byState = new Map<string, number>();
  for (const r of sorted) byState.set(r.state, (byState.get(r.state) ?? 0) + 1);
  const counts = [...byState].map(([state, n]) => `${n} ${state}`);
  const header = `${rows.length} alarm(s)${filter} in ${region}: ${counts.join(', ')}.`;
  const firing = sorted.filter((r) => r.state !== 'OK').map((r) => detail(r, now));
  const ok = sorted.filter((r) => r.state === 'OK');
  const table =
    ok.length === 0
      ? ''
      : `OK:\n${renderTable(
          ['NAME', 'WATCHES', 'WHEN', 'RESOURCE', 'SINCE'],
          ok.map((r) => [r.name, r.watches, r.condition, r.resource, formatAge(r.since, now)]),
        )}`;
  // Names, reasons and descriptions are text anyone with cloudwatch:PutMetricAlarm can write.
  const body = [...firing, table].filter(Boolean).join('\n\n');
  return `${header}\n${fenceUntrusted(`CloudWatch alarms in ${region}`, body)}`;
}

import { formatAxisValue, renderLineChart } from '@sre-agent/aws-shared';
import { fenceUntrusted, renderTable, truncateCodePoints } from '@sre-agent/shared';
import type { MetricAlarmShape } from '../aws-session.js';
import type { TimeWindow } from '../time-window.js';
import type { MetricPoint, MetricSeries, MetricSpec } from './metric-data.js';

/** A static alarm threshold on a plotted series. */
export interface Threshold {
  alarm: string;
  state: string;
  symbol: string;
  value: number;
  crosses: (value: number) => boolean;
}

const TESTS: Record<string, [string, (v: number, t: number) => boolean]> = {
  GreaterThanThreshold: ['>', (v, t) => v > t],
  GreaterThanOrEqualToThreshold: ['>=', (v, t) => v >= t],
  LessThanThreshold: ['<', (v, t) => v < t],
  LessThanOrEqualToThreshold: ['<=', (v, t) => v <= t],
};

const sameDimensions = (a: Record<string, string>, b: { Name?: string; Value?: string }[]) =>
  Object.keys(a).length === b.length && b.every((d) => a[d.Name ?? ''] === d.Value);

/**
 * Alarms on exactly this metric with a static threshold and the same statistic. Their period may
 * differ from the chart's; a Sum over another period is not comparable, so those are left out.
 */
export function thresholdsFor(
  spec: MetricSpec,
  period: number,
  alarms: readonly MetricAlarmShape[],
): Threshold[] {
  return alarms.flatMap((a) => {
    const test = TESTS[a.ComparisonOperator ?? ''];
    const matches =
      a.Namespace === spec.namespace &&
      a.MetricName === spec.metricName &&
      sameDimensions(spec.dimensions, a.Dimensions ?? []) &&
      (a.Statistic ?? a.ExtendedStatistic) === spec.stat &&
      a.Threshold !== undefined &&
      (a.Period === period || !['Sum', 'SampleCount'].includes(spec.stat));
    if (!test || !matches) return [];
    const value = a.Threshold!;
    return [
      {
        alarm: a.AlarmName ?? '?',
        state: a.StateValue ?? '?',
        symbol: test[0],
        value,
        crosses: (v) => test[1](v, value),
      },
    ];
  });
}

export const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16);
const num = (v: number) =>
  Math.abs(v) >= 10_000
    ? formatAxisValue(v)
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : String(Number(v.toPrecision(3)));
const dims = (spec: MetricSpec) =>
  Object.entries(spec.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

export function seriesTitle(spec: MetricSpec, period: number): string {
  return `${spec.metricName} (${spec.stat}, ${period}s)`;
}

function crossings(points: readonly MetricPoint[], t: Threshold): string {
  const over = points.filter((p) => t.crosses(p.value));
  const head = `: alarm ${t.alarm} [${t.state}] ${t.symbol} ${num(t.value)}: `;
  if (over.length === 0) return `${head}no point crossed`;
  const shown = over.slice(-12).map((p) => `${hhmm(p.at)} ${num(p.value)}`);
  const more = over.length > shown.length ? ` (latest ${shown.length} of ${over.length})` : '';
  return `${head}${over.length} point(s) crossed, from ${hhmm(over[0]!.at)}Z${more}: ${shown.join(', ')}`;
}

/** One row per series (min/max/last), then the points that crossed each alarm's threshold. */
export function formatMetrics(
  title: string,
  series: readonly MetricSeries[],
  thresholds: readonly Threshold[][],
  window: TimeWindow,
  period: number,
): string {
  const rows = series.map((s) => {
    const values = s.points.map((p) => p.value);
    const last = s.points.at(-1);
    return [
      truncateCodePoints(seriesTitle(s.spec, period), 60, '..'),
      String(values.length),
      values.length ? num(Math.min(...values)) : '-',
      values.length ? num(Math.max(...values)) : '-',
      last ? `${num(last.value)} @${hhmm(last.at)}` : '-',
    ];
  });
  const alarmLines = series.flatMap((s, i) =>
    (thresholds[i] ?? []).map((t) => `${s.spec.metricName}${crossings(s.points, t)}`),
  );
  const empty = series.filter((s) => s.points.length === 0).length;
  const range = `${window.start.toISOString().slice(0, 16)}Z - ${window.end.toISOString().slice(0, 16)}Z, ${period}s period`;
  return [
    `${title} (${range})`,
    renderTable(['METRIC', 'POINTS', 'MIN', 'MAX', 'LAST'], rows),
    // Alarm names are free text anyone with cloudwatch:PutMetricAlarm can write.
    ...(alarmLines.length
      ? ['Alarm thresholds:', fenceUntrusted('CloudWatch alarms', alarmLines.join('\n'))]
      : []),
    ...(empty > 0
      ? [`${empty} metric(s) without datapoints: wrong region or dimensions, or no traffic in the window.`]
      : []),
  ].join('\n');
}

/** The series as a PNG, one panel per metric, thresholds dashed. */
export function metricsChart(
  title: string,
  series: readonly MetricSeries[],
  thresholds: readonly Threshold[][],
  window: TimeWindow,
  period: number,
) {
  const png = renderLineChart({
    title,
    start: window.start.getTime(),
    end: window.end.getTime(),
    panels: series.map((s, i) => ({
      title: `${seriesTitle(s.spec, period)} ${dims(s.spec)}`,
      series: [{ label: s.spec.metricName, points: s.points }],
      thresholds: (thresholds[i] ?? []).map((t) => ({
        value: t.value,
        above: t.symbol.startsWith('>'),
        inclusive: t.symbol.endsWith('='),
      })),
    })),
  });
  return { data: png.toString('base64'), mimeType: 'image/png' };
}

// GetMetricData for a set of metrics over a window: batched at the API's per-call query limit,
// paged by NextToken, with a period that keeps every series to a bounded number of points.
import { ToolError } from '@sre-agent/shared';
import type { AwsSession, MetricDataQuery } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { TimeWindow } from '../time-window.js';

export interface MetricSpec {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** `Average`, `Sum`, `Maximum`, `Minimum`, `SampleCount`, `p99`... */
  stat: string;
}

export interface MetricPoint {
  at: number;
  value: number;
}

export interface MetricSeries {
  spec: MetricSpec;
  /** Oldest first. */
  points: MetricPoint[];
}

/** GetMetricData takes at most 500 queries per call. */
const MAX_QUERIES_PER_CALL = 500;
const MAX_PAGES = 20;
/** Points per series at most: enough to see a spike, small enough for the output budget. */
export const MAX_POINTS = 360;
const PERIODS = [60, 300, 900, 3600, 6 * 3600, 86_400];
const DAY = 86_400_000;

/**
 * The period for a window: the one asked for (or an alarm's), raised until the series fits in
 * MAX_POINTS, and never finer than CloudWatch keeps (1-minute data for 15 days, 5-minute for 63).
 */
export function choosePeriod(window: TimeWindow, now: Date, preferred?: number): number {
  const age = now.getTime() - window.start.getTime();
  const retained = age > 63 * DAY ? 3600 : age > 15 * DAY ? 300 : 60;
  const span = (window.end.getTime() - window.start.getTime()) / 1000;
  const fits = (p: number) => span / p <= MAX_POINTS;
  if (preferred !== undefined && preferred >= retained && fits(preferred)) return preferred;
  return PERIODS.find((p) => p >= retained && fits(p)) ?? 86_400;
}

function query(spec: MetricSpec, id: string, period: number): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: spec.namespace,
        MetricName: spec.metricName,
        Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: period,
      Stat: spec.stat,
    },
    ReturnData: true,
  };
}

async function fetchBatch(session: AwsSession, queries: MetricDataQuery[], window: TimeWindow) {
  const byId = new Map<string, MetricPoint[]>();
  const { complete } = await collectPages(async (token) => {
    const out = await session.call('cloudwatch', 'GetMetricData', (client, sdk, options) =>
      client.send(
        new sdk.GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: 'TimestampAscending',
          ...(token ? { NextToken: token } : {}),
        }),
        options,
      ),
    );
    for (const result of out.MetricDataResults ?? []) {
      const points = byId.get(result.Id ?? '') ?? [];
      (result.Timestamps ?? []).forEach((t, i) => {
        const value = result.Values?.[i];
        if (value !== undefined) points.push({ at: t.getTime(), value });
      });
      byId.set(result.Id ?? '', points);
    }
    return { items: [], next: out.NextToken };
  }, MAX_PAGES);
  if (!complete) {
    throw new ToolError(
      `GetMetricData still had pages after ${MAX_PAGES} calls.`,
      'Narrow the window (since_minutes) or ask for a coarser period.',
    );
  }
  return byId;
}

/** Every spec's points over the window, in as few GetMetricData calls as the limits allow. */
export async function fetchMetricData(
  session: AwsSession,
  specs: readonly MetricSpec[],
  window: TimeWindow,
  period: number,
): Promise<MetricSeries[]> {
  const series: MetricSeries[] = [];
  for (let offset = 0; offset < specs.length; offset += MAX_QUERIES_PER_CALL) {
    const batch = specs.slice(offset, offset + MAX_QUERIES_PER_CALL);
    const byId = await fetchBatch(
      session,
      batch.map((spec, i) => query(spec, `m${offset + i}`, period)),
      window,
    );
    batch.forEach((spec, i) => {
      const points = (byId.get(`m${offset + i}`) ?? []).sort((a, b) => a.at - b.at);
      series.push({ spec, points });
    });
  }
  return series;
}

import { INCIDENT } from '@sre-agent/test/fakes/aws/incident-scenario.ts';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';
import { choosePeriod, fetchMetricData, MAX_POINTS, type MetricSpec } from './metric-data.js';

const aws = useAwsCoreHarness();
const now = new Date('2026-12-04T12:00:00Z');
const ago = (minutes: number) => ({ start: new Date(now.getTime() - minutes * 60_000), end: now });

describe('choosePeriod', () => {
  it('keeps the preferred period while it fits, else the finest that does', () => {
    expect(choosePeriod(ago(60), now)).toBe(60);
    expect(choosePeriod(ago(60), now, 300)).toBe(300);
    expect(choosePeriod(ago(24 * 60), now)).toBe(300);
    expect(choosePeriod(ago(24 * 60), now, 60)).toBe(300);
    expect(choosePeriod(ago(7 * 24 * 60), now)).toBe(3600);
    for (const minutes of [5, 600, 6000, 60_000, 129_600]) {
      expect((minutes * 60) / choosePeriod(ago(minutes), now)).toBeLessThanOrEqual(MAX_POINTS);
    }
  });

  it('never asks for data finer than CloudWatch still keeps', () => {
    const old = {
      start: new Date(now.getTime() - 20 * 86_400_000),
      end: new Date(now.getTime() - 19.9 * 86_400_000),
    };
    expect(choosePeriod(old, now, 60)).toBe(300);
    const older = {
      start: new Date(now.getTime() - 70 * 86_400_000),
      end: new Date(now.getTime() - 69.9 * 86_400_000),
    };
    expect(choosePeriod(older, now)).toBe(3600);
  });
});

describe('fetchMetricData', () => {
  it('batches 500 queries per call and follows NextToken within each batch', async () => {
    aws.fake.fixtures.cloudwatch.datapointPageSize = 40;
    const session = await aws.harness.aws.session({});
    const spec: MetricSpec = {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: INCIDENT.loadBalancer.dimension },
      stat: 'Sum',
    };
    const other: MetricSpec = { ...spec, metricName: 'NotPublished' };
    const specs = [spec, ...Array.from({ length: 499 }, () => other), spec];
    const window = { start: new Date(Date.now() - 30 * 60_000), end: new Date() };
    const series = await fetchMetricData(session, specs, window, 60);
    expect(series).toHaveLength(501);
    expect(series[0]?.points.length).toBeGreaterThanOrEqual(29);
    expect(series[500]?.points).toEqual(series[0]?.points);
    expect(series[1]?.points).toEqual([]);
    // 30 points in the first batch fit one page; the second batch too: two calls.
    expect(aws.fake.count('monitoring', 'GetMetricData')).toBe(2);
    aws.fake.fixtures.cloudwatch.datapointPageSize = 10;
    const paged = await fetchMetricData(session, [spec], window, 60);
    expect(paged[0]?.points.map((p) => p.value)).toEqual(series[0]?.points.map((p) => p.value));
    expect(aws.fake.count('monitoring', 'GetMetricData')).toBe(5);
    const times = paged[0]!.points.map((p) => p.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

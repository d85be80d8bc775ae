import { readPng } from '@sre-agent/aws-shared';
import { INCIDENT } from '@sre-agent/test/fakes/aws/incident-scenario.ts';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();
const fiveXx = {
  namespace: INCIDENT.alarm.namespace,
  metric_name: INCIDENT.alarm.metricName,
  dimensions: { LoadBalancer: INCIDENT.loadBalancer.dimension },
  stat: 'Sum',
};

function image(result: { content: { type: string; data?: string }[] }) {
  const png = result.content.find((c) => c.type === 'image');
  return png?.data ? readPng(Buffer.from(png.data, 'base64')) : undefined;
}

describe('get_metrics', () => {
  it('tabulates a metric, lists the points past its alarm threshold and attaches a chart', async () => {
    const { text, isError, result } = await aws.call('get_metrics', { ...fiveXx, since_minutes: 60 });
    expect(isError).toBe(false);
    // The alarm's 60 s period is kept: 60 points fit.
    expect(text.split('\n')[0]).toMatch(
      /^AWS\/ApplicationELB HTTPCode_Target_5XX_Count in us-east-1 \(.*, 60s period\)$/,
    );
    expect(text).toMatch(
      /^HTTPCode_Target_5XX_Count \(Sum, 60s\)\s+(59|60)\s+0\s+4\d(\.\d)?\s+[34]\d(\.\d)? @\d\d:\d\d$/m,
    );
    const crossed = /web-alb-5xx-high \[ALARM\] > 10: (\d+) point\(s\) crossed, from (\d\d:\d\d)Z/.exec(text);
    expect(Number(crossed?.[1])).toBeGreaterThanOrEqual(INCIDENT.minutesAgo.spikeStart - 1);
    const spikeStart = new Date(Date.now() - INCIDENT.minutesAgo.spikeStart * 60_000)
      .toISOString()
      .slice(11, 16);
    expect([
      spikeStart,
      new Date(Date.now() - (INCIDENT.minutesAgo.spikeStart - 1) * 60_000).toISOString().slice(11, 16),
    ]).toContain(crossed?.[2]);
    expect(text).toContain('Chart: PNG attached.');
    expect(image(result)?.width).toBe(880);
    expect(aws.fake.count('monitoring', 'GetMetricData')).toBe(1);
  });

  it('raises the period so a long window stays bounded, and says when there is no data', async () => {
    const day = await aws.call('get_metrics', { ...fiveXx, since_minutes: 7 * 24 * 60, chart: false });
    expect(day.text.split('\n')[0]).toContain(', 3600s period)');
    expect(day.result.content.some((c) => c.type === 'image')).toBe(false);
    const none = await aws.call('get_metrics', { ...fiveXx, dimensions: { LoadBalancer: 'app/nope/1' } });
    expect(none.text).toContain('1 metric(s) without datapoints');
    expect(none.result.content.some((c) => c.type === 'image')).toBe(false);
  });

  it('refuses a bad statistic or period with what would be right', async () => {
    const stat = await aws.call('get_metrics', { ...fiveXx, stat: 'Median' });
    expect(stat.isError).toBe(true);
    expect(stat.text).toContain('a percentile like p99');
    const period = await aws.call('get_metrics', { ...fiveXx, period: 90 });
    expect(period.text).toContain('a multiple of 60 seconds');
  });

  it('still answers without alarm thresholds when DescribeAlarms is denied', async () => {
    aws.fake.fail({ service: 'monitoring', operation: 'DescribeAlarms', kind: 'accessDenied' });
    const { text, isError } = await aws.call('get_metrics', { ...fiveXx, chart: false });
    expect(isError).toBe(false);
    expect(text).toContain('Alarm thresholds not shown:');
    expect(text).toContain('cloudwatch:DescribeAlarms');
  });
});

describe('get_resource_metrics', () => {
  it('maps a load balancer ARN to its standard metrics, region from the ARN', async () => {
    const { text, result } = await aws.call('get_resource_metrics', {
      resource: INCIDENT.loadBalancer.arn,
      since_minutes: 60,
    });
    expect(text.split('\n')[0]).toContain(`load balancer ${INCIDENT.loadBalancer.dimension} in us-east-1`);
    for (const metric of [
      'RequestCount (Sum',
      'HTTPCode_Target_5XX_Count (Sum',
      'HTTPCode_ELB_5XX_Count (Sum',
      'TargetResponseTime (Average',
    ])
      expect(text).toContain(metric);
    expect(text).toMatch(/web-alb-latency-high \[ALARM\] > 1: \d+ point\(s\) crossed/);
    // Four panels: taller than a one-metric chart.
    expect(image(result)?.height).toBeGreaterThan(600);
    expect(aws.fake.count('monitoring', 'GetMetricData')).toBe(1);
  });

  it('resolves target groups, instances, RDS, Lambda and EKS node groups', async () => {
    const tg = await aws.call('get_resource_metrics', {
      resource: 'web-tg',
      type: 'target-group',
      chart: false,
    });
    expect(tg.text).toMatch(/^UnHealthyHostCount \(Maximum, 60s\)\s+\d+\s+0\s+1\s+1 @/m);
    expect(tg.text).toContain('web-tg-unhealthy-hosts [ALARM] >= 1');
    const ec2 = await aws.call('get_resource_metrics', {
      resource: INCIDENT.unhealthy.instanceId,
      chart: false,
    });
    expect(ec2.text).toMatch(/^CPUUtilization \(Average, 60s\)\s+\d+\s+[\d.]+\s+9\d/m);
    const rds = await aws.call('get_resource_metrics', {
      resource: `arn:aws:rds:us-east-1:123456789012:db:orders-db`,
      chart: false,
    });
    expect(rds.text).toContain('RDS instance orders-db');
    // Its alarm's 300 s period is kept.
    expect(rds.text).toMatch(/^FreeStorageSpace \(Minimum, 300s\)\s+12\s+227\.6G/m);
    const lambda = await aws.call('get_resource_metrics', {
      resource: 'checkout-handler',
      type: 'lambda',
      chart: false,
    });
    expect(lambda.text).toMatch(/^Duration \(Average, 300s\)\s+12\s+/m);
    const ng = await aws.call('get_resource_metrics', {
      resource: 'prod-use1/general',
      type: 'eks-nodegroup',
      chart: false,
    });
    expect(ng.text).toContain('EKS node group prod-use1/general');
    expect(ng.text).toMatch(/^CPUUtilization \(Average, 60s\)\s+\d+\s+\d+/m);
  });

  it('asks for the type of a bare name', async () => {
    const { text, isError } = await aws.call('get_resource_metrics', { resource: 'web-alb' });
    expect(isError).toBe(true);
    expect(text).toContain('Pass its ARN, or type (one of ec2, rds, load-balancer');
  });
});

// The CloudWatch and ELBv2 fakes through the real SDK clients: the shapes, paging, filters and
// refusals the tools rely on, and the incident story lining up across both.
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { INCIDENT } from './incident-scenario.ts';
import { errorOf, useAwsFake } from './use-aws-fake.ts';

const aws = useAwsFake();
const cw = () => new CloudWatchClient(aws.fake.clientConfig());
const elb = () => new ElasticLoadBalancingV2Client(aws.fake.clientConfig());

const fiveXx = (id = 'm5xx') => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: INCIDENT.alarm.namespace,
      MetricName: INCIDENT.alarm.metricName,
      Dimensions: [{ Name: 'LoadBalancer', Value: INCIDENT.loadBalancer.dimension }],
    },
    Period: 60,
    Stat: 'Sum',
  },
});

describe('CloudWatch fake', () => {
  it('returns only metric alarms unless AlarmTypes asks for composites, as AWS does', async () => {
    const plain = await cw().send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(plain.CompositeAlarms).toEqual([]);
    expect(plain.MetricAlarms?.map((a) => a.AlarmName).sort()).toEqual([
      INCIDENT.alarm.name,
      'web-alb-latency-high',
      'web-tg-unhealthy-hosts',
    ]);
    const both = await cw().send(
      new DescribeAlarmsCommand({ StateValue: 'ALARM', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    );
    expect(both.CompositeAlarms?.map((a) => a.AlarmName)).toEqual(['web-tier-degraded']);
  });

  it('dates the 5xx alarm ~20 minutes back and pages by NextToken', async () => {
    const first = await cw().send(new DescribeAlarmsCommand({ MaxRecords: 10 }));
    expect(first.MetricAlarms).toHaveLength(10);
    expect(first.NextToken).toBeDefined();
    const alarm = (await cw().send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'web-alb-5xx' })))
      .MetricAlarms?.[0];
    const minutes = (Date.now() - (alarm?.StateUpdatedTimestamp?.getTime() ?? 0)) / 60_000;
    expect(Math.round(minutes)).toBe(INCIDENT.minutesAgo.alarm);
    expect(alarm?.Dimensions).toEqual([{ Name: 'LoadBalancer', Value: INCIDENT.loadBalancer.dimension }]);
    const error = await errorOf(
      cw().send(new DescribeAlarmsCommand({ AlarmNames: ['x'], AlarmNamePrefix: 'y' })),
    );
    // The SDK maps the query code back to the modelled exception.
    expect(error.name).toBe('InvalidParameterCombinationException');
  });

  it('answers GetMetricData with the spike in the last ~23 minutes, newest first, paged', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 60 * 60_000);
    aws.fake.fixtures.cloudwatch.datapointPageSize = 25;
    const pages = [];
    let token: string | undefined;
    do {
      const out = await cw().send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: end,
          MetricDataQueries: [fiveXx()],
          NextToken: token,
        }),
      );
      pages.push(out);
      token = out.NextToken;
    } while (token);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.MetricDataResults?.[0]?.StatusCode).toBe('PartialData');
    const values = pages.flatMap((p) => p.MetricDataResults?.[0]?.Values ?? []);
    const times = pages.flatMap((p) => p.MetricDataResults?.[0]?.Timestamps ?? []);
    expect(values.length).toBeGreaterThanOrEqual(59);
    expect(times[0]!.getTime()).toBeGreaterThan(times[1]!.getTime());
    expect(Math.min(...values.slice(0, 20))).toBeGreaterThan(INCIDENT.alarm.threshold);
    expect(Math.max(...values.slice(30))).toBeLessThan(INCIDENT.alarm.threshold);
  });

  it('refuses bad query ids and periods, and gives no points for an unknown metric', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 600_000);
    const bad = await errorOf(
      cw().send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: end,
          MetricDataQueries: [fiveXx('Bad')],
        }),
      ),
    );
    expect(bad.name).toBe('InvalidParameterValueException');
    const unknown = await cw().send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          {
            Id: 'x',
            MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'Nope' }, Period: 60, Stat: 'Average' },
          },
        ],
      }),
    );
    expect(unknown.MetricDataResults?.[0]).toMatchObject({ Id: 'x', Values: [], StatusCode: 'Complete' });
  });
});

describe('ELBv2 fake', () => {
  it('lists the target groups of a load balancer and the unhealthy target with its reason', async () => {
    const groups = await elb().send(
      new DescribeTargetGroupsCommand({ LoadBalancerArn: INCIDENT.loadBalancer.arn }),
    );
    expect(groups.TargetGroups?.map((g) => g.TargetGroupName)).toEqual([
      INCIDENT.targetGroup.name,
      'web-canary-tg',
    ]);
    expect(groups.TargetGroups?.[0]?.LoadBalancerArns).toEqual([INCIDENT.loadBalancer.arn]);
    const health = await elb().send(
      new DescribeTargetHealthCommand({ TargetGroupArn: INCIDENT.targetGroup.arn }),
    );
    const bad = health.TargetHealthDescriptions?.filter((d) => d.TargetHealth?.State === 'unhealthy');
    expect(bad).toEqual([
      expect.objectContaining({
        Target: expect.objectContaining({
          Id: INCIDENT.unhealthy.instanceId,
          Port: INCIDENT.targetGroup.port,
        }),
        TargetHealth: {
          State: 'unhealthy',
          Reason: INCIDENT.unhealthy.reason,
          Description: INCIDENT.unhealthy.description,
        },
      }),
    ]);
  });

  it('pages load balancers by Marker and refuses unknown names as AWS does', async () => {
    const first = await elb().send(new DescribeLoadBalancersCommand({ PageSize: 2 }));
    expect(first.LoadBalancers).toHaveLength(2);
    const second = await elb().send(
      new DescribeLoadBalancersCommand({ PageSize: 2, Marker: first.NextMarker }),
    );
    expect(second.LoadBalancers?.map((l) => l.LoadBalancerName)).toEqual(['internal-alb']);
    expect(second.NextMarker).toBeUndefined();
    const missing = await errorOf(elb().send(new DescribeLoadBalancersCommand({ Names: ['nope'] })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['LoadBalancerNotFoundException', 400]);
    const missingTg = await errorOf(
      elb().send(new DescribeTargetHealthCommand({ TargetGroupArn: `${INCIDENT.targetGroup.arn}x` })),
    );
    expect(missingTg.name).toBe('TargetGroupNotFoundException');
  });
});

import { INCIDENT } from '@sre-agent/test/fakes/aws/incident-scenario.ts';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

describe('list_alarms', () => {
  it('lists metric and composite alarms across pages, ALARM first, with reason, metric and resource', async () => {
    aws.fake.fixtures.cloudwatch.alarmPageSize = 10;
    const { text, isError } = await aws.call('list_alarms');
    expect(isError).toBe(false);
    expect(aws.fake.count('monitoring', 'DescribeAlarms')).toBe(4);
    expect(text.split('\n')[0]).toBe('31 alarm(s) in us-east-1: 4 ALARM, 1 INSUFFICIENT_DATA, 26 OK.');
    const firing = text.search(new RegExp(`ALARM ${INCIDENT.alarm.name} \\(metric\\) since (19|20)m ago`));
    expect(firing).toBeGreaterThan(0);
    expect(firing).toBeLessThan(text.indexOf('INSUFFICIENT_DATA checkout-handler-errors'));
    expect(text.indexOf('INSUFFICIENT_DATA checkout-handler-errors')).toBeLessThan(text.indexOf('\nOK:\n'));
    expect(text).toContain(
      `watches: AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum 60s [LoadBalancer=${INCIDENT.loadBalancer.dimension}]`,
    );
    expect(text).toContain('when: > 10 for 3 of 3');
    expect(text).toContain('reason: Threshold Crossed: 3 out of the last 3 datapoints');
    expect(text).toContain('ALARM web-tier-degraded (composite)');
    expect(text).toContain(`watches: rule: ALARM("${INCIDENT.alarm.name}") OR ALARM("web-alb-latency-high")`);
    expect(text).toMatch(
      /^orders-db-cpu-high\s+AWS\/RDS CPUUtilization Average 300s\s+> 80 for 3 of 3\s+DBInstanceIdentifier=orders-db\s+(5d23h|6d)$/m,
    );
  });

  it('fences alarm text, which anyone with PutMetricAlarm writes', async () => {
    const { text } = await aws.call('list_alarms', { state: 'ALARM' });
    const open = text.indexOf('<untrusted-data');
    expect(open).toBeGreaterThan(0);
    expect(text.indexOf('IGNORE PREVIOUS INSTRUCTIONS')).toBeGreaterThan(open);
    expect(text.indexOf('IGNORE PREVIOUS INSTRUCTIONS')).toBeLessThan(text.indexOf('</untrusted-data'));
  });

  it('filters by state and name prefix, and answers JSON sorted the same way', async () => {
    const some = await aws.call('list_alarms', { state: 'ALARM', name_prefix: 'web-alb' });
    expect(some.text.split('\n')[0]).toBe('2 alarm(s) in state ALARM named web-alb* in us-east-1: 2 ALARM.');
    const json = JSON.parse((await aws.call('list_alarms', { state: 'ALARM', output: 'json' })).json);
    // Latest change first within a state.
    expect(json.map((a: { name: string }) => a.name)).toEqual([
      'web-alb-latency-high',
      INCIDENT.alarm.name,
      'web-tier-degraded',
      'web-tg-unhealthy-hosts',
    ]);
    expect(json[0]).toMatchObject({ state: 'ALARM', type: 'metric' });
    const none = await aws.call('list_alarms', { region: 'eu-west-1' });
    expect(none.text).toBe('No CloudWatch alarms in eu-west-1.');
  });

  it('names the IAM action when DescribeAlarms is denied', async () => {
    aws.fake.fail({ service: 'monitoring', operation: 'DescribeAlarms', kind: 'accessDenied' });
    const { text, isError } = await aws.call('list_alarms');
    expect(isError).toBe(true);
    expect(text).toContain('cloudwatch:DescribeAlarms');
  });
});

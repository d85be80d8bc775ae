import { INCIDENT } from '@sre-agent/test/fakes/aws/incident-scenario.ts';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();
const { instanceId, reason, description } = INCIDENT.unhealthy;

describe('get_target_health', () => {
  it('shows every target group of a load balancer by name, unhealthy targets first', async () => {
    const { text, isError } = await aws.call('get_target_health', { load_balancer: 'web-alb' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      `web-alb in us-east-1: 2 target group(s), 3 target(s); not healthy: ${instanceId} (unhealthy)`,
    );
    expect(text).toContain('web-tg (HTTP:8080, instance, health check /healthz): 2 healthy, 1 unhealthy');
    const header = lines.findIndex((l) => l.startsWith('TARGET'));
    expect(lines[header + 1]).toMatch(
      new RegExp(`^${instanceId}\\s+8080\\s+us-east-1b\\s+unhealthy\\s+${reason.replace('.', '\\.')}\\s+`),
    );
    expect(lines[header + 1]).toContain(description);
    expect(text).toContain(
      'web-canary-tg (HTTP:8080, instance, health check /healthz): no targets registered',
    );
    expect(aws.fake.count('elasticloadbalancing', 'DescribeTargetHealth')).toBe(2);
  });

  it('takes one target group by ARN, and orders draining and initial before healthy', async () => {
    const { text } = await aws.call('get_target_health', { target_group: INCIDENT.targetGroup.arn });
    expect(text.split('\n')[0]).toContain('1 target group(s), 3 target(s)');
    const internal = await aws.call('get_target_health', { target_group: 'internal-tg', output: 'json' });
    const [group] = JSON.parse(internal.json);
    expect(group.targets.map((t: { state: string }) => t.state)).toEqual(['healthy', 'draining', 'initial']);
    const text2 = (await aws.call('get_target_health', { load_balancer: 'internal-alb' })).text;
    expect(text2.indexOf('10.1.1.22')).toBeLessThan(text2.indexOf('10.1.2.23'));
    expect(text2.indexOf('10.1.2.23')).toBeLessThan(text2.indexOf('10.1.0.21'));
  });

  it('says what exists when a name is wrong, and wants exactly one of the two arguments', async () => {
    const missing = await aws.call('get_target_health', { load_balancer: 'web-alb2' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('Load balancer "web-alb2" not found in us-east-1');
    expect(missing.text).toContain('web-alb, api-nlb, internal-alb');
    const tg = await aws.call('get_target_health', { target_group: 'nope-tg' });
    expect(tg.text).toContain('Target group "nope-tg" not found in us-east-1');
    const both = await aws.call('get_target_health', { load_balancer: 'a', target_group: 'b' });
    expect(both.text).toContain('Pass exactly one of load_balancer or target_group');
    const elsewhere = await aws.call('get_target_health', { load_balancer: 'web-alb', region: 'eu-west-1' });
    expect(elsewhere.text).toContain('There are none in this region: pass region.');
  });

  it('names the IAM action when DescribeTargetHealth is denied', async () => {
    aws.fake.fail({
      service: 'elasticloadbalancing',
      operation: 'DescribeTargetHealth',
      kind: 'accessDenied',
    });
    const { text, isError } = await aws.call('get_target_health', { target_group: 'web-tg' });
    expect(isError).toBe(true);
    expect(text).toContain('elasticloadbalancing:DescribeTargetHealth');
  });
});

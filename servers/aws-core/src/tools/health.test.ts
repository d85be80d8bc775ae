import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';
import { healthEndpointRegion } from './health.js';

const aws = useAwsCoreHarness();

describe('get_aws_health', () => {
  it('lists open and upcoming events, issues first, with affected resources, from us-east-1', async () => {
    const { text, isError } = await aws.call('get_aws_health', { region: undefined });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe(
      '2 open or upcoming AWS Health event(s) in any region; 1 open issue(s).',
    );
    expect(text).toMatch(
      /^EC2\s+AWS_EC2_OPERATIONAL_ISSUE\s+issue\s+open\s+us-east-1\s+40m ago\s+i-0a1b2c3d4e5f60001, i-0a1b2c3d4e5f60002$/m,
    );
    expect(text).toMatch(
      /^RDS\s+AWS_RDS_MAINTENANCE_SCHEDULED\s+scheduledChange\s+upcoming\s+eu-west-1\s+in \d+d/m,
    );
    expect(text).not.toContain('LAMBDA');
    const describe = aws.fake.requests.find((r) => r.operation === 'DescribeEvents');
    expect(describe?.region).toBe('us-east-1');
    expect(JSON.parse(describe?.params.filter ?? '{}')).toEqual({ eventStatusCodes: ['open', 'upcoming'] });
    expect(aws.fake.count('health', 'DescribeAffectedEntities')).toBe(1);
  });

  it('filters by region (plus global events) while still calling the us-east-1 endpoint', async () => {
    const { text } = await aws.call('get_aws_health', { region: 'eu-west-1' });
    expect(text.split('\n')[0]).toBe(
      '1 open or upcoming AWS Health event(s) in eu-west-1 (or global); 0 open issue(s).',
    );
    const describe = aws.fake.requests.find((r) => r.operation === 'DescribeEvents');
    expect(describe?.region).toBe('us-east-1');
    expect(JSON.parse(describe?.params.filter ?? '{}').regions).toEqual(['eu-west-1', 'global']);
    const quiet = await aws.call('get_aws_health', { region: 'us-west-2' });
    expect(quiet.text).toBe(
      'No open or upcoming AWS Health events for this account in us-west-2 (or global).',
    );
    expect(aws.fake.count('health', 'DescribeAffectedEntities')).toBe(1); // none asked for no events
  });

  it('says plainly when the support plan does not include the Health API', async () => {
    aws.fake.fixtures.health.subscribed = false;
    const { text, isError } = await aws.call('get_aws_health');
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^The AWS Health API is not available to this account: it needs a Business, Enterprise On-Ramp or Enterprise Support plan \(SubscriptionRequiredException\)/,
    );
    expect(text).toContain('AWS Health Dashboard');
  });

  it('names the IAM action when it is denied', async () => {
    aws.fake.fail({ service: 'health', operation: 'DescribeAffectedEntities', kind: 'accessDenied' });
    const { text } = await aws.call('get_aws_health');
    expect(text).toContain('may not call health:DescribeAffectedEntities in us-east-1');
  });

  it('works with no region configured at all', async () => {
    await aws.restart({ env: { AWS_REGION: undefined } });
    const { text, isError } = await aws.call('get_aws_health');
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe(
      '2 open or upcoming AWS Health event(s) in any region; 1 open issue(s).',
    );
    expect((await aws.call('list_log_groups')).text).toContain('No AWS region is configured');
  });

  it('uses the Health endpoint of the partition', () => {
    expect(healthEndpointRegion('eu-central-1')).toBe('us-east-1');
    expect(healthEndpointRegion('cn-north-1')).toBe('cn-northwest-1');
    expect(healthEndpointRegion('us-gov-east-1')).toBe('us-gov-west-1');
  });
});

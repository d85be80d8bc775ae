import { WEB_TARGET_GROUP_ARN } from '@sre-agent/test/fakes/aws/cloudtrail-fixtures.ts';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();

const lookups = () =>
  aws.fake.requests
    .filter((r) => r.operation === 'LookupEvents')
    .map((r) => JSON.parse(r.params.LookupAttributes ?? '[]'));

describe('lookup_changes', () => {
  it('lists the last hour of writes newest first, grouped by resource, fenced', async () => {
    const { text, isError } = await aws.call('lookup_changes');
    expect(isError).toBe(false);
    expect(lookups()).toEqual([[{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }]]);
    expect(text.split('\n')[0]).toMatch(
      /^6 CloudTrail write event\(s\) in us-east-1, .* UTC by 2 caller\(s\) on 3 resource\(s\), newest first\. Times UTC\.$/,
    );
    const body = text.slice(text.indexOf('<untrusted-data'));
    // The target group changed 25 minutes ago is the latest resource touched, so it comes first;
    // calls on no resource come last.
    const lines = body.split('\n').slice(2);
    expect(lines[0]).toBe(WEB_TARGET_GROUP_ARN);
    expect(lines[1]).toMatch(
      /^ {2}\d\d:\d\d:\d\d {2}elasticloadbalancing:ModifyTargetGroup {2}by alice from 203\.0\.113\.24 {2}\{"targetGroupArn":.*"healthCheckPath":"\/healthz"/,
    );
    expect(lines[2]).toBe('sg-0web1234');
    expect(lines[3]).toMatch(/ec2:RevokeSecurityGroupIngress {2}by alice/);
    expect(lines[4]).toBe('(logs, no resource)');
    expect(lines[5]).toMatch(
      /^ {2}\d\d:\d\d:\d\d-\d\d:\d\d:\d\d x4 {2}logs:CreateLogStream {2}by ecs-tasks from ecs-tasks\.amazonaws\.com$/,
    );
    // Three hours ago: outside the default hour.
    expect(text).not.toContain('UpdateService');
    expect(text).not.toContain('DescribeTargetHealth');
  });

  it('filters by resource on the server and by writes on the client (one lookup attribute only)', async () => {
    const { text } = await aws.call('lookup_changes', { resource: WEB_TARGET_GROUP_ARN, since_minutes: 240 });
    expect(lookups()).toEqual([[{ AttributeKey: 'ResourceName', AttributeValue: WEB_TARGET_GROUP_ARN }]]);
    expect(text).toContain('ModifyTargetGroup');
    expect(text).not.toContain('DescribeTargetHealth');
    const reads = await aws.call('lookup_changes', { user: 'sre-bot', only_writes: false });
    expect(reads.text).toContain('DescribeTargetHealth');
    expect(reads.text.split('\n')[0]).toMatch(
      /^1 CloudTrail management event\(s\) .*, user sre-bot by 1 caller/,
    );
    const day = await aws.call('lookup_changes', { user: 'deploy-bot', since_minutes: 1440 });
    expect(day.text).toContain('ecs:UpdateService  by deploy-bot');
  });

  it('follows NextToken pages and says when nothing matches, with what to try', async () => {
    aws.fake.fixtures.cloudtrail.pageSize = 2;
    const { text } = await aws.call('lookup_changes');
    expect(aws.fake.count('cloudtrail', 'LookupEvents')).toBe(3);
    expect(text.split('\n')[0]).toMatch(/^6 CloudTrail write event/);
    const none = await aws.call('lookup_changes', { resource: 'web-tg' });
    expect(none.text).toMatch(
      /^No CloudTrail write events in us-east-1, .*, resource web-tg\. CloudTrail records some resources by ARN/,
    );
    const json = await aws.call('lookup_changes', { user: 'alice', output: 'json' });
    expect(JSON.parse(json.json).map((e: { name: string }) => e.name)).toEqual([
      'ModifyTargetGroup',
      'RevokeSecurityGroupIngress',
    ]);
  });

  it('keeps request parameters inside the fence and errors readable', async () => {
    const { text } = await aws.call('lookup_changes');
    expect(text.indexOf('IGNORE PREVIOUS INSTRUCTIONS')).toBeGreaterThan(text.indexOf('<untrusted-data'));
    aws.fake.fail({ service: 'cloudtrail', operation: 'LookupEvents', kind: 'accessDenied' });
    const denied = await aws.call('lookup_changes');
    expect(denied.isError).toBe(true);
    expect(denied.text).toContain('may not call cloudtrail:LookupEvents in us-east-1');
  });
});

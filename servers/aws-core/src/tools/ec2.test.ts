import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';
import { buildFilters } from './ec2.js';

const aws = useAwsCoreHarness();

const rowsOf = (text: string) => text.split('\n').filter((line) => /^i-[0-9a-f]+\s/.test(line));

describe('list_ec2_instances', () => {
  it('follows NextToken through every page and summarises by state', async () => {
    const { text, isError } = await aws.call('list_ec2_instances');
    expect(isError).toBe(false);
    expect(aws.fake.count('ec2', 'DescribeInstances')).toBe(3);
    expect(text.split('\n')[0]).toBe(
      '23 EC2 instance(s) in us-east-1: pending 1, running 16, stopped 5, terminated 1',
    );
    expect(rowsOf(text)).toHaveLength(23);
    expect(text).toMatch(/<untrusted-data id="[0-9a-f]+" source="EC2 instances in us-east-1">/);
    expect(text).toMatch(/^ID\s+NAME\s+TYPE\s+STATE\s+AZ\s+PRIVATE-IP\s+PUBLIC-IP\s+AGE$/m);
    expect(text).toMatch(
      /^i-\w+\s+bastion\s+t3\.micro\s+running\s+us-east-1[abc]\s+10\.1\.\d\.\d+\s+54\.21\.\d+\.\d+\s+400d$/m,
    );
    expect(text).toMatch(/^i-\w+\s+batch-2\s+r5\.2xlarge\s+terminated\s+us-east-1[abc]\s+-\s+-\s+3d$/m);
  });

  it('filters by state and tag on the AWS side', async () => {
    const { text } = await aws.call('list_ec2_instances', { states: ['stopped'], tag: 'team=data' });
    expect(rowsOf(text).map((line) => line.split(/\s+/)[1])).toEqual([
      'worker-1',
      'worker-2',
      'worker-3',
      'worker-4',
      'worker-5',
    ]);
    const sent = aws.fake.requests.find((r) => r.operation === 'DescribeInstances')?.params;
    expect(sent).toMatchObject({
      'Filter.1.Name': 'instance-state-name',
      'Filter.1.Value.1': 'stopped',
      'Filter.2.Name': 'tag:team',
      'Filter.2.Value.1': 'data',
      MaxResults: '1000',
    });
    const wildcard = await aws.call('list_ec2_instances', { tag: 'Name=web-*', region: 'eu-west-1' });
    expect(wildcard.text.split('\n')[0]).toBe('4 EC2 instance(s) in eu-west-1: running 4');
  });

  it('says so when nothing matches', async () => {
    const { text } = await aws.call('list_ec2_instances', { region: 'us-east-2' });
    expect(text).toBe(
      'No EC2 instances match in us-east-2. Other regions: pass region (list_aws_regions lists the enabled ones).',
    );
  });

  it('fits the output budget, keeping the fence closed and saying how to narrow', async () => {
    await aws.restart({ env: { SRE_OUTPUT_BUDGET: '1400' } });
    const { text } = await aws.call('list_ec2_instances');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1400);
    expect(text).toMatch(/<\/untrusted-data id="[0-9a-f]+">\n\[truncated: \d+ more line\(s\) not shown/);
    expect(text).toContain('Narrow with states');
    expect(rowsOf(text).length).toBeGreaterThan(2);
  });

  it('returns the rows as JSON when asked', async () => {
    const { json } = await aws.call('list_ec2_instances', { output: 'json', region: 'us-west-2' });
    const rows = JSON.parse(json) as { name: string; state: string; launchTime: string }[];
    expect(rows.map((r) => r.name)).toEqual(['dr-1', 'dr-2', 'dr-3']);
    expect(rows[0]).toMatchObject({ state: 'stopped', type: 't3.small' });
  });

  it('rejects malformed arguments before calling AWS', async () => {
    const bad = await aws.call('list_ec2_instances', { states: ['sleeping'] });
    expect(bad.isError).toBe(true);
    const region = await aws.call('list_ec2_instances', { region: 'Frankfurt' });
    expect(region).toMatchObject({
      isError: true,
      text: expect.stringContaining('a region looks like "us-east-1"'),
    });
    expect(aws.fake.requests).toHaveLength(0);
  });
});

describe('buildFilters', () => {
  it('turns "key" into a tag-key filter and keeps "=" inside the value', () => {
    expect(buildFilters(undefined, 'owner')).toEqual([{ Name: 'tag-key', Values: ['owner'] }]);
    expect(buildFilters(['running'], 'expr=a=b')).toEqual([
      { Name: 'instance-state-name', Values: ['running'] },
      { Name: 'tag:expr', Values: ['a=b'] },
    ]);
  });
});

// AWS refuses every call in an opt-in region the account has not enabled as if the keys were bad;
// each tool must say what is really wrong. The fake answers such calls as AWS does.
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from './test-harness.js';

const aws = useAwsCoreHarness();

const NOT_ENABLED =
  '"af-south-1" is an opt-in region that is not enabled for this account (opt-in status: not-opted-in), so AWS refuses';
const ENABLE = '`aws account enable-region --region-name af-south-1`';

describe('a region whose opt-in status is not enabled', () => {
  it.each([
    ['get_caller_identity', {}, 'STS GetCallerIdentity there (InvalidClientTokenId)'],
    ['list_aws_regions', {}, 'EC2 DescribeRegions there (AuthFailure)'],
    ['list_ec2_instances', {}, 'EC2 DescribeInstances there (AuthFailure)'],
    ['list_s3_buckets', {}, 'S3 ListBuckets there (InvalidAccessKeyId)'],
    ['list_rds_instances', {}, 'RDS DescribeDBInstances there (InvalidClientTokenId)'],
    ['list_eks_clusters', {}, 'EKS ListClusters there (UnrecognizedClientException)'],
    [
      'describe_eks_cluster',
      { name: 'prod-use1' },
      'EKS DescribeCluster there (UnrecognizedClientException)',
    ],
  ])('%s says the region is not enabled, not that the keys are bad', async (tool, args, refused) => {
    const { text, isError } = await aws.call(tool, { ...args, region: 'af-south-1' });
    expect(isError).toBe(true);
    expect(text).toContain(`${NOT_ENABLED} ${refused}; the credentials are fine.`);
    expect(text).toContain(
      `Pass an enabled region (list_aws_regions lists them), or have an administrator enable af-south-1 (AWS console > Account > AWS Regions, or ${ENABLE})`,
    );
    expect(text).not.toContain('AWS_ACCESS_KEY_ID');
    // The diagnosis is one DescribeRegions in us-east-1, the region that cannot be disabled.
    const probe = aws.fake.requests.find((r) => r.region === 'us-east-1');
    expect(probe).toMatchObject({ operation: 'DescribeRegions', params: { AllRegions: 'true' } });
  });

  it('still answers get_account_summary, because IAM is global', async () => {
    const { text, isError } = await aws.call('get_account_summary', { region: 'af-south-1' });
    expect(isError).toBe(false);
    expect(text).toContain('Account alias: acme-prod');
  });

  it('fails test_aws_connectivity on every check, giving the remedy once', async () => {
    const { text, isError } = await aws.call('test_aws_connectivity', { region: 'af-south-1' });
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('AWS connectivity in af-south-1 (default credentials): failed');
    for (const service of ['sts', 'ec2', 's3'])
      expect(text).toMatch(
        new RegExp(`^${service}\\s+failed\\s+\\d+ms\\s+${NOT_ENABLED.replace(/[()]/g, '\\$&')}`, 'm'),
      );
    expect(lines.at(-1)).toMatch(/^Next: Pass an enabled region/);
    expect(text.split(ENABLE)).toHaveLength(2);
  });

  it('says so for an assumed role too, and when AWS_REGION itself is the disabled region', async () => {
    const viaRole = await aws.call('list_ec2_instances', { region: 'af-south-1', role_name: 'readonly' });
    expect(viaRole.text).toContain(`${NOT_ENABLED} EC2 DescribeInstances`);
    await aws.restart({ env: { AWS_REGION: 'af-south-1' } });
    const { text, isError } = await aws.call('get_caller_identity', { role_name: 'readonly' });
    expect(isError).toBe(true);
    expect(text).toContain(`${NOT_ENABLED} STS AssumeRole there (InvalidClientTokenId)`);
  });

  it('works in an opt-in region that is enabled', async () => {
    const { text, isError } = await aws.call('list_ec2_instances', { region: 'eu-south-1' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^No EC2 instances match in eu-south-1\./);
  });
});

describe('when the region is not the cause', () => {
  it('keeps "credentials are not valid" when the region is enabled', async () => {
    aws.fake.fail({
      service: 'ec2',
      operation: 'DescribeInstances',
      kind: 'invalidToken',
      region: 'eu-west-1',
    });
    const { text } = await aws.call('list_ec2_instances', { region: 'eu-west-1' });
    expect(text).toContain(
      'AWS rejected EC2 DescribeInstances in eu-west-1: the credentials are not valid (AuthFailure',
    );
    expect(aws.fake.count('ec2', 'DescribeRegions')).toBe(1);
  });

  it('keeps the original error when the diagnosis itself is refused', async () => {
    aws.fake.fail({
      service: 'ec2',
      operation: 'DescribeRegions',
      kind: 'accessDenied',
      region: 'us-east-1',
    });
    const { text } = await aws.call('list_rds_instances', { region: 'af-south-1' });
    expect(text).toContain(
      'AWS rejected RDS DescribeDBInstances in af-south-1: the credentials are not valid',
    );
  });
});

// Every tool against an account with nothing in it: a plain answer, never an error or a crash.
import { beforeEach, describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from '../test-harness.js';

const aws = useAwsCoreHarness();
const OTHER_REGIONS = 'Other regions: pass region (list_aws_regions lists the enabled ones).';

beforeEach(() => aws.fake.emptyAccount());

describe('an empty account', () => {
  it('still has an identity, connectivity and regions', async () => {
    expect((await aws.call('get_caller_identity')).text).toContain('Account:     123456789012');
    const connectivity = await aws.call('test_aws_connectivity');
    expect(connectivity.text.split('\n')[0]).toBe('AWS connectivity in us-east-1 (default credentials): ok');
    expect(connectivity.text).toMatch(/^s3\s+ok .*ListBuckets allowed$/m);
    expect((await aws.call('list_aws_regions')).text).toMatch(/^9 region\(s\) enabled/);
  });

  it('summarises IAM with no alias and points at root without MFA', async () => {
    const { text, isError } = await aws.call('get_account_summary');
    expect(isError).toBe(false);
    expect(text).toContain('Account alias: (none set)');
    expect(text).toContain('Root MFA: NOT enabled; root access keys: none');
    expect(text).toMatch(/^Users\s+0\s+5000\s+0%$/m);
    expect(text).toContain('Attention: root user has no MFA.');
  });

  it.each([
    ['list_ec2_instances', `No EC2 instances match in us-east-1. ${OTHER_REGIONS}`],
    ['list_rds_instances', `No RDS DB instances in us-east-1. ${OTHER_REGIONS}`],
    ['list_s3_buckets', 'No S3 buckets.'],
  ])('%s says there is nothing', async (tool, expected) => {
    const { text, isError } = await aws.call(tool);
    expect({ text, isError }).toEqual({ text: expected, isError: false });
    expect((await aws.call(tool, { output: 'json' })).json).toBe('[]');
  });

  it('has no EKS clusters, and says so when one is asked for by name', async () => {
    const list = await aws.call('list_eks_clusters');
    expect(list.text.split('\n')[0]).toBe(`No EKS clusters in us-east-1. ${OTHER_REGIONS}`);
    expect((await aws.call('list_eks_clusters', { output: 'json' })).json).toBe('[]');
    const { text, isError } = await aws.call('describe_eks_cluster', { name: 'prod-use1' });
    expect(isError).toBe(true);
    expect(text).toBe(
      'EKS cluster "prod-use1" not found in us-east-1. There are no EKS clusters in us-east-1. Another region? Pass region, or call list_eks_clusters.',
    );
  });

  it('has no log groups, no changes and no Health events, and says so', async () => {
    expect((await aws.call('list_log_groups')).text).toBe('No log groups match in us-east-1.');
    const query = await aws.call('query_logs', { log_groups: ['/ecs/web'], query: 'limit 5' });
    expect(query.isError).toBe(true);
    expect(query.text).toMatch(/^Log group\(s\) not found in us-east-1: \/ecs\/web\. Call list_log_groups/);
    expect((await aws.call('lookup_changes')).text).toMatch(
      /^No CloudTrail write events in us-east-1, .* UTC\. Other regions: pass region; global services \(IAM, CloudFront\) log in us-east-1\.$/,
    );
    expect((await aws.call('get_aws_health')).text).toBe(
      'No open or upcoming AWS Health events for this account in any region.',
    );
  });

  it('filters S3 by region without error', async () => {
    expect((await aws.call('list_s3_buckets', { region: 'eu-west-1' })).text).toBe(
      'No S3 buckets in eu-west-1.',
    );
  });
});

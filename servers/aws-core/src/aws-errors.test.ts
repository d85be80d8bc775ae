// Each error class, end to end: the fake answers with AWS's real error shape, the real SDK parses
// it, and the tool result must carry a cause and a remedy.
import type { AwsService } from '@sre-agent/test/fakes/aws/aws-fake.ts';
import { describe, expect, it } from 'vitest';
import { useAwsCoreHarness } from './test-harness.js';

const aws = useAwsCoreHarness();

const denied: [
  tool: string,
  args: Record<string, unknown>,
  service: AwsService,
  operation: string,
  action: string,
][] = [
  ['get_caller_identity', {}, 'sts', 'GetCallerIdentity', 'sts:GetCallerIdentity'],
  ['list_aws_regions', {}, 'ec2', 'DescribeRegions', 'ec2:DescribeRegions'],
  ['get_account_summary', {}, 'iam', 'GetAccountSummary', 'iam:GetAccountSummary'],
  ['list_ec2_instances', {}, 'ec2', 'DescribeInstances', 'ec2:DescribeInstances'],
  ['list_s3_buckets', {}, 's3', 'ListBuckets', 's3:ListAllMyBuckets'],
  ['list_rds_instances', {}, 'rds', 'DescribeDBInstances', 'rds:DescribeDBInstances'],
  ['list_eks_clusters', {}, 'eks', 'ListClusters', 'eks:ListClusters'],
  ['describe_eks_cluster', { name: 'prod-use1' }, 'eks', 'DescribeCluster', 'eks:DescribeCluster'],
];

describe('access denied', () => {
  it.each(denied)('%s names the IAM action it needs', async (tool, args, service, operation, action) => {
    aws.fake.fail({ service, operation, kind: 'accessDenied' });
    const { text, isError } = await aws.call(tool, args);
    expect(isError).toBe(true);
    expect(text).toContain(`Access denied: the default credentials may not call ${action} in us-east-1`);
    expect(text).toContain(
      `Grant \`${action}\` to that identity in IAM, or pass a role_name whose role has it.`,
    );
    expect(aws.fake.count(service, operation)).toBe(1); // a refusal is not retried
  });

  it('names the assumed role when it is the one refused', async () => {
    aws.fake.fail({ service: 'rds', operation: 'DescribeDBInstances', kind: 'accessDenied' });
    const { text } = await aws.call('list_rds_instances', { role_name: 'readonly', region: 'eu-west-1' });
    expect(text).toContain(
      'Access denied: role "readonly" (arn:aws:iam::123456789012:role/sre-readonly) may not call rds:DescribeDBInstances in eu-west-1',
    );
  });
});

describe('credentials rejected', () => {
  it('explains expired credentials, and assumes the role again on the next call', async () => {
    await aws.call('list_aws_regions', { role_name: 'readonly' });
    aws.fake.fail({ service: 'ec2', operation: 'DescribeInstances', kind: 'expiredToken', times: 1 });
    const expired = await aws.call('list_ec2_instances', { role_name: 'readonly' });
    expect(expired.isError).toBe(true);
    expect(expired.text).toContain('the credentials of role "readonly"');
    expect(expired.text).toContain('have expired (RequestExpired)');
    expect(expired.text).toContain('Retry: the role is assumed again on the next call.');
    expect((await aws.call('list_ec2_instances', { role_name: 'readonly' })).isError).toBe(false);
    expect(aws.fake.count('sts', 'AssumeRole')).toBe(2);
  });

  it('tells an expired session token of the default credentials to be refreshed', async () => {
    aws.fake.fail({ service: 'iam', operation: 'GetAccountSummary', kind: 'expiredToken' });
    const { text } = await aws.call('get_account_summary');
    expect(text).toContain(
      'AWS rejected IAM GetAccountSummary in us-east-1: the credentials have expired (ExpiredToken).',
    );
    expect(text).toContain('Refresh the credentials (`aws sso login`, or a new session token) and retry.');
  });

  it('reports invalid keys with what to check', async () => {
    aws.fake.fail({ service: 'eks', operation: 'ListClusters', kind: 'invalidToken' });
    const { text } = await aws.call('list_eks_clusters');
    expect(text).toContain(
      'are not valid (UnrecognizedClientException: The security token included in the request is invalid.)',
    );
    expect(text).toContain('AWS_SESSION_TOKEN');
  });
});

describe('throttling and server errors', () => {
  it('retries throttling with backoff and succeeds when it clears', async () => {
    aws.fake.fail({ service: 'ec2', operation: 'DescribeInstances', kind: 'throttling', times: 2 });
    const { text, isError } = await aws.call('list_ec2_instances', { region: 'us-west-2' });
    expect(isError).toBe(false);
    expect(text.split('\n')[0]).toBe('3 EC2 instance(s) in us-west-2: stopped 3');
    expect(aws.fake.count('ec2', 'DescribeInstances')).toBe(3);
  });

  it.each([
    [
      'list_ec2_instances',
      'ec2',
      'DescribeInstances',
      'EC2 DescribeInstances',
      'RequestLimitExceeded',
      undefined,
    ],
    ['list_eks_clusters', 'eks', 'ListClusters', 'EKS ListClusters', 'ThrottlingException', undefined],
    ['get_caller_identity', 'sts', 'GetCallerIdentity', 'STS GetCallerIdentity', 'Throttling', 429],
    ['list_rds_instances', 'rds', 'DescribeDBInstances', 'RDS DescribeDBInstances', 'Throttling', undefined],
  ] as const)(
    '%s gives a clear error when throttling persists',
    async (tool, service, operation, what, code, status) => {
      aws.fake.fail({ service, operation, kind: 'throttling', ...(status ? { error: { status } } : {}) });
      const { text, isError } = await aws.call(tool);
      expect(isError).toBe(true);
      expect(text).toBe(
        `AWS throttled ${what} in us-east-1 (${code}) and it still failed after 4 attempts with backoff. Wait a minute before retrying, and narrow the request (one region, a filter) to make fewer calls.`,
      );
      expect(aws.fake.count(service, operation)).toBe(4);
    },
  );

  it('retries a 5xx, and names the service and region when it persists', async () => {
    aws.fake.fail({ service: 'iam', operation: 'GetAccountSummary', kind: 'serverError', times: 1 });
    expect((await aws.call('get_account_summary')).isError).toBe(false);
    aws.fake.fail({ service: 's3', operation: 'ListBuckets', kind: 'serverError' });
    const { text } = await aws.call('list_s3_buckets');
    expect(text).toContain(
      'AWS S3 ListBuckets in us-east-1 kept failing after 4 attempts (InternalError, HTTP 500).',
    );
    expect(text).toContain('AWS Health Dashboard');
  });
});

describe('regions and endpoints', () => {
  it('calls an unknown region what it is and points at list_aws_regions', async () => {
    for (const tool of ['list_ec2_instances', 'list_s3_buckets', 'list_eks_clusters', 'list_rds_instances']) {
      const { text, isError } = await aws.call(tool, { region: 'us-east-9' });
      expect(isError).toBe(true);
      expect(text).toMatch(
        /^"us-east-9" is not a valid or enabled AWS region for (EC2|S3|EKS|RDS)\. Call list_aws_regions/,
      );
    }
  });

  it('says the endpoint cannot be reached when nothing listens there', async () => {
    await aws.restart({ env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } });
    const { text, isError } = await aws.call('get_caller_identity');
    expect(isError).toBe(true);
    expect(text).toContain('Cannot reach the AWS STS endpoint for us-east-1 (ECONNREFUSED).');
  });
});

// What AWS really answers to a bad signature: the canonical request, session token header included.
const TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENVALUE0123456789abcdef';
const SIGNATURE_MESSAGE = `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.

The Canonical String for this request should have been
'POST
/

content-type:application/x-www-form-urlencoded; charset=utf-8
host:sts.amazonaws.com
x-amz-date:20261125T000000Z
x-amz-security-token:${TOKEN}

content-type;host;x-amz-date;x-amz-security-token
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

The String-to-Sign should have been
'AWS4-HMAC-SHA256
20261125T000000Z
20261125/us-east-1/sts/aws4_request'`;

describe('secrets in AWS error text', () => {
  it('never passes on the canonical request (and its session token) or an access key id', async () => {
    aws.fake.fail({
      service: 'sts',
      operation: 'GetCallerIdentity',
      error: { code: 'SignatureDoesNotMatch', status: 403, message: SIGNATURE_MESSAGE },
      times: 1,
    });
    const bad = await aws.call('get_caller_identity');
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('SignatureDoesNotMatch: The request signature we calculated does not match');
    expect(bad.text).not.toContain(TOKEN);
    expect(bad.text).not.toContain('Canonical String');
    aws.fake.fail({
      service: 'sts',
      operation: 'GetCallerIdentity',
      error: { code: 'Teapot', status: 418, message: 'Key AKIAIOSFODNN7EXAMPLE is not welcome here' },
    });
    const odd = await aws.call('get_caller_identity');
    expect(odd.text).toContain('Key <access key id> is not welcome here');
    expect(odd.text).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

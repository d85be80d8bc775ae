// Each injected error class must reach the real SDK clients under the name and status AWS uses.
import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsFake, type AwsService, type ErrorKind, startAwsFake } from './aws-fake.ts';

let fake: AwsFake;
beforeAll(async () => {
  fake = await startAwsFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const sts = (region = 'us-east-1') => new STSClient(fake.clientConfig(region));
const ec2 = (region = 'us-east-1') => new EC2Client(fake.clientConfig(region));

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

describe('error injection', () => {
  const calls: Record<AwsService, () => Promise<unknown>> = {
    sts: () => sts().send(new GetCallerIdentityCommand({})),
    ec2: () => ec2().send(new DescribeInstancesCommand({})),
    s3: () => new S3Client(fake.clientConfig()).send(new ListBucketsCommand({})),
    rds: () => new RDSClient(fake.clientConfig()).send(new DescribeDBInstancesCommand({})),
    iam: () => new IAMClient(fake.clientConfig()).send(new GetAccountSummaryCommand({})),
    eks: () => new EKSClient(fake.clientConfig()).send(new ListClustersCommand({})),
  };
  const operations: Record<AwsService, string> = {
    sts: 'GetCallerIdentity',
    ec2: 'DescribeInstances',
    s3: 'ListBuckets',
    rds: 'DescribeDBInstances',
    iam: 'GetAccountSummary',
    eks: 'ListClusters',
  };
  const expected: Record<ErrorKind, Record<AwsService, [string, number]>> = {
    accessDenied: {
      sts: ['AccessDenied', 403],
      ec2: ['UnauthorizedOperation', 403],
      s3: ['AccessDenied', 403],
      rds: ['AccessDenied', 403],
      iam: ['AccessDenied', 403],
      eks: ['AccessDeniedException', 403],
    },
    expiredToken: {
      sts: ['ExpiredToken', 403],
      ec2: ['RequestExpired', 400],
      s3: ['ExpiredToken', 400],
      rds: ['ExpiredToken', 403],
      iam: ['ExpiredToken', 403],
      eks: ['ExpiredTokenException', 403],
    },
    invalidToken: {
      sts: ['InvalidClientTokenId', 403],
      ec2: ['AuthFailure', 401],
      s3: ['InvalidAccessKeyId', 403],
      rds: ['InvalidClientTokenId', 403],
      iam: ['InvalidClientTokenId', 403],
      eks: ['UnrecognizedClientException', 403],
    },
    throttling: {
      sts: ['Throttling', 400],
      ec2: ['RequestLimitExceeded', 503],
      s3: ['SlowDown', 503],
      rds: ['Throttling', 400],
      iam: ['Throttling', 400],
      eks: ['ThrottlingException', 429],
    },
    serverError: {
      sts: ['InternalFailure', 500],
      ec2: ['InternalError', 500],
      s3: ['InternalError', 500],
      rds: ['InternalFailure', 500],
      iam: ['InternalFailure', 500],
      eks: ['ServerException', 500],
    },
  };

  for (const [kind, byService] of Object.entries(expected) as [
    ErrorKind,
    Record<AwsService, [string, number]>,
  ][]) {
    it(`renders ${kind} as each service does`, async () => {
      for (const [service, [name, status]] of Object.entries(byService) as [AwsService, [string, number]][]) {
        fake.fail({ service, operation: operations[service], kind, times: 1 });
        const error = await errorOf(calls[service]());
        expect([service, error.name, error.$metadata.httpStatusCode]).toEqual([service, name, status]);
        await calls[service](); // the injection was one-shot
      }
    });
  }

  it('names the IAM action in AccessDenied and can throttle with 429', async () => {
    fake.fail({ service: 's3', operation: 'ListBuckets', kind: 'accessDenied', times: 1 });
    expect((await errorOf(calls.s3())).message).toContain('s3:ListAllMyBuckets');
    fake.fail({
      service: 'sts',
      operation: 'GetCallerIdentity',
      kind: 'throttling',
      error: { status: 429 },
      times: 1,
    });
    const throttled = await errorOf(calls.sts());
    expect(throttled.$metadata.httpStatusCode).toBe(429);
    expect(throttled.name).toBe('Throttling');
  });

  it('lets the SDK retry injected throttling until it clears', async () => {
    fake.fail({ service: 'iam', operation: 'GetAccountSummary', kind: 'throttling', times: 2 });
    const iam = new IAMClient({ ...fake.clientConfig(), maxAttempts: 3, retryMode: 'standard' });
    const out = await iam.send(new GetAccountSummaryCommand({}));
    expect(out.SummaryMap?.Users).toBe(42);
    expect(fake.count('iam', 'GetAccountSummary')).toBe(3);
  });

  it('reports expired assumed-role credentials as ExpiredToken', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/sre-readonly',
        RoleSessionName: 's2',
      }),
    );
    fake.state.issued.get(out.Credentials!.AccessKeyId!)!.expiration = new Date(Date.now() - 1000);
    const client = new EC2Client({
      ...fake.clientConfig(),
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    expect((await errorOf(client.send(new DescribeRegionsCommand({})))).name).toBe('RequestExpired');
  });
});

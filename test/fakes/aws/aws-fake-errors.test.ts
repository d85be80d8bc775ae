// Each injected error class must reach the real SDK clients under the name and status AWS uses.

import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeEventsCommand, HealthClient } from '@aws-sdk/client-health';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { AwsService, ErrorKind } from './aws-fake.ts';
import { errorOf, useAwsFake } from './use-aws-fake.ts';

const aws = useAwsFake();
const { sts, ec2 } = aws;

describe('error injection', () => {
  const calls: Record<AwsService, (region?: string) => Promise<unknown>> = {
    sts: (region) => sts(region).send(new GetCallerIdentityCommand({})),
    ec2: (region) => ec2(region).send(new DescribeInstancesCommand({})),
    s3: (region) => new S3Client(aws.fake.clientConfig(region)).send(new ListBucketsCommand({})),
    rds: (region) => new RDSClient(aws.fake.clientConfig(region)).send(new DescribeDBInstancesCommand({})),
    iam: (region) => new IAMClient(aws.fake.clientConfig(region)).send(new GetAccountSummaryCommand({})),
    eks: (region) => new EKSClient(aws.fake.clientConfig(region)).send(new ListClustersCommand({})),
    logs: (region) =>
      new CloudWatchLogsClient(aws.fake.clientConfig(region)).send(new DescribeLogGroupsCommand({})),
    cloudtrail: (region) =>
      new CloudTrailClient(aws.fake.clientConfig(region)).send(new LookupEventsCommand({})),
    health: (region) => new HealthClient(aws.fake.clientConfig(region)).send(new DescribeEventsCommand({})),
    monitoring: (region) =>
      new CloudWatchClient(aws.fake.clientConfig(region)).send(new DescribeAlarmsCommand({})),
    elasticloadbalancing: (region) =>
      new ElasticLoadBalancingV2Client(aws.fake.clientConfig(region)).send(
        new DescribeTargetGroupsCommand({}),
      ),
  };
  const operations: Record<AwsService, string> = {
    sts: 'GetCallerIdentity',
    ec2: 'DescribeInstances',
    s3: 'ListBuckets',
    rds: 'DescribeDBInstances',
    iam: 'GetAccountSummary',
    eks: 'ListClusters',
    logs: 'DescribeLogGroups',
    cloudtrail: 'LookupEvents',
    health: 'DescribeEvents',
    monitoring: 'DescribeAlarms',
    elasticloadbalancing: 'DescribeTargetGroups',
  };
  const expected: Record<ErrorKind, Record<AwsService, [string, number]>> = {
    accessDenied: {
      sts: ['AccessDenied', 403],
      ec2: ['UnauthorizedOperation', 403],
      s3: ['AccessDenied', 403],
      rds: ['AccessDenied', 403],
      iam: ['AccessDenied', 403],
      eks: ['AccessDeniedException', 403],
      logs: ['AccessDeniedException', 400],
      cloudtrail: ['AccessDeniedException', 400],
      health: ['AccessDeniedException', 400],
      monitoring: ['AccessDenied', 403],
      elasticloadbalancing: ['AccessDenied', 403],
    },
    expiredToken: {
      sts: ['ExpiredToken', 403],
      ec2: ['RequestExpired', 400],
      s3: ['ExpiredToken', 400],
      rds: ['ExpiredToken', 403],
      iam: ['ExpiredToken', 403],
      eks: ['ExpiredTokenException', 403],
      logs: ['ExpiredTokenException', 400],
      cloudtrail: ['ExpiredTokenException', 400],
      health: ['ExpiredTokenException', 400],
      monitoring: ['ExpiredToken', 403],
      elasticloadbalancing: ['ExpiredToken', 403],
    },
    invalidToken: {
      sts: ['InvalidClientTokenId', 403],
      ec2: ['AuthFailure', 401],
      s3: ['InvalidAccessKeyId', 403],
      rds: ['InvalidClientTokenId', 403],
      iam: ['InvalidClientTokenId', 403],
      eks: ['UnrecognizedClientException', 403],
      logs: ['UnrecognizedClientException', 400],
      cloudtrail: ['UnrecognizedClientException', 400],
      health: ['UnrecognizedClientException', 400],
      monitoring: ['InvalidClientTokenId', 403],
      elasticloadbalancing: ['InvalidClientTokenId', 403],
    },
    throttling: {
      sts: ['Throttling', 400],
      ec2: ['RequestLimitExceeded', 503],
      s3: ['SlowDown', 503],
      rds: ['Throttling', 400],
      iam: ['Throttling', 400],
      eks: ['ThrottlingException', 429],
      logs: ['ThrottlingException', 400],
      cloudtrail: ['ThrottlingException', 400],
      health: ['ThrottlingException', 400],
      monitoring: ['Throttling', 400],
      elasticloadbalancing: ['Throttling', 400],
    },
    serverError: {
      sts: ['InternalFailure', 500],
      ec2: ['InternalError', 500],
      s3: ['InternalError', 500],
      rds: ['InternalFailure', 500],
      iam: ['InternalFailure', 500],
      eks: ['ServerException', 500],
      logs: ['ServiceUnavailableException', 500],
      cloudtrail: ['InternalFailure', 500],
      health: ['InternalFailure', 500],
      monitoring: ['InternalFailure', 500],
      elasticloadbalancing: ['InternalFailure', 500],
    },
  };

  for (const [kind, byService] of Object.entries(expected) as [
    ErrorKind,
    Record<AwsService, [string, number]>,
  ][]) {
    it(`renders ${kind} as each service does`, async () => {
      for (const [service, [name, status]] of Object.entries(byService) as [AwsService, [string, number]][]) {
        aws.fake.fail({ service, operation: operations[service], kind, times: 1 });
        const error = await errorOf(calls[service]());
        expect([service, error.name, error.$metadata.httpStatusCode]).toEqual([service, name, status]);
        await calls[service](); // the injection was one-shot
      }
    });
  }

  it('names the IAM action in AccessDenied and can throttle with 429', async () => {
    aws.fake.fail({ service: 's3', operation: 'ListBuckets', kind: 'accessDenied', times: 1 });
    expect((await errorOf(calls.s3())).message).toContain('s3:ListAllMyBuckets');
    // CloudWatch signs as "monitoring"; its IAM actions are "cloudwatch:".
    aws.fake.fail({ service: 'monitoring', operation: 'DescribeAlarms', kind: 'accessDenied', times: 1 });
    expect((await errorOf(calls.monitoring())).message).toContain('cloudwatch:DescribeAlarms');
    aws.fake.fail({
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

  it('refuses calls in an opt-in region the account has not enabled, as each service does', async () => {
    const refusals: [AwsService, string, number][] = [
      ['sts', 'InvalidClientTokenId', 403],
      ['ec2', 'AuthFailure', 401],
      ['s3', 'InvalidAccessKeyId', 403],
      ['rds', 'InvalidClientTokenId', 403],
      ['eks', 'UnrecognizedClientException', 403],
      ['logs', 'UnrecognizedClientException', 400],
      ['cloudtrail', 'UnrecognizedClientException', 400],
      ['monitoring', 'InvalidClientTokenId', 403],
      ['elasticloadbalancing', 'InvalidClientTokenId', 403],
    ];
    for (const [service, name, status] of refusals) {
      const error = await errorOf(calls[service]('af-south-1'));
      expect([service, error.name, error.$metadata.httpStatusCode]).toEqual([service, name, status]);
    }
    // IAM is global: the region a client is set to does not matter to it.
    await calls.iam('af-south-1');
    const all = await ec2().send(
      new DescribeRegionsCommand({
        AllRegions: true,
        Filters: [{ Name: 'region-name', Values: ['af-south-1'] }],
      }),
    );
    expect(all.Regions).toEqual([expect.objectContaining({ OptInStatus: 'not-opted-in' })]);
  });

  it('lets the SDK retry injected throttling until it clears', async () => {
    aws.fake.fail({ service: 'iam', operation: 'GetAccountSummary', kind: 'throttling', times: 2 });
    const iam = new IAMClient({ ...aws.fake.clientConfig(), maxAttempts: 3, retryMode: 'standard' });
    const out = await iam.send(new GetAccountSummaryCommand({}));
    expect(out.SummaryMap?.Users).toBe(42);
    expect(aws.fake.count('iam', 'GetAccountSummary')).toBe(3);
  });

  it('reports expired assumed-role credentials as ExpiredToken', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/sre-readonly',
        RoleSessionName: 's2',
      }),
    );
    aws.fake.state.issued.get(out.Credentials!.AccessKeyId!)!.expiration = new Date(Date.now() - 1000);
    const client = new EC2Client({
      ...aws.fake.clientConfig(),
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    expect((await errorOf(client.send(new DescribeRegionsCommand({})))).name).toBe('RequestExpired');
  });
});

// Proves the fake speaks the real wire protocols: every call goes through the real SDK v3 clients.
import {
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { GetAccountSummaryCommand, IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { DescribeDBInstancesCommand, paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { GetBucketLocationCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorOf, useAwsFake } from './use-aws-fake.ts';

const aws = useAwsFake();
const { sts, ec2 } = aws;

describe('STS', () => {
  it('answers GetCallerIdentity for the static key', async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/sre-bot' });
  });

  it('issues working, expiring credentials from AssumeRole', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/sre-readonly',
        RoleSessionName: 'sre-agent',
      }),
    );
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(out.Credentials!.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const assumed = new STSClient({
      ...aws.fake.clientConfig(),
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    const who = await assumed.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/sre-readonly/sre-agent');
  });

  it('refuses untrusted roles and a missing external id', async () => {
    const untrusted = await errorOf(
      sts().send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/admin', RoleSessionName: 's1' }),
      ),
    );
    expect(untrusted.name).toBe('AccessDenied');
    expect(untrusted.message).toContain('sts:AssumeRole');
    const noExternalId = await errorOf(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::210987654321:role/sre-readonly',
          RoleSessionName: 's1',
        }),
      ),
    );
    expect(noExternalId.name).toBe('AccessDenied');
  });

  it('rejects unknown keys and unknown regions', async () => {
    const client = new STSClient({
      ...aws.fake.clientConfig(),
      credentials: { accessKeyId: 'AKIANOPE', secretAccessKey: 'x' },
    });
    expect((await errorOf(client.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    const badRegion = await errorOf(sts('us-east-9').send(new GetCallerIdentityCommand({})));
    expect(badRegion.message).toContain('valid region');
  });

  it('honours AWS_ENDPOINT_URL_STS', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, aws.fake.env('eu-west-1'));
    try {
      const out = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('123456789012');
      expect(aws.fake.requests.at(-1)?.region).toBe('eu-west-1');
    } finally {
      process.env = saved;
    }
  });
});

describe('EC2', () => {
  it('pages DescribeInstances with MaxResults and NextToken', async () => {
    const instances = [];
    let pages = 0;
    for await (const page of paginateDescribeInstances({ client: ec2() }, { MaxResults: 1000 })) {
      pages++;
      for (const r of page.Reservations ?? []) instances.push(...(r.Instances ?? []));
    }
    expect(pages).toBe(3);
    expect(instances).toHaveLength(23);
    expect(aws.fake.count('ec2', 'DescribeInstances')).toBe(3);
    const bastion = instances.find((i) => i.Tags?.some((t) => t.Key === 'Name' && t.Value === 'bastion'));
    expect(bastion).toMatchObject({ State: { Name: 'running', Code: 16 }, InstanceType: 't3.micro' });
    expect(bastion?.PublicIpAddress).toMatch(/^54\./);
    expect(bastion?.LaunchTime).toBeInstanceOf(Date);
    expect(bastion?.Placement?.AvailabilityZone).toMatch(/^us-east-1[abc]$/);
  });

  it('returns everything without MaxResults, and applies Filters with wildcards', async () => {
    const all = await ec2('eu-west-1').send(new DescribeInstancesCommand({}));
    expect(all.NextToken).toBeUndefined();
    expect(all.Reservations).toHaveLength(7);
    const out = await ec2().send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-state-name', Values: ['stopped', 'pending'] },
          { Name: 'tag:Name', Values: ['worker-*', 'batch-?'] },
        ],
      }),
    );
    const names = out.Reservations?.flatMap((r) => r.Instances ?? []).map(
      (i) => i.Tags?.find((t) => t.Key === 'Name')?.Value,
    );
    expect(names?.sort()).toEqual(['batch-1', 'worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5']);
  });

  it('reports a bad filter in the EC2 error shape', async () => {
    const error = await errorOf(
      ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    );
    expect(error.name).toBe('InvalidParameterValue');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('lists enabled regions, or all of them with AllRegions', async () => {
    const enabled = await ec2().send(new DescribeRegionsCommand({}));
    const names = enabled.Regions?.map((r) => r.RegionName);
    expect(names).toContain('eu-south-1');
    expect(names).not.toContain('af-south-1');
    const all = await ec2().send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions?.find((r) => r.RegionName === 'af-south-1')?.OptInStatus).toBe('not-opted-in');
  });
});

describe('S3', () => {
  const s3 = () => new S3Client(aws.fake.clientConfig());

  it('lists buckets, with BucketRegion only when a listing parameter is sent', async () => {
    const plain = await s3().send(new ListBucketsCommand({}));
    expect(plain.Buckets).toHaveLength(6);
    expect(plain.Buckets?.[0]?.BucketRegion).toBeUndefined();
    expect(plain.Buckets?.[0]?.CreationDate).toBeInstanceOf(Date);
    const paged = await s3().send(new ListBucketsCommand({ MaxBuckets: 4 }));
    expect(paged.Buckets).toHaveLength(4);
    expect(paged.Buckets?.[0]?.BucketRegion).toBeDefined();
    const rest = await s3().send(
      new ListBucketsCommand({ MaxBuckets: 4, ContinuationToken: paged.ContinuationToken }),
    );
    expect(rest.Buckets).toHaveLength(2);
    expect(rest.ContinuationToken).toBeUndefined();
  });

  it('answers GetBucketLocation, including the legacy EU and empty us-east-1 constraints', async () => {
    const eu = await s3().send(new GetBucketLocationCommand({ Bucket: 'acme-legacy-eu' }));
    expect(eu.LocationConstraint).toBe('EU');
    const use1 = await s3().send(new GetBucketLocationCommand({ Bucket: 'acme-prod-logs' }));
    expect(use1.LocationConstraint ?? '').toBe('');
    const missing = await errorOf(s3().send(new GetBucketLocationCommand({ Bucket: 'nope' })));
    expect(missing.name).toBe('NoSuchBucket');
  });
});

describe('RDS and IAM', () => {
  it('pages DescribeDBInstances with Marker', async () => {
    aws.fake.state.pageSizes.rds = 4;
    const ids = [];
    for await (const page of paginateDescribeDBInstances(
      { client: new RDSClient(aws.fake.clientConfig()) },
      { MaxRecords: 100 },
    )) {
      ids.push(...(page.DBInstances ?? []).map((d) => d.DBInstanceIdentifier));
    }
    expect(ids).toHaveLength(6);
    expect(aws.fake.count('rds', 'DescribeDBInstances')).toBe(2);
    const eu = await new RDSClient(aws.fake.clientConfig('eu-west-1')).send(
      new DescribeDBInstancesCommand({}),
    );
    expect(eu.DBInstances?.[0]).toMatchObject({ Engine: 'postgres', MultiAZ: true, AllocatedStorage: 100 });
  });

  it('answers GetAccountSummary and ListAccountAliases', async () => {
    const iam = new IAMClient(aws.fake.clientConfig());
    const summary = await iam.send(new GetAccountSummaryCommand({}));
    expect(summary.SummaryMap).toMatchObject({ Users: 42, RolesQuota: 1000, AccountMFAEnabled: 1 });
    const aliases = await iam.send(new ListAccountAliasesCommand({}));
    expect(aliases).toMatchObject({ AccountAliases: ['acme-prod'], IsTruncated: false });
  });
});

describe('EKS', () => {
  const eks = (region = 'us-east-1') => new EKSClient(aws.fake.clientConfig(region));

  it('lists and describes clusters and node groups', async () => {
    expect((await eks().send(new ListClustersCommand({}))).clusters).toEqual(['prod-use1', 'staging-use1']);
    const { cluster } = await eks().send(new DescribeClusterCommand({ name: 'prod-use1' }));
    expect(cluster).toMatchObject({
      version: '1.30',
      status: 'ACTIVE',
      resourcesVpcConfig: { endpointPublicAccess: true },
    });
    expect(cluster?.createdAt).toBeInstanceOf(Date);
    expect(cluster?.arn).toBe('arn:aws:eks:us-east-1:123456789012:cluster/prod-use1');
    const { nodegroups } = await eks().send(new ListNodegroupsCommand({ clusterName: 'prod-use1' }));
    expect(nodegroups).toEqual(['general', 'spot-batch']);
    const { nodegroup } = await eks().send(
      new DescribeNodegroupCommand({ clusterName: 'prod-use1', nodegroupName: 'spot-batch' }),
    );
    expect(nodegroup).toMatchObject({
      status: 'DEGRADED',
      capacityType: 'SPOT',
      scalingConfig: { desiredSize: 4 },
    });
    expect(nodegroup?.health?.issues?.[0]?.code).toBe('AsgInstanceLaunchFailures');
  });

  it('pages ListClusters and reports a missing cluster', async () => {
    aws.fake.state.pageSizes.eks = 1;
    const first = await eks().send(new ListClustersCommand({}));
    expect(first.clusters).toEqual(['prod-use1']);
    const second = await eks().send(new ListClustersCommand({ nextToken: first.nextToken }));
    expect(second).toMatchObject({ clusters: ['staging-use1'] });
    expect(second.nextToken).toBeUndefined();
    const error = await errorOf(eks('eu-west-1').send(new DescribeClusterCommand({ name: 'prod-use1' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('account state', () => {
  it('turns into an empty account on request, and reset() restores the fixtures', async () => {
    aws.fake.emptyAccount();
    const s3 = new S3Client(aws.fake.clientConfig());
    expect((await ec2().send(new DescribeInstancesCommand({}))).Reservations ?? []).toEqual([]);
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    const eks = new EKSClient(aws.fake.clientConfig());
    expect((await eks.send(new ListClustersCommand({}))).clusters).toEqual([]);
    const iam = new IAMClient(aws.fake.clientConfig());
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
    expect(summary).toMatchObject({ Users: 0, UsersQuota: 5000, AccountMFAEnabled: 0 });
    aws.fake.reset();
    expect((await s3.send(new ListBucketsCommand({}))).Buckets).toHaveLength(6);
  });
});

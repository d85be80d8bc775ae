// The SDK clients this server calls. Adding a service (CloudWatch, Logs, ELBv2, CloudTrail,
// Health) is an entry here plus its two type lines: the foundation configures the client
// (credentials, role, retries, endpoint), `session.call('<name>', 'Operation', run)` runs it and
// maps its errors. The loads are lazy: no SDK module is imported before a tool calls its service.
import type * as CloudTrail from '@aws-sdk/client-cloudtrail';
import type * as CloudWatch from '@aws-sdk/client-cloudwatch';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as Eks from '@aws-sdk/client-eks';
import type * as Elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as Health from '@aws-sdk/client-health';
import type * as Iam from '@aws-sdk/client-iam';
import type * as Rds from '@aws-sdk/client-rds';
import type * as S3 from '@aws-sdk/client-s3';
import type * as Sts from '@aws-sdk/client-sts';
import type { AwsClientConfig } from '@sre-agent/aws-shared';

/** The SDK module of each service (spelled out: declaration files cannot hold the inferred type). */
export interface AwsSdk {
  sts: typeof Sts;
  ec2: typeof Ec2;
  s3: typeof S3;
  rds: typeof Rds;
  iam: typeof Iam;
  eks: typeof Eks;
  cloudwatch: typeof CloudWatch;
  elasticloadbalancing: typeof Elbv2;
  logs: typeof Logs;
  cloudtrail: typeof CloudTrail;
  health: typeof Health;
}

export interface AwsSdkClients {
  sts: Sts.STSClient;
  ec2: Ec2.EC2Client;
  s3: S3.S3Client;
  rds: Rds.RDSClient;
  iam: Iam.IAMClient;
  eks: Eks.EKSClient;
  cloudwatch: CloudWatch.CloudWatchClient;
  elasticloadbalancing: Elbv2.ElasticLoadBalancingV2Client;
  logs: Logs.CloudWatchLogsClient;
  cloudtrail: CloudTrail.CloudTrailClient;
  health: Health.HealthClient;
}

export type AwsServiceName = keyof AwsSdk;

interface ServiceEntry<Sdk, Client> {
  /** The SDK's service id; it names the AWS_ENDPOINT_URL_<ID> override. */
  serviceId: string;
  load: () => Promise<Sdk>;
  create: (sdk: Sdk, config: AwsClientConfig) => Client;
}

/** Keyed by IAM prefix, so an AccessDenied names `<key>:<Operation>`. */
export const AWS_SERVICES: { [S in AwsServiceName]: ServiceEntry<AwsSdk[S], AwsSdkClients[S]> } = {
  sts: {
    serviceId: 'STS',
    load: () => import('@aws-sdk/client-sts'),
    create: (sdk, config) => new sdk.STSClient(config),
  },
  ec2: {
    serviceId: 'EC2',
    load: () => import('@aws-sdk/client-ec2'),
    create: (sdk, config) => new sdk.EC2Client(config),
  },
  s3: {
    serviceId: 'S3',
    load: () => import('@aws-sdk/client-s3'),
    create: (sdk, config) => new sdk.S3Client(config),
  },
  rds: {
    serviceId: 'RDS',
    load: () => import('@aws-sdk/client-rds'),
    create: (sdk, config) => new sdk.RDSClient(config),
  },
  iam: {
    serviceId: 'IAM',
    load: () => import('@aws-sdk/client-iam'),
    create: (sdk, config) => new sdk.IAMClient(config),
  },
  eks: {
    serviceId: 'EKS',
    load: () => import('@aws-sdk/client-eks'),
    create: (sdk, config) => new sdk.EKSClient(config),
  },
  cloudwatch: {
    serviceId: 'CloudWatch',
    load: () => import('@aws-sdk/client-cloudwatch'),
    create: (sdk, config) => new sdk.CloudWatchClient(config),
  },
  elasticloadbalancing: {
    serviceId: 'Elastic Load Balancing v2',
    load: () => import('@aws-sdk/client-elastic-load-balancing-v2'),
    create: (sdk, config) => new sdk.ElasticLoadBalancingV2Client(config),
  },
  logs: {
    serviceId: 'CloudWatch Logs',
    load: () => import('@aws-sdk/client-cloudwatch-logs'),
    create: (sdk, config) => new sdk.CloudWatchLogsClient(config),
  },
  cloudtrail: {
    serviceId: 'CloudTrail',
    load: () => import('@aws-sdk/client-cloudtrail'),
    create: (sdk, config) => new sdk.CloudTrailClient(config),
  },
  // One endpoint per partition (us-east-1 for aws): the get_aws_health tool opens its session there.
  health: {
    serviceId: 'Health',
    load: () => import('@aws-sdk/client-health'),
    create: (sdk, config) => new sdk.HealthClient(config),
  },
};

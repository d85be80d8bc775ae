// The SDK clients this server calls, one line each. Adding a service (CloudWatch, Logs, ELBv2,
// CloudTrail, Health) is one entry here: the foundation configures the client (credentials,
// role, retries, endpoint), `session.call('<name>', 'Operation', run)` runs and maps it. The
// loads are lazy: no SDK module is imported before a tool calls its service.
import type { AwsClientConfig } from '@sre-agent/aws-shared';

interface ServiceEntry<Sdk, Client> {
  /** The SDK's service id; it names the AWS_ENDPOINT_URL_<ID> override. */
  serviceId: string;
  load: () => Promise<Sdk>;
  create: (sdk: Sdk, config: AwsClientConfig) => Client;
}

const entry = <Sdk, Client>(service: ServiceEntry<Sdk, Client>) => service;

/** Keyed by IAM prefix, so an AccessDenied names `<key>:<Operation>`. */
export const AWS_SERVICES = {
  sts: entry({
    serviceId: 'STS',
    load: () => import('@aws-sdk/client-sts'),
    create: (sdk, config) => new sdk.STSClient(config),
  }),
  ec2: entry({
    serviceId: 'EC2',
    load: () => import('@aws-sdk/client-ec2'),
    create: (sdk, config) => new sdk.EC2Client(config),
  }),
  s3: entry({
    serviceId: 'S3',
    load: () => import('@aws-sdk/client-s3'),
    create: (sdk, config) => new sdk.S3Client(config),
  }),
  rds: entry({
    serviceId: 'RDS',
    load: () => import('@aws-sdk/client-rds'),
    create: (sdk, config) => new sdk.RDSClient(config),
  }),
  iam: entry({
    serviceId: 'IAM',
    load: () => import('@aws-sdk/client-iam'),
    create: (sdk, config) => new sdk.IAMClient(config),
  }),
  eks: entry({
    serviceId: 'EKS',
    load: () => import('@aws-sdk/client-eks'),
    create: (sdk, config) => new sdk.EKSClient(config),
  }),
};

export type AwsServiceName = keyof typeof AWS_SERVICES;
/** The SDK module of each service. */
export type AwsSdk = { [S in AwsServiceName]: Awaited<ReturnType<(typeof AWS_SERVICES)[S]['load']>> };
export type AwsSdkClients = { [S in AwsServiceName]: ReturnType<(typeof AWS_SERVICES)[S]['create']> };

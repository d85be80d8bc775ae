// The fixed vocabulary of the fake bill: real AWS service names, a handful of named linked accounts,
// regions with their console descriptions, and the tags and cost category the ledger uses.

export interface AccountInfo {
  id: string;
  name: string;
}

export const ACCOUNTS: readonly AccountInfo[] = [
  { id: '111111111111', name: 'payments-prod' },
  { id: '222222222222', name: 'payments-staging' },
  { id: '333333333333', name: 'data-platform' },
  { id: '444444444444', name: 'shared-services' },
  { id: '555555555555', name: 'ml-research' },
  { id: '666666666666', name: 'sandbox' },
];

export const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  global: 'Global',
};

export const REGION_PREFIX: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-west-2': 'USW2',
  'eu-west-1': 'EU',
  'ap-southeast-1': 'APS1',
  global: 'Global',
};

/** How a service's cost behaves over time; the ledger turns this into daily line items. */
export interface ServiceSpec {
  name: string;
  /** Rough dollars per day across all of the service's line items at the start of the ledger. */
  daily: number;
  /** Month-over-month growth, e.g. 0.05 for +5% a month. */
  growth: number;
  /** Multiplier applied on Saturdays and Sundays (autoscaled compute is cheaper at weekends). */
  weekend: number;
  usage: readonly string[];
  instanceTypes?: readonly string[];
  /** Charged once, on the first day of each month (support plans, tax). */
  monthly?: boolean;
  /** Only in these regions (default: any of the four real regions). */
  regions?: readonly string[];
  /** Ledger month index (0 = first month) from which the service appears. */
  fromMonth?: number;
  /** Ledger month index after which the service disappears. */
  untilMonth?: number;
  /** Share of cost covered by Savings Plans (compute services). */
  savingsPlans?: number;
  /** Share of instance hours covered by reservations. */
  reserved?: number;
  recordType?: string;
}

const EC2_TYPES = ['m5.large', 'm5.xlarge', 'c5.2xlarge', 'r5.large', 't3.medium', 'm6g.large'];

export const SERVICES: readonly ServiceSpec[] = [
  {
    name: 'Amazon Elastic Compute Cloud - Compute',
    daily: 1400,
    growth: 0.03,
    weekend: 0.7,
    usage: ['BoxUsage'],
    instanceTypes: EC2_TYPES,
    savingsPlans: 0.55,
    reserved: 0.2,
  },
  {
    name: 'EC2 - Other',
    daily: 260,
    growth: 0.02,
    weekend: 0.95,
    usage: ['EBS:VolumeUsage.gp3', 'NatGateway-Hours'],
  },
  {
    name: 'Amazon Relational Database Service',
    daily: 620,
    growth: 0.01,
    weekend: 1,
    usage: ['InstanceUsage'],
    instanceTypes: ['db.r6g.large', 'db.m5.xlarge', 'db.t3.medium'],
    reserved: 0.5,
  },
  {
    name: 'Amazon Simple Storage Service',
    daily: 310,
    growth: 0.04,
    weekend: 1,
    usage: ['TimedStorage-ByteHrs', 'Requests-Tier1'],
  },
  {
    name: 'Amazon Elastic Kubernetes Service',
    daily: 72,
    growth: 0.0,
    weekend: 1,
    usage: ['AmazonEKS-Hours:perCluster'],
  },
  {
    name: 'Amazon ElastiCache',
    daily: 150,
    growth: 0.0,
    weekend: 1,
    usage: ['NodeUsage'],
    instanceTypes: ['cache.r6g.large', 'cache.m5.large'],
    reserved: 0.3,
  },
  {
    name: 'AWS Lambda',
    daily: 95,
    growth: 0.06,
    weekend: 0.6,
    usage: ['Lambda-GB-Second', 'Request'],
    savingsPlans: 0.4,
  },
  {
    name: 'Amazon CloudFront',
    daily: 120,
    growth: 0.02,
    weekend: 1.15,
    usage: ['DataTransfer-Out-Bytes'],
    regions: ['global'],
  },
  {
    name: 'Amazon DynamoDB',
    daily: 140,
    growth: 0.05,
    weekend: 0.8,
    usage: ['ReadCapacityUnit-Hrs', 'TimedStorage-ByteHrs'],
  },
  { name: 'Amazon Virtual Private Cloud', daily: 55, growth: 0.01, weekend: 1, usage: ['VpcEndpoint-Hours'] },
  {
    name: 'AmazonCloudWatch',
    daily: 85,
    growth: 0.02,
    weekend: 1,
    usage: ['CW:MetricMonitorUsage', 'DataProcessing-Bytes'],
  },
  {
    name: 'Amazon Elastic Load Balancing',
    daily: 65,
    growth: 0.0,
    weekend: 1,
    usage: ['LoadBalancerUsage', 'LCUUsage'],
  },
  { name: 'Amazon OpenSearch Service', daily: 110, growth: 0.0, weekend: 1, usage: ['ESInstance:r6g.large'] },
  { name: 'Amazon Simple Queue Service', daily: 12, growth: 0.03, weekend: 0.8, usage: ['Requests-RBP'] },
  {
    name: 'Amazon Simple Notification Service',
    daily: 4,
    growth: 0.0,
    weekend: 1,
    usage: ['Requests-Tier1'],
  },
  { name: 'AWS Key Management Service', daily: 9, growth: 0.0, weekend: 1, usage: ['KMS-Requests'] },
  {
    name: 'Amazon Route 53',
    daily: 6,
    growth: 0.0,
    weekend: 1,
    usage: ['HostedZone', 'DNS-Queries'],
    regions: ['global'],
  },
  { name: 'AWS Glue', daily: 48, growth: 0.02, weekend: 0.5, usage: ['ETL-DPU-Hour'] },
  { name: 'Amazon Athena', daily: 22, growth: 0.04, weekend: 0.4, usage: ['DataScannedInTB'] },
  { name: 'Amazon Redshift', daily: 190, growth: -0.02, weekend: 1, usage: ['Node:ra3.xlplus'] },
  { name: 'Amazon Kinesis', daily: 38, growth: 0.0, weekend: 1, usage: ['ShardHour'] },
  { name: 'AWS Secrets Manager', daily: 5, growth: 0.01, weekend: 1, usage: ['AWSSecretsManager-Secrets'] },
  { name: 'AWS Config', daily: 14, growth: 0.0, weekend: 1, usage: ['ConfigurationItemRecorded'] },
  { name: 'AWS CloudTrail', daily: 7, growth: 0.0, weekend: 1, usage: ['PaidEventsRecorded'] },
  { name: 'Amazon GuardDuty', daily: 26, growth: 0.01, weekend: 1, usage: ['PaidEventsAnalyzed'] },
  { name: 'AWS WAF', daily: 11, growth: 0.0, weekend: 1, usage: ['WebACL', 'Request'] },
  { name: 'Amazon API Gateway', daily: 33, growth: 0.03, weekend: 0.7, usage: ['ApiGatewayRequest'] },
  { name: 'AWS Step Functions', daily: 8, growth: 0.02, weekend: 0.6, usage: ['StateTransition'] },
  {
    name: 'Amazon Elastic File System',
    daily: 29,
    growth: 0.02,
    weekend: 1,
    usage: ['TimedStorage-ByteHrs'],
  },
  {
    name: 'Amazon EC2 Container Registry (ECR)',
    daily: 10,
    growth: 0.02,
    weekend: 1,
    usage: ['TimedStorage-ByteHrs'],
  },
  {
    name: 'Amazon Elastic Container Service',
    daily: 58,
    growth: 0.01,
    weekend: 0.8,
    usage: ['Fargate-vCPU-Hours:perCPU'],
  },
  { name: 'AWS Backup', daily: 21, growth: 0.03, weekend: 1, usage: ['WarmStorage-ByteHrs'] },
  {
    name: 'Amazon SageMaker',
    daily: 130,
    growth: 0.07,
    weekend: 0.5,
    usage: ['Notebk:ml.t3.medium', 'Train:ml.g5.xlarge'],
  },
  {
    name: 'Amazon Bedrock',
    daily: 160,
    growth: 0.15,
    weekend: 0.6,
    usage: ['InputTokenCount', 'OutputTokenCount'],
    fromMonth: 10,
  },
  { name: 'Amazon Simple Email Service', daily: 3, growth: 0.0, weekend: 1, usage: ['Recipients'] },
  { name: 'AWS Systems Manager', daily: 4, growth: 0.0, weekend: 1, usage: ['PA-Advanced-Instances'] },
  { name: 'Amazon Cognito', daily: 6, growth: 0.02, weekend: 1, usage: ['CognitoUserPoolsMAU'] },
  {
    name: 'Amazon MQ',
    daily: 25,
    growth: 0.0,
    weekend: 1,
    usage: ['BrokerUsage:mq.m5.large'],
    untilMonth: 11,
  },
  { name: 'AWS Security Hub', daily: 9, growth: 0.01, weekend: 1, usage: ['PaidComplianceCheck'] },
  {
    name: 'AWS Support (Business)',
    daily: 9000,
    growth: 0.02,
    weekend: 1,
    usage: ['Dollar'],
    monthly: true,
    regions: ['global'],
  },
  {
    name: 'Tax',
    daily: 1800,
    growth: 0.02,
    weekend: 1,
    usage: ['Tax:USD'],
    monthly: true,
    regions: ['global'],
    recordType: 'Tax',
  },
];

/**
 * Opt-in (`credits: true`) lines below zero, as real bills carry them: a monthly promotional credit
 * against EC2, and a refund for Amazon MQ a month after it was turned off, which leaves that
 * service negative for the month.
 */
export const CREDITS: readonly ServiceSpec[] = [
  {
    name: 'Amazon Elastic Compute Cloud - Compute',
    daily: -3000,
    growth: 0,
    weekend: 1,
    usage: ['Credit'],
    monthly: true,
    regions: ['global'],
    recordType: 'Credit',
  },
  {
    name: 'Amazon MQ',
    daily: -400,
    growth: 0,
    weekend: 1,
    usage: ['Refund'],
    monthly: true,
    regions: ['global'],
    fromMonth: 13,
    untilMonth: 13,
    recordType: 'Refund',
  },
];

export const TAG_KEYS = ['env', 'team'] as const;
export const TEAMS = ['payments', 'data', 'platform', 'ml'] as const;
export const ENVS = ['prod', 'staging', 'dev'] as const;

/** The one cost category in the fake: business unit, derived from the team tag. */
export const COST_CATEGORY = 'BusinessUnit';
export const BUSINESS_UNIT_BY_TEAM: Readonly<Record<string, string>> = {
  payments: 'Fintech',
  data: 'Analytics',
  ml: 'Analytics',
  platform: 'Core',
};

export const MONITOR_ARN = 'arn:aws:ce::111111111111:anomalymonitor/7f1c0c1e-services-monitor';

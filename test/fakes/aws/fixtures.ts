// Fixture data for the AWS fakes: one account with resources in three regions, shaped like what
// the APIs return. Dates are relative to the moment the fixtures are built so ages stay stable.

import { type CloudTrailFixtures, cloudTrailFixtures } from './cloudtrail-fixtures.ts';
import { type CloudWatchFixtures, cloudWatchFixtures } from './cloudwatch-fixtures.ts';
import { daysAgo } from './days-ago.ts';
import { type EksCluster, eksFixtures } from './eks-fixtures.ts';
import { type Elbv2Fixtures, elbv2Fixtures } from './elbv2-fixtures.ts';
import { type HealthFixtures, healthFixtures } from './health-fixtures.ts';
import { type LogsFixtures, logsFixtures } from './logs-fixtures.ts';

export { ACCOUNT_ID } from './account-id.ts';
export type { EksCluster, EksNodegroup } from './eks-fixtures.ts';
export const DATA_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'] as const;

export interface Ec2Instance {
  instanceId: string;
  reservationId: string;
  instanceType: string;
  state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  availabilityZone: string;
  privateIpAddress?: string;
  publicIpAddress?: string;
  launchTime: Date;
  imageId: string;
  tags: Record<string, string>;
}

export interface RdsInstance {
  id: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  status: string;
  multiAZ: boolean;
  allocatedStorage: number;
  storageType: string;
  availabilityZone: string;
  createdAt: Date;
}

export interface S3Bucket {
  name: string;
  region: string;
  createdAt: Date;
  /** What GetBucketLocation answers when it is not simply the region (old EU buckets say `EU`). */
  locationConstraint?: string;
}

export interface RegionInfo {
  regionName: string;
  optInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
}

export interface AwsFixtures {
  regions: RegionInfo[];
  ec2: Record<string, Ec2Instance[]>;
  rds: Record<string, RdsInstance[]>;
  s3: S3Bucket[];
  eks: Record<string, EksCluster[]>;
  iamSummary: Record<string, number>;
  accountAliases: string[];
  logs: LogsFixtures;
  cloudtrail: CloudTrailFixtures;
  health: HealthFixtures;
  cloudwatch: CloudWatchFixtures;
  elbv2: Elbv2Fixtures;
}

const REGION_NAMES: [string, RegionInfo['optInStatus']][] = [
  ['us-east-1', 'opt-in-not-required'],
  ['us-east-2', 'opt-in-not-required'],
  ['us-west-1', 'opt-in-not-required'],
  ['us-west-2', 'opt-in-not-required'],
  ['eu-west-1', 'opt-in-not-required'],
  ['eu-central-1', 'opt-in-not-required'],
  ['ap-southeast-1', 'opt-in-not-required'],
  ['ap-northeast-1', 'opt-in-not-required'],
  ['eu-south-1', 'opted-in'],
  ['af-south-1', 'not-opted-in'],
  ['me-south-1', 'not-opted-in'],
];

interface InstanceSpec {
  name: string;
  type: string;
  state: Ec2Instance['state'];
  team: string;
  env: string;
  age: number;
  publicIp?: boolean;
}

function fleet(prefix: string, count: number, spec: Omit<InstanceSpec, 'name'>): InstanceSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    ...spec,
    name: `${prefix}-${i + 1}`,
    age: spec.age + i,
  }));
}

function buildInstances(region: string, regionIndex: number, specs: InstanceSpec[]): Ec2Instance[] {
  const azs = ['a', 'b', 'c'];
  return specs.map((spec, i) => {
    const serial = (regionIndex * 100 + i).toString(16).padStart(4, '0');
    const running = spec.state === 'running';
    return {
      instanceId: `i-0abc${regionIndex}${serial}def012345`.slice(0, 19),
      reservationId: `r-0abc${regionIndex}${serial}def01234`.slice(0, 19),
      instanceType: spec.type,
      state: spec.state,
      availabilityZone: `${region}${azs[i % 3]}`,
      privateIpAddress: spec.state === 'terminated' ? undefined : `10.${regionIndex}.${i % 3}.${10 + i}`,
      publicIpAddress: running && spec.publicIp ? `54.${20 + regionIndex}.${i}.${100 + i}` : undefined,
      launchTime: daysAgo(spec.age),
      imageId: `ami-0fake${regionIndex}${serial}`,
      tags: { Name: spec.name, env: spec.env, team: spec.team },
    };
  });
}

function ec2Fixtures(): Record<string, Ec2Instance[]> {
  const useast1: InstanceSpec[] = [
    ...fleet('web', 8, { type: 't3.medium', state: 'running', team: 'storefront', env: 'prod', age: 12 }),
    ...fleet('api', 6, { type: 'm5.large', state: 'running', team: 'platform', env: 'prod', age: 30 }),
    ...fleet('worker', 5, { type: 'c5.xlarge', state: 'stopped', team: 'data', env: 'prod', age: 90 }),
    {
      name: 'bastion',
      type: 't3.micro',
      state: 'running',
      team: 'sre',
      env: 'prod',
      age: 400,
      publicIp: true,
    },
    { name: 'batch-1', type: 'r5.2xlarge', state: 'pending', team: 'data', env: 'prod', age: 0 },
    { name: 'batch-2', type: 'r5.2xlarge', state: 'terminated', team: 'data', env: 'prod', age: 3 },
    {
      name: 'jenkins',
      type: 'm5.xlarge',
      state: 'running',
      team: 'sre',
      env: 'tools',
      age: 200,
      publicIp: true,
    },
  ];
  const euwest1: InstanceSpec[] = [
    ...fleet('web-eu', 4, { type: 't3.medium', state: 'running', team: 'storefront', env: 'prod', age: 20 }),
    ...fleet('api-eu', 3, { type: 'm5.large', state: 'running', team: 'platform', env: 'prod', age: 40 }),
  ];
  const uswest2: InstanceSpec[] = fleet('dr', 3, {
    type: 't3.small',
    state: 'stopped',
    team: 'sre',
    env: 'dr',
    age: 150,
  });
  return {
    'us-east-1': buildInstances('us-east-1', 1, useast1),
    'eu-west-1': buildInstances('eu-west-1', 2, euwest1),
    'us-west-2': buildInstances('us-west-2', 3, uswest2),
  };
}

function rds(
  id: string,
  engine: string,
  engineVersion: string,
  instanceClass: string,
  extra: Partial<RdsInstance> & { availabilityZone: string },
): RdsInstance {
  return {
    id,
    engine,
    engineVersion,
    instanceClass,
    status: 'available',
    multiAZ: false,
    allocatedStorage: 100,
    storageType: 'gp3',
    createdAt: daysAgo(300),
    ...extra,
  };
}

function rdsFixtures(): Record<string, RdsInstance[]> {
  return {
    'us-east-1': [
      rds('orders-db', 'postgres', '16.3', 'db.r6g.large', {
        availabilityZone: 'us-east-1a',
        multiAZ: true,
        allocatedStorage: 500,
      }),
      rds('orders-db-replica', 'postgres', '16.3', 'db.r6g.large', { availabilityZone: 'us-east-1b' }),
      rds('users-db', 'mysql', '8.0.35', 'db.t4g.medium', { availabilityZone: 'us-east-1c', multiAZ: true }),
      rds('analytics-1', 'aurora-postgresql', '15.4', 'db.r6g.xlarge', {
        availabilityZone: 'us-east-1a',
        allocatedStorage: 1,
        storageType: 'aurora',
      }),
      rds('legacy-reports', 'sqlserver-se', '15.00.4365.2.v1', 'db.m5.xlarge', {
        availabilityZone: 'us-east-1b',
        status: 'stopped',
        storageType: 'gp2',
      }),
      rds('billing-db', 'postgres', '14.11', 'db.m6g.large', {
        availabilityZone: 'us-east-1c',
        status: 'modifying',
        allocatedStorage: 250,
      }),
    ],
    'eu-west-1': [
      rds('orders-db-eu', 'postgres', '16.3', 'db.r6g.large', {
        availabilityZone: 'eu-west-1a',
        multiAZ: true,
      }),
      rds('cache-meta', 'mariadb', '10.11.6', 'db.t4g.small', {
        availabilityZone: 'eu-west-1b',
        allocatedStorage: 20,
      }),
    ],
  };
}

function s3Fixtures(): S3Bucket[] {
  return [
    { name: 'acme-prod-artifacts', region: 'us-east-1', createdAt: daysAgo(900) },
    { name: 'acme-prod-logs', region: 'us-east-1', createdAt: daysAgo(850) },
    { name: 'acme-eu-backups', region: 'eu-west-1', createdAt: daysAgo(400) },
    { name: 'acme-legacy-eu', region: 'eu-west-1', locationConstraint: 'EU', createdAt: daysAgo(3000) },
    { name: 'acme-dr-snapshots', region: 'us-west-2', createdAt: daysAgo(150) },
    { name: 'acme-terraform-state', region: 'us-east-1', createdAt: daysAgo(1200) },
  ];
}

const IAM_SUMMARY: Record<string, number> = {
  Users: 42,
  UsersQuota: 5000,
  Groups: 9,
  GroupsQuota: 300,
  Roles: 187,
  RolesQuota: 1000,
  Policies: 64,
  PoliciesQuota: 1500,
  InstanceProfiles: 23,
  InstanceProfilesQuota: 1000,
  ServerCertificates: 2,
  ServerCertificatesQuota: 20,
  MFADevices: 30,
  MFADevicesInUse: 28,
  AccountMFAEnabled: 1,
  AccountAccessKeysPresent: 0,
  AccountSigningCertificatesPresent: 0,
  Providers: 3,
  PolicySizeQuota: 6144,
  PolicyVersionsInUse: 210,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: 5,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  GroupsPerUserQuota: 10,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  UserPolicySizeQuota: 2048,
  RolePolicySizeQuota: 10240,
  GroupPolicySizeQuota: 5120,
  GlobalEndpointTokenVersion: 1,
};

/** A fresh, independently mutable copy of the fixtures for one fake instance. */
export function createFixtures(): AwsFixtures {
  return {
    regions: REGION_NAMES.map(([regionName, optInStatus]) => ({ regionName, optInStatus })),
    ec2: ec2Fixtures(),
    rds: rdsFixtures(),
    s3: s3Fixtures(),
    eks: eksFixtures(),
    iamSummary: { ...IAM_SUMMARY },
    accountAliases: ['acme-prod'],
    logs: logsFixtures(),
    cloudtrail: cloudTrailFixtures(),
    health: healthFixtures(),
    cloudwatch: cloudWatchFixtures(),
    elbv2: elbv2Fixtures(),
  };
}

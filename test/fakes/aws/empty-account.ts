// An account as it is the day it is opened: nothing in any region, no alias, no MFA on root, and
// only the service-linked roles AWS creates itself. The quotas are those of any account.
import type { AwsFixtures } from './fixtures.ts';

const FRESH_COUNTS: Record<string, number> = {
  Users: 0,
  Groups: 0,
  Roles: 2,
  Policies: 0,
  InstanceProfiles: 0,
  ServerCertificates: 0,
  MFADevices: 0,
  MFADevicesInUse: 0,
  AccountMFAEnabled: 0,
  AccountAccessKeysPresent: 0,
  AccountSigningCertificatesPresent: 0,
  Providers: 0,
  PolicyVersionsInUse: 0,
};

export function emptyAccountFixtures(base: AwsFixtures): Partial<AwsFixtures> {
  const limits = Object.entries(base.iamSummary).filter(([key]) => !(key in FRESH_COUNTS));
  return {
    ec2: {},
    rds: {},
    s3: [],
    eks: {},
    accountAliases: [],
    logs: { ...base.logs, groups: {}, events: {}, queries: new Map() },
    cloudtrail: { ...base.cloudtrail, events: {} },
    health: { ...base.health, events: [] },
    cloudwatch: { ...base.cloudwatch, metricAlarms: {}, compositeAlarms: {}, series: {} },
    elbv2: { ...base.elbv2, loadBalancers: {}, targetGroups: {} },
    iamSummary: { ...Object.fromEntries(limits), ...FRESH_COUNTS },
  };
}

import {
  type AwsSettings,
  awsEnvShape,
  parseAwsEnv,
  type RoleTarget,
  regionPattern,
} from '@sre-agent/aws-shared';
import { emptyAsUnset, envInteger } from '@sre-agent/shared';
import { z } from 'zod';

export type { AwsServiceName } from './aws-services.js';
export type { RoleTarget };
export { regionPattern };

export interface AwsCoreConfig {
  /** The AWS foundation's settings: credentials, roles, retries, endpoints (shared with aws-cost). */
  aws: AwsSettings;
  /** AWS_REGION; unset means the profile's region. */
  region: string | undefined;
  /** AWS_PROFILE; unset means the SDK's default chain. */
  profile: string | undefined;
  roles: Record<string, RoleTarget>;
  kubeconfigPath: string | undefined;
  kubeContext: string | undefined;
  /** query_logs refuses a Logs Insights query whose estimated scan is larger (Insights bills per GB scanned). */
  logsMaxScanGb: number;
}

const url = z.url({ protocol: /^https?$/ }).optional();

const serverShape = {
  // Listed for the documentation; any AWS_ENDPOINT_URL_<SERVICE ID> is honoured.
  AWS_ENDPOINT_URL_STS: url.describe('STS endpoint override'),
  AWS_ENDPOINT_URL_EC2: url.describe('EC2 endpoint override'),
  AWS_ENDPOINT_URL_S3: url.describe('S3 endpoint override (path-style addressing is used)'),
  AWS_ENDPOINT_URL_RDS: url.describe('RDS endpoint override'),
  AWS_ENDPOINT_URL_IAM: url.describe('IAM endpoint override'),
  AWS_ENDPOINT_URL_EKS: url.describe('EKS endpoint override'),
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url.describe('CloudWatch Logs endpoint override'),
  AWS_ENDPOINT_URL_CLOUDTRAIL: url.describe('CloudTrail endpoint override'),
  AWS_ENDPOINT_URL_HEALTH: url.describe('AWS Health endpoint override (the API lives in us-east-1)'),
  KUBECONFIG: emptyAsUnset(z.string().optional()).describe(
    'Kubeconfig used to match EKS clusters to the current context',
  ),
  KUBE_CONTEXT: emptyAsUnset(z.string().optional()).describe(
    'Kube context to match instead of the current one',
  ),
  SRE_LOGS_MAX_SCAN_GB: envInteger(10, { min: 1, max: 100_000 }).describe(
    'query_logs refuses a Logs Insights query estimated to scan more GB than this (Insights bills per GB scanned)',
  ),
};

export const awsCoreEnvSchema = z.object({ ...awsEnvShape, ...serverShape });

/** Every call is free, so throttling gets one more try than the SDK's default. */
export const AWS_CORE_DEFAULTS = {
  maxAttempts: 4,
  // A tool makes a few calls and someone waits for them: back off, but do not pace later calls.
  retryMode: 'standard' as const,
  roleSessionName: 'sre-aws-core-mcp',
};

export function parseAwsCoreConfig(env: Record<string, string | undefined> = process.env): AwsCoreConfig {
  const { aws, parsed } = parseAwsEnv(env, serverShape, AWS_CORE_DEFAULTS);
  return {
    aws,
    region: aws.region,
    profile: aws.profile,
    roles: aws.roles,
    kubeconfigPath: parsed.KUBECONFIG,
    kubeContext: parsed.KUBE_CONTEXT,
    logsMaxScanGb: parsed.SRE_LOGS_MAX_SCAN_GB,
  };
}

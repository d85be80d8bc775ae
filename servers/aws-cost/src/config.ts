import {
  type AwsSettings,
  awsEnvShape,
  configuredRole,
  endpointFor,
  externalIdSchema,
  parseAwsEnv,
  type RoleTarget,
  roleArnSchema,
} from '@sre-agent/aws-shared';
import { ConfigError, envInteger } from '@sre-agent/shared';
import { z } from 'zod';

export interface CostConfig {
  /** The AWS foundation's settings: credentials, roles, retries, endpoints (shared with aws-core). */
  aws: AwsSettings;
  /** AWS_PROFILE; unset means the SDK's default credential chain. */
  profile: string | undefined;
  /** The caller's region; it only picks the partition, Cost Explorer itself has one endpoint. */
  region: string;
  /** Region Cost Explorer is signed for: us-east-1 in the commercial partition. */
  costExplorerRegion: string;
  endpoint: string | undefined;
  /** Role every Cost Explorer request is signed with, e.g. a billing-read role in the payer account. */
  role: { name: string; target: RoleTarget } | undefined;
  roleArn: string | undefined;
  maxRequestsPerHour: number;
  /** Cache lifetime of answers about closed periods, and of answers that include today. */
  cacheTtlPastMs: number;
  cacheTtlCurrentMs: number;
  /** SDK attempts per request (retries of throttling and 5xx are billed requests too). */
  maxAttempts: number;
}

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

const serverShape = {
  AWS_ENDPOINT_URL_COST_EXPLORER: url.optional().describe('Cost Explorer endpoint override (tests, proxies)'),
  AWS_ENDPOINT_URL_STS: url.optional().describe('STS endpoint override, used when a role is assumed'),
  SRE_AWS_COST_ROLE: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional()
    .describe('Name of the role in SRE_AWS_ROLES that signs every Cost Explorer request (e.g. billing-read)'),
  SRE_CE_ROLE_ARN: roleArnSchema
    .optional()
    .describe('Deprecated: a role in SRE_AWS_ROLES named by SRE_AWS_COST_ROLE'),
  SRE_CE_EXTERNAL_ID: externalIdSchema.optional().describe('Deprecated: external_id in SRE_AWS_ROLES'),
  SRE_CE_MAX_REQUESTS_PER_HOUR: envInteger(100, { min: 1, max: 100_000 }).describe(
    'Billed Cost Explorer requests allowed per rolling hour ($0.01 each)',
  ),
  SRE_CE_CACHE_TTL_SECONDS: envInteger(3_600, { min: 0, max: 86_400 }).describe(
    'Cache lifetime for past periods',
  ),
  SRE_CE_CACHE_TTL_CURRENT_SECONDS: envInteger(600, { min: 0, max: 86_400 }).describe(
    'Cache lifetime for periods that include today',
  ),
};

export const costEnvSchema = z.object({ ...awsEnvShape, ...serverShape });

export const AWS_COST_DEFAULTS = {
  // Every attempt is a billed request ($0.01).
  maxAttempts: 3,
  // Cost Explorer allows a few requests a second: after a throttle, pacing beats retrying.
  retryMode: 'adaptive' as const,
  roleSessionName: 'sre-aws-cost-mcp',
};

/** The role named by SRE_AWS_COST_ROLE, else the deprecated SRE_CE_ROLE_ARN (with SRE_CE_EXTERNAL_ID). */
function costRole(
  aws: AwsSettings,
  name: string | undefined,
  legacyArn: string | undefined,
  legacyExternalId: string | undefined,
): CostConfig['role'] {
  if (name !== undefined) {
    const target = configuredRole(aws, name);
    if (!target) {
      const known = Object.keys(aws.roles);
      throw new ConfigError(
        `Invalid configuration:\n  SRE_AWS_COST_ROLE: "${name}" is not a role in SRE_AWS_ROLES (${known.length > 0 ? `configured: ${known.join(', ')}` : 'none configured'})`,
      );
    }
    return { name, target };
  }
  if (legacyArn === undefined) return undefined;
  return { name: 'cost', target: { roleArn: legacyArn, externalId: legacyExternalId } };
}

/** Cost Explorer has one endpoint per partition; users should not have to know which region it is. */
export function costExplorerRegionFor(region: string): string {
  if (region.startsWith('cn-')) return 'cn-northwest-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

export function parseCostConfig(env: Record<string, string | undefined> = process.env): CostConfig {
  const { aws, parsed } = parseAwsEnv(env, serverShape, AWS_COST_DEFAULTS);
  const region = aws.region ?? 'us-east-1';
  const role = costRole(aws, parsed.SRE_AWS_COST_ROLE, parsed.SRE_CE_ROLE_ARN, parsed.SRE_CE_EXTERNAL_ID);
  return {
    aws,
    profile: aws.profile,
    region,
    costExplorerRegion: costExplorerRegionFor(region),
    endpoint: endpointFor(aws, 'COST_EXPLORER'),
    role,
    roleArn: role?.target.roleArn,
    maxRequestsPerHour: parsed.SRE_CE_MAX_REQUESTS_PER_HOUR,
    cacheTtlPastMs: parsed.SRE_CE_CACHE_TTL_SECONDS * 1_000,
    cacheTtlCurrentMs: parsed.SRE_CE_CACHE_TTL_CURRENT_SECONDS * 1_000,
    maxAttempts: aws.retry.maxAttempts,
  };
}

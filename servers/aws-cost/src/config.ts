import { envInteger, parseEnv } from '@sre-agent/shared';
import { z } from 'zod';

export interface CostConfig {
  /** AWS_PROFILE; unset means the SDK's default credential chain. */
  profile: string | undefined;
  /** The caller's region; it only picks the partition, Cost Explorer itself has one endpoint. */
  region: string;
  /** Region Cost Explorer is signed for: us-east-1 in the commercial partition. */
  costExplorerRegion: string;
  endpoint: string | undefined;
  stsEndpoint: string | undefined;
  /** Role to assume through STS first, e.g. a billing-read role in the payer account. */
  roleArn: string | undefined;
  externalId: string | undefined;
  credentialsFile: string | undefined;
  configFile: string | undefined;
  maxRequestsPerHour: number;
  /** Cache lifetime of answers about closed periods, and of answers that include today. */
  cacheTtlPastMs: number;
  cacheTtlCurrentMs: number;
  /** SDK attempts per request (retries of throttling and 5xx are billed requests too). */
  maxAttempts: number;
}

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const costEnvSchema = z.object({
  AWS_PROFILE: z.string().min(1).optional().describe('Named profile from ~/.aws/config'),
  AWS_REGION: z
    .string()
    .min(1)
    .optional()
    .describe('Region; picks the partition of the Cost Explorer endpoint'),
  AWS_DEFAULT_REGION: z.string().min(1).optional().describe('Fallback for AWS_REGION'),
  AWS_ENDPOINT_URL_COST_EXPLORER: url.optional().describe('Cost Explorer endpoint override (tests, proxies)'),
  AWS_ENDPOINT_URL_STS: url.optional().describe('STS endpoint override, used when a role is assumed'),
  AWS_ENDPOINT_URL: url.optional().describe('Endpoint override for every AWS service'),
  AWS_SHARED_CREDENTIALS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('Credentials file (default ~/.aws/credentials)'),
  AWS_CONFIG_FILE: z.string().min(1).optional().describe('Config file (default ~/.aws/config)'),
  SRE_CE_ROLE_ARN: z
    .string()
    .regex(
      /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/,
      'expected a role ARN like arn:aws:iam::123456789012:role/billing-read',
    )
    .optional()
    .describe('Role to assume through STS for cross-account billing data'),
  SRE_CE_EXTERNAL_ID: z.string().min(2).optional().describe('ExternalId the role trust policy requires'),
  SRE_CE_MAX_REQUESTS_PER_HOUR: envInteger(100, { min: 1, max: 100_000 }).describe(
    'Billed Cost Explorer requests allowed per rolling hour ($0.01 each)',
  ),
  SRE_CE_CACHE_TTL_SECONDS: envInteger(3_600, { min: 0, max: 86_400 }).describe(
    'Cache lifetime for past periods',
  ),
  SRE_CE_CACHE_TTL_CURRENT_SECONDS: envInteger(600, { min: 0, max: 86_400 }).describe(
    'Cache lifetime for periods that include today',
  ),
  SRE_CE_MAX_ATTEMPTS: envInteger(3, { min: 1, max: 10 }).describe(
    'SDK attempts per request, retries included',
  ),
});

/** Cost Explorer has one endpoint per partition; users should not have to know which region it is. */
export function costExplorerRegionFor(region: string): string {
  if (region.startsWith('cn-')) return 'cn-northwest-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

export function parseCostConfig(env: Record<string, string | undefined> = process.env): CostConfig {
  const parsed = parseEnv(costEnvSchema, env);
  const region = parsed.AWS_REGION ?? parsed.AWS_DEFAULT_REGION ?? 'us-east-1';
  return {
    profile: parsed.AWS_PROFILE,
    region,
    costExplorerRegion: costExplorerRegionFor(region),
    endpoint: parsed.AWS_ENDPOINT_URL_COST_EXPLORER ?? parsed.AWS_ENDPOINT_URL,
    stsEndpoint: parsed.AWS_ENDPOINT_URL_STS ?? parsed.AWS_ENDPOINT_URL,
    roleArn: parsed.SRE_CE_ROLE_ARN,
    externalId: parsed.SRE_CE_EXTERNAL_ID,
    credentialsFile: parsed.AWS_SHARED_CREDENTIALS_FILE,
    configFile: parsed.AWS_CONFIG_FILE,
    maxRequestsPerHour: parsed.SRE_CE_MAX_REQUESTS_PER_HOUR,
    cacheTtlPastMs: parsed.SRE_CE_CACHE_TTL_SECONDS * 1_000,
    cacheTtlCurrentMs: parsed.SRE_CE_CACHE_TTL_CURRENT_SECONDS * 1_000,
    maxAttempts: parsed.SRE_CE_MAX_ATTEMPTS,
  };
}

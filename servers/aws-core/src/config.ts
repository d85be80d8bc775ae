import { envInteger, parseEnv } from '@sre-agent/shared';
import { z } from 'zod';

export const AWS_SERVICE_NAMES = ['sts', 'ec2', 's3', 'rds', 'iam', 'eks'] as const;
export type AwsServiceName = (typeof AWS_SERVICE_NAMES)[number];

/** A role the server may assume when a tool call names it in `role_name`. */
export interface RoleTarget {
  roleArn: string;
  externalId: string | undefined;
}

export interface AwsCoreConfig {
  /** AWS_REGION; unset means the profile's region. */
  region: string | undefined;
  /** AWS_PROFILE; unset means the SDK's default chain. */
  profile: string | undefined;
  roles: Record<string, RoleTarget>;
  roleSessionName: string;
  /** Per-service endpoint overrides (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL). */
  endpoints: Partial<Record<AwsServiceName, string>>;
  /** Attempts per AWS call when it is throttled or fails transiently. */
  maxAttempts: number;
  /** First backoff delay; it doubles per attempt, with jitter. */
  retryBaseMs: number;
  kubeconfigPath: string | undefined;
  kubeContext: string | undefined;
}

export const regionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

const roleArn = z
  .string()
  .regex(roleArnPattern, 'expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)');
const roleEntry = z.union([
  roleArn,
  z.object({
    role_arn: roleArn.describe('The role to assume'),
    external_id: z.string().min(2).max(1224).optional().describe('ExternalId the role trust policy requires'),
  }),
]);

/** `SRE_AWS_ROLES` is JSON: `{"prod": "arn:...", "audit": {"role_arn": "arn:...", "external_id": "..."}}`. */
const rolesJson = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not valid JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(/^[\w.-]{1,64}$/, 'role names are letters, digits, "_", "." and "-"'),
      roleEntry,
    ),
  );

const url = z.url({ protocol: /^https?$/ }).optional();

export const awsCoreEnvSchema = z.object({
  AWS_REGION: z
    .string()
    .regex(regionPattern, 'expected a region like us-east-1')
    .optional()
    .describe('Default region'),
  AWS_PROFILE: z.string().min(1).optional().describe('Shared config/credentials profile'),
  SRE_AWS_ROLES: rolesJson.describe('JSON map of role name to role ARN (or {role_arn, external_id})'),
  SRE_AWS_ROLE_SESSION_NAME: z
    .string()
    .regex(/^[\w+=,.@-]{2,64}$/)
    .default('sre-aws-core-mcp')
    .describe('RoleSessionName used for AssumeRole (shows up in CloudTrail)'),
  SRE_AWS_MAX_ATTEMPTS: envInteger(4, { min: 1, max: 10 }).describe('Attempts per throttled AWS call'),
  SRE_AWS_RETRY_BASE_MS: envInteger(200, { min: 0, max: 10_000 }).describe('First retry backoff in ms'),
  AWS_ENDPOINT_URL: url.describe('Endpoint override for every AWS service'),
  AWS_ENDPOINT_URL_STS: url.describe('STS endpoint override'),
  AWS_ENDPOINT_URL_EC2: url.describe('EC2 endpoint override'),
  AWS_ENDPOINT_URL_S3: url.describe('S3 endpoint override (path-style addressing is used)'),
  AWS_ENDPOINT_URL_RDS: url.describe('RDS endpoint override'),
  AWS_ENDPOINT_URL_IAM: url.describe('IAM endpoint override'),
  AWS_ENDPOINT_URL_EKS: url.describe('EKS endpoint override'),
  KUBECONFIG: z.string().optional().describe('Kubeconfig used to match EKS clusters to the current context'),
  KUBE_CONTEXT: z.string().optional().describe('Kube context to match instead of the current one'),
});

type ParsedEnv = z.infer<typeof awsCoreEnvSchema>;

function endpointsOf(parsed: ParsedEnv): Partial<Record<AwsServiceName, string>> {
  const endpoints: Partial<Record<AwsServiceName, string>> = {};
  for (const service of AWS_SERVICE_NAMES) {
    const key = `AWS_ENDPOINT_URL_${service.toUpperCase()}` as keyof ParsedEnv;
    const value = (parsed[key] as string | undefined) ?? parsed.AWS_ENDPOINT_URL;
    if (value) endpoints[service] = value;
  }
  return endpoints;
}

export function parseAwsCoreConfig(env: Record<string, string | undefined> = process.env): AwsCoreConfig {
  const parsed = parseEnv(awsCoreEnvSchema, env);
  // No prototype: a role named `__proto__` in SRE_AWS_ROLES is stored, not turned into one.
  const roles: Record<string, RoleTarget> = Object.create(null);
  for (const [name, entry] of Object.entries(parsed.SRE_AWS_ROLES)) {
    roles[name] =
      typeof entry === 'string'
        ? { roleArn: entry, externalId: undefined }
        : { roleArn: entry.role_arn, externalId: entry.external_id };
  }
  return {
    region: parsed.AWS_REGION,
    profile: parsed.AWS_PROFILE,
    roles,
    roleSessionName: parsed.SRE_AWS_ROLE_SESSION_NAME,
    endpoints: endpointsOf(parsed),
    maxAttempts: parsed.SRE_AWS_MAX_ATTEMPTS,
    retryBaseMs: parsed.SRE_AWS_RETRY_BASE_MS,
    kubeconfigPath: parsed.KUBECONFIG,
    kubeContext: parsed.KUBE_CONTEXT,
  };
}

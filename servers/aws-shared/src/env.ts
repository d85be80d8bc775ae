import { emptyAsUnset, parseEnv } from '@sre-agent/shared';
import { z } from 'zod';

/** A role a server may assume: named in `SRE_AWS_ROLES`, or (aws-cost) the legacy SRE_CE_ROLE_ARN. */
export interface RoleTarget {
  roleArn: string;
  externalId: string | undefined;
}

export const RETRY_MODES = ['adaptive', 'standard'] as const;
export type RetryMode = (typeof RETRY_MODES)[number];

export interface RetrySettings {
  /**
   * The SDK's retry mode: `adaptive` adds client-side rate limiting once AWS starts throttling
   * (it paces every later call of that client, seconds apart at first), `standard` only backs off.
   */
  mode: RetryMode;
  /** AWS_RETRY_MODE set it: it then applies to every client, whatever the client would prefer. */
  modeFromEnv: boolean;
  /** Attempts per call, the first included (each one is billed for Cost Explorer). */
  maxAttempts: number;
  /** First backoff delay in ms, doubling per retry; undefined keeps the SDK's own delays. */
  baseDelayMs: number | undefined;
}

/** A deprecated variable the environment still set, and what replaces it. */
export interface Deprecation {
  name: string;
  replacement: string;
}

/** What every AWS server reads from the environment, the same way. */
export interface AwsSettings {
  /** AWS_REGION (or AWS_DEFAULT_REGION); unset means the profile's region. */
  region: string | undefined;
  /** AWS_PROFILE; unset means the SDK's default chain. */
  profile: string | undefined;
  credentialsFile: string | undefined;
  configFile: string | undefined;
  roles: Record<string, RoleTarget>;
  roleSessionName: string;
  retry: RetrySettings;
  /** Every AWS_ENDPOINT_URL[_<SERVICE>] that is set; read through `endpointFor`. */
  endpoints: Record<string, string>;
  deprecated: Deprecation[];
}

export const regionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
export const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export const roleArnSchema = z
  .string()
  .regex(roleArnPattern, 'expected a role ARN like arn:aws:iam::123456789012:role/sre-readonly');
export const externalIdSchema = z.string().min(2).max(1224);

const roleEntry = z.union([
  roleArnSchema,
  z.object({
    role_arn: roleArnSchema.describe('The role to assume'),
    external_id: externalIdSchema.optional().describe('ExternalId the role trust policy requires'),
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

/** An optional integer in bounds; unset or empty is undefined (the default is decided later). */
function optionalInteger(min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message: `expected an integer from ${min} to ${max}, got "${value}"`,
        });
        return z.NEVER;
      }
      return parsed;
    });
}

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const ENDPOINT_KEY = /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/;

/** The SDK's own convention: AWS_ENDPOINT_URL_<SERVICE ID> (e.g. _EC2, _COST_EXPLORER), then AWS_ENDPOINT_URL. */
export function endpointFor(settings: Pick<AwsSettings, 'endpoints'>, serviceId: string): string | undefined {
  const key = `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  return settings.endpoints[key] ?? settings.endpoints.AWS_ENDPOINT_URL;
}

/** Old names that still work; each one used is logged once as a warning at startup. */
export const DEPRECATED_VARIABLES: Record<string, string> = {
  SRE_AWS_MAX_ATTEMPTS: 'AWS_MAX_ATTEMPTS',
  SRE_CE_MAX_ATTEMPTS: 'AWS_MAX_ATTEMPTS',
  SRE_CE_ROLE_ARN: 'SRE_AWS_ROLES and SRE_AWS_COST_ROLE',
  SRE_CE_EXTERNAL_ID: 'external_id in SRE_AWS_ROLES',
};

const region = z.string().regex(regionPattern, 'expected a region like us-east-1').optional();
const text = z.string().min(1).optional();

/** The variables of the AWS foundation; a server extends this object with its own. */
export const awsEnvShape = {
  // Empty means unset, as compose writes `AWS_REGION=` and as the SDK itself reads them.
  AWS_REGION: emptyAsUnset(region).describe('Default region'),
  AWS_DEFAULT_REGION: emptyAsUnset(region).describe('Fallback for AWS_REGION'),
  AWS_PROFILE: emptyAsUnset(text).describe('Shared config/credentials profile'),
  AWS_SHARED_CREDENTIALS_FILE: emptyAsUnset(text).describe('Credentials file (default ~/.aws/credentials)'),
  AWS_CONFIG_FILE: emptyAsUnset(text).describe('Config file (default ~/.aws/config)'),
  SRE_AWS_ROLES: rolesJson.describe('JSON map of role name to role ARN (or {role_arn, external_id})'),
  SRE_AWS_ROLE_SESSION_NAME: z
    .string()
    .regex(/^[\w+=,.@-]{2,64}$/)
    .optional()
    .describe('RoleSessionName used for AssumeRole (shows up in CloudTrail); default the server name'),
  AWS_MAX_ATTEMPTS: optionalInteger(1, 10).describe('SDK attempts per AWS call, retries included'),
  AWS_RETRY_MODE: z
    .enum(RETRY_MODES)
    .optional()
    .describe('SDK retry mode for every client: standard or adaptive (default: per server and client)'),
  SRE_AWS_RETRY_BASE_MS: optionalInteger(0, 10_000).describe(
    "First retry backoff in ms (doubling, with jitter); default the SDK's own",
  ),
  SRE_AWS_MAX_ATTEMPTS: optionalInteger(1, 10).describe('Deprecated: AWS_MAX_ATTEMPTS'),
  SRE_CE_MAX_ATTEMPTS: optionalInteger(1, 10).describe('Deprecated: AWS_MAX_ATTEMPTS'),
  AWS_ENDPOINT_URL: url.optional().describe('Endpoint override for every AWS service'),
};

export const awsEnvSchema = z.object(awsEnvShape);

export interface AwsSettingsDefaults {
  /** Attempts when nothing sets them: a server whose every attempt is billed wants fewer. */
  maxAttempts: number;
  /** Mode when AWS_RETRY_MODE is unset; a client may still ask for adaptive (see ClientRequest). */
  retryMode: RetryMode;
  roleSessionName: string;
}

/** The AWS_ENDPOINT_URL* variables present, each checked to be an http(s) URL. */
function endpointSchema(env: Record<string, string | undefined>) {
  const keys = Object.keys(env).filter((key) => ENDPOINT_KEY.test(key) && env[key] !== undefined);
  return z.object(Object.fromEntries(keys.map((key) => [key, url.optional()])));
}

/**
 * Parses the foundation's variables and a server's own (`serverShape`) in one pass, so every
 * problem is listed at once, plus every AWS_ENDPOINT_URL* override that is set.
 */
export function parseAwsEnv<Shape extends z.ZodRawShape>(
  env: Record<string, string | undefined>,
  serverShape: Shape,
  defaults: AwsSettingsDefaults,
) {
  const schema = awsEnvSchema.extend(serverShape).extend(endpointSchema(env).shape);
  const parsed = parseEnv(schema, env) as z.infer<typeof awsEnvSchema> &
    z.infer<z.ZodObject<Shape>> &
    Record<string, unknown>;
  return { aws: settingsFrom(parsed, env, defaults), parsed };
}

function settingsFrom(
  parsed: z.infer<typeof awsEnvSchema> & Record<string, unknown>,
  env: Record<string, string | undefined>,
  defaults: AwsSettingsDefaults,
): AwsSettings {
  // No prototype: a role named `__proto__` in SRE_AWS_ROLES is stored, not turned into one.
  const roles: Record<string, RoleTarget> = Object.create(null);
  for (const [name, entry] of Object.entries(parsed.SRE_AWS_ROLES)) {
    roles[name] =
      typeof entry === 'string'
        ? { roleArn: entry, externalId: undefined }
        : { roleArn: entry.role_arn, externalId: entry.external_id };
  }
  const endpoints: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (ENDPOINT_KEY.test(key) && typeof value === 'string') endpoints[key] = value;
  }
  return {
    region: parsed.AWS_REGION ?? parsed.AWS_DEFAULT_REGION,
    profile: parsed.AWS_PROFILE,
    credentialsFile: parsed.AWS_SHARED_CREDENTIALS_FILE,
    configFile: parsed.AWS_CONFIG_FILE,
    roles,
    roleSessionName: parsed.SRE_AWS_ROLE_SESSION_NAME ?? defaults.roleSessionName,
    retry: {
      mode: parsed.AWS_RETRY_MODE ?? defaults.retryMode,
      modeFromEnv: parsed.AWS_RETRY_MODE !== undefined,
      maxAttempts:
        parsed.AWS_MAX_ATTEMPTS ??
        parsed.SRE_AWS_MAX_ATTEMPTS ??
        parsed.SRE_CE_MAX_ATTEMPTS ??
        defaults.maxAttempts,
      baseDelayMs: parsed.SRE_AWS_RETRY_BASE_MS,
    },
    endpoints,
    deprecated: deprecationsIn(env),
  };
}

export function deprecationsIn(env: Record<string, string | undefined>): Deprecation[] {
  return Object.entries(DEPRECATED_VARIABLES)
    .filter(([name]) => env[name] !== undefined && env[name] !== '')
    .map(([name, replacement]) => ({ name, replacement }));
}

/** Own keys only: `__proto__` or `constructor` as a role_name must not find Object.prototype's. */
export function configuredRole(settings: Pick<AwsSettings, 'roles'>, name: string): RoleTarget | undefined {
  return Object.hasOwn(settings.roles, name) ? settings.roles[name] : undefined;
}

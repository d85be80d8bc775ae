import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as Eks from '@aws-sdk/client-eks';
import type * as Iam from '@aws-sdk/client-iam';
import type * as Rds from '@aws-sdk/client-rds';
import type * as S3 from '@aws-sdk/client-s3';
import type * as Sts from '@aws-sdk/client-sts';
import { type Logger, ToolError } from '@sre-agent/shared';
import {
  type AwsCallSite,
  isExpiredCredentialsError,
  isRetryableAwsError,
  toAwsToolError,
  unknownRoleError,
} from './aws-errors.js';
import type { AwsCoreConfig, AwsServiceName, RoleTarget } from './config.js';
import { type CredentialSource, describeCredentialSource } from './credential-source.js';
import { once } from './once.js';
import { withRetry } from './retry.js';
import {
  createRoleCredentialCache,
  type RoleCredentialCache,
  type TemporaryCredentials,
} from './role-credentials.js';
import { sdkLogger } from './sdk-logger.js';

// Shapes the tools map from; type-only, so they cost nothing at start-up.
export type { Filter as Ec2Filter, Instance as Ec2Instance } from '@aws-sdk/client-ec2';
export type { Cluster as EksClusterShape, Nodegroup as EksNodegroupShape } from '@aws-sdk/client-eks';
export type { DBInstance as RdsInstanceShape } from '@aws-sdk/client-rds';

/** The SDK modules, loaded on first use: importing them all up front would slow every cold start. */
export interface AwsSdk {
  sts: typeof Sts;
  ec2: typeof Ec2;
  s3: typeof S3;
  rds: typeof Rds;
  iam: typeof Iam;
  eks: typeof Eks;
}
export interface AwsSdkClients {
  sts: Sts.STSClient;
  ec2: Ec2.EC2Client;
  s3: S3.S3Client;
  rds: Rds.RDSClient;
  iam: Iam.IAMClient;
  eks: Eks.EKSClient;
}

export interface BaseCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
  $source?: object | undefined;
}
export type CredentialProvider = () => Promise<BaseCredentials>;

/** One API call against a lazily loaded client; `options` carries the tool call's abort signal. */
export type Run<S extends AwsServiceName, T> = (
  client: AwsSdkClients[S],
  sdk: AwsSdk[S],
  options: { abortSignal?: AbortSignal },
) => Promise<T>;

/** One region and identity; every AWS call of a tool goes through `call`. */
export interface AwsSession {
  region: string;
  roleName: string | undefined;
  roleArn: string | undefined;
  /** Runs one API operation with retries on throttling, mapping failures to a ToolError. */
  call<S extends AwsServiceName, T>(service: S, operation: string, run: Run<S, T>): Promise<T>;
  /** Where the credentials came from (env, profile, SSO, instance metadata, an assumed role). */
  credentialSource(): Promise<CredentialSource & { assumedRole: string | undefined }>;
}

export interface SessionRequest {
  region?: string | undefined;
  roleName?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface AwsClientProvider {
  session(request: SessionRequest): Promise<AwsSession>;
  /** AWS_REGION, else the profile's region. */
  defaultRegion(): Promise<string>;
}

export interface AwsClientProviderOptions {
  now?: () => number;
  /** Where the SDK's own warnings go (e.g. "multiple credential sources"); console.warn otherwise. */
  logger?: Logger;
  /** Replaces the SDK's default credential chain (the chain honours AWS_PROFILE otherwise). */
  baseCredentials?: CredentialProvider;
}

const loadSdk: { [S in AwsServiceName]: () => Promise<AwsSdk[S]> } = {
  sts: () => import('@aws-sdk/client-sts'),
  ec2: () => import('@aws-sdk/client-ec2'),
  s3: () => import('@aws-sdk/client-s3'),
  rds: () => import('@aws-sdk/client-rds'),
  iam: () => import('@aws-sdk/client-iam'),
  eks: () => import('@aws-sdk/client-eks'),
};

interface ClientSettings {
  region: string;
  credentials: CredentialProvider;
  // Retries are ours (withRetry), so that giving up produces one clear error.
  maxAttempts: 1;
  endpoint?: string;
  forcePathStyle?: boolean;
}

const makeClient: { [S in AwsServiceName]: (sdk: AwsSdk[S], settings: ClientSettings) => AwsSdkClients[S] } =
  {
    sts: (sdk, settings) => new sdk.STSClient(settings),
    ec2: (sdk, settings) => new sdk.EC2Client(settings),
    s3: (sdk, settings) => new sdk.S3Client(settings),
    rds: (sdk, settings) => new sdk.RDSClient(settings),
    iam: (sdk, settings) => new sdk.IAMClient(settings),
    eks: (sdk, settings) => new sdk.EKSClient(settings),
  };

/** The provider's shared state: SDK modules, clients per service/region/identity, credentials. */
interface Core {
  config: AwsCoreConfig;
  sdkFor<S extends AwsServiceName>(service: S): Promise<AwsSdk[S]>;
  baseProvider: ReturnType<typeof once<CredentialProvider>>;
  baseCredentials: CredentialProvider;
  defaultRegion: ReturnType<typeof once<string>>;
  clients: Map<string, unknown>;
  roleCache: RoleCredentialCache;
}

export function createAwsClientProvider(
  config: AwsCoreConfig,
  options: AwsClientProviderOptions = {},
): AwsClientProvider {
  const modules = new Map<AwsServiceName, () => Promise<unknown>>();
  const sdkFor = <S extends AwsServiceName>(service: S): Promise<AwsSdk[S]> => {
    if (!modules.has(service)) modules.set(service, once(loadSdk[service]));
    return modules.get(service)!() as Promise<AwsSdk[S]>;
  };
  const baseProvider = once(() => loadCredentialChain(config, options));
  const core: Core = {
    config,
    sdkFor,
    baseProvider,
    baseCredentials: async () => (await baseProvider())(),
    defaultRegion: once(() => resolveDefaultRegion(config, sdkFor)),
    clients: new Map(),
    roleCache: createRoleCredentialCache({
      now: options.now ?? (() => Date.now()),
      assume: (roleName, role) => assumeRole(core, roleName, role),
    }),
  };
  return { defaultRegion: core.defaultRegion, session: (request) => openSession(core, request) };
}

async function loadCredentialChain(config: AwsCoreConfig, options: AwsClientProviderOptions) {
  if (options.baseCredentials) return options.baseCredentials;
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain({
    ...(config.profile ? { profile: config.profile } : {}),
    ...(options.logger ? { logger: sdkLogger(options.logger) } : {}),
  }) as CredentialProvider;
}

/** One SDK client per service, region and identity, so the SDK's connection reuse and memos hold. */
async function clientFor<S extends AwsServiceName>(core: Core, service: S, region: string, signAs?: string) {
  const key = `${service}|${region}|${signAs ?? ''}`;
  const sdk = await core.sdkFor(service);
  if (!core.clients.has(key)) {
    const endpoint = core.config.endpoints[service];
    const role = signAs ? core.config.roles[signAs] : undefined;
    const settings: ClientSettings = {
      region,
      credentials: signAs && role ? () => core.roleCache.get(signAs, role) : core.baseCredentials,
      maxAttempts: 1,
      ...(endpoint ? { endpoint } : {}),
      // A custom S3 endpoint (LocalStack, MinIO, a fake) rarely has per-bucket DNS names.
      ...(endpoint && service === 's3' ? { forcePathStyle: true } : {}),
    };
    core.clients.set(key, makeClient[service](sdk, settings));
  }
  return { client: core.clients.get(key) as AwsSdkClients[S], sdk };
}

/**
 * Runs one call with retries, mapping failures to a ToolError. `signAs` is whose credentials
 * sign it: AssumeRole names a role in `site` but signs as the base identity.
 */
async function invoke<S extends AwsServiceName, T>(
  core: Core,
  site: AwsCallSite & { service: S },
  signAs: string | undefined,
  run: Run<S, T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    const { client, sdk } = await clientFor(core, site.service, site.region, signAs);
    const policy = { maxAttempts: core.config.maxAttempts, baseMs: core.config.retryBaseMs };
    const options = signal ? { abortSignal: signal } : {};
    return await withRetry(() => run(client, sdk, options), isRetryableAwsError, policy, signal);
  } catch (error) {
    if (isExpiredCredentialsError(error)) forgetCredentials(core, signAs);
    throw toAwsToolError(error, site);
  }
}

// After AWS says "expired", the next call must fetch credentials again rather than reuse the
// SDK's memoised ones: new clients, and a fresh chain (the operator may have run `aws sso login`).
function forgetCredentials(core: Core, roleName: string | undefined) {
  if (roleName) core.roleCache.invalidate(roleName);
  else core.baseProvider.reset();
  for (const key of core.clients.keys()) if (key.endsWith(`|${roleName ?? ''}`)) core.clients.delete(key);
}

async function assumeRole(core: Core, roleName: string, role: RoleTarget): Promise<TemporaryCredentials> {
  const region = await core.defaultRegion();
  const { roleArn, externalId } = role;
  const site = {
    service: 'sts' as const,
    operation: 'AssumeRole',
    region,
    roleName,
    roleArn,
    profile: core.config.profile,
  };
  const out = await invoke(core, site, undefined, (client, sdk) =>
    client.send(
      new sdk.AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: core.config.roleSessionName,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    ),
  );
  return toTemporaryCredentials(out.Credentials, roleArn);
}

async function openSession(core: Core, request: SessionRequest): Promise<AwsSession> {
  const { config } = core;
  const roleName = request.roleName;
  if (roleName !== undefined && !config.roles[roleName])
    throw unknownRoleError(roleName, Object.keys(config.roles));
  const region = request.region ?? (await core.defaultRegion());
  const roleArn = roleName ? config.roles[roleName]!.roleArn : undefined;
  const where = { region, roleName, roleArn, profile: config.profile };
  return {
    region,
    roleName,
    roleArn,
    call: (service, operation, run) =>
      invoke(core, { ...where, service, operation }, roleName, run, request.signal),
    async credentialSource() {
      const base = await core.baseCredentials().catch((error: unknown) => {
        throw toAwsToolError(error, { ...where, service: 'sts', operation: 'GetCallerIdentity' });
      });
      const described = describeCredentialSource(
        base.$source as Record<string, unknown> | undefined,
        config.profile,
      );
      return { ...described, assumedRole: roleName ? `${roleName} (${roleArn})` : undefined };
    },
  };
}

function toTemporaryCredentials(
  credentials: Sts.Credentials | undefined,
  roleArn: string,
): TemporaryCredentials {
  if (
    !credentials?.AccessKeyId ||
    !credentials.SecretAccessKey ||
    !credentials.SessionToken ||
    !credentials.Expiration
  ) {
    throw new ToolError(
      `STS AssumeRole for ${roleArn} returned no credentials.`,
      'Retry; if it persists, check STS.',
    );
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

async function resolveDefaultRegion(
  config: AwsCoreConfig,
  sdkFor: (service: 'sts') => Promise<AwsSdk['sts']>,
): Promise<string> {
  if (config.region) return config.region;
  const sdk = await sdkFor('sts');
  // The SDK's own resolution: AWS_REGION, then the profile's `region` in ~/.aws/config.
  const client = new sdk.STSClient(config.profile ? { profile: config.profile } : {});
  try {
    return await client.config.region();
  } catch {
    throw new ToolError(
      `No AWS region is configured${config.profile ? ` (profile "${config.profile}" has none)` : ''}.`,
      'Pass region (e.g. "us-east-1"), or set AWS_REGION or a region in the AWS profile.',
    );
  } finally {
    client.destroy();
  }
}

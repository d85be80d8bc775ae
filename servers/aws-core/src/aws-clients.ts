// The only module that loads the AWS SDK at runtime: clients per service, region and identity,
// base and assumed-role credentials, and every call's retries and error mapping.

import { assumeRole } from './assume-role.js';
import {
  type AwsCallSite,
  isExpiredCredentialsError,
  isRetryableAwsError,
  toAwsToolError,
  unknownRoleError,
} from './aws-errors.js';
import type {
  AwsClientProvider,
  AwsClientProviderOptions,
  AwsSdk,
  AwsSdkClients,
  AwsSession,
  CredentialProvider,
  Run,
  SessionRequest,
} from './aws-session.js';
import type { AwsCoreConfig, AwsServiceName, RoleTarget } from './config.js';
import { describeCredentialSource } from './credential-source.js';
import { resolveDefaultRegion } from './default-region.js';
import { once } from './once.js';
import { explainRegionRefusal, PROBE_REGION, type RegionLookup } from './region-probe.js';
import { withRetry } from './retry.js';
import { createRoleCredentialCache, type RoleCredentialCache } from './role-credentials.js';
import { sdkLogger } from './sdk-logger.js';

// Loaded on first use: importing every service up front would slow each cold start.
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
    defaultRegion: once(() => resolveDefaultRegion(config, () => sdkFor('sts'))),
    clients: new Map(),
    roleCache: createRoleCredentialCache({
      now: options.now ?? (() => Date.now()),
      async assume(roleName, role) {
        const region = await core.defaultRegion();
        const where = { region, roleName, roleArn: role.roleArn, profile: config.profile };
        // AssumeRole names the role but is signed by the base identity.
        const site = { ...where, service: 'sts' as const, operation: 'AssumeRole' };
        return assumeRole((run) => invoke(core, site, undefined, run), role, config.roleSessionName);
      },
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
    const role = signAs ? configuredRole(core.config, signAs) : undefined;
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
 * Runs one call with retries, mapping failures to a ToolError. `signAs` is the role whose
 * credentials sign it, or undefined for the base identity.
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
    const regionRefusal = await explainRegionRefusal(error, site, regionLookup(core, site, signAs, signal));
    throw regionRefusal ?? toAwsToolError(error, site);
  }
}

/** Asks EC2, in a region that is always enabled, for a region's opt-in status, as the same identity. */
function regionLookup(core: Core, site: AwsCallSite, signAs: string | undefined, signal?: AbortSignal) {
  const probe = { ...site, service: 'ec2' as const, operation: 'DescribeRegions', region: PROBE_REGION };
  const lookup: RegionLookup = async (region) => {
    const out = await invoke(
      core,
      probe,
      signAs,
      (client, sdk, options) =>
        client.send(
          new sdk.DescribeRegionsCommand({
            AllRegions: true,
            Filters: [{ Name: 'region-name', Values: [region] }],
          }),
          options,
        ),
      signal,
    );
    const found = out.Regions?.find((r) => r.RegionName === region);
    return found ? (found.OptInStatus ?? 'opt-in-not-required') : undefined;
  };
  return lookup;
}

// After AWS says "expired", the next call must fetch credentials again rather than reuse the
// SDK's memoised ones: new clients, and a fresh chain (the operator may have run `aws sso login`).
/** Own keys only: `__proto__` or `constructor` as a role_name must not find Object.prototype's. */
function configuredRole(config: AwsCoreConfig, name: string): RoleTarget | undefined {
  return Object.hasOwn(config.roles, name) ? config.roles[name] : undefined;
}

function forgetCredentials(core: Core, roleName: string | undefined) {
  if (roleName) core.roleCache.invalidate(roleName);
  else core.baseProvider.reset();
  for (const key of core.clients.keys()) if (key.endsWith(`|${roleName ?? ''}`)) core.clients.delete(key);
}

async function openSession(core: Core, request: SessionRequest): Promise<AwsSession> {
  const { config } = core;
  const roleName = request.roleName;
  const role = roleName === undefined ? undefined : configuredRole(config, roleName);
  if (roleName !== undefined && !role) throw unknownRoleError(roleName, Object.keys(config.roles));
  const region = request.region ?? (await core.defaultRegion());
  const roleArn = role?.roleArn;
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

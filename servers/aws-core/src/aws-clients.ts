// One client per service, region and identity (the SDKs load from aws-services.ts, on first use),
// configured by the AWS foundation (credentials, roles, SDK retries, endpoints), and every call's
// error mapping.

import {
  AssumeRoleFailure,
  type AwsCallSite,
  type AwsClientConfig,
  type AwsFoundation,
  assumeRoleSite,
  configuredRole,
  createAwsFoundation,
  describeCredentialSource,
  explainRegionRefusal,
  isExpiredCredentialsError,
  once,
  PROBE_REGION,
  type RegionLookup,
  toAwsToolError,
  unknownRoleError,
} from '@sre-agent/aws-shared';
import { AWS_SERVICES, type AwsSdk, type AwsSdkClients, type AwsServiceName } from './aws-services.js';
import type {
  AwsClientProvider,
  AwsClientProviderOptions,
  AwsSession,
  Run,
  SessionRequest,
} from './aws-session.js';
import type { AwsCoreConfig } from './config.js';

interface Core {
  config: AwsCoreConfig;
  aws: AwsFoundation;
  sdkFor<S extends AwsServiceName>(service: S): Promise<AwsSdk[S]>;
  clients: Map<string, Promise<unknown>>;
}

export function createAwsClientProvider(
  config: AwsCoreConfig,
  options: AwsClientProviderOptions = {},
): AwsClientProvider {
  const modules = new Map<AwsServiceName, () => Promise<unknown>>();
  const sdkFor = <S extends AwsServiceName>(service: S): Promise<AwsSdk[S]> => {
    if (!modules.has(service)) modules.set(service, once<unknown>(AWS_SERVICES[service].load));
    return modules.get(service)!() as Promise<AwsSdk[S]>;
  };
  const aws = createAwsFoundation(config.aws, {
    logger: options.logger,
    baseCredentials: options.baseCredentials,
  });
  const core: Core = { config, aws, sdkFor, clients: new Map() };
  return { defaultRegion: aws.defaultRegion, session: (request) => openSession(core, request) };
}

/** One SDK client per service, region and identity, so the SDK's connection reuse and memos hold. */
async function clientFor<S extends AwsServiceName>(core: Core, service: S, region: string, signAs?: string) {
  const key = `${service}|${region}|${signAs ?? ''}`;
  const sdk = await core.sdkFor(service);
  if (!core.clients.has(key)) {
    const target = signAs ? configuredRole(core.config.aws, signAs) : undefined;
    const role = signAs && target ? { name: signAs, target } : undefined;
    const pending = core.aws
      .clientConfig({ serviceId: AWS_SERVICES[service].serviceId, region, role })
      .then((settings) =>
        (AWS_SERVICES[service].create as (sdk: unknown, c: AwsClientConfig) => unknown)(sdk, settings),
      );
    core.clients.set(key, pending);
    pending.catch(() => core.clients.delete(key));
  }
  return { client: (await core.clients.get(key)) as AwsSdkClients[S], sdk };
}

/**
 * Runs one call (the SDK retries it per the retry mode), mapping failures to a ToolError.
 * `signAs` is the role whose credentials sign it, or undefined for the base identity.
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
    return await run(client, sdk, signal ? { abortSignal: signal } : {});
  } catch (error) {
    // A refused AssumeRole is explained as the base identity's STS call in the region STS used.
    const failure = error instanceof AssumeRoleFailure ? error : undefined;
    const cause = failure ? failure.cause : error;
    const where = failure ? assumeRoleSite(failure, site) : site;
    const signer = failure ? undefined : signAs;
    if (isExpiredCredentialsError(cause)) forgetCredentials(core, signer);
    const regionRefusal = await explainRegionRefusal(cause, where, regionLookup(core, where, signer, signal));
    throw regionRefusal ?? toAwsToolError(cause, where);
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
function forgetCredentials(core: Core, roleName: string | undefined) {
  core.aws.credentials.forget(roleName);
  for (const key of core.clients.keys()) if (key.endsWith(`|${roleName ?? ''}`)) core.clients.delete(key);
}

async function openSession(core: Core, request: SessionRequest): Promise<AwsSession> {
  const { config } = core;
  const roleName = request.roleName;
  const role = roleName === undefined ? undefined : configuredRole(config.aws, roleName);
  if (roleName !== undefined && !role) throw unknownRoleError(roleName, Object.keys(config.roles));
  const region = request.region ?? (await core.aws.defaultRegion());
  const roleArn = role?.roleArn;
  const where = { region, roleName, roleArn, profile: config.profile };
  return {
    region,
    roleName,
    roleArn,
    call: (service, operation, run) =>
      invoke(core, { ...where, service, operation }, roleName, run, request.signal),
    async credentialSource() {
      const base = await core.aws.credentials.base().catch((error: unknown) => {
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

// Base credentials (the SDK's default provider chain) and assumed-role credentials (the SDK's
// fromTemporaryCredentials), both loaded on first use and shared by every client of a server.

import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from '@sre-agent/shared';
import { type AwsSettings, endpointFor, type RoleTarget } from './env.js';
import { once } from './once.js';
import { createRetryStrategy } from './retry-strategy.js';
import { sdkLogger } from './sdk-logger.js';

export type BaseCredentials = AwsCredentialIdentity & { $source?: object | undefined };
export type CredentialProvider = () => Promise<BaseCredentials>;

/** Renewed this long before they expire, so no call runs on a dying session. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** AssumeRole failed while credentials were resolved for a call: the refusal is the role's, not the call's. */
export class AssumeRoleFailure extends Error {
  override name = 'AssumeRoleFailure';
  readonly roleName: string;
  readonly role: RoleTarget;
  /** Where STS was called. */
  readonly region: string;

  constructor(roleName: string, role: RoleTarget, region: string, cause: unknown) {
    super(`AssumeRole ${role.roleArn} failed`, { cause });
    this.roleName = roleName;
    this.role = role;
    this.region = region;
  }
}

export interface AwsCredentials {
  /** The default chain (env, profile, SSO, web identity, container, instance metadata), or the test seam. */
  base: CredentialProvider;
  /** Credentials of a configured role, shared by every client, renewed 5 minutes before expiry. */
  role(roleName: string, role: RoleTarget): CredentialProvider;
  /** After AWS said "expired": the next call resolves again (the operator may have run `aws sso login`). */
  forget(roleName: string | undefined): void;
}

export interface AwsCredentialsOptions {
  logger?: Logger | undefined;
  /** Replaces the SDK's default chain (tests); a configured role is still assumed through STS. */
  baseCredentials?: CredentialProvider | undefined;
  /** The region STS is called in for AssumeRole. */
  stsRegion: () => Promise<string>;
}

export function createAwsCredentials(settings: AwsSettings, options: AwsCredentialsOptions): AwsCredentials {
  const chain = once(async () => options.baseCredentials ?? (await loadChain(settings, options.logger)));
  const base: CredentialProvider = async () => (await chain())();
  const roles = new Map<string, CredentialProvider>();
  return {
    base,
    role(roleName, role) {
      let provider = roles.get(roleName);
      if (!provider) {
        provider = roleProvider(settings, options, base, roleName, role);
        roles.set(roleName, provider);
      }
      return provider;
    },
    forget(roleName) {
      if (roleName) roles.delete(roleName);
      else chain.reset();
    },
  };
}

async function loadChain(settings: AwsSettings, logger: Logger | undefined): Promise<CredentialProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain({
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.credentialsFile ? { filepath: settings.credentialsFile } : {}),
    ...(settings.configFile ? { configFilepath: settings.configFile } : {}),
    ...(logger ? { logger: sdkLogger(logger) } : {}),
  }) as CredentialProvider;
}

function roleProvider(
  settings: AwsSettings,
  options: AwsCredentialsOptions,
  base: CredentialProvider,
  roleName: string,
  role: RoleTarget,
): CredentialProvider {
  const load = once(async () => {
    const [{ fromTemporaryCredentials }, { memoize }, retryStrategy] = await Promise.all([
      import('@aws-sdk/credential-providers'),
      import('@smithy/core/config'),
      createRetryStrategy(settings.retry),
    ]);
    const sts = endpointFor(settings, 'STS');
    const assume = fromTemporaryCredentials({
      masterCredentials: base as AwsCredentialIdentityProvider,
      params: {
        RoleArn: role.roleArn,
        RoleSessionName: settings.roleSessionName,
        ...(role.externalId ? { ExternalId: role.externalId } : {}),
      },
      clientConfig: {
        region: options.stsRegion,
        retryStrategy,
        ...(sts ? { endpoint: sts } : {}),
        ...(options.logger ? { logger: sdkLogger(options.logger) } : {}),
      },
    });
    // One AssumeRole shared by every client of the role (the SDK memoises per client only).
    return memoize(
      assume,
      (c) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS,
      (c) => c.expiration !== undefined,
    );
  });
  return async () => {
    try {
      return await (await load())();
    } catch (error) {
      const region = await options.stsRegion().catch(() => 'unknown');
      throw new AssumeRoleFailure(roleName, role, region, error);
    }
  };
}

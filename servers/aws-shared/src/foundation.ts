// The one entry point a server needs: settings in, SDK client configuration out. Adding a client
// for a new AWS service is `new XClient(await aws.clientConfig({ serviceId: 'X', region }))`.

import type { RetryStrategyV2 } from '@smithy/types';
import type { Logger } from '@sre-agent/shared';
import { type AwsCredentials, type CredentialProvider, createAwsCredentials } from './credentials.js';
import { resolveDefaultRegion } from './default-region.js';
import { type AwsSettings, endpointFor, type RetryMode, type RoleTarget } from './env.js';
import { once } from './once.js';
import { createRetryStrategy } from './retry-strategy.js';

/** What every SDK v3 client constructor accepts from us. */
export interface AwsClientConfig {
  region: string;
  credentials: CredentialProvider;
  retryStrategy: RetryStrategyV2;
  endpoint?: string;
  forcePathStyle?: boolean;
}

export interface ClientRequest {
  /** The SDK's service id, which also names its endpoint variable: 'EC2', 'S3', 'COST_EXPLORER', 'CLOUDWATCH_LOGS'. */
  serviceId: string;
  region: string;
  /**
   * The retry mode this client is better off with unless AWS_RETRY_MODE says otherwise: adaptive
   * where calls come in bursts against a low rate limit (Cost Explorer, metric and log fan-outs).
   */
  retryMode?: RetryMode | undefined;
  /** Sign as this assumed role instead of the base credentials. */
  role?: { name: string; target: RoleTarget } | undefined;
}

export interface AwsFoundation {
  settings: AwsSettings;
  credentials: AwsCredentials;
  /** AWS_REGION, else the profile's region (else the server's fallback). */
  defaultRegion: (() => Promise<string>) & { reset(): void };
  clientConfig(request: ClientRequest): Promise<AwsClientConfig>;
}

export interface AwsFoundationOptions {
  logger?: Logger | undefined;
  baseCredentials?: CredentialProvider | undefined;
  /** Region when neither AWS_REGION nor the profile names one; unset means "ask for one". */
  fallbackRegion?: string | undefined;
}

export function createAwsFoundation(
  settings: AwsSettings,
  options: AwsFoundationOptions = {},
): AwsFoundation {
  for (const { name, replacement } of settings.deprecated) {
    options.logger?.warn(`${name} is deprecated and will be removed; use ${replacement} instead`);
  }
  const defaultRegion = once(() => resolveDefaultRegion(settings, options.fallbackRegion));
  const credentials = createAwsCredentials(settings, {
    logger: options.logger,
    baseCredentials: options.baseCredentials,
    stsRegion: defaultRegion,
  });
  return {
    settings,
    credentials,
    defaultRegion,
    async clientConfig({ serviceId, region, role, retryMode }) {
      const endpoint = endpointFor(settings, serviceId);
      const { retry } = settings;
      const mode = retry.modeFromEnv ? retry.mode : (retryMode ?? retry.mode);
      return {
        region,
        credentials: role ? credentials.role(role.name, role.target) : credentials.base,
        // One strategy per client, as the SDK makes it: its token bucket and rate limiter are per client.
        retryStrategy: await createRetryStrategy({ ...retry, mode }),
        ...(endpoint ? { endpoint } : {}),
        // A custom S3 endpoint (LocalStack, MinIO, a fake) rarely has per-bucket DNS names.
        ...(endpoint && serviceId.toUpperCase() === 'S3' ? { forcePathStyle: true } : {}),
      };
    },
  };
}

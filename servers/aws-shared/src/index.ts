export type { CredentialSource } from './credential-source.js';
export { describeCredentialSource } from './credential-source.js';
export type { AwsCredentials, BaseCredentials, CredentialProvider } from './credentials.js';
export { AssumeRoleFailure } from './credentials.js';
export { resolveDefaultRegion } from './default-region.js';
export type {
  AwsSettings,
  AwsSettingsDefaults,
  Deprecation,
  RetryMode,
  RetrySettings,
  RoleTarget,
} from './env.js';
export {
  awsEnvSchema,
  awsEnvShape,
  configuredRole,
  DEPRECATED_VARIABLES,
  deprecationsIn,
  endpointFor,
  externalIdSchema,
  parseAwsEnv,
  RETRY_MODES,
  regionPattern,
  roleArnPattern,
  roleArnSchema,
} from './env.js';
export type { AwsCallSite } from './errors.js';
export {
  assumeRoleSite,
  isExpiredCredentialsError,
  isInvalidCredentialsError,
  isRetryableAwsError,
  isThrottlingError,
  isUnknownRegionError,
  regionNotEnabledError,
  toAwsToolError,
  unknownRegionError,
  unknownRoleError,
} from './errors.js';
export type { AwsClientConfig, AwsFoundation, AwsFoundationOptions, ClientRequest } from './foundation.js';
export { createAwsFoundation } from './foundation.js';
export { iamActionFor } from './iam-actions.js';
export { once } from './once.js';
export type { RegionLookup } from './region-probe.js';
export { explainRegionRefusal, PROBE_REGION } from './region-probe.js';
export { createRetryStrategy } from './retry-strategy.js';
export { sdkLogger } from './sdk-logger.js';

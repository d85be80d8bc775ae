export type { Canvas, Rgb } from './chart/canvas.js';
export { createCanvas, textWidth } from './chart/canvas.js';
export type { LineChartInput, LinePanel, LinePoint } from './chart/line-chart.js';
export { formatAxisValue, renderLineChart } from './chart/line-chart.js';
export { encodePng } from './chart/png.js';
export type { PngChunk, RgbTuple } from './chart/read-png.js';
export { pngChunks, readPng } from './chart/read-png.js';
export { niceStep, PALETTE as CHART_PALETTE } from './chart/scale.js';
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
  isIncompleteResponseError,
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

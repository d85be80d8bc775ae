export type {
  AwsClientProvider,
  AwsClientProviderOptions,
  AwsSession,
  CredentialProvider,
} from './aws-clients.js';
export { createAwsClientProvider } from './aws-clients.js';
export type { AwsCoreConfig, AwsServiceName, RoleTarget } from './config.js';
export { parseAwsCoreConfig } from './config.js';
export type { AwsCoreToolDeps } from './deps.js';
export type { AwsCoreServerOptions } from './server.js';
export { createAwsCoreServer, serverName, serverVersion } from './server.js';
export { awsCoreTools } from './toolsets.js';

export { createAwsClientProvider } from './aws-clients.js';
export type {
  AwsClientProvider,
  AwsClientProviderOptions,
  AwsSession,
  CredentialProvider,
} from './aws-session.js';
export type { AwsCoreConfig, AwsServiceName, RoleTarget } from './config.js';
export { awsCoreEnvSchema, parseAwsCoreConfig } from './config.js';
export type { AwsCoreToolDeps } from './deps.js';
export type { AwsCoreServerOptions } from './server.js';
export { createAwsCoreServer, serverName, serverVersion } from './server.js';
export { awsCoreTools } from './toolsets.js';

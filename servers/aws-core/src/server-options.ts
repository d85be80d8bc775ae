import { cacheUpstreamCheck, type RunServerOptions } from '@sre-agent/shared';
import { createAwsClientProvider } from './aws-clients.js';
import { parseAwsCoreConfig } from './config.js';
import { createAwsCoreServer, serverName, serverVersion } from './server.js';
import { createAwsUpstreamCheck } from './upstream-check.js';

/** Everything `runServer` needs to run this server (the stdio front aside). */
export const awsCoreServerOptions: RunServerOptions = {
  name: serverName,
  version: serverVersion,
  description: 'MCP server for AWS account context: identity, regions, IAM, EC2, S3, RDS, EKS (read-only)',
  setup({ config, logger, env }) {
    const awsConfig = parseAwsCoreConfig(env);
    // One provider for every session: SDK clients and assumed-role credentials are shared and lazy.
    const deps = {
      aws: createAwsClientProvider(awsConfig, { logger }),
      config: awsConfig,
      now: () => new Date(),
    };
    const upstream = cacheUpstreamCheck(createAwsUpstreamCheck(deps.aws));
    return { createServer: () => createAwsCoreServer({ deps, config, logger, upstream }), upstream };
  },
};

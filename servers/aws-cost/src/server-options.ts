import { cacheUpstreamCheck, type RunServerOptions } from '@sre-agent/shared';
import { parseCostConfig } from './config.js';
import { createCostExplorerClient, resolveBaseCredentials } from './cost-explorer-client.js';
import { createCostServer, serverName, serverVersion } from './server.js';
import { createCostUpstreamCheck } from './upstream-check.js';

/** Everything `runServer` needs to run this server (the stdio front aside). */
export const costServerOptions: RunServerOptions = {
  name: serverName,
  version: serverVersion,
  description:
    'MCP server for AWS Cost Explorer: spend, trends, forecasts and anomalies, with a request budget',
  setup({ config, logger, env }) {
    const costConfig = parseCostConfig(env);
    const now = () => new Date();
    // One client for every session, so the cache and the hourly request budget are process-wide.
    const ce = createCostExplorerClient({ config: costConfig, logger, now });
    const upstream = cacheUpstreamCheck(createCostUpstreamCheck(costConfig, resolveBaseCredentials));
    const deps = { ce, config: costConfig, now };
    return { createServer: () => createCostServer({ deps, config, logger, upstream }), upstream };
  },
};

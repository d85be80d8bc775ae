#!/usr/bin/env node
import { runServer } from '@sre-agent/shared';
import { parseCostConfig } from './config.js';
import { createCostExplorerClient } from './cost-explorer-client.js';
import { createCostServer, serverName, serverVersion } from './server.js';

await runServer({
  name: serverName,
  version: serverVersion,
  description:
    'MCP server for AWS Cost Explorer: spend, trends, forecasts and anomalies, with a request budget',
  setup({ config, logger, env }) {
    const costConfig = parseCostConfig(env);
    const now = () => new Date();
    // One client for every session, so the cache and the hourly request budget are process-wide.
    const ce = createCostExplorerClient({ config: costConfig, logger, now });
    return () => createCostServer({ deps: { ce, config: costConfig, now }, config, logger });
  },
});

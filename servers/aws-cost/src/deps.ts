import type { CostConfig } from './config.js';
import type { CostExplorerApi } from './cost-explorer-client.js';

/** What every cost tool needs; narrow, so tests pass their own clock and client. */
export interface CostToolDeps {
  ce: CostExplorerApi;
  config: CostConfig;
  now: () => Date;
}

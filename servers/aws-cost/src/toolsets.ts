import type { AnyTool } from '@sre-agent/shared';
import type { CostToolDeps } from './deps.js';
import { compareCostsTools } from './tools/compare-costs.js';
import { costAndUsageTools } from './tools/cost-and-usage.js';
import { costAnomaliesTools } from './tools/cost-anomalies.js';
import { costByAccountTools } from './tools/cost-by-account.js';
import { costByServiceTools } from './tools/cost-by-service.js';
import { costByTagTools } from './tools/cost-by-tag.js';
import { costForecastTools } from './tools/cost-forecast.js';
import { costTrendTools } from './tools/cost-trend.js';
import { coverageTools } from './tools/coverage.js';
import { dailyCostStatsTools } from './tools/daily-cost-stats.js';
import { dateInfoTools } from './tools/date-info.js';
import { dimensionValueTools } from './tools/dimension-values.js';
import { rightsizingTools } from './tools/rightsizing.js';

/** Every cost tool, listed explicitly: this file is the server's table of contents. */
export function costTools(deps: CostToolDeps): AnyTool[] {
  return [
    ...dateInfoTools(deps),
    ...costAndUsageTools(deps),
    ...costByServiceTools(deps),
    ...costByAccountTools(deps),
    ...costByTagTools(deps),
    ...compareCostsTools(deps),
    ...costTrendTools(deps),
    ...dailyCostStatsTools(deps),
    ...costForecastTools(deps),
    ...costAnomaliesTools(deps),
    ...coverageTools(deps),
    ...rightsizingTools(deps),
    ...dimensionValueTools(deps),
  ] as AnyTool[];
}

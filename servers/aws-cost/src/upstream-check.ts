import { isToolError, truncateCodePoints, type UpstreamCheck } from '@sre-agent/shared';
import { toCostToolError } from './ce-errors.js';
import type { CostConfig } from './config.js';
import type { CostExplorerClientOptions } from './cost-explorer-client.js';

/**
 * Are credentials resolvable (the SDK chain, or AWS_PROFILE)? Names the profile, the role to assume
 * and Cost Explorer's region, never a key. Cost Explorer is not called: each request costs $0.01.
 */
export function createCostUpstreamCheck(
  config: CostConfig,
  resolve: (options: Pick<CostExplorerClientOptions, 'config'>) => Promise<void>,
): UpstreamCheck {
  return async () => {
    const who = config.profile ? `profile "${config.profile}"` : 'the default credential chain';
    const role = config.roleArn ? `, assuming ${config.roleArn} on the first call` : '';
    try {
      await resolve({ config });
      return {
        configured: true,
        reachable: null,
        detail: `credentials found through ${who}${role}; Cost Explorer in ${config.costExplorerRegion}; AWS not called by this check`,
      };
    } catch (error) {
      const mapped = toCostToolError(error, {
        operation: 'health check',
        profile: config.profile,
        roleArn: config.roleArn,
        endpoint: config.endpoint ?? `Cost Explorer in ${config.costExplorerRegion}`,
        attempts: 1,
      });
      const text = truncateCodePoints(mapped.message.split('\n')[0] ?? '', 400);
      const detail = isToolError(mapped) && mapped.remedy ? `${text} ${mapped.remedy}` : text;
      return { configured: false, reachable: null, detail };
    }
  };
}

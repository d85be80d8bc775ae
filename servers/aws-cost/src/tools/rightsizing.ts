import { defineTool } from '@sre-agent/shared';
import { countArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { formatRightsizing } from '../format/rightsizing.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

export function rightsizingTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_rightsizing_recommendations',
      description:
        'EC2 rightsizing recommendations (downsize, or terminate idle instances), largest monthly savings first.',
      input: {
        limit: countArg('Recommendations listed, largest savings first', 20, 200),
      },
      annotations: readOnly('Rightsizing recommendations'),
      async handler({ limit }, ctx) {
        const meter = createMeter(ctx.signal);
        const result = await deps.ce.getRightsizingRecommendations(meter);
        return { text: formatRightsizing(result, limit, meter) };
      },
    }),
  ];
}

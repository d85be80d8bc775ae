import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import type { CostToolDeps } from '../deps.js';
import { formatRightsizing } from '../format/rightsizing.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

export function rightsizingTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_rightsizing_recommendations',
      description:
        "Cost Explorer's EC2 rightsizing recommendations (downsize within the family, or terminate idle instances), largest monthly savings first. One billed request per result page.",
      input: {
        limit: z
          .number()
          .int()
          .min(1)
          .max(200)
          .default(20)
          .describe('Recommendations listed, largest savings first'),
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

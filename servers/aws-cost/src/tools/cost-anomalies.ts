import { defineTool } from '@sre-agent/shared';
import { countArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { formatAnomalies } from '../format/anomalies.js';
import { addDays, isoDay } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

export function costAnomaliesTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_cost_anomalies',
      description:
        'Cost anomalies found by AWS Cost Anomaly Detection that started in the last since_days days, largest impact first, with actual vs expected spend and the top root cause (account, region, usage type). One billed request per result page.',
      input: {
        since_days: countArg('Look back this many days (1-90; anomalies are kept 90 days)', 30, 90),
        limit: countArg('Anomalies listed, largest impact first', 20, 100),
      },
      annotations: readOnly('Cost anomalies'),
      async handler({ since_days, limit }, ctx) {
        const since = addDays(isoDay(deps.now()), -since_days);
        const meter = createMeter(ctx.signal);
        const anomalies = await deps.ce.getAnomalies({ StartDate: since }, meter);
        return { text: formatAnomalies({ since, anomalies, limit, meter }) };
      },
    }),
  ];
}

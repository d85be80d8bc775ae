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
        'Cost anomalies (AWS Cost Anomaly Detection) of the last since_days days, largest impact first, with actual vs expected spend and the top root cause.',
      input: {
        since_days: countArg('Days to look back (anomalies are kept 90)', 30, 90),
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

import { defineTool } from '@sre-agent/shared';
import type { CostToolDeps } from '../deps.js';
import { formatDateInfo } from '../format/date-info.js';
import { dateInfo } from '../periods.js';
import { readOnly } from './annotations.js';

export function dateInfoTools(deps: CostToolDeps) {
  return [
    defineTool({
      name: 'get_current_date_info',
      description:
        "Today's date (UTC), this and last month's bounds, and the dates each named period resolves to. Call it first instead of guessing dates; it is free.",
      input: {},
      annotations: { ...readOnly('Current date info'), openWorldHint: false },
      async handler() {
        const now = deps.now();
        return { text: formatDateInfo(dateInfo(now), now) };
      },
    }),
  ];
}

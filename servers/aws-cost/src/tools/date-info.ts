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
        "Today's date and the current and previous month bounds in UTC, plus the dates every named period resolves to. Call this first instead of guessing dates; it makes no Cost Explorer request.",
      input: {},
      annotations: { ...readOnly('Current date info'), openWorldHint: false },
      async handler() {
        const now = deps.now();
        return { text: formatDateInfo(dateInfo(now), now) };
      },
    }),
  ];
}

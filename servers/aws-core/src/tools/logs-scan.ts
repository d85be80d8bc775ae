// Logs Insights bills by the bytes a query scans: the log events of the window, uncompressed, as
// they were ingested. Before a query runs, the cheapest size we can read is each group's
// storedBytes (DescribeLogGroups, which the query needs anyway to check the groups). That is the
// compressed size of everything the group retains, so the estimate is
//   storedBytes / compression * (window overlapping what is retained) / (span retained),
// i.e. it assumes even ingestion over the retained span. AWS's pricing calculator takes stored
// logs to be 15% of their ingested size; logs that compress better, or a burst of logging
// inside the window (likely during an incident), make the real scan larger. The statistics of
// the finished query give the real figure, which the tool reports next to the estimate.
import { ToolError } from '@sre-agent/shared';
import type { TimeWindow } from '../time-window.js';
import { windowMinutes } from '../time-window.js';
import type { LogGroupRow } from './log-groups.js';

export const STORED_TO_INGESTED = 1 / 0.15;
export const GB = 1024 ** 3;
const DAY_MS = 86_400_000;

export function estimateScanBytes(group: LogGroupRow, window: TimeWindow, now: Date): number {
  if (group.storedBytes <= 0) return 0;
  const created = group.createdAt?.getTime() ?? now.getTime() - 30 * DAY_MS;
  const retainedFrom =
    group.retentionDays === undefined
      ? created
      : Math.max(created, now.getTime() - group.retentionDays * DAY_MS);
  // Under an hour of history would make a tiny group look enormous per minute.
  const span = Math.max(now.getTime() - retainedFrom, 3_600_000);
  const overlap = Math.max(
    0,
    Math.min(window.end.getTime(), now.getTime()) - Math.max(window.start.getTime(), retainedFrom),
  );
  return ((group.storedBytes * STORED_TO_INGESTED) / span) * overlap;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * GB) return `${(bytes / (1024 * GB)).toFixed(1)} TB`;
  if (bytes >= GB) return `${(bytes / GB).toFixed(bytes >= 100 * GB ? 0 : 1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${Math.round(bytes)} B`;
}

/** The estimate for the whole query, or a refusal saying how far to narrow it. */
export function checkScanEstimate(
  groups: readonly LogGroupRow[],
  window: TimeWindow,
  now: Date,
  maxScanGb: number,
): number {
  const perGroup = groups.map((g) => ({ name: g.name, bytes: estimateScanBytes(g, window, now) }));
  const total = perGroup.reduce((sum, g) => sum + g.bytes, 0);
  if (total <= maxScanGb * GB) return total;
  const largest = [...perGroup].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  const fitMinutes = Math.floor((windowMinutes(window) * maxScanGb * GB) / total);
  throw new ToolError(
    `Refused: this Logs Insights query would scan about ${formatBytes(total)} (largest: ${largest
      .map((g) => `${g.name} ${formatBytes(g.bytes)}`)
      .join(
        ', ',
      )}), over the ${maxScanGb} GB limit (SRE_LOGS_MAX_SCAN_GB). Insights bills per GB scanned; the estimate is each group's stored bytes scaled to the window, as ingested (stored logs are ~15% of that).`,
    fitMinutes >= 1
      ? `Narrow it: a window of at most ${fitMinutes} minute(s) (since_minutes or start/end), or fewer or smaller log groups.`
      : 'Narrow it to fewer or smaller log groups, or ask the operator to raise SRE_LOGS_MAX_SCAN_GB.',
  );
}
